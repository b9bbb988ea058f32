"""Paragraphs with stand-off offsets, each marked as the title, a heading or body text."""
from __future__ import annotations

import re

_BREAK = r"(?:\r\n|\r(?!\n)|\n)"
_SEPARATORS = {  # mode -> (for text without "\r": scans faster, for any text)
    "blank": (  # a line break, then whitespace-only lines
        re.compile(r"\n[^\S\n]*+\n(?:[^\S\n]*+\n)*"),
        re.compile(rf"{_BREAK}(?:[^\S\r\n]*+{_BREAK})+"),
    ),
    "line": (re.compile(r"\n+"), re.compile(rf"{_BREAK}+")),
}
_CLOSERS = "\"'”’)]"
_HEADING_MAX_WORDS = 12
_HEADING_MAX_CHARS = 100
_FINAL_PUNCTUATION = ".!?:;,…\"'”’»"
_SENTENCE_INSIDE = re.compile(r"[.!?…][\"'”’)]*\s")


def split_paragraphs(text: str, mode: str = "blank", title: str | None = None) -> list[dict]:
    """Paragraph spans {"start", "end", "kind"}, whitespace-trimmed, in text order.

    mode "blank": paragraphs are separated by blank lines; mode "line": one paragraph per non-empty line.
    kind is "title" for a first paragraph equal to `title`, "heading" for a short line standing alone
    without final punctuation, else "body".
    """
    try:
        newline_only, any_break = _SEPARATORS[mode]
    except KeyError:
        raise ValueError(f"unknown paragraph mode {mode!r}: expected 'blank' or 'line'") from None
    separator = any_break if "\r" in text else newline_only
    paragraphs: list[dict] = []
    pos = 0
    for m in (*separator.finditer(text), None):
        stop = m.start() if m else len(text)
        chunk = text[pos:stop]
        stripped = chunk.strip()
        if stripped:
            start = pos + len(chunk) - len(chunk.lstrip())
            kind = _kind(stripped, title if not paragraphs else None)
            paragraphs.append({"start": start, "end": start + len(stripped), "kind": kind})
        pos = m.end() if m else stop
    return paragraphs


def _kind(paragraph: str, title: str | None) -> str:
    """"title", "heading" or "body" for one trimmed paragraph."""
    if title is not None and _normal(paragraph) == _normal(title):
        return "title"
    return "heading" if _is_heading(paragraph) else "body"


def _is_heading(paragraph: str) -> bool:
    """A heading is one short line that starts with a capital or a digit and has no punctuation that
    ends or quotes a sentence: not at its end, and no sentence end inside it."""
    return (
        paragraph[-1] not in _FINAL_PUNCTUATION
        and len(paragraph) <= _HEADING_MAX_CHARS
        and (paragraph[0].isupper() or paragraph[0].isdigit())
        and "\n" not in paragraph
        and "\r" not in paragraph
        and len(paragraph.split()) <= _HEADING_MAX_WORDS
        and _SENTENCE_INSIDE.search(paragraph) is None
    )


def _normal(s: str) -> str:
    """Whitespace collapsed, without a final full stop (news texts often add one to the headline)."""
    s = " ".join(s.split())
    body = s.rstrip(_CLOSERS)
    return body.rstrip(".") + s[len(body):]
