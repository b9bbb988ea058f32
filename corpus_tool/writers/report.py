"""Writer `report`: one self-contained HTML page to read a corpus, its quotations and their speakers."""
from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from html import escape
from importlib.resources import files
from typing import IO, Annotated, Any

from ..components import Writer
from ..document import Document
from ..files import text_output
from ..hookspecs import hookimpl

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


@dataclass
class Speaker:
    """What the index keeps of one speaker: its anchor, a count and the first links to its quotations."""

    anchor: str
    count: int = 0
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (quote anchor, excerpt, document title)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class ReportWriter(Writer):
    """One self-contained HTML page: an overview, each document with its quotations highlighted, a speaker index.

    Document sections are spooled to a temporary file as they arrive; only counts and up to `links`
    quotation links per speaker stay in memory, so the corpus can be of any size.
    """

    name = "report"
    title: Annotated[str, "the page's title"] = "Corpus report"
    top: Annotated[int, "speakers listed in the overview"] = 10
    links: Annotated[int, "quotation links listed per speaker in the index (the rest are counted)"] = 50

    def check(self) -> None:
        if self.top < 0 or self.links < 0:
            raise ValueError("top and links must be 0 or more")

    def open(self, target: str) -> None:
        self._target = target
        self._spool: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
        self._counts: Counter[str] = Counter()
        self._kinds: Counter[str] = Counter()
        self._speakers: dict[str, Speaker] = {}

    def _speaker(self, name: str) -> Speaker:
        if name not in self._speakers:
            self._speakers[name] = Speaker(f"s{len(self._speakers) + 1}")
        return self._speakers[name]

    def _quotes(self, doc: Document, blocks: list[tuple[int, int, str]], anchor: str, title: str) -> list[tuple[int, int, dict, str]]:
        """(start, end, quote, anchor) of each quotation shown, counting it and filing it under its speaker."""
        quotes = []
        for index, quote in enumerate(doc.get("quotes") if isinstance(doc.get("quotes"), list) else []):
            span = _span(quote, len(doc["text"]))
            if not span or not any(span[0] < end and span[1] > start for start, end, _ in blocks):
                continue  # no valid offsets, or only blanks between paragraphs
            qanchor = f"{anchor}-q{index}"
            self._kinds[_kind(quote)] += 1
            speaker = quote.get("speaker")
            if isinstance(speaker, str) and speaker.strip():
                entry = self._speaker(speaker.strip())
                entry.count += 1
                if len(entry.links) < self.links:
                    entry.links.append((qanchor, _short(doc["text"][span[0]:span[1]], 90), _short(title, 80)))
            quotes.append((*span, quote, qanchor))
        return quotes

    def _piece(self, quote: dict, qanchor: str, start: int, end: int, first: bool, last: bool) -> Piece:
        kind = _kind(quote)
        speaker = quote.get("speaker").strip() if isinstance(quote.get("speaker"), str) else ""
        about = " · ".join(str(v) for v in (speaker or "unattributed", quote.get("speaker_role"), kind, quote.get("cue"))
                           if v)
        label = ""
        if last:
            label = (f'<a class="who" href="#{self._speakers[speaker].anchor}">{escape(speaker)}</a>' if speaker
                     else '<span class="who none">unattributed</span>')
        return Piece(start, end, f' class="q q-{kind}" title="{escape(about)}"', f' id="{qanchor}"' if first else "", label)

    def write(self, doc: Document) -> None:
        self._counts["documents"] += 1
        anchor = f"d{self._counts['documents']}"
        text = doc["text"]
        blocks = _blocks(text, doc.get("paragraphs"))
        title = doc.get("title") if isinstance(doc.get("title"), str) and doc["title"].strip() else doc["id"]
        headline = bool(blocks) and (blocks[0][2] == "title" or text[blocks[0][0]:blocks[0][1]] == title.strip())
        quotes = self._quotes(doc, blocks, anchor, title)
        anchored: set[str] = set()
        sentences = doc.get("sentences")
        self._counts["sentences"] += len(sentences) if isinstance(sentences, list) else 0
        self._counts["quotes"] += len(quotes)

        def render(n: int) -> str:
            start, end, _ = blocks[n]
            limit = blocks[n + 1][0] if n + 1 < len(blocks) else len(text)  # a quote ending before it ends here
            pieces = []
            for s, e, quote, qanchor in quotes:
                if s < end and e > start:
                    first, last = qanchor not in anchored, e <= limit
                    pieces.append(self._piece(quote, qanchor, max(s, start), min(e, end), first, last))
                    anchored.add(qanchor)
            return mark(text, start, end, pieces)

        heading = render(0) if headline else escape(title)
        parts = [f'<article class="doc" id="{anchor}">\n<header>\n<h2>{heading}</h2>', self._details(doc, len(quotes))]
        summary = doc.get("summary")
        if isinstance(summary, dict) and isinstance(summary.get("text"), str) and summary["text"].strip():
            parts.append(f'<section class="summary"><h4>Summary</h4><p>{escape(summary["text"])}</p></section>')
        parts.append('</header>\n<div class="text">')
        parts.extend(f"<p>{render(n)}</p>" if blocks[n][2] == "body" else f"<h3>{render(n)}</h3>"
                     for n in range(int(headline), len(blocks)))
        parts.append("</div>\n</article>\n")
        self._spool.write("\n".join(parts))

    @staticmethod
    def _details(doc: Document, quotes: int) -> str:
        """A line under the title: id, source, counts."""
        meta = doc.get("meta") if isinstance(doc.get("meta"), dict) else {}
        details = [f"<code>{escape(doc['id'])}</code>"]
        if isinstance(meta.get("source"), str):
            details.append(escape(meta["source"]))
        if isinstance(doc.get("sentences"), list):
            details.append(f"{len(doc['sentences']):,} sentences")
        details.append(f"{quotes:,} quotation{'s' * (quotes != 1)}")
        return f'<p class="details">{" · ".join(details)}</p>'

    def _overview(self) -> str:
        c, k = self._counts, self._kinds
        figures = [("documents", c["documents"]), ("sentences", c["sentences"]), ("quotations", c["quotes"]),
                   ("speakers", len(self._speakers))]
        cells = "".join(f'<div class="figure" id="n-{name}"><b>{n:,}</b> {name}</div>' for name, n in figures)
        kinds = " ".join(f'<span class="legend q-{kind}">{kind}</span> {k[kind]:,}'
                         for kind in (*KINDS, "other") if k[kind])
        top = sorted(self._speakers.items(), key=lambda item: (-item[1].count, item[0]))[: self.top]
        rows = "".join(f'<li><a href="#{s.anchor}">{escape(name)}</a> <span class="count">{s.count:,}</span></li>'
                       for name, s in top)
        return (f'<section class="overview" id="overview">\n<h2>Overview</h2>\n<div class="figures">{cells}</div>\n'
                + (f'<p class="kinds">Quotations by kind: {kinds}</p>\n' if kinds else "")
                + (f'<h3>Top speakers</h3>\n<ol class="top">{rows}</ol>\n' if rows else "")
                + "</section>\n")

    def _index(self) -> str:
        head = '<section class="speakers" id="speakers">\n<h2>Speakers</h2>\n'
        if not self._speakers:
            return head + '<p class="none">No attributed quotations.</p>\n</section>\n'
        items = []
        for name, s in sorted(self._speakers.items(), key=lambda item: (item[0].casefold(), item[0])):
            links = "".join(f'<li><a href="#{qa}">{escape(excerpt)}</a> <span class="in">{escape(doc)}</span></li>'
                            for qa, excerpt, doc in s.links)
            more = s.count - len(s.links)
            items.append(f'<li id="{s.anchor}"><span class="name">{escape(name)}</span> '
                         f'<span class="count">{s.count:,}</span><ol class="links">{links}</ol>'
                         + (f'<p class="more">and {more:,} more</p>' if more else "") + "</li>")
        return head + '<ul class="index">\n' + "\n".join(items) + "\n</ul>\n</section>\n"

    def close(self) -> None:
        css = files(__package__).joinpath("templates", "report.css").read_text(encoding="utf-8")
        title = escape(self.title)
        with ExitStack() as stack:
            stack.callback(self._spool.close)
            out = stack.enter_context(text_output(self._target, newline=""))
            out.write('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
                      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                      '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                      f"<title>{title}</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
                      f'<header class="page"><h1>{title}</h1>\n<nav><a href="#overview">Overview</a> '
                      '<a href="#speakers">Speakers</a> <a href="#documents">Documents</a></nav></header>\n<main>\n')
            out.write(self._overview())
            out.write(self._index())
            out.write('<section class="documents" id="documents">\n<h2>Documents</h2>\n')
            self._spool.seek(0)
            shutil.copyfileobj(self._spool, out)
            out.write("</section>\n</main>\n</body>\n</html>\n")

    def abort(self) -> None:
        self._spool.close()


@hookimpl
def register_writers(register):
    register(ReportWriter)
