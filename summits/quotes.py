"""How a quote is found in an article: the one place that defines "verbatim".

Editors copy quotes from web pages, PDFs and wire copy, so the same words arrive with curly
or straight quotation marks, hyphens or en dashes, non-breaking spaces and line breaks. None
of that changes what the speaker said; a changed word does. So both texts are folded the same
way before comparing, and nothing else is forgiven.
"""

import heapq
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

_FOLD = str.maketrans(
    {
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u201e": '"',  # double low-9 (German-style opening)
        "\u201f": '"',
        "\u00ab": '"',  # guillemets
        "\u00bb": '"',
        "\u2033": '"',  # double prime, common in OCR'd copy
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",
        "\u2212": "-",  # minus sign
        "\u2026": "...",
    }
)
_WHITESPACE = re.compile(r"\s+")
# Two apostrophes are a typewriter's closing quotation mark (''), so they fold to one mark.
_DOUBLE_APOSTROPHE = re.compile(r"''")
# News style puts a comma or full stop inside the closing quotation mark whether or not the
# speaker's sentence ended there, so a quote may be recorded with or without it.
_TRAILING_PUNCTUATION = ",."
_QUOTE_MARKS = "\"'"


def fold(text: str) -> str:
    """Return text with typography folded and whitespace collapsed, for comparison only."""
    folded = _DOUBLE_APOSTROPHE.sub('"', text.translate(_FOLD))
    return _WHITESPACE.sub(" ", folded).strip()


def quote_core(quote: str) -> str:
    """The folded words of a quote without marks or trailing punctuation around them."""
    core = fold(quote)
    # Editors often paste the quotation marks along with the words.
    if len(core) > 1 and core[0] in _QUOTE_MARKS and core[-1] in _QUOTE_MARKS:
        core = core[1:-1].strip()
    return core.rstrip(_TRAILING_PUNCTUATION + " ")


def quote_occurs_in(quote: str, body: str) -> bool:
    """True when the quote's words appear, verbatim, in the article body."""
    core = quote_core(quote)
    if not core:
        return False
    return core in fold(body)


def locate(quote: str, body: str) -> tuple[int, int] | None:
    """Where the quote's words stand in the original body, as (start, end) offsets.

    Used to highlight a quote in the article as published; None when it does not occur.
    """
    core = quote_core(quote)
    if not core:
        return None
    # Build the folded body character by character so every folded index maps back to an
    # offset in the original text.
    folded_chars: list[str] = []
    origin: list[int] = []
    previous_space = True
    index = 0
    while index < len(body):
        char = body[index]
        if body.startswith("''", index):
            piece, width = '"', 2
        else:
            piece, width = char.translate(_FOLD), 1
        if piece.isspace():
            if not previous_space:
                folded_chars.append(" ")
                origin.append(index)
            previous_space = True
        else:
            for part in piece:
                folded_chars.append(part)
                origin.append(index)
            previous_space = False
        index += width
    folded_body = "".join(folded_chars)
    position = folded_body.find(core)
    if position < 0:
        return None
    end_index = position + len(core) - 1
    return origin[position], origin[end_index] + 1


# --- When a quote is not verbatim: where it most likely came from, and what differs ---------

# Marks and punctuation that cling to words; a passage is compared and cut without them.
_WORD_EDGES = "\"'()[]{},.;:!?"
_OPENING_MARKS = "\"'\u201c\u2018\u00ab"
_CLOSING_MARKS = "\"'\u201d\u2019\u00bb"
_SENTENCE_END = re.compile(r"[.!?][\"')\u201d\u2019]*\s+|\n\s*")


@dataclass(frozen=True)
class Passage:
    """A run of the article's words, as offsets into the original body and its text there."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class WordChange:
    """One step of a word-level comparison, named as difflib names them.

    `op` is "equal", "replace", "delete" (words only in the old text) or "insert" (only in
    the new); `old` and `new` are the words on each side, joined by single spaces.
    """

    op: str
    old: str
    new: str


def _word_key(word: str) -> str:
    return fold(word).casefold().strip(_WORD_EDGES)


def word_changes(old: str, new: str) -> list[WordChange]:
    """The words two texts share and the runs where they differ, in reading order."""
    old_words, new_words = old.split(), new.split()
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    return [
        WordChange(op, " ".join(old_words[i1:i2]), " ".join(new_words[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def closest_passage(quote: str, body: str) -> Passage | None:
    """The passage of the body whose words are most like the quote's, or None if none is.

    For a quote that is not verbatim: the editor sees where it most likely came from and
    can take the article's words instead. Words are compared without case, typography or
    clinging punctuation; a passage must share at least half the quote's words, in order.
    """
    # Five letters stand for a word, so "agreed" meets "agree" and the passage around it.
    wanted = [key[:5] for key in (_word_key(word) for word in quote_core(quote).split()) if key]
    words = [match for match in re.finditer(r"\S+", body) if _word_key(match.group())]
    keys = [_word_key(match.group())[:5] for match in words]
    size = len(wanted)
    if not size or not keys:
        return None
    # A cheap first pass ranks windows of the quote's length by the words they share; the
    # few best are then aligned word by word, a little shorter, longer and shifted.
    wanted_counts = Counter(wanted)
    shared = [
        (sum((Counter(keys[start : start + size]) & wanted_counts).values()), -start)
        for start in range(max(1, len(keys) - size + 1))
    ]
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(wanted)
    slack = max(3, size // 3)
    # A window of the quote's length starts within a few words of the passage it overlaps.
    shift = min(slack, 5)
    # Most words in common, in order; then the length nearest the quote's, so a passage
    # that leaves out the quote's changed word does not beat the one that contains it.
    best = (0, 0, 0, 0)
    for _, anchor in heapq.nlargest(5, shared):
        for start in range(max(0, -anchor - shift), min(len(keys), -anchor + shift + 1)):
            longest = min(len(keys), start + size + slack)
            for end in range(start + max(1, size - slack), longest + 1):
                matcher.set_seq1(keys[start:end])
                common = sum(block.size for block in matcher.get_matching_blocks())
                score = (common, -abs(end - start - size))
                if score > best[:2]:
                    best = (*score, start, end)
    common, _, first, last = best
    if common * 2 < size:
        return None
    start, end = words[first].start(), words[last - 1].end()
    # Quotation marks and the attribution's comma belong to the article, not to the words.
    while start < end and body[start] in _OPENING_MARKS:
        start += 1
    while end > start and body[end - 1] in _CLOSING_MARKS + _TRAILING_PUNCTUATION:
        end -= 1
    return Passage(start, end, body[start:end])


# A paraphrase's sentence is found by its longer words (short ones are "the", "and", "was"),
# and must share at least two of them, and a third of all of them.
CONTENT_WORD_LENGTH = 4
SHARED_WORDS_AT_LEAST = 2
# A misquote names its first few differences; more would bury the one that matters.
DIFFERENCES_SHOWN = 5


def source_sentence(paraphrase: str, body: str) -> int | None:
    """Where the sentence a paraphrase most likely retells starts in the body, or None.

    A paraphrase rewords, so its order of words says little: the sentence sharing the most
    of its longer words (four letters or more) is taken, if it shares two and a third.
    """
    content = {key for key in map(_word_key, paraphrase.split()) if len(key) >= CONTENT_WORD_LENGTH}
    if not content:
        return None
    starts = [0, *(match.end() for match in _SENTENCE_END.finditer(body))]
    best: tuple[int, int] | None = None
    for start, end in zip(starts, [*starts[1:], len(body)], strict=True):
        shared = len(content & {_word_key(word) for word in body[start:end].split()})
        if best is None or shared > best[0]:
            best = (shared, start)
    if best is None or best[0] < SHARED_WORDS_AT_LEAST or best[0] * 3 < len(content):
        return None
    return best[1]


def misquote_diagnosis(quote: str, body: str) -> str:
    """For a quote that is not verbatim: the closest passage and the words that differ."""
    passage = closest_passage(quote, body)
    if passage is None:
        return "No passage of the article comes close: check the quote against it."
    differences = []
    for change in word_changes(quote_core(quote), fold(passage.text)):
        if change.op == "replace":
            differences.append(f"it says “{change.new}” where the quote has “{change.old}”")
        elif change.op == "delete":
            differences.append(f"it does not say “{change.old}”")
        elif change.op == "insert":
            differences.append(f"the quote leaves out “{change.new}”")
    shown = "; ".join(differences[:DIFFERENCES_SHOWN])
    if len(differences) > DIFFERENCES_SHOWN:
        shown += f"; and {len(differences) - DIFFERENCES_SHOWN} more differences"
    return f"The closest passage is “{passage.text}”: {shown or 'only its punctuation differs'}."


def text_position(text: str, body: str, *, verbatim: bool) -> int:
    """Where a statement's words stand in its article, counted from 1, for its position.

    A quote (verbatim) stands where its words start; a paraphrase where the sentence it
    retells starts. One that cannot be placed goes after everything the article says.
    """
    if verbatim:
        found = locate(text, body)
        start = found[0] if found is not None else None
    else:
        start = source_sentence(text, body)
    return (len(body) if start is None else start) + 1
