"""Quotation spans from double quotation marks, paragraph by paragraph.

Each mark is read as opening or closing from the characters around it (a curly mark typed the wrong
way round still works), and nested quotations (“… ‘…’ …”, "… “…” …") stay inside the outer one.
A quotation left open at the end of its paragraph runs to that paragraph's end: that is how a
quotation over several paragraphs is written, and it keeps an unbalanced mark from swallowing the rest
of the document. Likewise, inside a paragraph, a quotation still open when a new one opens on a later
line ends with its own line (texts that break paragraphs with single line breaks).
"""
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

MARKS = '"“”«»„'
TAG = re.compile(r"<[A-Za-z/][^<>\n]*>")
OPENING, CLOSING = "“«„", "”»"
BEFORE_OPEN = " \t\n([{—–-/…'‘’"
AFTER_CLOSE = " \t\n)]}.,;:!?—–-/…'‘’"


@dataclass
class Quotation:
    """One quotation: content offsets, the marks around it, and its paragraph."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None  # None: runs on to the end of its paragraph
    paragraph: int


def _opens(text: str, i: int, inside: bool) -> bool:
    """Whether the mark at i opens a quotation (else it closes one)."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    left = before in BEFORE_OPEN or before in MARKS
    right = after in AFTER_CLOSE or after in MARKS
    if left and not right:
        return True
    if right and not left:
        return False
    mark = text[i]
    if mark in OPENING:
        return True
    if mark in CLOSING:
        return False
    return not inside


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _in_tag(tags: list[tuple[int, int]], i: int) -> bool:
    """Whether offset i lies inside one of the (sorted, disjoint) markup tag spans."""
    k = bisect_right(tags, (i, float("inf"))) - 1
    return k >= 0 and tags[k][0] <= i < tags[k][1]


def _marks(text: str) -> list[int]:
    """Offsets of the quotation marks in the text, in order: found with str.find, which for marks this rare is
    much faster than a regex."""
    found = []
    for mark in MARKS:
        at = text.find(mark)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + 1)
    return sorted(found)


def find_quotations(text: str, paragraphs: list[dict], ignored: frozenset[int] = frozenset()) -> list[Quotation]:
    """Top-level quotations of every paragraph, in document order, reading the marks at the offsets in
    `ignored` as text."""
    tags = [m.span() for m in TAG.finditer(text)] if "<" in text else []
    marks = [i for i in _marks(text) if i not in ignored] if ignored else _marks(text)
    found = []
    for index, para in enumerate(paragraphs):
        stack: list[int] = []
        for i in marks[bisect_left(marks, para["start"]):bisect_left(marks, para["end"])]:
            if tags and _in_tag(tags, i):
                continue
            if _opens(text, i, bool(stack)):
                line_end = text.find("\n", stack[0], i) if stack else -1
                if line_end >= 0:  # an opening mark on a later line: the open quotation ended at its line's end
                    _add(found, text, stack[0], line_end, None, index)
                    stack.clear()
                stack.append(i)
            elif stack:
                opened = stack.pop()
                if not stack:
                    _add(found, text, opened, i, i, index)
        if stack:
            _add(found, text, stack[0], para["end"], None, index)
    return found


def _add(found: list[Quotation], text: str, opened: int, end: int, close_mark: int | None, paragraph: int) -> None:
    start, end = _strip(text, opened + 1, end)
    if end > start:
        found.append(Quotation(start, end, opened, close_mark, paragraph))
