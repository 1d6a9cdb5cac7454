"""The quote-extraction assistant, measured against hand-labelled articles.

Each article under tests/extraction/ has an `.expected.json` listing every direct quote in it
with the full name of its speaker, labelled by reading the article, not by running the code.
Sochi is the seed article; the others are invented to cover attribution patterns
it lacks. The scare quote "supposed to do," in Sochi is labelled, attributed to Russia, the
subject of the sentence that carries it: the editor is shown every quoted passage.
"""

import json
import re
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from summits.extraction import Proposal, RosterEntry, extract_statements

ARTICLES = Path(__file__).parent / "extraction"


def labelled(name: str) -> tuple[str, list[dict]]:
    body = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((ARTICLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return body, expected


def same_quote(found: str, expected: str) -> bool:
    # Where the comma or full stop sits relative to the closing mark is house style.
    def trim(text: str) -> str:
        return re.sub(r"[,.]$", "", text.strip())

    return trim(found) == trim(expected)


def score(proposals: list[Proposal], expected: list[dict]) -> tuple[float, float]:
    """Recall of the labelled quotes, and the share of them found with the right speaker."""
    unused = [p for p in proposals if p.kind == "quote"]
    found = right_speaker = 0
    for quote in expected:
        match = next((p for p in unused if same_quote(p.text, quote["text"])), None)
        if match is None:
            continue
        unused.remove(match)
        found += 1
        right_speaker += match.speaker == quote["speaker"]
    return found / len(expected), right_speaker / len(expected)


@pytest.mark.parametrize("name", ["sochi", "g8-deauville", "eu-us-trade", "vilnius-ministers"])
def test_it_finds_the_labelled_quotes_and_their_speakers(name):
    body, expected = labelled(name)

    recall, speaker_accuracy = score(extract_statements(body), expected)

    assert recall >= 0.9, f"{name}: recall {recall:.2f}"
    assert speaker_accuracy >= 0.8, f"{name}: speaker accuracy {speaker_accuracy:.2f}"


def test_it_keeps_proposals_verbatim_and_in_article_order():
    body, _ = labelled("sochi")

    proposals = extract_statements(body)

    assert [p.start for p in proposals] == sorted(p.start for p in proposals)
    for proposal in proposals:
        assert proposal.kind in ("quote", "paraphrase")
        assert body[proposal.start : proposal.start + len(proposal.text)] == proposal.text
        assert proposal.context in body
        assert proposal.text in proposal.context


def test_it_gives_the_sentence_as_context_and_the_paragraph_for_a_quote_paragraph():
    body, _ = labelled("sochi")

    proposals = {p.text: p for p in extract_statements(body)}

    president = proposals["We all want Libya to be a modern, sovereign state,"]
    assert president.context == (
        '"We all want Libya to be a modern, sovereign state," '
        "the president told reporters at the conference."
    )
    lavrov = proposals["We did not agree. We accepted the NATO position as an accomplished fact,"]
    assert lavrov.context.startswith('"We did not agree.')
    assert lavrov.context.endswith("for the shield unilaterally.")


def test_it_splits_a_quote_around_its_attribution():
    body = (
        "Foreign Minister Sergei Petrov met his counterpart on Monday.\n"
        '"We did not agree," he said, "but we will talk."'
    )

    proposals = extract_statements(body)

    assert [(p.text, p.speaker) for p in proposals] == [
        ("We did not agree,", "Sergei Petrov"),
        ("but we will talk.", "Sergei Petrov"),
    ]


def test_it_accepts_two_apostrophes_as_a_closing_mark():
    body = "Trade Minister Ola Berg spoke last. \"We are ready. Are they?'' she asked."

    [proposal] = extract_statements(body)

    assert proposal.text == "We are ready. Are they?"
    assert proposal.speaker == "Ola Berg"


def test_it_reads_curly_quotes_and_inverted_attribution():
    body = "\u201cFine,\u201d said Chancellor Anna Weber. \u201cNobody has explained it.\u201d"

    proposals = extract_statements(body)

    assert [(p.text, p.speaker) for p in proposals] == [
        ("Fine,", "Anna Weber"),
        ("Nobody has explained it.", "Anna Weber"),
    ]


def test_it_resolves_pronouns_surnames_and_titles_to_the_full_name():
    body = (
        "Prime Minister Laura Keane met President Tom Harlow in Oslo.\n"
        '"We have work to do," she said.\n'
        '"So do we," Harlow replied.\n'
        '"Nobody doubts it," the prime minister said.'
    )

    speakers = [p.speaker for p in extract_statements(body)]

    assert speakers == ["Laura Keane", "Tom Harlow", "Laura Keane"]


def test_it_lets_an_organisation_speak():
    body = 'The Kremlin said in a statement that it "regrets the decision."'

    [proposal] = extract_statements(body)

    assert proposal.speaker == "Kremlin"


def test_it_proposes_nothing_for_a_paragraph_without_quotes():
    assert extract_statements("Leaders met in Sochi on Monday. The talks lasted two hours.") == []


def test_it_proposes_nothing_for_an_empty_body():
    assert extract_statements("") == []


def test_it_prints_the_proposals_as_json():
    out = StringIO()
    call_command("extract_statements", str(ARTICLES / "sochi.txt"), stdout=out)

    printed = json.loads(out.getvalue())
    _, expected = labelled("sochi")
    assert len([p for p in printed if p["kind"] == "quote"]) == len(expected)
    assert set(printed[0]) == {
        "speaker",
        "kind",
        "text",
        "context",
        "confidence",
        "evidence",
        "participant",
        "route",
    }
    assert printed[0]["speaker"] == "Dmitry Medvedev"
    assert printed[0]["text"] == "Good weather, good relations,"


def test_it_names_the_file_it_cannot_read(tmp_path):
    missing = tmp_path / "no-such-article.txt"

    with pytest.raises(CommandError, match=r"no-such-article\.txt"):
        call_command("extract_statements", str(missing))


# One test per cause the issue lists, in invented copy: each is a rule of news English.


def speakers(body: str, roster: tuple[RosterEntry, ...] = ()) -> list[tuple[str, str]]:
    return [(p.text, p.speaker) for p in extract_statements(body, roster) if p.kind == "quote"]


def test_it_follows_a_person_named_without_a_title_to_the_title():
    body = (
        "Harold Mbeki has warned that the talks could fail.\n"
        'Speaking in Lusaka, the prime minister said there had to be "a deal by Friday".'
    )

    assert speakers(body) == [("a deal by Friday", "Harold Mbeki")]


def test_it_gives_a_nationality_and_title_to_the_person_of_that_nation():
    body = (
        "French President Paul Renard arrived first.\n"
        "US leader Tom Baxter and Paul Renard clashed after the French president suggested "
        'the plan was "dead on arrival".'
    )

    assert speakers(body) == [("dead on arrival", "Paul Renard")]


def test_it_never_takes_a_place_before_a_participle_as_the_speaker():
    body = (
        "Prime Minister Ann Cole met the mayors.\n"
        "The British PM opened proceedings at a hotel just outside Watford saying there is "
        '"no time to lose".'
    )

    assert speakers(body) == [("no time to lose", "Ann Cole")]


@pytest.mark.parametrize(
    "verb",
    [
        "called",
        "described",
        "declared",
        "insisted",
        "warned",
        "urged",
        "stressed",
        "conceded",
        "hailed",
        "dismissed",
    ],
)
def test_it_reads_reporting_verbs_other_than_said(verb):
    body = f'Chancellor Eva Roth {verb} the plan "a step backwards".'

    assert speakers(body) == [("a step backwards", "Eva Roth")]


def test_it_reads_according_to():
    body = 'According to Foreign Minister Ivo Petrov, the deal was "within reach".'

    assert speakers(body) == [("within reach", "Ivo Petrov")]


def test_it_takes_the_clause_nearest_the_quote_not_the_first_said():
    body = (
        "Commission President Jan Moreau said rights were discussed, and President Oleg "
        'Sobol appeared to support this in statements to the media: "We are open."'
    )

    assert speakers(body) == [("We are open.", "Oleg Sobol")]


def test_it_resolves_a_pronoun_to_a_person_only_ever_named_by_surname():
    body = 'Mr Hale arrived late. Officials were relieved.\nHowever, he said: "We will sign."'

    assert speakers(body) == [("We will sign.", "Hale")]


def test_it_lets_a_group_speak_after_an_adverb():
    body = 'Collectively the G8 leaders said "the right measures are not the same".'

    assert speakers(body) == [("the right measures are not the same", "G8 leaders")]


def test_it_never_takes_a_name_inside_the_quote_as_its_speaker():
    body = (
        "The leaders met in Deauville.\n"
        '"He (Gaddafi) has no future in a free, democratic Libya," the statement said.'
    )

    [(_, speaker)] = speakers(body)
    assert speaker == ""
    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]
    assert "statement" in proposal.evidence
    assert proposal.confidence == 0


def test_it_ties_a_family_name_first_and_a_leading_article_to_the_full_name():
    body = (
        "Chinese President Xi Jinping met The European Commission President Jose Manuel "
        "Barroso.\n"
        '"We are partners," Xi said.\n'
        '"Indeed," Barroso replied.'
    )

    assert speakers(body) == [
        ("We are partners,", "Xi Jinping"),
        ("Indeed,", "Jose Manuel Barroso"),
    ]


def test_it_proposes_reported_speech_as_a_paraphrase_in_the_articles_words():
    body = (
        "President Dmitry Medvedev arrived on Monday.\n"
        "Medvedev said Russia would have to be treated as an equal partner."
    )

    [proposal] = extract_statements(body)

    assert proposal.kind == "paraphrase"
    assert proposal.text == "Russia would have to be treated as an equal partner."
    assert proposal.speaker == "Dmitry Medvedev"
    assert 0 < proposal.confidence < 0.9


def test_it_leaves_the_speaker_empty_when_two_people_fit_and_says_why():
    body = (
        "President Ana Lopes met President Marc Weil.\n"
        'Later the president told reporters: "It went well."'
    )

    [proposal] = extract_statements(body)

    assert proposal.speaker == ""
    assert "Ana Lopes" in proposal.evidence and "Marc Weil" in proposal.evidence


ROSTER = (
    RosterEntry(
        "emmanuel-macron",
        "Emmanuel Macron",
        role="President of France",
        delegation="France",
        host=True,
    ),
    RosterEntry(
        "sergei-lavrov",
        "Sergei Lavrov",
        role="Minister of Foreign Affairs of Russia",
        delegation="Russia",
    ),
    RosterEntry(
        "jens-stoltenberg", "Jens Stoltenberg", role="Secretary General of NATO", delegation="NATO"
    ),
    RosterEntry("xi-jinping", "Xi Jinping", role="President of China", delegation="China"),
    RosterEntry("muammar-gaddafi", "Muammar Gaddafi", aliases=("Gadhafi", "Qaddafi")),
)


@pytest.mark.parametrize(
    ("words", "slug"),
    [
        ("the French president", "emmanuel-macron"),
        ("the Russian foreign minister", "sergei-lavrov"),
        ("the NATO chief", "jens-stoltenberg"),
        ("the host", "emmanuel-macron"),
        ("Xi", "xi-jinping"),
        ("Gadhafi", "muammar-gaddafi"),
    ],
)
def test_it_resolves_bare_titles_and_short_names_through_the_roster(words, slug):
    body = f'The talks ran late. "We made progress," {words} said.'

    [proposal] = extract_statements(body, ROSTER)

    assert proposal.participant == slug
    assert proposal.speaker == next(e.name for e in ROSTER if e.slug == slug)
    assert "→" in proposal.evidence and proposal.confidence >= 0.8


def test_it_names_the_roster_role_in_the_evidence():
    body = '"We made progress," the French president said.'

    [proposal] = extract_statements(body, ROSTER)

    assert proposal.evidence == (
        '"the french president" → Emmanuel Macron, by the roster role "President of France"'
        " (participant emmanuel-macron)"
    )


def test_it_prints_the_roster_participant_with_summit(sochi, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text('"We did not agree," the Russian foreign minister said.', "utf-8")
    out = StringIO()

    call_command("extract_statements", str(article), "--summit", "sochi-2011", stdout=out)

    [printed] = json.loads(out.getvalue())
    assert printed["participant"] == "sergei-lavrov"


def test_it_refuses_an_unknown_summit(db, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text('"Fine," Lavrov said.', "utf-8")

    with pytest.raises(CommandError, match="no summit with slug 'atlantis'"):
        call_command("extract_statements", str(article), "--summit", "atlantis")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02binary", "binary"), (b"\xff\xfe\xfa", "UTF-8")],
)
def test_it_refuses_what_is_not_an_article(tmp_path, content, message):
    article = tmp_path / "a.txt"
    article.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        call_command("extract_statements", str(article))


def test_it_refuses_a_file_far_larger_than_any_article(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("word " * 1_100_000, "utf-8")

    with pytest.raises(CommandError, match="at most"):
        call_command("extract_statements", str(article))


def test_it_prints_an_empty_array_for_an_article_without_quotes(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Leaders met. Talks lasted two hours.", "utf-8")
    out = StringIO()

    call_command("extract_statements", str(article), stdout=out)

    assert json.loads(out.getvalue()) == []


def test_it_reads_a_huge_unpunctuated_body_quickly():
    body = ('"' + "word " * 200_000) + "\n" + ("Name Name said " * 50_000)

    started = time.perf_counter()
    extract_statements(body)

    assert time.perf_counter() - started < 5


def quote_speakers(body: str) -> dict[str, str]:
    return {p.text: p.speaker for p in extract_statements(body) if p.kind == "quote"}


def test_it_gives_a_coordinated_speech_verb_the_subject_it_is_joined_to():
    body = (
        "Prime Minister Arvid Kellen met the Danish premier on the sidelines of the summit "
        'and said there had been "real movement" on fisheries.'
    )

    assert quote_speakers(body)["real movement"] == "Arvid Kellen"


def test_it_never_takes_the_subject_of_a_reported_clause_as_an_inverted_speaker():
    body = (
        "Chancellor Mira Stolt praised the host. She thanked the allies, and said President "
        'Tomas Vek understood that "the burden must be shared" by all.'
    )

    assert quote_speakers(body)["the burden must be shared"] == "Mira Stolt"


def test_it_gives_a_short_quote_inside_a_sentence_to_the_subject_of_its_main_clause():
    body = (
        "President Lena Varga spoke for an hour. Varga repeated her government's charge that "
        '"saboteurs" had cut the pipeline.'
    )

    assert quote_speakers(body)["saboteurs"] == "Lena Varga"


def test_it_takes_the_speaker_a_headline_names_after_its_colon():
    body = (
        "Summit dinner 'a shambles': Okafor\n"
        'Opposition leader Ben Okafor said the dinner was "a shambles from start to end".'
    )

    assert quote_speakers(body)["a shambles"] == "Ben Okafor"


def test_it_gives_a_headline_quote_the_speaker_the_body_gives_the_same_words():
    body = (
        "Trade pact 'a turning point for the region'\n"
        'Commissioner Ana Ruiz said the pact was "a turning point for the region" and thanked '
        "the hosts."
    )

    assert quote_speakers(body)["a turning point for the region"] == "Ana Ruiz"


def test_it_never_takes_a_headlines_topic_as_the_speaker():
    body = (
        "Border talks at 'breaking point'\n"
        "Negotiators met for a third day. Officials declined to comment."
    )

    assert quote_speakers(body)["breaking point"] == ""


def test_it_never_reads_a_plural_noun_as_a_speech_verb():
    body = (
        "President Ivo Dragan spoke last. Mr Dragan hit back, accusing some member states of "
        '"petty national selfishness".'
    )

    assert quote_speakers(body)["petty national selfishness"] == "Ivo Dragan"


def test_it_gives_a_title_with_an_unknown_qualifier_to_no_one_it_was_not_given_to():
    body = (
        "President Sam Ortiz quoted a 1985 speech by Lyle Brand, in which the Liberal leader "
        'said, "Peace is built one treaty at a time."'
    )

    assert quote_speakers(body)["Peace is built one treaty at a time."] != "Sam Ortiz"


def test_it_gives_a_participle_after_with_to_its_own_subject():
    body = (
        "Mrs Hale met the president and stayed stony-faced, with body language experts "
        "describing her mood as 'glacial'."
    )

    assert quote_speakers(body)["glacial"] == ""


def test_it_never_takes_the_outlet_that_reported_a_quote_as_its_speaker():
    body = (
        "Prime Minister Oleg Marin said the talks were relaxed, "
        '"not even a tie in sight," Izvestia reported Sunday.'
    )

    assert quote_speakers(body)["not even a tie in sight,"] == "Oleg Marin"


def test_it_takes_a_nation_from_of_after_a_name_to_tell_two_presidents_apart():
    body = (
        "President Dan Cole spoke to President Wen Lufei of China by phone.\n"
        "The Chinese leader stressed to Cole that the two sides should talk. The key is "
        'mutual "respect and patience," he stressed.'
    )

    assert quote_speakers(body)["respect and patience,"] == "Wen Lufei"


def test_it_continues_the_last_speaker_not_a_body_the_story_merely_mentions():
    body = (
        '"We will raise it in Lima," Deputy Foreign Minister Pavel Orlov said.\n'
        "In addition, the Russian side will raise the question of sanctions. "
        '"It is clear there will be no change while this administration is in office."'
    )

    assert (
        quote_speakers(body)[
            "It is clear there will be no change while this administration is in office."
        ]
        == "Pavel Orlov"
    )


def paraphrases(body: str) -> list[tuple[str, str]]:
    return [(p.speaker, p.text) for p in extract_statements(body) if p.kind == "paraphrase"]


@pytest.mark.parametrize(
    "verb", ["hailed", "praised", "vowed", "pledged", "voiced", "cited", "reaffirmed", "condemned"]
)
def test_it_proposes_reported_speech_after_stance_verbs(verb):
    body = f"Chancellor Ilse Brandt spoke first. Brandt {verb} the accord reached on fisheries."

    assert paraphrases(body) == [("Ilse Brandt", "the accord reached on fisheries.")]


def test_it_reads_reported_speech_after_an_opener_ending_in_a_comma():
    body = (
        "President Karl Ostrow arrived late. Earlier this week, Ostrow said that the border "
        "would stay open."
    )

    assert paraphrases(body) == [("Karl Ostrow", "the border would stay open.")]


def test_it_reads_a_tail_attribution_followed_by_more_of_the_sentence():
    body = (
        "Europe must stand together against the threat, Premier Jan Kowal has warned, amid "
        "fears that the bloc is divided."
    )

    assert paraphrases(body) == [("Jan Kowal", "Europe must stand together against the threat")]


def test_it_reads_reported_speech_in_a_clause_a_subordinator_opens():
    body = (
        "Prime Minister Rosa Lind landed on Friday. The dinner was always going to be tense "
        "after Mrs Lind vowed to raise the poisoning case."
    )

    assert ("Rosa Lind", "to raise the poisoning case.") in paraphrases(body)


def test_it_never_joins_a_place_and_a_name_behind_a_form_of_address():
    body = (
        "Prime Minister Tom Hale opened the summit. Closing the talks at Port Lane Mr Hale "
        "spoke for an hour. Mr Hale praised the organisers of the event in the harbour."
    )

    assert ("Tom Hale", "the organisers of the event in the harbour.") in paraphrases(body)


def test_it_reads_reported_speech_around_a_scare_quote():
    body = (
        "Prime Minister Ivan Petrov insisted that the \u201creset\u201d was still on during "
        "the dinner."
    )

    assert ("Ivan Petrov", "the \u201creset\u201d was still on during the dinner.") in paraphrases(
        body
    )


def test_it_starts_a_new_sentence_after_a_quote_closed_by_a_full_stop():
    body = (
        'President Omar Faris spoke. "We want deeds, not photographs." He said he had accepted '
        "an invitation to a follow-up meeting."
    )

    assert ("Omar Faris", "he had accepted an invitation to a follow-up meeting.") in paraphrases(
        body
    )


def test_it_lets_two_named_people_joined_by_and_report_together():
    body = (
        "President Ada Moss met Chancellor Piet Kral. The talks covered trade and security, "
        "Moss and Kral said afterward, including the planned pipeline."
    )

    assert ("Ada Moss and Piet Kral", "The talks covered trade and security") in paraphrases(body)


def test_it_takes_a_nominative_pronoun_after_an_opener_as_the_subject():
    body = (
        "Premier Lena Holm spoke first. At the same time she stressed that the alliance must "
        "stand firm."
    )

    assert ("Lena Holm", "the alliance must stand firm.") in paraphrases(body)


def test_it_gives_reported_speech_after_and_said_to_the_clauses_subject():
    body = (
        "Prime Minister Raj Mehta on Thursday addressed the summit in Lima, and said that all "
        "members need to focus on trade."
    )

    assert ("Raj Mehta", "all members need to focus on trade.") in paraphrases(body)


def test_it_takes_the_titled_name_after_a_possessor_as_the_subject():
    body = (
        "The talks ran late. Lund's top trade adviser Maria Berg put it plainly after the "
        'meeting: "They do not trust us," she said.'
    )

    assert quote_speakers(body)["They do not trust us,"] == "Maria Berg"


def test_it_gives_a_bare_title_to_the_only_untitled_speaker_even_with_others_mentioned():
    body = (
        "Europe must stay united against the threat, Harold Mbeki has warned, amid fears that "
        "Viktor Sorin will exploit any split.\n"
        'Speaking on Saturday, the prime minister said there had to be a "hard-headed dialogue".'
    )

    assert quote_speakers(body)["hard-headed dialogue"] == "Harold Mbeki"


def test_it_leaves_a_bare_title_empty_when_two_untitled_people_have_spoken():
    body = (
        "Harold Mbeki said the talks were hard. Viktor Sorin said they were easy.\n"
        'Later the prime minister said there had to be a "hard-headed dialogue".'
    )

    assert quote_speakers(body)["hard-headed dialogue"] == ""


def test_it_records_the_route_that_found_each_speaker():
    body = 'Foreign Minister Ana Kovac met reporters.\n"We agreed," Kovac said.\n"It is done."'

    routes = [p.route for p in extract_statements(body)]

    assert routes == ["after-verb/surname", "continues/surname"]


def test_it_reads_a_plural_title_before_two_names_as_each_ones_title():
    body = (
        "Presidents Tom Harlow and Li Wen met on Monday.\n"
        'Harlow said the two nations "share responsibility" for peace.'
    )

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == "Tom Harlow"


def test_it_tells_a_secretary_of_defense_from_a_secretary_general():
    body = (
        "Secretary of Defense Lloyd J. Austin III and NATO Secretary General Jan Berg spoke.\n"
        'The secretary said the commitment is "ironclad."'
    )

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker.replace(".", "") == "Lloyd J Austin III"


def test_it_gives_a_statement_to_the_body_named_before_it_and_its_next_paragraphs():
    body = (
        'Foreign Secretary Tom Marsh said: "Diplomacy is back."\n'
        "Later, Prime Minister Ann Lowe held talks with Li Wen.\n"
        'A Downing Street statement said the pair "discussed trade.\n'
        '"They agreed to meet again.'
    )

    speakers = [p.speaker for p in extract_statements(body) if p.kind == "quote"]

    assert speakers == ["Tom Marsh", "Downing Street", "Downing Street"]


def test_it_gives_a_declaration_to_the_body_that_issued_it():
    body = '"We have taken steps," said a declaration issued by the North Atlantic Council.'

    [proposal] = extract_statements(body)

    assert proposal.speaker == "North Atlantic Council"


def test_it_leaves_a_continuation_empty_when_someone_else_was_named_in_between():
    body = (
        'Foreign Minister Ana Kovac said: "We agreed."\n'
        "Prime Minister Tom Harlow arrived later with his delegation.\n"
        '"It is done."'
    )

    last = extract_statements(body)[-1]

    assert last.speaker == ""
    assert last.evidence.startswith("probably Ana Kovac")
    assert "Tom Harlow" in last.evidence


def test_it_gives_a_quote_of_someones_words_to_them():
    body = (
        "Defence Minister Tom Marsh spoke in Brussels.\n"
        'He echoed President Ann Lowe\'s words that the pledge is "a sacred obligation".'
    )

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == "Ann Lowe"


def test_it_leaves_a_quote_empty_when_it_stands_in_what_one_said_of_anothers_words():
    body = (
        "Prime Minister Ann Lowe met President Tom Marsh.\n"
        'Mrs Lowe said Mr Marsh\'s comments were a "distraction".'
    )

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == ""
    assert proposal.evidence.startswith("probably Ann Lowe or Tom Marsh")


def test_it_leaves_a_quote_with_no_speech_verb_empty_when_the_subject_is_a_body():
    body = "The G-7 is 'absolutely unified' over the consequences of an invasion."

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == ""


def test_it_never_takes_a_prepositions_object_as_the_speaker():
    body = 'The G-7 is "absolutely unified" over the consequences, officials in London said.'

    [proposal] = extract_statements(body)

    assert proposal.speaker == ""


@pytest.mark.parametrize(
    "act",
    [
        "has defended the plan, saying",
        "rejected suggestions that",
        "refused to say whether",
        "has frequently criticised how",
    ],
)
def test_it_proposes_reported_speech_after_speech_acts_with_content(act):
    body = f"Prime Minister Ann Lowe met reporters. Ms Lowe {act} the tariffs would stay in place."

    [paraphrase] = [p for p in extract_statements(body) if p.kind == "paraphrase"]

    assert paraphrase.speaker == "Ann Lowe"


def test_it_reads_reported_speech_after_finally():
    body = (
        "Finance Minister Ann Lowe spoke. Finally, Ms Lowe conveyed her belief that debt must fall."
    )

    [paraphrase] = [p for p in extract_statements(body) if p.kind == "paraphrase"]

    assert paraphrase.speaker == "Ann Lowe"


def test_it_never_takes_the_second_of_two_places_joined_by_and_as_a_clauses_subject():
    body = "The leaders of France and Italy disputed the figures on Tuesday."

    assert [p.speaker for p in extract_statements(body) if p.kind == "paraphrase"] == []


def test_it_names_the_speaker_in_the_fullest_form_the_article_spells():
    body = (
        "Secretary of Defense Lloyd J. Austin III met allies.\n"
        '"NATO remains central," Austin said.\n'
        "Bill Lane has slammed Tony Hart's remarks.\n"
        '"It was graceless," Hart said.'
    )

    speakers = [p.speaker for p in extract_statements(body) if p.kind == "quote"]

    assert speakers == ["Lloyd J. Austin III", "Tony Hart"]


def test_it_gives_reported_speech_after_according_to_a_body_to_the_person_who_said_it():
    body = (
        "Secretary of State Tom Marsh met Ann Lowe. According to the State Department, "
        "Marsh said the US continues to support talks between the two sides."
    )

    [paraphrase] = [p for p in extract_statements(body) if p.kind == "paraphrase"]

    assert paraphrase.speaker == "Tom Marsh"
    assert paraphrase.text.startswith("the US continues to support")


@pytest.mark.parametrize("title", ["Taoiseach", "Tanaiste", "Premier", "Emir", "Sen."])
def test_it_keeps_a_local_title_out_of_the_name(title):
    body = f'{title} Tom Marsh met the press. "We are ready," Mr Marsh said.'

    [proposal] = extract_statements(body)

    assert proposal.speaker == "Tom Marsh"


def test_it_learns_a_title_the_article_uses_alone_after_the():
    body = (
        "Vizier Tom Marsh met the king on Monday.\n"
        '"We are ready," Marsh said.\n'
        '"The talks went well," the Vizier said.'
    )

    speakers = [p.speaker for p in extract_statements(body)]

    assert speakers == ["Tom Marsh", "Tom Marsh"]


def test_it_never_learns_a_title_from_a_place_before_a_name():
    body = (
        "Delegates came from the Pacific. Pacific Economic Cooperation was discussed.\n"
        '"We are ready," said Tom Marsh.'
    )

    [proposal] = extract_statements(body)

    assert proposal.speaker == "Tom Marsh"


def test_it_leaves_one_word_never_shown_to_be_a_person_empty():
    # A lone word that speaks ("Macron said") shows itself a name; one that only stands
    # before a participle does not.
    body = 'Officials met near Watford. "Growth is weaker," Watford saying, "than hoped."'

    proposals = extract_statements(body)

    assert [p.speaker for p in proposals] == ["", ""]


def test_it_never_reads_added_to_as_a_speech_verb():
    body = 'Leaders met. Brexit had added to uncertainty where growth was "weaker than hoped".'

    [proposal] = extract_statements(body)

    assert proposal.speaker == ""


def test_it_takes_one_word_as_a_person_when_a_title_names_them_elsewhere():
    body = '"We will win," Lowe said on Monday.\nPresident Lowe later left the summit.'

    [proposal] = extract_statements(body)

    assert proposal.speaker == "Lowe"


def test_it_calls_a_name_with_a_joined_particle_by_its_surname():
    body = (
        "Syrian President Bashar al-Assad's presence was welcomed.\n"
        '"A new phase begins," Assad told the gathering.'
    )

    [proposal] = extract_statements(body)

    assert proposal.speaker == "Bashar al-Assad"


def test_it_calls_a_three_word_name_by_its_middle_word():
    body = 'President Idriss Deby Itno opened the summit. "Africa must lead," Deby said.'

    [proposal] = extract_statements(body)

    assert proposal.speaker == "Idriss Deby Itno"


def test_it_gives_a_text_to_the_group_that_issued_it_not_to_the_time_after_them():
    body = (
        "A communique issued by the G20 ministers at the end of the meeting said growth "
        'was "weaker than desirable".'
    )

    [quote] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert quote.speaker == "G20 ministers"


def test_it_never_takes_the_outlet_that_relayed_words_as_their_speaker():
    body = (
        "Prime Minister Tom Marsh arrived.\n"
        'Marsh said the talks would be held "without ties," Vedomosti reported.'
    )

    [quote] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert quote.speaker == "Tom Marsh"


def test_it_never_gives_his_aides_words_to_him():
    body = (
        "Tom Marsh spoke at the summit.\n"
        'His foreign secretary had been describing the comments as "offensive".'
    )

    [proposal] = extract_statements(body)

    assert proposal.speaker == ""
    assert "his foreign secretary" in proposal.evidence


def test_it_never_gives_the_subject_a_quote_whose_sentence_has_its_own_speaker():
    body = (
        'President Tom Marsh and other leaders will show their "unity and resolve" as the war '
        "goes on into its second year, Marsh's national-security adviser said Friday."
    )

    [proposal] = extract_statements(body)

    assert proposal.speaker == ""


def test_it_leaves_a_pronoun_empty_when_someone_it_surely_fits_was_named_since():
    body = (
        "Ann Lowe has defended Tom Marsh after he declined a meeting with her and cut short "
        "his visit.\n"
        "No meeting with Mr Marsh is planned, with the US president arriving late.\n"
        'He described the gathering as a "distraction".'
    )

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == ""
    assert "probably Ann Lowe or Tom Marsh" in proposal.evidence


def test_it_follows_a_pronoun_past_a_person_named_later_in_its_sentence():
    body = (
        "Ann Lowe has met Tom Marsh.\n"
        "Lowe also struck a positive note.\n"
        'She said that Mr Marsh had been "very helpful".'
    )

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == "Ann Lowe"


def test_it_reads_past_a_relative_clause_set_off_by_dashes_to_the_subject():
    body = (
        "President Ann Lowe arrived. Speaking first, Lowe \u2014 who surprised the others by "
        "meeting the envoy \u2014 said the conditions for talks have been created."
    )

    [paraphrase] = [p for p in extract_statements(body) if p.kind == "paraphrase"]

    assert paraphrase.speaker == "Ann Lowe"


@pytest.mark.parametrize(
    "dateline",
    [
        "OSLO \u2014 ",
        "BERGEN, Norway \u2014 ",
        "OSLO (AP) \u2014 ",
        "OSLO, Jan 27 (Xinhua) -- ",
        "OSLO, Sept. 18 (Yonhap) -- ",
        "OSLO (Reuters) -",
        "OSLO (NTB / Sputnik - 25th July, 2023) ",
    ],
)
def test_it_never_takes_a_dateline_for_a_speaker(dateline):
    # Wire copy's first paragraph opens with where it was filed; the place is never the
    # subject the story follows, so "they" cannot lead back to it.
    body = (
        f"{dateline}Ann Lowe\u2019s fiery speech dominated the gathering.\n"
        "Lowe compared leaders to commissars because they had criticised her.\n"
        '"This is new," said one former diplomat. "It could be the wake-up call."'
    )

    proposals = [p for p in extract_statements(body) if p.kind == "quote"]

    assert [p.speaker for p in proposals] == ["", ""]


def test_it_reads_a_capitalised_word_with_a_hyphen_as_no_dateline():
    body = 'US-China talks ended. Ann Lowe said: "It went well."'

    [proposal] = extract_statements(body)

    assert proposal.speaker == "Ann Lowe"


@pytest.mark.parametrize(
    ("introduced", "name"),
    [
        ("Prime Minister Datuk Seri Ali Hamzah", "Ali Hamzah"),
        ("Tan Sri Ali Hamzah", "Ali Hamzah"),
        ("Dato' Ali Hamzah", "Ali Hamzah"),
        ("His Excellency Ali Hamzah", "Ali Hamzah"),
        ("HE Ali Hamzah", "Ali Hamzah"),
        ("Foreign Minister Shri Ravi Menon", "Ravi Menon"),
        ("Smt. Rita Menon", "Rita Menon"),
        ("the Rt Hon Ann Lowe", "Ann Lowe"),
        ("Baroness Ann Lowe", "Ann Lowe"),
        ("Emir Sheikh Tamim bin Hamad", "Tamim bin Hamad"),
    ],
)
def test_it_keeps_forms_of_address_out_of_the_full_name(introduced, name):
    body = f'{introduced} held talks on Friday.\n"It went well," {name.split()[-1]} said.'

    [proposal] = extract_statements(body)

    assert proposal.speaker == name


def test_it_keeps_a_given_name_that_is_also_half_a_style():
    body = 'Finance Minister Sri Mulyani Indrawati spoke.\n"Fine," Indrawati said.'

    [proposal] = extract_statements(body)

    assert proposal.speaker == "Sri Mulyani Indrawati"


def test_it_names_a_body_by_the_full_form_of_the_abbreviation_the_article_defines():
    body = (
        "Ann Lowe held talks, the Prime Minister\u2019s Office (PMO) said.\n"
        'Earlier, the PMO tweeted, "The talks focused on trade."'
    )

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == "Prime Minister\u2019s Office"


def test_it_gives_quoted_words_in_a_body_s_report_to_the_body_not_the_clause_subject():
    # The sentence's own speech verb has the body for subject: what it reports about Lowe
    # (her "fruitful discussions") is the body's wording.
    body = (
        'Prime Minister Ann Lowe on Tuesday held "fruitful discussions" with Tom Marsh, the '
        "Prime Minister\u2019s Office (PMO) here stated."
    )

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == "Prime Minister\u2019s Office"


def test_it_reads_a_body_named_with_of_as_one_speaker():
    body = (
        "Ann Lowe met Tom Marsh.\n"
        '"Both leaders reviewed the cooperation," the Ministry of External Affairs (MEA) '
        "stated in a press release."
    )

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == "Ministry of External Affairs"


def test_it_keeps_of_after_a_title_out_of_the_speakers_name():
    body = 'Lowe met the Prime Minister of Vietnam, Pham Minh Chinh. "Good talks," Pham said.'

    [proposal] = extract_statements(body)

    assert proposal.speaker == "Pham Minh Chinh"


@pytest.mark.parametrize(
    "middle",
    [
        "All three condemned North Korea's tests.",
        "All three condemned the tests by Tom Marsh.",
    ],
)
def test_it_never_gives_an_unnamed_sources_title_to_a_place_or_the_person_followed(middle):
    body = (
        '"There was strong alignment," a senior defense official said.\n'
        f'{middle} "There was a very clear statement," the official said.'
    )

    proposals = [p for p in extract_statements(body) if p.kind == "quote"]

    assert [p.speaker for p in proposals] == ["", ""]


def test_it_gives_a_participle_to_the_nearest_person_who_acts_before_it():
    body = (
        "President Tom Marsh arrived on Monday.\n"
        "NATO leaders presented a plan on Tuesday, hours after Ukrainian President Ann Lowe "
        'strongly expressed her opposition to the timeline, calling it "absurd."'
    )

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == "Ann Lowe"


def test_it_leaves_a_participle_empty_when_its_subject_is_several_people():
    body = (
        "Prime Minister Ann Lowe, President Tom Marsh and President Rob Kane held a summit "
        'on Friday, declaring "a new era of partnership."'
    )

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == ""
    assert "several people" in proposal.evidence


def test_it_leaves_it_inside_a_sentence_empty_when_the_sentence_names_a_nearer_body():
    body = (
        "The Nordic Council issued a statement on Friday.\n"
        "Norway's foreign ministry issued a statement saying it objected to a reference to "
        'a "lack of progress" in the talks.'
    )

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == ""


def test_it_continues_a_body_with_it_as_its_sentences_subject():
    body = 'The Nordic Council said the talks went well.\nIt added that trade "was discussed".'

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == "Nordic Council"


def test_it_never_carries_a_speaker_past_a_clause_with_its_own_subject():
    body = (
        'Prime Minister Ann Lowe called the summit "historic," as the G7 leaders renewed '
        'their commitment to "the path of peace."'
    )

    proposals = [p for p in extract_statements(body) if p.kind == "quote"]

    assert [p.speaker for p in proposals] == ["Ann Lowe", ""]


def test_it_carries_a_speaker_to_the_second_half_of_a_split_quote():
    body = '"We are ready," Ann Lowe said, "and we will stay ready."'

    proposals = extract_statements(body)

    assert [p.speaker for p in proposals] == ["Ann Lowe", "Ann Lowe"]


def test_it_finds_a_single_quoted_paragraph_that_runs_on_into_the_next():
    # British house style quotes with single marks, and leaves a quote open at the end of a
    # paragraph when the same speaker goes on in the next.
    body = (
        "Mr Lowe said: 'China poses the biggest challenge of our age.\n\n"
        "'We will stand with Ukraine for as long as it takes.\n\n"
        "The leaders' dinner ran late."
    )

    proposals = [p for p in extract_statements(body) if p.kind == "quote"]

    assert [p.text for p in proposals] == [
        "China poses the biggest challenge of our age.",
        "We will stand with Ukraine for as long as it takes.",
    ]
    assert {p.speaker for p in proposals} == {"Lowe"}


def test_it_reads_press_secretary_as_one_title_before_the_name():
    body = (
        "Kremlin press secretary Anna Lowe played down the talks, describing them as a "
        '"listening exercise."'
    )

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == "Anna Lowe"


@pytest.mark.parametrize("title", ["chief press secretary", "spokesman"])
def test_it_names_the_holder_a_title_introduces_between_commas(title):
    body = f'"We agreed," Lowe\u2019s {title}, Ben Okafor, said.'

    [proposal] = extract_statements(body)

    assert proposal.speaker == "Ben Okafor"


def test_it_keeps_an_appositive_that_is_no_name_out_of_the_speaker():
    body = 'Rasmussen, head of the federation, said: "We agreed."'

    [proposal] = extract_statements(body)

    assert proposal.speaker != "head of the federation"


@pytest.mark.parametrize("dateline", ["PORT LOUIS:", "PORT LOUIS, Sept 16:", "PORT LOUIS (PNA)"])
def test_it_reads_agency_datelines_as_places_never_speakers(dateline):
    body = (
        f"{dateline} Prime Minister Ann Lowe pressed Ben Okafor on Friday, saying, "
        '"This is no era of war."'
    )

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == "Ann Lowe"


def test_it_keeps_a_transcripts_repeated_speaker_labels_out_of_datelines():
    body = "ANN LOWE: We met today.\nBEN OKAFOR: We did. The talks went well.\n"

    assert "ANN LOWE" not in {p.speaker for p in extract_statements(body)}


def test_it_gives_words_reported_according_to_a_body_to_the_person_who_said_them():
    body = (
        'Ann Lowe said she was sure the talks would "uphold free trade," according to a '
        "White House statement."
    )

    [proposal] = extract_statements(body)

    assert (proposal.speaker, proposal.route) == ("Ann Lowe", "after-according-relayed/name")


def test_it_leaves_words_according_to_a_body_empty_when_a_person_may_have_said_them():
    body = (
        'Ann Lowe repeated that her country will defend its ally with "the full range of '
        'its capabilities," according to the White House.'
    )

    [proposal] = extract_statements(body)

    assert proposal.speaker == ""
    assert "probably Ann Lowe" in proposal.evidence


def test_it_still_gives_words_according_to_a_body_to_the_body_when_no_one_else_speaks():
    body = 'The talks will cover "trade and security," according to the Kremlin.'

    [proposal] = extract_statements(body)

    assert proposal.speaker == "Kremlin"


def test_it_continues_an_unnamed_source_not_the_last_named_speaker():
    body = (
        'Ann Lowe said: "It was a good meeting."\n'
        'A Downing Street spokesperson said: "The Prime Minister met Ms Lowe.\n'
        '"They discussed trade."'
    )

    proposals = extract_statements(body)

    assert [p.speaker for p in proposals] == ["Ann Lowe", "", ""]
    assert proposals[-1].route == "continues-unnamed"


def test_it_reads_the_first_line_as_the_headline_whatever_its_case():
    body = (
        "Ocean Summit: 'A good day for fish' as ministers agree a deal on quotas for the "
        "coming decade\n"
        "Ministers agreed a deal on Friday."
    )

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == ""


def test_it_gives_a_headlines_kicker_quote_to_a_person_it_names():
    body = "Lowe: 'A good day for fish'\nAnn Lowe hailed the deal."

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]

    assert proposal.speaker == "Ann Lowe"


def test_it_reads_he_in_a_reported_clause_as_the_sentences_subject():
    body = (
        "President Ann Lowe jolted the summit on Thursday, before he reiterated that his "
        "country would stand by its allies."
    )

    [proposal] = extract_statements(body)

    assert (proposal.kind, proposal.speaker) == ("paraphrase", "Ann Lowe")


@pytest.mark.parametrize(
    "sentence",
    [
        "Sheikh Ann Lowe opened the summit, slamming the strikes as a blow to peace.",
        "President Ann Lowe opened the summit with a call for calm in the region.",
        "Ann Lowe delivered a stark message, warning that no leader lasts forever.",
    ],
)
def test_it_proposes_a_speech_act_hung_on_the_subject_as_a_paraphrase(sentence):
    [proposal] = extract_statements(sentence)

    assert (proposal.kind, proposal.speaker) == ("paraphrase", "Ann Lowe")


def test_it_proposes_no_paraphrase_for_a_speech_act_of_several_subjects():
    body = "Ann Lowe and Ben Okafor met on Friday, warning that the talks could fail."

    assert [p for p in extract_statements(body) if p.speaker in ("Ann Lowe", "Ben Okafor")] == []


# Sentences of each kind that broke on real British, agency and wire copy this round, with
# invented people: the rule, not the article, is what is tested.


def test_it_reads_a_title_with_its_own_verb_as_a_new_subject_not_an_apposition():
    body = (
        "Oleg Varga's spokesman said the talks were useful.\n"
        'Asked whether he would meet Mr Alder, the Russian leader replied: "Why not?"'
    )

    [proposal] = [p for p in extract_statements(body) if p.kind == "quote"]
    assert proposal.speaker == ""
    assert "the russian leader" in proposal.evidence


def test_it_never_gives_a_nations_title_to_someone_of_no_stated_nation():
    body = (
        "President Tom Alder and Chinese leader Wen Lu agreed on Wednesday to talk again.\n"
        'Wen told Alder that "the planet is big enough". The Chinese president also warned '
        'against "decoupling".'
    )

    assert quote_speakers(body)["decoupling"] == "Wen Lu"


def test_it_gives_he_to_the_unnamed_spokesman_who_has_the_floor():
    body = (
        'Prime Minister Arvid Kellen said: "We are not going to be rushed."\n'
        'A government spokesman said: "The prime minister has been clear." He added: "We '
        'will publish our own plan."'
    )

    assert quote_speakers(body)["We will publish our own plan."] == ""


def test_it_leaves_a_counted_or_indefinite_source_unnamed():
    body = (
        'Chinese officials said Beijing was "satisfied".\n'
        '"It\'s a good day," one European diplomat said. "Nobody lost," said two diplomats.'
    )

    speakers = quote_speakers(body)
    assert speakers["It's a good day,"] == ""
    assert speakers["Nobody lost,"] == ""


def test_it_names_a_sovereign_by_title_and_follows_her():
    body = (
        'The Queen said she was "proud" of the Commonwealth. Later she said she hoped it '
        'would "carry on".'
    )

    speakers = quote_speakers(body)
    assert speakers["proud"] == speakers["carry on"] == "Queen"


def test_it_reads_a_name_shouted_in_capitals_at_the_start_of_a_story():
    body = (
        "ARVID KELLEN has urged all allies to spend more on defence.\n"
        'In a rallying cry, the prime minister said countries cannot be "complacent".'
    )

    assert quote_speakers(body)["complacent"] == "Arvid Kellen"


def test_it_gives_no_speaker_to_the_subject_of_a_passive_verb():
    body = (
        "Arvid Kellen praised for 'short, concise' summit\n\n"
        "Prime Minister Arvid Kellen ended the summit early."
    )

    assert quote_speakers(body)["short, concise"] == ""


def test_it_gives_a_nations_title_to_the_one_person_the_sentence_before_named():
    body = (
        'Ilse Brandt said the plan "will not work".\n'
        'Pierre Lanvin was blunter. The French president called the plan "a fantasy".'
    )

    assert quote_speakers(body)["a fantasy"] == "Pierre Lanvin"


def test_it_leaves_a_nations_title_empty_between_a_stateless_holder_and_the_man_just_named():
    body = (
        "Weapons may reach extremists, Oleg Varga warned as the summit ended.\n"
        "The Russian president said forces opposed to president Omar Haddad were "
        '"exactly the same" as the killers.'
    )

    assert quote_speakers(body)["exactly the same"] == ""


def test_it_gives_a_second_quote_to_the_subject_of_the_speech_verb_between_them():
    body = (
        'In a statement that Prime Minister Arvid Kellen said was "turning up the pace", '
        'the eight nations said talks should be held "as soon as possible".'
    )

    speakers = quote_speakers(body)
    assert speakers["turning up the pace"] == "Arvid Kellen"
    assert speakers["as soon as possible"] == ""  # the eight nations, whom no name gives


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ('According to him, "the alliance keeps growing".', "the alliance keeps growing"),
        ('"We are open," the Russian top diplomat pointed out.', "We are open,"),
        (
            'EU foreign policy chief Sergei Volkov slammed the move as "unacceptable".',
            "unacceptable",
        ),
    ],
)
def test_it_follows_agency_phrasings_to_the_minister(sentence, quote):
    body = (
        "Russian Foreign Minister Sergei Volkov told reporters on Friday that talks would "
        f"go on.\n{sentence}"
    )

    assert quote_speakers(body)[quote] == "Sergei Volkov"


def test_it_reads_a_name_with_a_run_of_particles_in_full():
    body = '"There is no plan B," said Ursula van der Berg, the commission president.'

    assert quote_speakers(body)["There is no plan B,"] == "Ursula van der Berg"


def test_it_gives_the_quote_to_the_spokesman_named_after_the_title_despite_an_adverb():
    body = (
        'Prime Minister Giulia Ferri said she was "calm".\n'
        "Ferri's spokesman, Paolo Conti, later said the prime minister had been "
        '"misunderstood".'
    )

    assert quote_speakers(body)["misunderstood"] == "Paolo Conti"


def test_it_gives_the_communique_to_the_body_the_story_says_issued_it():
    body = (
        "G20 leaders failed to agree on debt relief in a final communique on Tuesday.\n"
        '"We remain committed to growth," said the communique.'
    )

    assert quote_speakers(body)["We remain committed to growth,"] == "G20 leaders"


def test_it_gives_the_diplomat_to_the_foreign_minister_but_not_past_an_unnamed_diplomat():
    named = (
        "Foreign Minister Sergey Volkov, who attended the talks, said Moscow was pleased.\n"
        '"The approach is balanced," the diplomat pointed out.'
    )
    unnamed = (
        "Foreign Minister Sergey Volkov, who attended the talks, said Moscow was pleased.\n"
        'A European diplomat said: "Nothing moved." "Nothing at all," the diplomat added.'
    )

    assert quote_speakers(named)["The approach is balanced,"] == "Sergey Volkov"
    assert quote_speakers(unnamed)["Nothing at all,"] == ""


def test_it_gives_a_headlines_quoted_word_to_its_subject_the_body_quotes():
    body = (
        "Alder's anger over 'absurd' delay jars summit\n\n"
        'President Tom Alder said talks with President Oleg Varga had been "tough".'
    )

    assert quote_speakers(body)["absurd"] == "Tom Alder"


def test_it_gives_he_to_the_one_man_the_sentence_before_named_when_no_one_followed_fits():
    body = (
        "Chancellor Ilse Brandt welcomed Mrs Giulia Ferri to Berlin on Tuesday.\n"
        '"We want an orderly exit," she said.\n'
        "Mrs Ferri later flew to Paris, where she met President Pierre Lanvin. "
        '"We had a good discussion," he said.'
    )

    assert quote_speakers(body)["We had a good discussion,"] == "Pierre Lanvin"


def test_it_takes_a_lone_surname_that_speaks_once_as_a_name_but_not_sources():
    body = (
        "Lanvin said the conditions for a meeting had been created.\n"
        '"We are ready," Lanvin said.\n'
        'Sources said the plan was "dead".'
    )

    speakers = quote_speakers(body)
    assert speakers["We are ready,"] == "Lanvin"
    assert speakers["dead"] == ""


def test_it_credits_a_soundbite_to_the_name_after_its_dash():
    body = (
        "Here is the summit, told through quotes from the key players:\n"
        "\u201cWe are stalled \u2014 more complicated than expected\u201d \u2014 Prime Minister "
        "Giulia Ferri in a video message on Saturday."
    )

    assert quote_speakers(body)["We are stalled \u2014 more complicated than expected"] == (
        "Giulia Ferri"
    )


def test_it_never_takes_a_place_for_the_person_a_bare_title_means():
    body = (
        "Leaders gathered in St Petersburg on Saturday.\n"
        'The prime minister said it was an "open question".'
    )

    assert quote_speakers(body)["open question"] == ""


def test_it_drops_a_directors_title_from_the_name():
    body = 'Communications Director Fahri Alkan said the talks were "constructive".'

    assert quote_speakers(body)["constructive"] == "Fahri Alkan"


def test_it_never_gives_a_colons_quote_to_an_earlier_clauses_speaker():
    body = (
        "President Luis Costa said human rights were discussed, and Varga appeared to support "
        'this in statements to the media: "We are ready to discuss any issue."'
    )

    [proposal] = extract_statements(body)
    assert proposal.speaker == ""
    assert "Varga" in proposal.evidence


def test_it_never_gives_a_participle_to_someone_who_only_looks_on():
    body = (
        "Prime Minister Arvid Kellen and President Omar Haddad attended the summit.\n"
        "Kellen made a veiled attack on his neighbour as Haddad listened, saying countries "
        'which "fund terror" must be held to account.'
    )

    assert quote_speakers(body)["fund terror"] == "Arvid Kellen"


def test_it_never_takes_a_party_leader_for_a_nations_leader():
    body = (
        "Mara Lind, the Conservative leader, said the plan was risky.\n"
        'Oleg Petrenko welcomed the move. The Ukrainian leader said: "Thank you, friends."'
    )

    assert quote_speakers(body)["Thank you, friends."] == "Oleg Petrenko"


def test_it_gives_the_quote_to_a_chief_of_staff_named_after_the_title():
    body = (
        "President Oleg Petrenko welcomed the move.\n"
        'His chief of staff, Andriy Marko, said Kyiv was "grateful".'
    )

    assert quote_speakers(body)["grateful"] == "Andriy Marko"


def test_it_counts_both_speakers_of_a_sentence_and_leaves_the_title_and_she_after_it_empty():
    body = (
        'Anna Kovac has said "real progress" was made - but Mark Tiller said it sounded '
        'like "Groundhog Day".\n'
        'The PM said she had a "degree of confidence".\n'
        'She also said there would be no "hard border".'
    )

    speakers = quote_speakers(body)
    assert speakers["degree of confidence"] == ""
    assert speakers["hard border"] == ""


@pytest.mark.parametrize(
    ("body", "quote", "speaker"),
    [
        # A nation's possessive qualifies the name after it (wire headlines and copy).
        ('Germany\'s Merkel said there were "thorny issues".', "thorny issues", "Merkel"),
        # Number 10 is Downing Street: "the Number 10 source" is an unnamed source.
        (
            'Prime Minister Tom Marsh spoke first. "We need progress," said the Number 10 source.',
            "We need progress,",
            "",
        ),
        # Someone named in the sentence is not also its bare title.
        (
            'President Tom Alder said: "Time is right."\nResponding to Mr Alder, the Prime '
            "Minister said \"that doesn't mean we won't do a deal\".",
            "that doesn't mean we won't do a deal",
            "",
        ),
        # A nation of two words is not a person a pronoun can mean.
        (
            "North Korea, he asserted, has \u201ctremendous economic potential.\u201d",
            "tremendous economic potential.",
            "",
        ),
    ],
)
def test_it_reads_wire_and_british_names_and_places(body, quote, speaker):
    assert quote_speakers(body)[quote] == speaker


def test_it_never_gives_she_to_the_one_she_spoke_to_in_the_sentence_before():
    body = (
        "Anna Kovac has upbraided Oleg Varga for the poisoning, calling it a "
        '"truly despicable act", during a frosty meeting at the summit.\n'
        "A senior official confirmed that the prime minister had read an interview with the "
        'Russian president in which he declared liberalism to be "obsolete".\n'
        'According to a Downing Street spokesperson, she told Varga: "This must stop."\n'
        'And she confronted Varga with the fact that the UK had "irrefutable evidence".'
    )

    assert quote_speakers(body)["irrefutable evidence"] == ""


def test_it_gives_a_relative_clauses_words_to_its_antecedent_after_a_preposition():
    body = (
        "President Luis Costa announced the meeting after a summit with President Tom Alder, "
        'who called it "just a step".'
    )

    assert quote_speakers(body)["just a step"] == "Tom Alder"


def test_it_gives_the_words_of_an_appeal_to_the_one_who_made_it():
    body = (
        "EU leaders said they heard nothing new, despite an appeal from Council President "
        'Piet Maas for Kovac to bring "concrete" proposals.'
    )

    assert quote_speakers(body)["concrete"] == "Piet Maas"


def test_it_reads_a_surname_that_opens_with_its_particles_and_a_professors_name():
    body = (
        "Commission President Ursula van der Berg spoke first.\n"
        '"We have a crisis," van der Berg said.\n'
        'Oxford Professor Paul Colby said the work was "heroic".'
    )

    speakers = quote_speakers(body)
    assert speakers["We have a crisis,"] == "Ursula van der Berg"
    assert speakers["heroic"] == "Paul Colby"


def test_it_gives_the_quote_to_the_one_quoted_as_saying_it():
    body = (
        "Prime Minister Ravi Menon met Foreign Secretary Anil Rao in Bishkek.\n"
        '"We look for a peaceful settlement," Rao quoted Menon as telling Xi.'
    )

    assert quote_speakers(body)["We look for a peaceful settlement,"] == "Ravi Menon"


def test_it_gives_the_quote_to_the_one_an_agency_cites_as_saying_it():
    # "cited" had not been read as a speech verb: the participle "saying" was, with the
    # agency before it as its subject, so the words went to the agency.
    body = (
        "Premier Lena Varga met President Otto Brandt in Tirana.\n"
        '"Our ties are growing fast," the agency Norpress cited her as saying.'
    )

    assert quote_speakers(body)["Our ties are growing fast,"] == "Lena Varga"


def test_it_gives_the_kings_words_to_the_monarch_named_by_a_regnal_number():
    # "Osric VII" had been read as a body (a word in capitals) and "the King" as a new
    # person called "King".
    body = (
        "Osric VII appealed at the summit for the unity of its nations.\n\n"
        "The King stressed that the region's heritage must be kept. "
        '"We must stay united," he said.'
    )

    speakers = quote_speakers(body)
    assert speakers["We must stay united,"] == "Osric VII"
    paraphrase = next(p for p in extract_statements(body) if p.kind == "paraphrase")
    assert paraphrase.speaker == "Osric VII"


def test_it_reads_a_councillor_as_a_title_not_part_of_the_name():
    body = '"It is good for our credibility," said Federal Councillor Ignaz Kessler.'

    assert quote_speakers(body)["It is good for our credibility,"] == "Ignaz Kessler"


def test_it_reads_a_ministers_portfolio_as_part_of_the_title():
    body = (
        'Climate talks "inadequate," says French ecology minister Vernay\n\n'
        "Odile Vernay has criticised the talks in Bonn."
    )

    assert quote_speakers(body)["inadequate,"] == "Odile Vernay"


@pytest.mark.parametrize(
    "body",
    [
        '"We are ready," said Minister of Foreign Affairs Wang Lin.',
        'According to director of communications Wang Lin, "We are ready."',
        '"We are ready," said the Minister of State for Europe Wang Lin.',
    ],
)
def test_it_reads_a_title_of_a_portfolio_before_the_holders_name(body):
    # The phrase had stopped at "of": "the minister", whom no one held.
    assert quote_speakers(body)[body.split('"')[1]] == "Wang Lin"


def test_it_gives_a_bare_title_to_a_one_word_name_that_has_spoken():
    # Agency copy may never print a first name; "Stolberg" had to have one before "the
    # alliance's secretary general" could be him.
    body = (
        'Stolberg said the summit "will be one of the most important".\n\n'
        '"When it comes to deterrence, we are united," said the secretary general.'
    )

    assert quote_speakers(body)["When it comes to deterrence, we are united,"] == "Stolberg"


def test_it_counts_a_monarch_among_those_a_head_of_state_can_be():
    # "the head of state" had gone to the president of the government, the only one with
    # a president's title, though the king is the head of state.
    body = (
        "The King, accompanied by the President of the Government, Tomas Ruiz, spoke "
        "after Osric VII had opened the summit.\n\n"
        '"All our nations must remain united," said the head of state.'
    )

    quote = next(p for p in extract_statements(body) if p.kind == "quote")
    assert quote.speaker == ""
    assert "Osric VII" in quote.evidence
    assert "Tomas Ruiz" in quote.evidence


def test_it_gives_a_quote_after_a_noun_of_speech_to_the_sentences_subject():
    # With no speech verb, a "he" subject had been too weak to name anyone.
    body = (
        "President Arlo Venn spoke at the United Nations on Tuesday.\n\n"
        'He made the bold claim that "my government has done more than any other."'
    )

    quote = next(p for p in extract_statements(body) if p.kind == "quote")
    assert quote.speaker == "Arlo Venn"
    assert "claim" in quote.evidence


def test_it_keeps_a_title_the_story_gave_its_untitled_lead_after_others_speak():
    # Once another untitled person had spoken, "the prime minister" had named no one.
    body = (
        'Edwin Holt has hailed the alliance as "the most successful in history".\n\n'
        'The PM insisted there was "very great solidarity" within it.\n\n'
        'Opposition figure Gareth Pryce said he wanted "fewer tensions".\n\n'
        "Asked about the US, the prime minister said it had always stood "
        '"shoulder to shoulder" with Britain.'
    )

    quote = next(p for p in extract_statements(body) if p.text == "shoulder to shoulder")
    assert quote.speaker == "Edwin Holt"
    assert "gave this title before" in quote.evidence


def test_it_reads_a_coordinator_as_a_title():
    body = '"The eyes of the world are on you," said UN Humanitarian Coordinator Ines Varga.'

    assert quote_speakers(body)["The eyes of the world are on you,"] == "Ines Varga"


def test_it_gives_an_opening_participles_quote_to_the_main_clauses_speaker():
    # The first quote of "Describing ... as '...' and '...,' Abe said" had named no one.
    body = (
        "Premier Taro Ishida met the president-elect in New York.\n\n"
        'Describing the talks as "candid" and held in a "warm atmosphere," Ishida said: '
        '"Alliances cannot function without trust."'
    )

    speakers = quote_speakers(body)
    assert speakers["candid"] == "Taro Ishida"
    assert speakers["Alliances cannot function without trust."] == "Taro Ishida"


@pytest.mark.parametrize(
    ("body", "quote", "speaker"),
    [
        # The body and the title before the name had been read as one body.
        (
            '"A trade bully," said Ministry of Commerce spokesman Gao Lin.',
            "A trade bully,",
            "Gao Lin",
        ),
        # The phrase had stopped at "on", and "Council" spoke.
        (
            'Council on Foreign Relations President Ruth Amsel outlined "realistic" goals.\n\n'
            '"The question is what we can avoid," Amsel said.',
            "realistic",
            "Ruth Amsel",
        ),
    ],
)
def test_it_reads_a_body_named_in_full_and_a_title_before_the_holders_name(body, quote, speaker):
    assert quote_speakers(body)[quote] == speaker


def test_it_gives_the_floor_to_an_unnamed_source_named_at_a_sentences_end():
    # The "he" after ", the prime minister's spokesman says." had gone to the last person
    # the story named.
    body = (
        "President Carl Odum later met the Queen at Windsor Castle.\n\n"
        "Fewer than 30 guests were at the event - in keeping with restrictions, the prime "
        "minister's spokesman says.\n\n"
        '"The event was done in an entirely safe way," he insists.'
    )

    quote = next(p for p in extract_statements(body) if p.kind == "quote")
    assert quote.speaker == ""
    assert "spokesman" in quote.evidence


def test_it_never_gives_a_blocs_head_to_a_president_of_no_stated_nation():
    # "the NATO head" had fitted President Varn, whose nation the article never gave.
    body = (
        "President Varn attended the NATO summit in Brussels.\n\n"
        'The NATO head said the alliance is "more united" than ever.'
    )

    assert quote_speakers(body)["more united"] == ""


def test_it_prefers_a_finite_speech_verb_to_a_later_participles_subject():
    # "adding" had made the sentence's subject, Norway, the speaker.
    body = (
        "President Aydin Kara met the US president in Brussels.\n\n"
        'Norway would "expand cooperation" with Washington, Kara said, adding that he '
        "had invited the US president to visit."
    )

    assert quote_speakers(body)["expand cooperation"] == "Aydin Kara"


def test_it_does_not_give_a_question_put_to_someone_to_them():
    body = (
        "Prime Minister Lena Holm refused to answer.\n\n"
        'Holm was then asked: "So what the president said today was wrong?"\n\n'
        'Holm also said the allies must "take the consequences" when she was asked about it.'
    )

    speakers = quote_speakers(body)
    assert speakers["So what the president said today was wrong?"] == ""
    assert speakers["take the consequences"] == "Lena Holm"


def test_it_gives_the_words_to_the_one_who_calls_someone_to_say_them():
    # "rang X to warn her" had made X, the one called, the speaker.
    body = (
        "Commission President Jan Dekker met Prime Minister Ruth Ames in London.\n\n"
        "The next morning Dekker rang German chancellor Greta Vogel to warn her that "
        'Ames\'s approach was from a "different galaxy".'
    )

    assert quote_speakers(body)["different galaxy"] == "Jan Dekker"


def test_it_gives_the_words_to_the_pronoun_before_the_verb_not_a_texts_issuer():
    body = (
        "President Dale Orrin said he would not endorse a joint communique put out by the "
        'G7 leaders after what he called Prime Minister Ana Reyes\'s "false statements".'
    )

    assert quote_speakers(body)["false statements"] == "Dale Orrin"


@pytest.mark.parametrize(
    "body",
    [
        '"We must make sacrifices," Idris Dabo, outgoing chairperson of African Union said.',
        '"We must make sacrifices," Idris Dabo, United Nations Secretary-General said.',
    ],
)
def test_it_reads_an_apposition_left_without_its_closing_comma(body):
    # The words after the comma had been read as the subject: a body, or a title no one held.
    assert quote_speakers(body)["We must make sacrifices,"] == "Idris Dabo"


def test_it_gives_a_transcripts_words_to_the_label_before_them_but_not_to_q():
    body = (
        "Q&A with the president\n\n"
        "Q: Will France sign the deal?\n\n"
        'Lanvin: "Not in its current form."\n\n'
        'Q: "And if it changes?"'
    )

    speakers = quote_speakers(body)
    assert speakers["Not in its current form."] == "Lanvin"
    assert speakers["And if it changes?"] == ""


def test_it_reads_a_hyphenated_surname_and_a_title_with_its_complement():
    body = (
        "Swiss President Karin Meier-Sutter called for stability on Thursday.\n"
        '"Switzerland wants a strong Europe," declared Meier-Sutter on her arrival.\n'
        "But the current president of the Council, Charles Morel, told reporters there was "
        '"no agreement".'
    )

    speakers = quote_speakers(body)
    assert speakers["Switzerland wants a strong Europe,"] == "Karin Meier-Sutter"
    assert speakers["no agreement"] == "Charles Morel"


def test_it_reads_a_described_name_and_a_relative_clause_after_a_time_word():
    body = (
        "In line with Prime Minister Tom Marsh, who yesterday called for a "
        '"new Bretton Woods", President Pierre Lanvin appealed for a summit.\n'
        '"Europe wants this summit," said a bullish Lanvin.'
    )

    speakers = quote_speakers(body)
    assert speakers["new Bretton Woods"] == "Tom Marsh"
    assert speakers["Europe wants this summit,"] == "Pierre Lanvin"


def test_it_reads_past_a_time_phrase_that_opens_the_sentence():
    body = (
        "President Tom Marsh met Pierre Lanvin in Oslo.\n\n"
        "About an hour earlier, Marsh had sounded optimistic, saying "
        '"we will have a deal."\n\n'
        'Two days later, Lanvin was blunter, saying "there is no deal."'
    )

    speakers = quote_speakers(body)
    assert speakers["we will have a deal."] == "Tom Marsh"
    assert speakers["there is no deal."] == "Pierre Lanvin"


def test_it_proposes_words_reported_before_an_inverted_verb_and_an_appeal():
    body = (
        "Premier Li Wen met Chancellor Ilse Brandt in Dalian.\n\n"
        "Relations must always rest on mutual respect and sincerity, said Li.\n\n"
        "The two sides will meet again before the end of the year, added the chancellor "
        "at the closing dinner.\n\n"
        "Brandt called for an early agreement on the steel tariffs.\n\n"
        "The ministers, said officials, had worked through the night."
    )

    found = paraphrases(body)
    assert ("Li Wen", "Relations must always rest on mutual respect and sincerity") in found
    assert ("Ilse Brandt", "The two sides will meet again before the end of the year") in found
    assert ("Ilse Brandt", "called for an early agreement on the steel tariffs.") in found
    assert not any(text.startswith("The ministers") for _, text in found)


def test_it_proposes_reported_speech_after_a_conjunction_a_weekday_and_according_to():
    body = (
        "Prime Minister Tom Marsh met spokeswoman Hua Lin in Ottawa.\n\n"
        "No date is set for the summit, but Marsh said the leaders would meet in spring.\n\n"
        "Elections loom in both countries, and Marsh said Thursday it had been tricky.\n\n"
        "The sides will exchange views on trade, according to spokeswoman Hua Lin.\n\n"
        "The talks ran late into the night, according to reports."
    )

    found = paraphrases(body)
    assert ("Tom Marsh", "the leaders would meet in spring.") in found
    assert ("Tom Marsh", "it had been tricky.") in found
    assert ("Hua Lin", "The sides will exchange views on trade") in found
    assert not any(text.startswith("The talks ran late") for _, text in found)


def test_it_gives_an_expressed_wish_to_its_group_but_not_to_one_who_spoke_at_another_time():
    body = (
        'EU leaders expressed determination to "strengthen and intensify" their ties.\n\n'
        'NATO leaders presented a plan for Ukraine to join "when allies agree," hours after '
        "President Petro Marchenko strongly expressed his anger."
    )

    speakers = quote_speakers(body)
    assert speakers["strengthen and intensify"] == "EU leaders"
    # The plan's words are the subject's, but no speech verb says so: left empty, never
    # given to the president who spoke hours before.
    assert speakers["when allies agree,"] == ""


def test_it_does_not_take_an_objects_apposition_for_the_subject():
    body = (
        "Prime Minister Tom Marsh met President Pierre Lanvin.\n\n"
        "The French President appeared to criticise Mr Marsh's predecessor, Ann Lowe, "
        'saying he had been "stymied" before.'
    )

    assert quote_speakers(body)["stymied"] == "Pierre Lanvin"


def test_it_gives_words_to_the_one_blamed_for_saying_them():
    body = (
        "Summit: Marsh criticises Lanvin for saying the alliance is 'brain dead'\n\n"
        "Prime Minister Tom Marsh met President Pierre Lanvin.\n\n"
        'Lanvin was attacked by critics for calling the plan "a farce".'
    )

    speakers = quote_speakers(body)
    assert speakers["brain dead"] == "Pierre Lanvin"
    assert speakers["a farce"] == ""


def test_it_gives_words_to_whose_comment_they_are():
    body = (
        "Marsh Opens Summit by Targeting Lanvin's 'Dead End' Comment\n\n"
        "Prime Minister Tom Marsh met President Pierre Lanvin.\n\n"
        'The talks were overshadowed by Mr Lanvin\'s "dead end" remarks, Marsh said.'
    )

    speakers = quote_speakers(body)
    assert speakers["Dead End"] == "Pierre Lanvin"
    assert speakers["dead end"] == "Pierre Lanvin"


def test_it_keeps_a_full_name_when_a_headline_word_stands_before_it():
    body = (
        "Defiant Ann Lowe demands 'mature' talks from EU leaders\n\n"
        "Ex-commissioner Tom Hale swipes at 'stupid' Brexit\n\n"
        "Ann Lowe demanded a grown-up attitude from EU leaders. Tom Hale agreed.\n\n"
        '"We are ready," Lowe said. "Talks must be honest," Tom Hale said.'
    )

    speakers = quote_speakers(body)
    assert speakers["mature"] == "Ann Lowe"
    assert speakers["We are ready,"] == "Ann Lowe"
    assert speakers["stupid"] == "Tom Hale"


def test_it_hears_a_soundbite_credited_after_a_hyphen_and_a_concurring_speaker():
    body = (
        "Chief Constable John Vale met President Ivan Petrov.\n\n"
        '"We want the protest of the majority to take place unhindered, and we will not '
        'flinch" - John Vale, Chief Constable\n\n'
        '"Our talks were good," Vale said.\n\n'
        '"We had good talks," Petrov concurred.'
    )

    speakers = quote_speakers(body)
    whole = "We want the protest of the majority to take place unhindered, and we will not flinch"
    assert speakers[whole] == "John Vale"
    assert speakers["We had good talks,"] == "Ivan Petrov"


def test_it_names_neither_of_two_people_who_speak_as_one():
    body = (
        "Prime Minister Ken Sato met President Ann Lowe in Florida.\n\n"
        'At the resort, Sato and Lowe agreed to keep "maximum pressure" on the regime.\n\n'
        "Reporters asked about a visit to Benghazi and Lowe parried the question by saying: "
        '"Ken Sato is full of good ideas."'
    )

    speakers = quote_speakers(body)
    assert speakers["maximum pressure"] == ""
    assert speakers["Ken Sato is full of good ideas."] == "Ann Lowe"


def test_it_leaves_words_relayed_by_someones_staff_unnamed():
    body = (
        "Prime Minister Karl Ostrow hosted the dinner.\n\n"
        'Ostrow was stressing that Belgium will play "an active role," his private staff '
        "explained on the eve of the meeting.\n\n"
        '"We are ready," Ostrow said.'
    )

    speakers = quote_speakers(body)
    assert speakers["an active role,"] == ""
    assert speakers["We are ready,"] == "Karl Ostrow"


def test_it_keeps_the_floor_for_a_high_ranking_unnamed_official():
    body = (
        "Prime Minister Ivan Petrov will represent Ukraine at the summit.\n\n"
        '"Physically, Prime Minister Petrov will be there," a high-ranking European official '
        "told reporters.\n\n"
        "According to him, 44 leaders are expected. "
        '"A total of 44 guests have been invited," the interlocutor of the journalists said.'
    )

    proposals = extract_statements(body)
    assert [p.speaker for p in proposals] == ["", ""]
    assert "high-ranking european official" in proposals[1].evidence


def test_it_reads_a_name_after_the_body_its_holder_heads():
    body = (
        "In his remarks to the media, the new President of the European Council Rui Matos "
        "said that the summit mattered.\n\n"
        '"We belong to the same European family," he said.'
    )

    assert quote_speakers(body)["We belong to the same European family,"] == "Rui Matos"


def test_it_learns_whether_someone_is_he_or_she_only_from_their_own_words():
    body = (
        "Premier Li Wen met Chancellor Ilse Brandt in Berlin.\n\n"
        "Brandt has sought to use his visit to ease trade tensions.\n\n"
        'Brandt on Sunday said "protectionism is no answer." She said Germany would seek '
        '"intensive" talks.'
    )

    assert quote_speakers(body)["intensive"] == "Ilse Brandt"


def test_it_reads_a_speech_verb_after_to():
    body = (
        "Leaders clinched a deal on terms allowing Tom Marsh to declare that fear of a "
        '"federal superstate" was gone.\n\n'
        'King Omar Faris stressed that the region faces an "ugly" war.\n\n'
        'He went on to warn that the world "will pay the price of failure" in the region.'
    )

    speakers = quote_speakers(body)
    assert speakers["federal superstate"] == "Tom Marsh"
    assert speakers["will pay the price of failure"] == "Omar Faris"


def test_it_proposes_reported_speech_after_an_apposition_and_more_reporting_verbs():
    body = (
        "Prime Minister Jan Kowal met Minister Ilse Brandt and President Rosa Lind.\n\n"
        "Jan Kowal, the Polish prime minister, who was at the summit on Thursday, said talks "
        "on migration overran for three hours.\n\n"
        "Brandt pointed out that Berlin also expected an agreement on the climate.\n\n"
        "The word appeared in the joint statement for the first time, stated President "
        "Rosa Lind.\n\n"
        "Lind predicts there will be a squall but no fatal storm."
    )

    found = paraphrases(body)
    assert ("Jan Kowal", "talks on migration overran for three hours.") in found
    assert ("Ilse Brandt", "Berlin also expected an agreement on the climate.") in found
    assert ("Rosa Lind", "The word appeared in the joint statement for the first time") in found
    assert ("Rosa Lind", "there will be a squall but no fatal storm.") in found


def test_it_finds_the_subject_after_a_long_participle_opener():
    body = (
        "Speaking to reporters at Esenboga International Airport in Ankara before his "
        "departure for the meeting, President Omar Faris said the alliance must stay united."
    )

    assert paraphrases(body) == [("Omar Faris", "the alliance must stay united.")]


def test_it_finds_speakers_behind_openers_possessives_and_a_role_before_the_name():
    body = (
        "Foreign Minister Ivan Petrov is leaving early. His US counterpart Ann Lowe made an "
        'appeal to unblock exports, saying "It is not your country."\n\n'
        "Earlier, addressing the summit, Prime Minister Raj Mehta attacked the neighbours as "
        'Petrov listened, saying states which "fund terror" must pay.\n\n'
        '"The ministers expressed disappointment," said the Russian President\'s press '
        "secretary, Yuri Sokol.\n\n"
        "Rather than play down the row, Mehta leaned into it \u2013 saying he needed leaders "
        'to "get it into their heads."'
    )

    speakers = quote_speakers(body)
    assert speakers["It is not your country."] == "Ann Lowe"
    assert speakers["fund terror"] == "Raj Mehta"
    assert speakers["The ministers expressed disappointment,"] == "Yuri Sokol"
    assert speakers["get it into their heads."] == "Raj Mehta"


def test_it_reads_a_name_after_an_institutions_words_and_not_a_demand_as_speech():
    body = (
        "Marsh must 'step up' to the junta at ASEAN summit\n\n"
        "Prime Minister Tom Marsh arrives on Friday. The charity's Director of Policy and "
        "International Programs Ada Moss told reporters he must act.\n\n"
        '"Here is a great opportunity for Tom Marsh," Ms Moss said.'
    )

    speakers = quote_speakers(body)
    assert speakers["step up"] == ""
    assert speakers["Here is a great opportunity for Tom Marsh,"] == "Ada Moss"


def test_it_takes_a_lone_surname_that_spoke_for_a_person():
    body = (
        "Ceasefire agreed after 17 hours of talks in Minsk.\n\n"
        "Speaking to reporters in Minsk, Lindqvist spoke of a glimmer of hope.\n\n"
        'But she added that she had "no illusions" about the deal.'
    )

    assert quote_speakers(body)["no illusions"] == "Lindqvist"


def test_it_gives_a_pronoun_to_the_one_person_its_sentence_named_before_it():
    body = (
        "President Omar Faris arrived in Rome on Monday, and Mr Faris went to the palace.\n\n"
        "After a meeting with Chancellor Ilse Brandt, who hosted the talks, she told "
        'reporters the summit had been "very productive".'
    )

    assert quote_speakers(body)["very productive"] == "Ilse Brandt"


def test_it_does_not_give_a_headline_subject_words_said_of_them():
    body = (
        "Tom Marsh 'has one chance to strike deal' as he heads into EU summit\n\n"
        "Prime Minister Tom Marsh said he wants an end to the row. EU leaders warned "
        "that he has one chance.\n\n"
        "It will be the first visit since reports the Prince of Wales branded the policy "
        '"appalling".'
    )

    speakers = quote_speakers(body)
    assert speakers["has one chance to strike deal"] == ""
    assert speakers["appalling"] == ""


def test_it_knows_a_surname_spelled_another_way_and_a_title_of_a_nation():
    body = (
        "Marsh and Lanvin to hold 'candid' talks next week\n\n"
        "Prime Minister Tom Marsh will meet President Pierre Lanvin, officials said.\n\n"
        "President Volodymyr Zelenskyy arrived at the summit, and Turkish President Kemal "
        "Arslan met him.\n\n"
        '"Today, all parts of the world are here," Zelensky said.\n\n'
        'Talks will "bring relief to the region," the president of Turkiye said.\n\n'
        'Later, Marsh praised the "spirit of the talks," adding that the leaders reaffirmed '
        'their commitment to "open trade."'
    )

    speakers = quote_speakers(body)
    assert speakers["Today, all parts of the world are here,"] == "Volodymyr Zelenskyy"
    assert speakers["bring relief to the region,"] == "Kemal Arslan"
    assert speakers["candid"] == ""
    assert speakers["open trade."] == "Tom Marsh"


def test_it_finds_the_subject_after_an_opener_and_a_however():
    body = (
        "The summit was the idea of the British Prime Minister, Tom Marsh, but it was the "
        "President of the United States, Ann Lowe, who stole the show.\n\n"
        "The leader of the free world held a long press conference.\n\n"
        "During the press conference, however, Lowe did not play down the difficulties: "
        '"There has been a lot of discussion," he said.'
    )

    assert quote_speakers(body)["There has been a lot of discussion,"] == "Ann Lowe"


def test_it_reads_who_without_a_comma_an_unnamed_source_with_an_adjective_and_charged():
    body = (
        "Chancellor Ann Lowe spoke in London, and party leader Tom Marsh was there.\n\n"
        "Mrs Lowe denied there were problems, contradicting Cabinet Secretary Ravi Menon "
        'who this week said: "There is nobody there."\n\n'
        'A business leader complained Mr Marsh was focusing on "totally irrelevant" issues.\n\n'
        "France has warned against attempts to strongarm Europe, and President Petr Novak "
        'charged that the request amounted to "blackmail".'
    )

    speakers = quote_speakers(body)
    assert speakers["There is nobody there."] == "Ravi Menon"
    assert speakers["totally irrelevant"] == ""
    assert speakers["blackmail"] == "Petr Novak"


def test_it_does_not_give_anyone_words_said_of_them_in_the_third_person():
    body = (
        "Prime Minister Ravi Menon will travel to Cairo on Monday.\n\n"
        'According to a press release, the PM "will undertake an official visit to Egypt" '
        "for the summit.\n\n"
        'Menon said the rival leader "will face consequences".'
    )

    speakers = quote_speakers(body)
    assert speakers["will undertake an official visit to Egypt"] == ""
    assert speakers["will face consequences"] == "Ravi Menon"


def test_it_reads_the_premier_as_the_prime_minister():
    body = (
        "Prime Minister Raj Mehta arrived in Cairo.\n\n"
        '"Together, we have the potential to drive progress," the premier said.'
    )

    assert quote_speakers(body)["Together, we have the potential to drive progress,"] == (
        "Raj Mehta"
    )


def test_it_reads_what_stands_above_a_dateline_after_the_story():
    body = (
        "Petrov says talks with Lowe may bear fruit\n"
        '"At least we agreed to a dialogue on major issues," Russia\'s top diplomat said\n'
        "MOSCOW, April 13. /TASS/. The talks may bear fruit after a while, Russian Foreign "
        "Minister Ivan Petrov said on Thursday.\n"
        '"I like the way we spent yesterday," Petrov said.'
    )

    proposals = [p for p in extract_statements(body) if p.kind == "quote"]
    assert [p.speaker for p in proposals] == ["Ivan Petrov", "Ivan Petrov"]
    assert "the russia top diplomat" in proposals[0].evidence


def test_it_reads_reported_speech_with_an_inserted_he_said_after_an_opener():
    body = (
        "Prime Minister Raj Mehta arrived in Pattaya.\n\n"
        "Furthermore, he said, the current leaders had been around for a while."
    )

    assert paraphrases(body) == [("Raj Mehta", "the current leaders had been around for a while.")]


def test_it_reads_a_participle_before_a_name_and_a_quote_label_as_no_speakers():
    body = (
        "Chancellor Karl Ostrow met President Omar Faris in Ankara.\n\n"
        'Thanking Faris for his hospitality, he said: "This would not have been possible '
        'without you."\n\n'
        'Quote: "We understand that such meetings do not end with decisions."'
    )

    speakers = quote_speakers(body)
    assert speakers["This would not have been possible without you."] == "Karl Ostrow"
    # "Quote:" names no one called Quote: it hands the floor on to the one speaking.
    assert speakers["We understand that such meetings do not end with decisions."] == (
        "Karl Ostrow"
    )


def test_it_follows_a_described_name_and_an_office_with_of_or_for():
    body = (
        "Prime Minister Tom Marsh met President Ivan Petrov.\n\n"
        '"It is not in anyone\'s interest," Marsh added.\n\n'
        "An affable Petrov also sought to put a positive spin on the meeting.\n\n"
        '"We spoke the same language," he said.\n\n'
        "Minister for the Pacific Alan Hale, who now has the prime minister by his side, "
        "earlier admitted the coal wording was a problem.\n\n"
        'He described it as a "red line issue" for negotiators.\n\n'
        "The embrace of Petrov was a departure for Canada, which accused Petrov of running "
        'a "killing machine".'
    )

    speakers = quote_speakers(body)
    assert speakers["We spoke the same language,"] == "Ivan Petrov"
    assert speakers["red line issue"] == "Alan Hale"
    assert speakers["killing machine"] == ""


def test_it_reads_a_passive_agent_one_persons_two_titles_and_a_he_after_them():
    body = (
        "Reporter Ann Lowe says the deal was adopted.\n\n"
        "The decision was welcomed by First Minister Jack Moore as a chance to project "
        '"a confident modern Scotland".\n\n'
        "Conservation Trust Chairman and CEO Peter Kahn says the agreement "
        '"is a diplomatic victory," but he adds, "The hard work begins now."'
    )

    speakers = quote_speakers(body)
    assert speakers["a confident modern Scotland"] == "Jack Moore"
    assert speakers["is a diplomatic victory,"] == "Peter Kahn"
    assert speakers["The hard work begins now."] == "Peter Kahn"


def test_it_does_not_propose_a_name_in_quotation_marks():
    body = (
        'President Ann Lowe defended her "America First" policy at the summit, which adopted '
        'the "Funafuti Declaration for Climate Action Now".\n\n'
        '"We Will Not Back Down," Lowe said.'
    )

    quotes = [p.text for p in extract_statements(body) if p.kind == "quote"]
    assert quotes == ["We Will Not Back Down,"]


def test_it_reads_the_name_after_a_possessive_owner():
    body = (
        "Leaders adopted the declaration in New Delhi.\n\n"
        'India\'s G20 Sherpa Rajiv Nair wrote: "Historic declaration with 100% consensus."\n\n'
        'The Prime Minister\'s Office said the talks were "fruitful".'
    )

    speakers = quote_speakers(body)
    assert speakers["Historic declaration with 100% consensus."] == "Rajiv Nair"
    assert speakers["fruitful"] == "Prime Minister's Office"


def test_it_knows_more_nations_titles_and_an_about_opener():
    body = (
        "Estonian Foreign Minister Kadri Tamm met her Lithuanian counterpart Jonas Vaitkus.\n\n"
        '"Our ties are close," the Estonian foreign minister said.\n\n'
        "About Kashmir, spokesman Ali Raza said the resolutions still applied."
    )

    assert quote_speakers(body)["Our ties are close,"] == "Kadri Tamm"
    assert paraphrases(body) == [("Ali Raza", "the resolutions still applied.")]


def test_it_does_not_merge_a_titled_surname_into_a_relatives_full_name():
    body = (
        "President Lanvin welcomed Prime Minister Tom Marsh to the palace on Monday.\n\n"
        "Claire Lanvin and her husband attended the ceremony.\n\n"
        '"Our hearts are with the grieving families," Lanvin said.'
    )

    assert quote_speakers(body)["Our hearts are with the grieving families,"] == ""


def test_it_gives_words_reported_without_that_to_the_reporter_and_none_to_one_acted_on():
    body = (
        "Speaking at his closing news conference, Prime Minister Tom Marsh says the G7 has "
        'agreed to an "ambitious" communique.\n\n'
        "The ministry tweeted a statement that Bern had been called on "
        '"to return to neutral state policy".'
    )

    speakers = quote_speakers(body)
    assert speakers["ambitious"] == "Tom Marsh"
    assert speakers["to return to neutral state policy"] == ""


def test_it_does_not_learn_a_speakers_sex_from_the_one_they_told():
    body = (
        "Prime Minister Ada Brandt met President Louis Ferrand in Paris.\n\n"
        'Ferrand curtly told her to expect "hard negotiations" on the budget.\n\n'
        "The tone of the evening was set by President Ferrand as he arrived.\n\n"
        'He said: "If Brandt wants a hard exit, the talks will be hard."'
    )

    assert quote_speakers(body)["If Brandt wants a hard exit, the talks will be hard."] == (
        "Louis Ferrand"
    )


def test_it_gives_a_crossheads_words_to_the_quoted_speaker_it_is_led_by():
    body = (
        "Leaders meet in Osaka\n\n"
        'President Ivo Petrov told reporters: "The old ideas are finished."\n\n'
        'Petrov: The "liberal idea" has "outlived its purpose"\n\n'
        "Chancellor Mara Lind said the summit had gone well.\n\n"
        'Osaka: "a good day" for trade\n\n'
        "The talks ended on Saturday."
    )

    speakers = quote_speakers(body)
    assert speakers["liberal idea"] == "Ivo Petrov"
    assert speakers["outlived its purpose"] == "Ivo Petrov"
    assert speakers["a good day"] == ""


def test_it_credits_an_unattributed_echo_of_one_speakers_words_to_them():
    body = (
        "Tusk warns of new tide\n\n"
        "Emergency talks end with a pledge of millions of euros to help transit countries as "
        'the council president criticises "open doors" policy\n\n'
        "European leaders met in Brussels on Wednesday night.\n\n"
        'Donald Tusk said: "We need to correct our policy of open doors and windows."\n\n'
        'Pia Sand said "the talks went on" after midnight.\n\n'
        'Karl Moe said "the talks went on" for hours.\n\n'
        'The summit "went on" into the night.'
    )

    speakers = quote_speakers(body)
    assert speakers["open doors"] == "Donald Tusk"
    assert speakers["went on"] == ""


def test_it_gives_words_credited_to_an_unnamed_body_or_group_to_no_one_followed():
    body = (
        'Prime Minister Anton Varga said: "We will not be divided."\n\n'
        '"We are united," the organising committee said in a message on its website.\n\n'
        '"These attacks will not succeed," the leaders vowed.\n\n'
        'Varga was asked about the deal. "It is done," the prime minister said.'
    )

    speakers = quote_speakers(body)
    assert speakers["We are united,"] == ""
    assert speakers["These attacks will not succeed,"] == ""
    assert speakers["It is done,"] == "Anton Varga"


def test_it_reads_labels_that_hand_the_floor_on():
    body = (
        "Prime Minister Anton Varga spoke at the summit in Lisbon.\n\n"
        'Quote: "We understand that such meetings do not end with decisions."\n\n'
        "Varga then turned to security.\n\n"
        'His words: "The standby force must move from concept to reality."'
    )

    speakers = quote_speakers(body)
    assert speakers["We understand that such meetings do not end with decisions."] == (
        "Anton Varga"
    )
    assert speakers["The standby force must move from concept to reality."] == "Anton Varga"


def test_it_gives_the_quotes_under_a_speakers_heading_to_them():
    body = (
        "World leaders in Lisbon for summit\n\n"
        "LISBON, July 10 (Reuters) - Following are comments by leaders on the final day.\n\n"
        "RURITANIA PRIME MINISTER ANTON VARGA\n\n"
        '"I am not suggesting that any country unwind its stimulus now."\n\n'
        "FREEDONIA'S PETRA LIND\n\n"
        '"It has been really good news from the summit."\n\n'
        "RURITANIA PRIME MINISTER ANTON VARGA\n\n"
        '"The forum remains important."'
    )

    speakers = quote_speakers(body)
    assert speakers["I am not suggesting that any country unwind its stimulus now."] == (
        "Anton Varga"
    )
    assert speakers["It has been really good news from the summit."] == "Petra Lind"
    assert speakers["The forum remains important."] == "Anton Varga"


def test_it_gives_the_answers_after_someone_was_asked_to_them():
    body = (
        "Prime Minister Anton Varga met Chancellor Petra Lind on Sunday.\n\n"
        '"We agreed on trade," Varga said.\n\n'
        "Lind was asked about Syria and the airport row.\n\n"
        '"We have long been interested in reducing the violence."'
    )

    assert quote_speakers(body)["We have long been interested in reducing the violence."] == (
        "Petra Lind"
    )


def test_it_gives_a_nations_title_to_the_untitled_lead_only_when_no_one_else_may_hold_it():
    followed = (
        "Wen Liqun hosted Russian President Ivan Petrov in Tianjin on Monday.\n\n"
        '"We oppose bullying," Wen said.\n\n'
        "The summit closed with a banquet in the old city.\n\n"
        '"The tasks facing us are more arduous," the Chinese president said.'
    )
    rival = (
        "The two presidents held talks in Warsaw, and Tom Marsh told Poland's Jan Kowal that "
        "America needed Poland.\n\n"
        "Marsh and Kowal met at the palace in the early afternoon.\n\n"
        'The Polish head of state told his guest that Poland was "delighted" to host him.'
    )

    assert quote_speakers(followed)["The tasks facing us are more arduous,"] == "Wen Liqun"
    assert quote_speakers(rival)["delighted"] == ""


def test_it_lets_a_nations_body_written_in_small_letters_speak():
    body = (
        'The Swiss foreign ministry said: "Switzerland is ready to offer its good offices."\n\n'
        '"We are ready," the Japanese government said on Friday.\n\n'
        "The Swiss interior ministry confirmed on Friday that a state visit is planned.\n\n"
        'The ministry said: "Nothing is decided."'
    )

    speakers = quote_speakers(body)
    assert speakers["Switzerland is ready to offer its good offices."] == ("Swiss foreign ministry")
    assert speakers["We are ready,"] == "Japanese government"
    assert speakers["Nothing is decided."] == ""  # no nation, so no one in particular
    assert paraphrases(body) == [("Swiss interior ministry", "a state visit is planned.")]


def test_it_reads_past_a_one_word_aside_in_brackets():
    body = (
        "Indonesian President Joko Widodo (Jokowi) stated that Indonesia is ready to host "
        "the summit.\n\n"
        "Swiss People's Party (right-wing) MP Franz Gruter also said the visit was welcome."
    )

    assert paraphrases(body) == [
        ("Joko Widodo", "Indonesia is ready to host the summit."),
        ("Franz Gruter", "the visit was welcome."),
    ]


def test_it_reads_a_ministry_spokesman_in_small_letters_to_the_name():
    body = "Foreign ministry spokesman Lin Tao said the talks were candid and constructive."

    assert paraphrases(body) == [("Lin Tao", "the talks were candid and constructive.")]


def test_it_reads_a_reporters_or_economists_job_as_a_title_before_the_name():
    body = (
        "Reporter Ann Weir of the Daily Post posed her question, describing the policy as "
        '"a failure of nerve".\n\n'
        "Economist Raj Mehta said the deal would lift growth."
    )

    assert quote_speakers(body)["a failure of nerve"] == "Ann Weir"
    assert paraphrases(body) == [("Raj Mehta", "the deal would lift growth.")]


def test_it_takes_a_he_after_a_sentence_about_someones_words_to_be_them():
    body = (
        "Prime Minister Tom Marsh met President Ivo Petrov in Pittsburgh.\n\n"
        '"We agreed on a plan," Petrov said.\n\n'
        "Mr Marsh's own rhetoric was unusually grandiose.\n\n"
        '"This is the day the world came together," he said.\n\n'
        "Condemning Petrov's critics, he vowed to protect the plan."
    )

    assert quote_speakers(body)["This is the day the world came together,"] == "Tom Marsh"
    assert paraphrases(body) == [("Tom Marsh", "to protect the plan.")]


def test_it_names_no_one_for_a_he_that_may_be_the_subject_of_reported_words():
    body = (
        "President Tom Marsh arrived in London for the alliance summit.\n\n"
        '"We are strong," Marsh said.\n\n'
        'Marsh said President Ivo Petrov had been "very insulting" to the alliance when he '
        'warned about its "brain death".\n\n'
        'Marsh said the alliance was "stronger than ever" when he spoke to reporters.'
    )

    speakers = quote_speakers(body)
    assert speakers["brain death"] == ""
    assert speakers["stronger than ever"] == "Tom Marsh"


def test_it_reads_a_day_between_the_subject_and_its_verb_and_no_region_as_a_person():
    body = (
        "KUALA LUMPUR, May 27 (KUNA) -- Prime Minister Anwar Rahim on Tuesday lauded the "
        '"success" of summits between the leaders of Southeast Asian countries and Gulf Arab '
        "states, praising the unity seen amid the gatherings."
    )

    assert quote_speakers(body)["success"] == "Anwar Rahim"


def test_it_reads_her_majesty_as_the_queen_the_article_names():
    body = (
        "Queen Margrethe opened the summit in Valletta on Friday.\n\n"
        '"We are one family," Her Majesty said.\n\n'
        "Her Majesty's Government said the talks were useful."
    )

    speakers = quote_speakers(body)
    assert speakers["We are one family,"] == "Margrethe"


def test_it_gives_a_relative_clause_to_the_person_of_a_body_before_it():
    body = (
        "First question comes from Bill Weston of CBS News, who notes that the agreement "
        'calls for "voluntary" action.'
    )

    assert quote_speakers(body)["voluntary"] == "Bill Weston"


def test_it_reads_a_statement_that_read_and_a_said_before_a_label():
    body = (
        "Prime Minister Tom Marsh arrived in The Hague on Tuesday.\n\n"
        '"We stand together," Marsh said.\n\n'
        "Leaders signed a joint statement.\n\n"
        '"Allies reaffirm their commitments," the statement read.\n\n'
        "President Ivo Petrov spoke last.\n\n"
        'Said Petrov: "Everyone has agreed to up their commitment."'
    )

    speakers = quote_speakers(body)
    assert speakers["Allies reaffirm their commitments,"] == ""
    assert speakers["Everyone has agreed to up their commitment."] == "Ivo Petrov"


def test_it_does_not_give_a_he_after_an_unheld_title_to_the_one_followed_before():
    body = (
        "Tom Marsh will host the summit at the seaside resort, where he will urge leaders "
        "to unite.\n\n"
        "Incoming US president Ivo Petrov is expected to attend the event.\n\n"
        "The Prime Minister has also invited Australia and India, as he seeks a green "
        "recovery.\n\n"
        '"Coronavirus is the most destructive force we have seen," he said.'
    )

    assert quote_speakers(body)["Coronavirus is the most destructive force we have seen,"] == ""


def test_it_reads_a_person_of_a_nation_or_body_as_the_person():
    body = (
        'President Evo Marin of Bolivia said the United States was acting "like a '
        'dictatorship."\n\n'
        'Chancellor Olaf Brandt of Germany told reporters the deal was "a good start".\n\n'
        '"We are ready," Prime Minister Shinzo Ota of Japan said.'
    )

    speakers = quote_speakers(body)
    assert speakers["like a dictatorship."] == "Evo Marin"
    assert speakers["a good start"] == "Olaf Brandt"
    assert speakers["We are ready,"] == "Shinzo Ota"


def test_it_reads_the_pontiff_as_the_pope_the_article_names():
    body = 'Pope Clement met the leaders. "War is always a defeat," the pontiff said.'

    assert quote_speakers(body)["War is always a defeat,"] == "Clement"


def test_it_proposes_reported_words_around_a_mid_sentence_attribution():
    body = "The talks, Tom Hale said, will resume in Geneva next week."

    assert paraphrases(body) == [
        ("Tom Hale", "The talks, Tom Hale said, will resume in Geneva next week.")
    ]


def test_it_reads_a_nickname_in_quotation_marks_as_part_of_the_name():
    body = (
        'President Joko "Jokowi" Wirawan said the declaration had been adopted by all '
        "members.\n\n"
        '"It was an honor," Jokowi said in his closing speech.'
    )

    speakers = quote_speakers(body)
    assert "Jokowi" not in speakers  # a nickname, no one's words
    assert speakers["It was an honor,"] == "Joko Wirawan"
    assert paraphrases(body) == [
        ("Joko Wirawan", "the declaration had been adopted by all members.")
    ]
    proposal = next(p for p in extract_statements(body) if p.kind == "paraphrase")
    assert '"Jokowi"' in proposal.context


def test_it_reads_a_title_of_a_nation_before_a_possessive_name():
    body = (
        "The summit in Cairo opened with President of Egypt Abdel Fattah Halim's speech.\n\n"
        '"Egypt is ready to help," he added.'
    )

    assert quote_speakers(body)["Egypt is ready to help,"] == "Abdel Fattah Halim"


def test_it_reads_the_monarch_as_the_queen_or_king_the_article_names():
    body = (
        'Queen Margrethe arrived in Perth for the summit.\n\n"We wish them well," the monarch said.'
    )

    assert quote_speakers(body)["We wish them well,"] == "Margrethe"


def test_it_reads_quotes_opened_and_closed_with_double_backticks():
    body = (
        "President Ron Reeve praised the treaty as ``an excellent example of patience`` and "
        "said it was historic.\n\n"
        "``We made this impossible vision a reality,`` he said."
    )

    speakers = quote_speakers(body)
    assert speakers["an excellent example of patience"] == "Ron Reeve"
    assert speakers["We made this impossible vision a reality,"] == "Ron Reeve"


def test_it_gives_a_claim_rejected_by_someone_to_the_claims_owner():
    body = 'Ivo Petrov\'s claim that "the alliance is dead" was rejected by Tom Hale.'

    assert quote_speakers(body)["the alliance is dead"] == "Ivo Petrov"


def test_it_gives_words_a_colon_introduces_inside_reported_speech_to_their_speaker():
    body = (
        'Tom Hale said Ivo Petrov had told him: "We will not attack."\n\n'
        'Tom Hale said, adding that the leaders reaffirmed their commitment to "peace".'
    )

    speakers = quote_speakers(body)
    assert speakers["We will not attack."] == "Ivo Petrov"
    assert speakers["peace"] == "Tom Hale"


def test_it_hands_the_floor_to_someone_who_speaks_up_and_away_from_unnamed_critics():
    body = (
        '"We are ready," Tom Hale said.\n\n'
        "Ivo Petrov, however, disagreed.\n\n"
        '"This is not acceptable."\n\n'
        "Anna Berg, the foreign minister, was more cautious:\n\n"
        '"We will see."\n\n'
        "But critics were unconvinced.\n\n"
        '"It is a sham."'
    )

    speakers = quote_speakers(body)
    assert speakers["This is not acceptable."] == "Ivo Petrov"
    assert speakers["We will see."] == "Anna Berg"
    assert speakers["It is a sham."] == ""


def test_it_reads_past_a_participle_opener_to_the_one_heard_saying():
    body = (
        "Picked up by a stray microphone, Prime Minister Justin Tremblay was heard saying: "
        '"He was late."'
    )

    assert quote_speakers(body)["He was late."] == "Justin Tremblay"


def test_it_takes_remembered_as_speech_and_no_one_thanked_as_a_participles_speaker():
    body = (
        "Hillary Brook visited Belfast on Friday.\n\n"
        'It was the "first time a US president had ever set foot here," she remembered.\n\n'
        "Antonio Costa visited Nicosia.\n\n"
        'Costa thanked Nikos Christou conceding "we are living through challenging times".'
    )

    speakers = quote_speakers(body)
    assert speakers["first time a US president had ever set foot here,"] == "Hillary Brook"
    assert speakers["we are living through challenging times"] == "Antonio Costa"


def test_it_reads_a_plural_word_before_a_function_word_as_a_closing_quote():
    body = (
        "Petrov says 'no plans' for summit\n\n"
        'Russian President Ivo Petrov said on Friday there were "no plans" for a summit.'
    )

    quotes = [p for p in extract_statements(body) if p.kind == "quote"]
    assert [(p.text, p.speaker) for p in quotes] == [("no plans", "Ivo Petrov")] * 2


def test_it_reads_two_names_joined_by_a_comma_in_a_headline_as_no_one_speaker():
    body = (
        "Hale, Wen hold 'candid' talks\n\n"
        "President Tom Hale and President Wen Li met in Bali.\n\n"
        '"We spoke candidly," Hale said.'
    )

    assert quote_speakers(body)["candid"] == ""


def test_it_gives_quotes_in_a_transcripts_labelled_answer_to_the_one_labelled():
    body = (
        "Remarks by President Hale and Prime Minister Berg\n\n"
        "PRIME MINISTER BERG: Thank you. We had a productive meeting.\n\n"
        "Q: Mr. President, will you raise tariffs?\n\n"
        'PRESIDENT HALE: We\'ll see. "Nothing is off the table," as I said yesterday.\n\n'
        "Q: Mr. President, is that a threat?\n\n"
        '"Everything is on the table."'
    )

    speakers = quote_speakers(body)
    assert speakers["Nothing is off the table,"] == "Hale"
    assert speakers["Everything is on the table."] == ""  # after a question from the floor


def test_it_reads_a_title_of_a_named_body_before_the_name_after_the_quote():
    body = (
        '"We hope the talks will have a positive effect," said the President of the Federal '
        "Council Guy Parmeli.\n\n"
        '"We are ready," said President of the European Council Charles Mich.'
    )

    speakers = quote_speakers(body)
    assert speakers["We hope the talks will have a positive effect,"] == "Guy Parmeli"
    assert speakers["We are ready,"] == "Charles Mich"


def test_it_reads_a_relative_clause_with_an_auxiliary_and_an_opener_about_others_words():
    body = (
        'Ivo Petrov criticised Tom Hale, who had called the deal "dead".\n\n'
        'Asked about Petrov\'s comments, Anna Berg called the deal "alive".'
    )

    speakers = quote_speakers(body)
    assert speakers["dead"] == "Tom Hale"
    assert speakers["alive"] == "Anna Berg"


def test_it_gives_a_word_or_two_no_group_said_in_chorus_to_no_one():
    body = (
        'Alliance leaders set aside insults ranging from "delinquent" to "brain dead", '
        "declaring at their summit that they would stand together.\n\n"
        '"We are united against every threat we face," alliance leaders said in a statement.'
    )

    speakers = quote_speakers(body)
    assert speakers["delinquent"] == ""
    assert speakers["brain dead"] == ""
    assert speakers["We are united against every threat we face,"] == "Alliance leaders"


def test_it_keeps_the_object_of_welcomed_as_the_reported_words():
    body = (
        "Tom Hale welcomed the decision to admit Finland to the alliance.\n\n"
        "Anna Berg told the leaders that the alliance would grow."
    )

    assert paraphrases(body) == [
        ("Tom Hale", "the decision to admit Finland to the alliance."),
        ("Anna Berg", "the alliance would grow."),
    ]


def test_it_reads_proposed_dismissed_and_repeated_as_reported_speech():
    body = (
        "Tom Hale proposed a new round of talks in Geneva next month.\n\n"
        "Anna Berg dismissed the reports of a split as fake news.\n\n"
        "Ivo Petrov repeated his call for restraint on both sides."
    )

    assert [speaker for speaker, _ in paraphrases(body)] == ["Tom Hale", "Anna Berg", "Ivo Petrov"]


def test_it_reads_a_name_that_ends_in_a_generation_as_the_subject_of_reported_speech():
    body = (
        "President Tomas R. Hale Jr. affirmed that the country was ready to chair the group.\n\n"
        "Tomas Hale Sr. said the talks had been long overdue."
    )

    assert paraphrases(body) == [
        ("Tomas R. Hale Jr.", "the country was ready to chair the group."),
        ("Tomas Hale Sr.", "the talks had been long overdue."),
    ]


def test_it_reads_words_describing_a_titled_name_as_part_of_the_subject():
    body = (
        "Veteran opposition leader Tom Hale said the vote had been stolen.\n\n"
        "Norland's ruling party spokesman Ivo Petrov said the party would not take part.\n\n"
        "Aides to President Anna Berg said she would travel to the summit."
    )

    assert paraphrases(body) == [
        ("Tom Hale", "the vote had been stolen."),
        ("Ivo Petrov", "the party would not take part."),
    ]


def test_it_reads_a_nation_of_two_words_as_the_possessor_of_a_title():
    body = (
        "South Korean President Min Jae-won met Norland's Prime Minister Ivo Petrov on Monday.\n\n"
        '"We will not accept any delay," South Korea\'s president said.\n\n'
        "South Korea's president told reporters that the talks would resume next month."
    )

    assert quote_speakers(body)["We will not accept any delay,"] == "Min Jae-won"
    assert paraphrases(body) == [("Min Jae-won", "the talks would resume next month.")]


def test_it_reads_a_nations_title_after_an_inverted_verb_or_according_to():
    body = (
        "French President Paul Girard met Italian Prime Minister Ivo Petrov on Monday.\n\n"
        '"We will not accept any delay," said France\'s president.\n\n'
        "According to Italy's prime minister, both sides had agreed to meet again."
    )

    assert quote_speakers(body)["We will not accept any delay,"] == "Paul Girard"
    assert paraphrases(body) == [("Ivo Petrov", "both sides had agreed to meet again.")]


def test_it_reads_a_dateline_glued_to_the_first_word_as_a_place():
    body = (
        "SAN MARINOPresident Tom Hale on Thursday told leaders the bloc would stay.\n\n"
        "\u201cWe\u2019re not going anywhere,\u201d he declared."
    )

    assert quote_speakers(body)["We\u2019re not going anywhere,"] == "Tom Hale"


def test_it_reads_m_before_a_surname_as_monsieur():
    body = (
        "Jacques Girard met Tom Hale at the summit.\n\n"
        '"Everyone knows there have been differences," M. Girard said.\n\n'
        "Paul M. Lenoir said the talks had gone well."
    )

    assert quote_speakers(body)["Everyone knows there have been differences,"] == "Jacques Girard"
    assert paraphrases(body) == [("Paul M. Lenoir", "the talks had gone well.")]


def test_it_reads_a_round_up_of_leaders_remarks_labelled_in_capitals():
    body = (
        "Leaders' closing remarks at the summit\n\n"
        "Here are highlights of the leaders' closing remarks:\n\n"
        'FRENCH PRESIDENT PAUL GIRARD: On Iran: "Two things are very important for us."\n\n'
        'GERMAN CHANCELLOR ANNA BERG On Iran: "What unites us is a big step." '
        'On Brexit: "Europe is very much unified here."\n\n'
        'On talks with Hale: "I renewed my proposal to American firms."'
    )

    speakers = quote_speakers(body)
    assert speakers["Two things are very important for us."] == "Paul Girard"
    assert speakers["What unites us is a big step."] == "Anna Berg"
    assert speakers["Europe is very much unified here."] == "Anna Berg"
    assert speakers["I renewed my proposal to American firms."] == "Anna Berg"


def test_it_gives_what_a_letter_is_called_to_the_one_who_calls_it_not_the_letters_writer():
    body = (
        "Ivo Petrov met Tom Hale's envoys in Moscow on Monday.\n\n"
        'Petrov said a letter from Hale, which had not been disclosed, was "a very serious '
        'document."\n\n'
        'Berg ignored a warning from Hale that there was "no guarantee" of a deal.'
    )

    speakers = quote_speakers(body)
    assert speakers["a very serious document."] == "Ivo Petrov"
    assert speakers["no guarantee"] == "Tom Hale"


def test_it_reads_the_subject_after_a_long_participle_opener_but_not_after_a_long_time_opener():
    body = (
        "President Ivo Petrov met Tom Hale and Anna Berg on Wednesday.\n\n"
        "Speaking after greeting party chief Hale with a bear-hug outside the Stalinist-style "
        'Great Hall of the People, Petrov echoed his enthusiasm, saying: "This visit will be '
        'a success."\n\n'
        "After a long presentation by Berg and a discussion in which she had used the worn "
        'phrase "talks mean talks", the president ran out of patience.'
    )

    speakers = quote_speakers(body)
    assert speakers["This visit will be a success."] == "Ivo Petrov"
    assert speakers["talks mean talks"] == ""


def test_it_reads_a_title_whose_dot_has_no_space_after_it():
    body = (
        "Dr.Hassan Karimi met Tom Hale.\n\nDr.Karimi said the meeting was about trade and energy."
    )

    assert paraphrases(body) == [("Hassan Karimi", "the meeting was about trade and energy.")]


def test_it_reads_house_speaker_and_an_envoy_posted_to_a_body_as_titles():
    body = (
        '"We are ready to act," House Speaker Anna Berg said.\n\n'
        "Norland's ambassador to the UN Ivo Petrov said the vote would be held on Friday.\n\n"
        '"The door is open," Russia\'s envoy to the EU Tom Hale said.'
    )

    speakers = quote_speakers(body)
    assert speakers["We are ready to act,"] == "Anna Berg"
    assert speakers["The door is open,"] == "Tom Hale"
    assert paraphrases(body) == [("Ivo Petrov", "the vote would be held on Friday.")]


def test_it_reads_a_title_with_of_before_a_name_as_the_subject_of_reported_speech():
    body = (
        "Norland's Minister of Foreign Affairs Ivo Petrov said the region faced a hard year.\n\n"
        "The chairman of the Union Commission Anna Berg said the talks would go on."
    )

    assert paraphrases(body) == [
        ("Ivo Petrov", "the region faced a hard year."),
        ("Anna Berg", "the talks would go on."),
    ]


@pytest.mark.parametrize(
    "act",
    [
        "raised concerns about the slow pace of the talks",
        "made clear that the talks would resume next month",
        "was quoted as saying the talks would resume next month",
        "briefed the leaders on the talks with Berg",
        "asked whether the talks would resume next month",
        "pointed to the progress made in the talks on trade",
        "termed the meeting a renewed momentum in the partnership",
    ],
)
def test_it_proposes_reported_speech_after_speech_acts_without_said(act):
    body = f"Chancellor Ilse Brandt met Anna Berg on Monday.\n\nBrandt {act}."

    assert [speaker for speaker, _ in paraphrases(body)] == ["Ilse Brandt"]


def test_it_reads_low_opening_quotation_marks_and_invisible_characters():
    body = (
        "President Paul Girard met Tom Hale.\n\n"
        "\u201eWe will not accept any delay\u201c, Girard said.\n\n"
        '"It is our duty," Gi\u00adrard told reporters.\n\n'
        '"The door is open," Hale\u200b said.'
    )

    speakers = quote_speakers(body)
    assert speakers["We will not accept any delay"] == "Paul Girard"
    assert speakers["It is our duty,"] == "Paul Girard"
    assert speakers["The door is open,"] == "Tom Hale"


def test_it_reads_a_dated_dateline_and_a_qualified_noun_of_whose_words_they_are():
    body = (
        "April 7 (UPI) -- President Tom Hale said on Friday he made strides at the summit.\n\n"
        "Officials were nervous because of Hale's outspoken criticism of Norland for "
        '"bad trade deals," and his approach.'
    )

    assert paraphrases(body) == [("Tom Hale", "he made strides at the summit.")]
    assert quote_speakers(body)["bad trade deals,"] == "Tom Hale"


def test_it_credits_a_quotation_run_on_over_paragraphs_to_the_one_the_last_paragraph_names():
    body = (
        "President Paul Girard met Tom Hale in Paris.\n\n"
        '"We will not accept any delay on this issue. We are ready to act now.\n\n'
        '"Our patience has limits," Girard said.'
    )

    speakers = quote_speakers(body)
    assert speakers["We will not accept any delay on this issue. We are ready to act now."] == (
        "Paul Girard"
    )


def test_it_knows_the_nations_of_africa_asia_and_the_americas_by_their_adjectives():
    body = (
        "Los Angeles, June 10 (RHC)-- The president of Argentina, Tomas Hale, deplored that "
        "not all countries were invited to the summit.\n\n"
        "Senegalese President Anna Berg met Sri Lankan Prime Minister Ivo Petrov.\n\n"
        '"Europe and Africa must not leave the Sahel alone," the Senegalese president said.\n\n'
        '"We are ready," said the Sri Lankan prime minister.\n\n'
        'The Argentinean president affirmed that "the measures seek to condition governments".'
    )

    speakers = quote_speakers(body)
    assert speakers["Europe and Africa must not leave the Sahel alone,"] == "Anna Berg"
    assert speakers["We are ready,"] == "Ivo Petrov"
    assert speakers["the measures seek to condition governments"] == "Tomas Hale"
    assert paraphrases(body)[0] == (
        "Tomas Hale",
        "not all countries were invited to the summit.",
    )


def test_it_reads_an_abbreviation_the_article_never_defines_as_the_body_it_spells():
    body = (
        "The leaders met in London, UNN reports, citing a statement by the Office of the "
        "President of Norland.\n\n"
        '"Decisions on sanctions will remain on the table," the OP said.\n\n'
        '"We are ready," the PM said.'
    )

    speakers = quote_speakers(body)
    assert speakers["Decisions on sanctions will remain on the table,"] == (
        "Office of the President of Norland"
    )
    assert speakers["We are ready,"] == ""


def test_it_reads_two_offices_joined_by_a_slash_as_one_title():
    body = (
        "Prime Minister Tomas Hale met the president yesterday.\n\n"
        "Minister/State Secretary Ivo Petrov told journalists that Hale, who arrived on "
        "Saturday, also affirmed his commitment to the meeting.\n\n"
        '"I would like to stress that the declaration will be the conclusion," he said.'
    )

    assert paraphrases(body)[0][0] == "Ivo Petrov"
    assert (
        quote_speakers(body)["I would like to stress that the declaration will be the conclusion,"]
        == "Ivo Petrov"
    )


def test_it_never_joins_two_names_across_a_quote_between_them():
    body = (
        "President Min Jae-won met leader Kim Sung-ho.\n\n"
        'Kim "on Friday requested a meeting and I gladly accepted," Min said.'
    )

    assert quote_speakers(body)["on Friday requested a meeting and I gladly accepted,"] == (
        "Min Jae-won"
    )


def test_it_gives_the_words_of_a_statement_commented_on_to_its_maker():
    body = (
        "Chief Cabinet Secretary Tomas Hale spoke on Monday.\n\n"
        "Commenting on the statement by press secretary Ivo Petrov that the president "
        '"would be glad to see the prime minister," Hale said he had not heard of it.'
    )

    assert quote_speakers(body)["would be glad to see the prime minister,"] == "Ivo Petrov"


def test_it_reads_an_abbreviated_title_as_the_one_who_holds_it():
    body = (
        "External Affairs Minister (EAM) Tomas Hale met the secretary-general.\n\n"
        'Later the EAM posted on X that he "valued his assessment of the global order".'
    )

    assert quote_speakers(body)["valued his assessment of the global order"] == "Tomas Hale"


def test_it_reads_a_leader_known_by_initials_as_the_full_name_they_spell():
    body = (
        "Crown Prince Tomas bin Hale met Mexican President Ana Maria Lopez Obrero.\n\n"
        '"We are ready," TBH said.\n\n'
        '"It was a good day," AMLO told reporters.'
    )

    speakers = quote_speakers(body)
    assert speakers["We are ready,"] == "Tomas bin Hale"
    assert speakers["It was a good day,"] == "Ana Maria Lopez Obrero"


def test_it_gives_the_words_of_a_person_of_a_body_to_the_person():
    body = (
        '"We are ready to talk," Mr Tom Hale of the rebel Norland Democratic Coalition said '
        "at the airport.\n\n"
        'Anna Berg of the Heritage Institute said: "The ceasefire will not hold."'
    )

    speakers = quote_speakers(body)
    assert speakers["We are ready to talk,"] == "Tom Hale"
    assert speakers["The ceasefire will not hold."] == "Anna Berg"


def test_it_reads_a_nation_holding_a_chair_as_the_nation():
    body = 'Group Chair Nepal said it would take "necessary" steps to hold the next summit.'

    assert quote_speakers(body)["necessary"] == "Nepal"


def test_it_reads_made_clear_and_made_plain_as_speech_and_a_name_called_as_no_ones_words():
    body = (
        "Paul Girard met Tom Hale.\n\n"
        'He made plain that the group would discuss "whether Europe should have frontiers".\n\n'
        "Girard made it clear he still opposed the research programme commonly called "
        '"Star Wars."'
    )

    speakers = quote_speakers(body)
    assert speakers["whether Europe should have frontiers"] == "Paul Girard"
    assert "Star Wars." not in speakers


def test_it_names_no_one_for_a_quote_after_a_clause_with_two_subjects():
    body = (
        "Tom Hale met Ivo Petrov at the ranch.\n\n"
        "He said that in three days of talks, he and Petrov had pledged to cut weapons, "
        'discussed trade, and "ways our economies can grow together."'
    )

    assert quote_speakers(body)["ways our economies can grow together."] == ""


def test_it_reads_a_given_name_blended_with_the_surnames_start_as_that_leader():
    body = (
        "JAKARTA - President Tomas Hadinoto noticed something different at the summit.\n\n"
        '"There are so many requests for meetings," said Tomasha.\n\n'
        '"We are ready," said Tomaswi.'
    )

    speakers = quote_speakers(body)
    assert speakers["There are so many requests for meetings,"] == "Tomas Hadinoto"
    assert speakers["We are ready,"] == "Tomaswi"


def test_it_reads_the_presidential_office_as_a_body_that_speaks():
    body = (
        "The presidential office said Wednesday that there were no talks about a visit.\n\n"
        '"There are no discussions," South Korea\'s presidential office said.'
    )

    assert paraphrases(body) == [
        ("Presidential Office", "there were no talks about a visit."),
    ]
    assert quote_speakers(body)["There are no discussions,"] == (
        "South Korea's Presidential Office"
    )


def test_it_reads_legislators_and_a_dateline_with_the_agency_in_capitals():
    body = (
        "Jakarta, MINA \u2013 Foreign Minister Anna Berg said that the country received "
        "eighteen requests for talks.\n\n"
        "Norland legislator Tom Hale said that the meeting would help both sides."
    )

    assert paraphrases(body) == [
        ("Anna Berg", "the country received eighteen requests for talks."),
        ("Tom Hale", "the meeting would help both sides."),
    ]


def test_it_reads_a_minister_with_a_portfolio_outside_the_body_lexicon():
    body = (
        "The Minister of Health Tom Hale also expressed confidence a deal would be done.\n\n"
        '"We are ready," said Minister of Justice Anna Berg.'
    )

    assert paraphrases(body) == [("Tom Hale", "confidence a deal would be done.")]
    assert quote_speakers(body)["We are ready,"] == "Anna Berg"
