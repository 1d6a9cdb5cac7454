"""How a quote is found in an article: the one place that defines "verbatim".

Editors copy quotes from web pages, PDFs and wire copy, so the same words arrive with curly
or straight quotation marks, hyphens or en dashes, non-breaking spaces and line breaks. None
of that changes what the speaker said; a changed word does. So both texts are folded the same
way before comparing, and nothing else is forgiven.
"""

import re

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
