"""Propose the direct quotes in a news article, each with the speaker its attribution names.

The editor pastes an article body and gets back every passage between quotation marks, in
article order, with the sentence it stands in and the best guess at who said it. Nothing here
is decided for the editor: proposals are ticked or discarded by hand, so recall matters more
than precision. A short scare quote is proposed like any other quote.

The speaker is read the way a reader of English news copy reads it, with no model and no
gazetteer, only the conventions of the genre:

* a quote is attributed by a speech verb next to a noun phrase: `"...," Lavrov said`,
  `"...," said Lavrov`, `Merkel said: "..."`, `the president told reporters`,
  `according to X`, or a reported sentence that runs into the quote
  (`X stressed that the alliance "does not regard ..."`);
* a person is introduced once by full name, usually behind a title ("Russian Foreign
  Minister Sergei Lavrov"), and afterwards called by surname, by title ("the foreign
  minister") or by pronoun; all of these are mapped back to the full name;
* a quote with no attribution of its own continues the speaker the story is following;
* organisations speak too ("the Kremlin said"), and are named without the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise


@dataclass(frozen=True)
class Proposal:
    speaker: str
    kind: str
    text: str
    context: str
    start: int


# Quotation marks. The two-apostrophe close comes from wire copy typed on typewriter-era
# keyboards; the backtick open is its TeX-style twin.
_OPENERS = ("``", '"', "\u201c", "\u00ab", "\u2018")
_CLOSERS = {
    "``": ("''", '"', "\u201d"),
    '"': ("''", '"', "\u201d"),
    "\u201c": ("\u201d", '"', "''", "\u201c"),
    "\u00ab": ("\u00bb",),
    "\u2018": ("\u2019",),
}

# A role word may stand before a name ("Chancellor Angela Merkel") or alone after "the".
_TITLES = frozenset(
    """
    president vice-president chancellor premier minister secretary secretary-general
    secretary-of-state director-general commissioner representative ambassador envoy
    spokesman spokeswoman spokesperson chairman chairwoman chair senator congressman
    congresswoman governor mayor general admiral colonel king queen prince princess pope
    emir sheikh leader chief negotiator adviser advisor mr mrs ms dr sir lady lord madam
    baroness duke duchess
    """.split()
)
# Words that narrow a role and belong to it: the "foreign" in "the foreign minister".
_ROLE_MODIFIERS = frozenset(
    """
    prime foreign defence defense finance interior home trade deputy vice acting economy
    economics energy justice health environment agriculture security national high chief
    first state foreign-policy
    """.split()
)
_FEMININE = frozenset(
    "mrs ms madam lady queen princess baroness duchess spokeswoman chairwoman congresswoman".split()
)
_MASCULINE = frozenset("mr sir lord king prince duke spokesman chairman congressman".split())
_PARTICLES = frozenset("de da di du del della van von der den la le al el bin ibn ter dos".split())
_DETERMINERS = frozenset(("the", "a", "an"))
_PRONOUNS = {"he": "m", "she": "f", "it": ""}

# Capitalised words that open sentences or name dates; they never start a name. "May" is
# left out because it is a surname as often as a month.
_CAPITALISED_FUNCTION_WORDS = frozenset(
    """
    The A An And But Or Nor Yet So In On At After Before During For From With Without By Of
    To As If When While Although Though Despite Still However Meanwhile Moreover Earlier
    Later Then Now Today Tonight Yesterday Tomorrow This That These Those It Its He She His
    Her Him They Their Them We Our Us I You Your There Here What Why How Who Whom Whose Which
    Where All Some Many Most Several Both Each Every No Not Speaking Asked According
    Following Under Over Instead Also Nevertheless Separately Elsewhere Afterwards Since
    Until Amid Ahead Last Next Once Unlike Like Indeed Overall Only Even Such Other Another
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    June July August September October November December Author Editor
    """.split()
)
# Words that make a capitalised phrase an institution or a place rather than a person.
_ORGANISATION_WORDS = frozenset(
    """
    Council Union Commission Ministry Department Office House Parliament Government Committee
    Organization Organisation Agency Bank Fund Alliance Party Assembly Court Congress Senate
    Secretariat Cabinet Federation Institute Association Group Nations States Republic
    Coalition Forum Embassy Army Navy Police Force Forces Corporation Company Service
    Services Board Authority Kingdom Emirates Sea Ocean Street Palace
    """.split()
)
# Prepositional or adverbial openers: the sentence's subject comes after their comma.
_OPENING_ADVERBIALS = frozenset(
    """
    After Before On In At During Still However Meanwhile Earlier Later Speaking For Following
    Despite Although While When Asked According Yet Instead Nevertheless Separately Elsewhere
    Today Yesterday Afterwards Shortly Since Until With Without Under As Amid Ahead Back By
    From Last This Next Once Unlike Like Regarding Addressing Responding Commenting Then Now
    Also Moreover Furthermore Nonetheless Overall Indeed Apart Even Though
    """.split()
)
_CONJUNCTIONS = frozenset(("And", "But", "Yet", "So", "Or"))
# Words that may stand between a speaker and the speech verb: "Lavrov later said",
# "Lavrov was quoted as saying".
_ADVERBS = frozenset(
    """
    also later then again once firmly repeatedly bluntly simply flatly previously earlier
    quickly reportedly has had have would will was is who which further finally openly
    publicly privately recently subsequently immediately angrily calmly quietly however
    been quoted as only just even still sharply curtly dryly wryly
    """.split()
)

_FINITE_VERBS = """
    said says say told tells added adds stressed stresses emphasized emphasised emphasizes
    emphasises concluded concludes joked jokes warned warns insisted insists argued argues
    noted notes explained explains declared declares asked asks replied replies stated
    announced announces confirmed confirms admitted admits acknowledged acknowledges claimed
    claims urged urges wrote writes observed remarked responded countered suggested
    suggests promised pledged vowed continued recalled conceded complained predicted
    cautioned underlined underscored reiterated maintained quipped tweeted called calls
    described describes dubbed termed labelled labeled shouted exclaimed commented contended
    boasted objected
""".split()
_PARTICIPLES = """
    saying adding stressing emphasizing emphasising insisting warning noting arguing
    explaining declaring telling claiming urging concluding joking asking calling describing
    recalling
""".split()
_SPEECH_VERB = re.compile(
    r"(?i:(?<![^\W\d_])according to\b)|\b(?:"
    + "|".join(sorted(_FINITE_VERBS + _PARTICIPLES, key=len, reverse=True))
    + r")\b"
)
_PARTICIPLE_SET = frozenset(_PARTICIPLES)

_TOKEN = re.compile(r"[^\W\d_]\.(?=\s)|\w[\w\u2019'-]*|[^\w\s]")
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col sen rep gov st jr sr no vs etc jan feb aug sept oct nov dec
    capt sgt maj adm rev hon pres
    """.split()
)
# Inside a sentence, quoted text is blanked with this so no rule ever reads the speaker's
# own words as attribution.
_BLANK = "\x1f"
# An attribution follows the quote closely; a speech verb further on belongs to another clause.
_ATTRIBUTION_REACH = 8


@dataclass
class _Quote:
    """Where a quotation-mark passage sits in its paragraph, marks included and excluded."""

    open: int
    start: int
    end: int
    close: int


@dataclass(frozen=True)
class _Reference:
    """A noun phrase that can speak: a "name", an "organisation", a "role" or a "pronoun"."""

    kind: str
    words: tuple[str, ...]
    role: tuple[str, ...] = ()
    definite: bool = True


@dataclass
class _Person:
    words: tuple[str, ...]
    roles: list[tuple[str, ...]] = field(default_factory=list)
    gender: str = ""
    seen: int = 0

    @property
    def name(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class _Speaker:
    name: str
    person: _Person | None = None
    # From the fallback "only person in the sentence": too weak to learn a gender from.
    guessed: bool = False


_NOBODY = _Speaker("")


def extract_statements(body: str) -> list[Proposal]:
    """Every passage between quotation marks in `body`, in article order, with its speaker."""
    desk = _Desk()
    proposals: list[Proposal] = []
    for offset, paragraph in _paragraphs(body):
        proposals.extend(desk.read_paragraph(paragraph, offset))
    return proposals


def _paragraphs(body: str):
    # Copy pasted from a web page has one paragraph per line; copy from a word processor or
    # an e-mail is hard-wrapped, with blank lines between paragraphs.
    separator = r"\n[ \t\r]*\n" if re.search(r"\n[ \t\r]*\n", body) else r"\n"
    position = 0
    for match in [*re.finditer(separator, body), None]:
        chunk = body[position : match.start() if match else len(body)]
        stripped = chunk.strip()
        if stripped:
            yield position + chunk.index(stripped), stripped
        if match:
            position = match.end()


def _find_quotes(paragraph: str) -> list[_Quote]:
    quotes = []
    position = 0
    while position < len(paragraph):
        opener = _opener_at(paragraph, position)
        if opener is None:
            position += 1
            continue
        text_start = position + len(opener)
        close_at, closer = _closer_after(paragraph, text_start, opener)
        # An unclosed quote runs to the end of the paragraph: news style leaves a quote open
        # when the same speaker continues in the next paragraph.
        text_end = close_at if closer else len(paragraph)
        quote_close = close_at + len(closer) if closer else len(paragraph)
        text = paragraph[text_start:text_end]
        if text.strip():
            start = text_start + len(text) - len(text.lstrip())
            end = text_end - (len(text) - len(text.rstrip()))
            quotes.append(_Quote(position, start, end, quote_close))
        position = quote_close
    return quotes


def _opener_at(paragraph: str, position: int) -> str | None:
    for opener in _OPENERS:
        if paragraph.startswith(opener, position):
            # A single curly quote opens speech only at a word's start; elsewhere it is a
            # typographer's apostrophe.
            if opener == "\u2018" and position and paragraph[position - 1].isalnum():
                return None
            return opener
    return None


def _closer_after(paragraph: str, position: int, opener: str) -> tuple[int, str]:
    closers = _CLOSERS[opener]
    while position < len(paragraph):
        for closer in closers:
            if paragraph.startswith(closer, position):
                if closer == "\u2019" and paragraph[position + 1 : position + 2].isalpha():
                    break  # an apostrophe inside a word, as in "don’t"
                return position, closer
        position += 1
    return len(paragraph), ""


def _blank_quotes(paragraph: str, quotes: list[_Quote]) -> str:
    blanked = list(paragraph)
    for quote in quotes:
        blanked[quote.open : quote.close] = _BLANK * (quote.close - quote.open)
    return "".join(blanked)


def _sentences(paragraph: str, quotes: list[_Quote]) -> list[tuple[int, int]]:
    cuts = set()
    for match in re.finditer(r"[.!?]+", paragraph):
        if any(quote.open <= match.start() < quote.close for quote in quotes):
            continue
        if match.group() == "." and _is_abbreviation(paragraph, match.start()):
            continue
        end = match.end()
        while end < len(paragraph) and paragraph[end] in ")]\u2019":
            end += 1
        if _sentence_starts_at(paragraph, end):
            cuts.add(end)
    for quote in quotes:
        ends_sentence = paragraph[quote.start : quote.end][-1:] in ".!?"
        # "Is this fair?" Merkel asked. -- the attribution still belongs to the quote.
        if (
            ends_sentence
            and _sentence_starts_at(paragraph, quote.close)
            and not _attribution_follows(paragraph, quote.close)
        ):
            cuts.add(quote.close)
    spans = []
    start = 0
    for cut in sorted(cuts) + [len(paragraph)]:
        piece = paragraph[start:cut]
        if piece.strip():
            left = start + len(piece) - len(piece.lstrip())
            spans.append((left, cut - (len(piece) - len(piece.rstrip()))))
        start = cut
    return spans


def _is_abbreviation(paragraph: str, dot: int) -> bool:
    word = re.search(r"(\w+)$", paragraph[:dot])
    if word is None:
        return False
    word = word.group(1)
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _sentence_starts_at(paragraph: str, position: int) -> bool:
    following = re.match(r"\s+(\S)", paragraph[position:])
    if following is None:
        return False
    first = following.group(1)
    return first.isupper() or first.isdigit() or any(first == o[0] for o in _OPENERS)


def _attribution_follows(paragraph: str, position: int) -> bool:
    clause = re.split(r"[.!?\"\u201c]", paragraph[position:], maxsplit=1)[0]
    words = clause.split()[:6]
    return bool(_SPEECH_VERB.search(" ".join(words)))


def _tokens(text: str) -> list[str]:
    # "Secretary of State" is one title; joining it keeps "State" from reading as a name.
    text = re.sub(r"\b([Ss]ecretary) of ([Ss]tate)\b", r"\1-of-\2", text)
    return _TOKEN.findall(text)


def _is_word(token: str) -> bool:
    return token[:1].isalnum()


def _is_name_word(token: str) -> bool:
    return (
        token[:1].isupper()
        and token not in _CAPITALISED_FUNCTION_WORDS
        and any(ch.isalpha() for ch in token)
    )


def _fits_noun_phrase(token: str) -> bool:
    # "the French president's office": the possessive title still belongs to the phrase, so
    # the phrase can be recognised as a possessor and not mistaken for a speaker.
    low = re.sub(r"['\u2019]s$", "", token.lower())
    return _is_name_word(token) or low in _TITLES or low in _ROLE_MODIFIERS


def _is_possessive(token: str) -> bool:
    return token.endswith(("'s", "\u2019s", "s'", "s\u2019"))


def _phrase_ending(tokens: list[str]) -> list[str]:
    phrase: list[str] = []
    for token in reversed(tokens):
        low = token.lower()
        if _fits_noun_phrase(token) or (low in _PARTICLES and phrase and _is_name_word(phrase[0])):
            phrase.insert(0, token)
            continue
        if low in _DETERMINERS and phrase:
            phrase.insert(0, token)
        break
    return phrase


def _phrase_starting(tokens: list[str]) -> list[str]:
    phrase: list[str] = []
    for index, token in enumerate(tokens):
        low = token.lower()
        if not phrase and low in _DETERMINERS:
            phrase.append(token)
        elif _fits_noun_phrase(token):
            phrase.append(token)
        elif (
            low in _PARTICLES
            and phrase
            and index + 1 < len(tokens)
            and _is_name_word(tokens[index + 1])
        ):
            phrase.append(token)
        else:
            break
    if len(phrase) == 1 and phrase[0].lower() in _DETERMINERS:
        return []
    return phrase


def _read_phrase(phrase: list[str]) -> _Reference | None:
    """What a noun phrase refers to: a named person, an organisation, or a role."""
    words = list(phrase)
    determiner = words[0].lower() if words and words[0].lower() in _DETERMINERS else ""
    if determiner:
        words = words[1:]
    if not words or _is_possessive(words[-1]):
        return None
    titled = [i for i, word in enumerate(words) if word.lower() in _TITLES]
    if titled:
        last = titled[-1]
        first = last
        while first and words[first - 1].lower() in _TITLES | _ROLE_MODIFIERS:
            first -= 1
        role = _role(words[first : last + 1])
        name = words[last + 1 :]
        if name and _looks_like_person(name) and not determiner:
            return _Reference("name", tuple(name), role)
        if name:
            return _Reference("organisation", tuple(_drop_possessive(words)))
        if not all(_is_name_word(w) or w.lower() in _TITLES | _ROLE_MODIFIERS for w in words):
            return None
        return _Reference("role", (), role, definite=determiner not in ("a", "an"))
    if not all(_is_name_word(word) or word.lower() in _PARTICLES for word in words):
        return None
    if determiner in ("a", "an"):
        return None
    if determiner == "the" or (len(words) > 1 and not _looks_like_person(words)):
        return _Reference("organisation", tuple(words))
    if len(words) == 1 and (words[0].isupper() and len(words[0]) > 1):
        return _Reference("organisation", tuple(words))
    return _Reference("name", tuple(words))


def _role(words: list[str]) -> tuple[str, ...]:
    role = " ".join(word.lower() for word in words)
    return tuple(role.replace("secretary general", "secretary-general").split())


def _drop_possessive(words: list[str]) -> list[str]:
    return [re.sub(r"['\u2019]s?$", "", word) for word in words]


def _looks_like_person(words: list[str]) -> bool:
    return (
        len(words) <= 5
        and _is_name_word(words[0])
        and all(_is_name_word(w) or w.lower() in _PARTICLES for w in words)
        and not any(w in _ORGANISATION_WORDS for w in words)
        and not any(w.isupper() and len(w) > 1 for w in words)
        and not any(_is_possessive(w) for w in words)
        and not any(w.lower() in _TITLES | _ROLE_MODIFIERS for w in words)
    )


def _phrase_before(text: str, whole: bool) -> _Reference | None:
    """The speaker phrase that ends `text`, as in `Lavrov, however,` before `said`.

    With `whole`, the phrase must be all there is (bar punctuation): after a quote,
    `"...," but Lavrov said` opens a new clause and is not the quote's attribution.
    """
    tokens = _tokens(_strip_to_speaker(text))
    if tokens and tokens[-1].lower() in _PRONOUNS:
        reference = _Reference("pronoun", (tokens[-1].lower(),))
        rest = tokens[:-1]
    else:
        phrase = _phrase_ending(tokens)
        reference = _read_phrase(phrase)
        rest = tokens[: len(tokens) - len(phrase)]
    if whole and any(_is_word(token) for token in rest):
        return None
    return reference


def _phrase_after(text: str) -> _Reference | None:
    tokens = _tokens(text)
    if tokens and tokens[0].lower() in _PRONOUNS and tokens[0].islower():
        return _Reference("pronoun", (tokens[0],))
    return _read_phrase(_phrase_starting(tokens))


def _strip_to_speaker(text: str) -> str:
    text = text.rstrip()
    while text:
        word = re.search(r"(\w+)$", text)
        if word and word.group(1).lower() in _ADVERBS:
            text = text[: word.start()].rstrip()
            continue
        if text.endswith(","):
            # "Rasmussen, however, stressed" / "Marchand, head of the federation, who called"
            inner = text[:-1]
            comma = inner.rfind(",")
            if comma < 0 or len(inner[comma + 1 :].split()) > 12:
                return ""
            text = inner[:comma].rstrip()
            continue
        break
    return text


class _Cast:
    """The people the story has introduced, and whom it is following."""

    def __init__(self) -> None:
        self.people: list[_Person] = []
        self.clock = 0
        self.followed: list[_Speaker] = []

    def meet(self, words: tuple[str, ...], role: tuple[str, ...] = ()) -> _Person | None:
        words = tuple(_drop_possessive(list(words)))
        known = [
            person
            for person in self.people
            if _ends_with(person.words, words) or _ends_with(words, person.words)
        ]
        if known:
            person = max(known, key=lambda p: p.seen)
            if len(words) > len(person.words):
                person.words = words
        elif len(words) >= 2:
            person = _Person(words)
            self.people.append(person)
        else:
            return None
        if role and role not in person.roles:
            person.roles.append(role)
        if not person.gender:
            if _FEMININE & set(role):
                person.gender = "f"
            elif _MASCULINE & set(role):
                person.gender = "m"
        self.clock += 1
        person.seen = self.clock
        return person

    def holder(self, role: tuple[str, ...]) -> _Person | None:
        """The person last named with this title: "the president", "the foreign minister"."""
        best, best_key = None, None
        for person in self.people:
            for held in person.roles:
                shared = _shared_tail(role, held)
                if not shared:
                    continue
                # A deputy secretary-general is not "the secretary-general".
                key = (shared, shared - len(held), person.seen)
                if best_key is None or key > best_key:
                    best, best_key = person, key
        if best is not None:
            self.clock += 1
            best.seen = self.clock
        return best

    def resolve(self, reference: _Reference | None) -> _Speaker:
        if reference is None:
            return _NOBODY
        if reference.kind == "pronoun":
            return self.pronoun(reference.words[0])
        if reference.kind == "organisation":
            return _Speaker(" ".join(_drop_possessive(list(reference.words))))
        if reference.kind == "role":
            person = self.holder(reference.role) if reference.definite else None
            return _Speaker(person.name, person) if person else _NOBODY
        person = self.meet(reference.words, reference.role)
        if person is None:
            return _Speaker(" ".join(_drop_possessive(list(reference.words))))
        return _Speaker(person.name, person)

    def pronoun(self, pronoun: str) -> _Speaker:
        gender = _PRONOUNS[pronoun.lower()]
        for speaker in reversed(self.followed):
            if pronoun.lower() == "it":
                if speaker.person is None:
                    return speaker
                continue
            person = speaker.person
            if person is not None and person.gender in ("", gender):
                # Once "she" has pointed at someone, "he" should look past her.
                person.gender = gender
                return _Speaker(person.name, person)
        return _NOBODY

    def follow(self, speaker: _Speaker) -> None:
        if speaker.name:
            self.followed.append(speaker)

    @property
    def current(self) -> _Speaker:
        return self.followed[-1] if self.followed else _NOBODY


def _ends_with(words: tuple[str, ...], tail: tuple[str, ...]) -> bool:
    return len(tail) <= len(words) and words[len(words) - len(tail) :] == tail


def _shared_tail(one: tuple[str, ...], other: tuple[str, ...]) -> int:
    shared = 0
    while shared < min(len(one), len(other)) and one[-1 - shared] == other[-1 - shared]:
        shared += 1
    return shared


class _Desk:
    """Reads an article paragraph by paragraph, as a sub-editor would."""

    def __init__(self) -> None:
        self.cast = _Cast()

    def read_paragraph(self, paragraph: str, offset: int) -> list[Proposal]:
        quotes = _find_quotes(paragraph)
        blanked = _blank_quotes(paragraph, quotes)
        proposals = []
        for start, end in _sentences(paragraph, quotes):
            inside = [quote for quote in quotes if start <= quote.open < end]
            context = paragraph[start:end]
            speakers = self.read_sentence(blanked, start, end, inside)
            for quote, speaker in zip(inside, speakers, strict=True):
                text = paragraph[quote.start : quote.end]
                proposals.append(
                    Proposal(speaker.name, "quote", text, context, offset + quote.start)
                )
        return proposals

    def read_sentence(
        self, blanked: str, start: int, end: int, quotes: list[_Quote]
    ) -> list[_Speaker]:
        sentence = blanked[start:end]
        speakers: list[_Speaker] = []
        for index, quote in enumerate(quotes):
            before = blanked[quotes[index - 1].close if index else start : quote.open]
            following = quotes[index + 1].open if index + 1 < len(quotes) else end
            after = blanked[quote.close : following]
            previous = speakers[-1] if speakers else None
            speakers.append(self.attribute(before, after, previous, sentence))
        met = self.register(sentence)
        self.follow_sentence(sentence, speakers, met)
        return speakers

    def attribute(
        self, before: str, after: str, previous: _Speaker | None, sentence: str
    ) -> _Speaker:
        verb = _first_verb(after)
        if verb is not None:
            speaker = self.speaker_at(after, verb, sentence, whole=True)
            if speaker.name:
                return speaker
        verbs = list(_SPEECH_VERB.finditer(before))
        if verbs:
            speaker = self.speaker_at(before, verbs[-1], sentence, whole=False)
            if speaker.name:
                return speaker
        if before.rstrip().endswith(":"):
            # "Merkel was blunt: ..." -- the colon hands the floor to the subject.
            speaker = self.cast.resolve(_subject_of(sentence))
            if speaker.name:
                return speaker
        if previous is not None and previous.name:
            # The second half of a split quote, or the second of a pair joined by "and".
            return previous
        speaker = self.speaker_in(sentence)
        if speaker.name:
            return speaker
        if not before.strip(_BLANK + " \t\n\r"):
            # A quote that opens its sentence with no attribution continues the speaker the
            # story is following.
            return self.cast.current
        subject = _subject_of(sentence)
        if subject is not None and (subject.kind != "name" or len(subject.words) > 1):
            return self.cast.resolve(subject)
        return _NOBODY

    def speaker_at(self, text: str, verb: re.Match, sentence: str, whole: bool) -> _Speaker:
        said = verb.group()
        lead_in, rest = text[: verb.start()], text[verb.end() :]
        if said.lower() == "according to":
            return self.cast.resolve(_phrase_after(rest))
        if said in _PARTICIPLE_SET:
            # "..., saying the coalition ..." -- the participle's speaker is the sentence's
            # subject, unless one stands right before it ("Lavrov was quoted as saying").
            stripped = lead_in.rstrip()
            reference = None
            if stripped and not stripped.endswith(","):
                reference = _phrase_before(lead_in, whole)
            return self.cast.resolve(reference or _subject_of(sentence))
        reference = _phrase_before(lead_in, whole)
        lead_tokens = _tokens(lead_in)
        if reference is None and (not lead_tokens or not _is_word(lead_tokens[-1])):
            # Inversion, "said Lavrov", only straight after a quote or a comma: after a
            # noun, "told the Security Council" names the audience, not the speaker.
            reference = _phrase_after(rest)
        return self.cast.resolve(reference)

    def speaker_in(self, sentence: str) -> _Speaker:
        """The speaker of any speech verb in the sentence's own (unquoted) words."""
        for verb in reversed(list(_SPEECH_VERB.finditer(sentence))):
            speaker = self.speaker_at(sentence, verb, sentence, whole=False)
            if speaker.name:
                return speaker
        return _NOBODY

    def register(self, sentence: str) -> list[_Person]:
        """Introduce the people the sentence names, with any title they are given."""
        tokens = _tokens(sentence)
        found: list[tuple[int, int, _Reference | None]] = []
        index = 0
        while index < len(tokens):
            phrase = _phrase_starting(tokens[index:])
            if phrase:
                found.append((index, index + len(phrase), _read_phrase(phrase)))
                index += len(phrase)
            else:
                index += 1
        met = []
        for _, _, reference in found:
            if reference is not None and reference.kind == "name":
                person = self.cast.meet(reference.words, reference.role)
                if person is not None:
                    met.append(person)
        # Appositions give titles too: "Angela Merkel, the German chancellor, said".
        for (_, first_end, first), (second_start, _, second) in pairwise(found):
            if first is None or second is None or tokens[first_end:second_start] != [","]:
                continue
            kinds = {first.kind: first, second.kind: second}
            if set(kinds) == {"name", "role"} and kinds["role"].definite:
                self.cast.meet(kinds["name"].words, kinds["role"].role)
        return met

    def follow_sentence(self, sentence: str, speakers: list[_Speaker], met: list[_Person]) -> None:
        named = [speaker for speaker in speakers if speaker.name]
        speaker = named[-1] if named else self.speaker_in(sentence)
        if not speaker.name:
            subject = _subject_of(sentence)
            if subject is not None and (subject.kind != "name" or len(subject.words) > 1):
                speaker = self.cast.resolve(subject)
            elif subject is not None and self.cast.meet(subject.words) is not None:
                speaker = self.cast.resolve(subject)
        if not speaker.name and met:
            speaker = _Speaker(met[0].name, met[0], guessed=True)
        if not speaker.name:
            return
        self.cast.follow(speaker)
        person = speaker.person
        if person is not None and not person.gender and not speaker.guessed:
            # "The foreign minister said his government ..." tells us who "he" can be.
            his = re.search(r"\b(?:his|himself)\b", sentence, re.IGNORECASE)
            her = re.search(r"\b(?:her|hers|herself)\b", sentence, re.IGNORECASE)
            if his and not her:
                person.gender = "m"
            elif her and not his:
                person.gender = "f"


def _subject_of(sentence: str) -> _Reference | None:
    """Who the sentence is about: the speaker of "..., saying" and of "X was blunt: ..."."""
    tokens = _tokens(sentence.strip())
    while tokens and tokens[0] in _CONJUNCTIONS:
        tokens = tokens[1:]
    if tokens and tokens[0] in _OPENING_ADVERBIALS and "," in tokens[:16]:
        tokens = tokens[tokens.index(",") + 1 :]
    if tokens and tokens[0].lower() in ("he", "she"):
        return _Reference("pronoun", (tokens[0].lower(),))
    return _read_phrase(_phrase_starting(tokens))


def _first_verb(after: str) -> re.Match | None:
    for verb in _SPEECH_VERB.finditer(after):
        words = [t for t in _tokens(after[: verb.start()]) if _is_word(t)]
        if len(words) <= _ATTRIBUTION_REACH:
            return verb
        return None
    return None
