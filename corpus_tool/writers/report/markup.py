"""A document as HTML: its paragraphs, with each quotation highlighted and labelled with its speaker."""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Any, Callable

from ...document import Document

KINDS = ("direct", "partial", "indirect", "mention")  # each also a CSS class; any other kind shows as `other`
BLOCK = re.compile(r"\S(?:.*?\S)?(?=\s*\n[ \t\r\f\v]*\n|\s*\Z)", re.DOTALL)  # a run of non-blank lines


def _span(item: Any, length: int) -> tuple[int, int] | None:
    """The (start, end) of a stand-off item when its offsets are valid and it is not empty."""
    if not isinstance(item, dict):
        return None
    start, end = item.get("start"), item.get("end")
    if type(start) is int and type(end) is int and 0 <= start < end <= length:
        return start, end
    return None


def _kind(quote: dict) -> str:
    """The quotation's kind as a CSS class name: a known kind, or `other`."""
    kind = quote.get("kind")
    return kind if kind in KINDS else "other"


def _blocks(text: str, paragraphs: Any) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each paragraph in text order, overlaps clipped; text outside them in blank-line blocks."""
    items = [(span, p.get("kind")) for p in paragraphs if (span := _span(p, len(text)))] \
        if isinstance(paragraphs, list) else []
    blocks, done = [], 0
    for (start, end), kind in [*sorted(items, key=lambda item: item[0]), ((len(text), len(text)), None)]:
        blocks.extend((done + m.start(), done + m.end(), "body") for m in BLOCK.finditer(text[done:start]))
        start = max(start, done)
        if start < end:
            blocks.append((start, end, kind if kind in ("title", "heading") else "body"))
            done = end
    return blocks


@dataclass
class Piece:
    """The part of one quotation inside one block; a crossing quotation is closed and reopened around others."""

    start: int
    end: int
    attrs: str  # the span's class and title
    anchor: str  # ` id="…"` on the quotation's first piece, else ""
    label: str  # the speaker label, on its last piece, else ""

    def open(self) -> str:
        """The opening tag; only the first one carries the anchor."""
        html = f"<span{self.attrs}{self.anchor}>"
        self.anchor = ""
        return html


def mark(text: str, start: int, end: int, pieces: list[Piece]) -> str:
    """HTML of `text[start:end]` with each piece as a `<span>`: nested ones nest, crossing ones are split."""
    html: list[str] = []
    stack: list[Piece] = []
    pending = sorted(pieces, key=lambda p: (p.start, -p.end))
    pos = start
    for point in sorted({start, end, *(p.start for p in pieces), *(p.end for p in pieces)}):
        html.append(escape(text[pos:point]))
        pos = point
        ending = [i for i, p in enumerate(stack) if p.end == point]
        if ending:
            reopen = []
            for p in reversed(stack[ending[0]:]):
                if p.end == point:
                    html.append(p.label + "</span>")
                else:
                    html.append("</span>")
                    reopen.append(p)
            del stack[ending[0]:]
            for p in reversed(reopen):
                html.append(p.open())
                stack.append(p)
        while pending and pending[0].start == point:
            stack.append(pending.pop(0))
            html.append(stack[-1].open())
    return "".join(html)


def short(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def title_of(doc: Document) -> str:
    """The document's title, or its id when it has none."""
    title = doc.get("title")
    return title if isinstance(title, str) and title.strip() else doc["id"]


def blocks(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each paragraph of the document as the report shows it."""
    return _blocks(doc["text"], doc.get("paragraphs"))


def shown_quotes(doc: Document, blocks: list[tuple[int, int, str]], anchor: str) -> list[tuple[int, int, dict, str]]:
    """(start, end, quote, anchor) of each quotation with valid offsets that is not only blanks."""
    text = doc["text"]
    quotes = []
    for index, quote in enumerate(doc.get("quotes") if isinstance(doc.get("quotes"), list) else []):
        span = _span(quote, len(text))
        if span and any(span[0] < end and span[1] > start for start, end, _ in blocks):
            quotes.append((*span, quote, f"{anchor}-q{index}"))
    return quotes


def speaker_name(quote: dict) -> str:
    """The quotation's speaker as written in the item, or "" when it has none."""
    speaker = quote.get("speaker")
    return " ".join(speaker.split()) if isinstance(speaker, str) else ""


def article(doc: Document, blocks: list[tuple[int, int, str]], anchor: str, quotes: list[tuple[int, int, dict, str]],
            label: Callable[[dict], str]) -> str:
    """The document as an `<article>`: title, details, summary and its `blocks` with `quotes` marked;
    `label(quote)` is the HTML naming a quotation's speaker, put where the quotation ends."""
    text = doc["text"]
    title = title_of(doc)
    headline = bool(blocks) and (blocks[0][2] == "title" or text[blocks[0][0]:blocks[0][1]] == title.strip())
    anchored: set[str] = set()

    def render(n: int) -> str:
        start, end, _ = blocks[n]
        limit = blocks[n + 1][0] if n + 1 < len(blocks) else len(text)  # a quote ending before it ends here
        pieces = []
        for s, e, quote, qanchor in quotes:
            if s < end and e > start:
                first, last = qanchor not in anchored, e <= limit
                kind = _kind(quote)
                about = " · ".join(str(v) for v in (speaker_name(quote) or "unattributed", quote.get("speaker_role"),
                                                    kind, quote.get("cue")) if v)
                pieces.append(Piece(max(s, start), min(e, end), f' class="q q-{kind}" title="{escape(about)}"',
                                    f' id="{qanchor}"' if first else "", label(quote) if last else ""))
                anchored.add(qanchor)
        return mark(text, start, end, pieces)

    heading = render(0) if headline else escape(title)
    parts = [f'<article class="doc" id="{anchor}">\n<header>\n<h2>{heading}</h2>', _details(doc, len(quotes))]
    summary = doc.get("summary")
    if isinstance(summary, dict) and isinstance(summary.get("text"), str) and summary["text"].strip():
        parts.append(f'<section class="summary"><h4>Summary</h4><p>{escape(summary["text"])}</p></section>')
    parts.append('</header>\n<div class="text">')
    parts.extend(f"<p>{render(n)}</p>" if blocks[n][2] == "body" else f"<h3>{render(n)}</h3>"
                 for n in range(int(headline), len(blocks)))
    parts.append("</div>\n</article>\n")
    return "\n".join(parts)


def _details(doc: Document, quotes: int) -> str:
    """A line under the title: id, source, date, counts."""
    meta = doc.get("meta") if isinstance(doc.get("meta"), dict) else {}
    details = [f"<code>{escape(doc['id'])}</code>"]
    details += [escape(meta[key]) for key in ("publisher", "date", "source") if isinstance(meta.get(key), str)]
    if isinstance(doc.get("sentences"), list):
        details.append(f"{len(doc['sentences']):,} sentences")
    details.append(f"{quotes:,} quotation{'s' * (quotes != 1)}")
    return f'<p class="details">{" · ".join(details)}</p>'
