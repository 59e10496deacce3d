"""Search words marked in a record's own text, for the result cards.

The text is analysed with the index's own analyzer, so a search for 'werkdruk' also marks
'Werkdruk,' and other forms with the same stem, and 'burnout' marks 'burn-out'. Everything that is
not a mark is escaped.
"""
from __future__ import annotations

from functools import lru_cache

from markupsafe import escape

from kb.analysis import dutch_analyzer

_ANALYZER = dutch_analyzer()
FRAGMENT_CHARS = 220  # length of a fragment of a long text
CONTEXT_CHARS = 60  # text kept before the first searched word


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, analysed form) of each word; the same summaries come back on page after page."""
    return tuple((t.startchar, t.endchar, t.text)
                 for t in _ANALYZER(text, chars=True, mode="index", removestops=False) if not t.stopped)


def _spans(text: str, words) -> list[tuple[int, int]]:
    spans = sorted({(start, end) for start, end, form in _tokens(text) if form in words})
    merged: list[list[int]] = []
    for start, end in spans:  # a hyphenated word gives its whole and its parts: keep the widest
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _marked(text: str, spans, start: int = 0, end: int | None = None) -> str:
    end = len(text) if end is None else end
    out, pos = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out += [str(escape(text[pos:s])), "<mark>", str(escape(text[s:e])), "</mark>"]
        pos = e
    out.append(str(escape(text[pos:end])))
    return "".join(out)


def mark(text: str, words) -> str:
    """The whole text with the searched words in <mark>, as safe HTML; '' when none occurs."""
    if not text or not words:
        return ""
    spans = _spans(text, words)
    return _marked(text, spans) if spans else ""


def fragment(text: str, words, size: int = FRAGMENT_CHARS, context: int = CONTEXT_CHARS) -> str:
    """A piece of a long text around the first searched word, marked, as safe HTML; '' when none."""
    if not text or not words:
        return ""
    spans = _spans(text, words)
    if not spans:
        return ""
    start = max(0, spans[0][0] - context)
    if start:  # begin at a word
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", spans[0][1], end)
        end = space if space > 0 else end
    body = _marked(text, spans, start, end).strip()
    return ("… " if start else "") + body + (" …" if end < len(text) else "")
