"""An article's text as HTML paragraphs with passages marked in place.

The article page marks recorded quotes (linked to their permalinks), the desk marks
proposals, statements and misquotes: both split the text at blank lines, escape it, and
draw each marked passage where it stands, a passage that crosses a paragraph break once
in each paragraph.
"""

import re
from collections.abc import Callable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def marked_paragraphs[M](
    body: str, spans: Sequence[tuple[int, int, M]], draw: Callable[[M, str], str]
) -> list[SafeString]:
    """The body's paragraphs with each (start, end, item) span drawn by `draw(item, text)`.

    `spans` are sorted and do not overlap; `draw` returns HTML and escapes what it shows.
    """
    paragraphs = []
    start = 0
    for end in [m.start() for m in PARAGRAPH_BREAK.finditer(body)] + [len(body)]:
        html: list[str] = []
        cursor = start
        for span_start, span_end, item in spans:
            lo, hi = max(span_start, start), min(span_end, end)
            if lo >= hi:
                continue
            html.append(escape(body[cursor:lo]))
            html.append(draw(item, body[lo:hi]))
            cursor = hi
        html.append(escape(body[cursor:end]))
        text = "".join(html).strip()
        if text:
            paragraphs.append(mark_safe(text))  # escaped above, or drawn as HTML by `draw`
        match = PARAGRAPH_BREAK.match(body, end)
        start = match.end() if match else end
    return paragraphs
