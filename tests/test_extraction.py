"""The quote-extraction assistant, measured against hand-labelled articles.

Each article under tests/extraction/ has an `.expected.json` listing every direct quote in it
with the full name of its speaker, labelled by reading the article, not by running the code.
Sochi is the seed article; the others are invented to cover attribution patterns
it lacks. The scare quote "supposed to do," in Sochi is labelled, attributed to Russia, the
subject of the sentence that carries it: the editor is shown every quoted passage.
"""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from summits.extraction import Proposal, extract_statements

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
    unused = list(proposals)
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
        assert proposal.kind == "quote"
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
    assert len(printed) == len(expected)
    assert set(printed[0]) == {"speaker", "kind", "text", "context"}
    assert printed[0]["speaker"] == "Dmitry Medvedev"
    assert printed[0]["text"] == "Good weather, good relations,"


def test_it_names_the_file_it_cannot_read(tmp_path):
    missing = tmp_path / "no-such-article.txt"

    with pytest.raises(CommandError, match="no-such-article.txt"):
        call_command("extract_statements", str(missing))
