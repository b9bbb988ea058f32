"""The report folder, written as documents stream by: their pages spooled; the speakers and the overview at the end."""
from __future__ import annotations

import re
import tempfile
from array import array
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from typing import IO, Any

import orjson

from ...components import Table
from ...document import Document
from .markup import article, blocks, short, shown_quotes, speaker_name, title_of
from .overview import overview
from .pages import Folder, page_name, pager
from .tally import GENDERS, SPEECH, TYPES, UNKNOWN, Tally

PAGE_BYTES = 2_000_000  # a page of documents ends early rather than grow past this (long documents)
SPEAKER_LINK = re.compile(rb'<a class="who" data-speaker="(\d+)">')  # a label whose target is known at the end


KNOWN = TYPES + GENDERS  # what `Said.seen` counts, by position


@dataclass(slots=True)
class Said:
    """What the report keeps of one speaker as the quotations name it, until the speakers table says who it is."""

    number: int
    quotes: array = field(default_factory=lambda: array("q"))  # where its first quotations are in the spool
    seen: list[int] = field(default_factory=lambda: [0] * len(KNOWN))  # its quotations by known type and gender

    def count(self, quote: dict) -> None:
        """Count one quotation's speaker type and gender, when it has them."""
        if quote.get("speaker_type") in TYPES:
            self.seen[TYPES.index(quote["speaker_type"])] += 1
        if quote.get("speaker_gender") in GENDERS:
            self.seen[len(TYPES) + GENDERS.index(quote["speaker_gender"])] += 1


class Report:
    """The folder the `report` writer makes (see `ReportWriter`), given the `speakers` table and its parameters."""

    def __init__(self, target: str, table: Table, *, title: str, source: str, sources: int, top: int, links: int,
                 page_size: int) -> None:
        self.title, self.source, self.sources = title, source, sources
        self.top, self.links, self.page_size = top, links, page_size
        self._table = table
        self._folder = Folder(target)
        self._tally = Tally(self.source)
        self._documents: IO[bytes] = tempfile.TemporaryFile()  # the documents' HTML, in order
        self._pages = array("q")  # where each page of documents starts in it
        self._firsts = array("q")  # the number of each page's first document
        self._quotes: IO[bytes] = tempfile.TemporaryFile()  # one JSON line per attributed quotation
        self._said: dict[tuple[Any, str], Said] = {}

    def _speaker(self, quote: dict) -> Said:
        key = (quote.get("speaker_id") if isinstance(quote.get("speaker_id"), (str, int)) else None, speaker_name(quote))
        if key not in self._said:
            self._said[key] = Said(len(self._said))
        return self._said[key]

    def _label(self, quote: dict) -> str:
        name = speaker_name(quote)
        if not name:
            return '<span class="who none">unattributed</span>'
        return f'<a class="who" data-speaker="{self._speaker(quote).number}">{escape(name)}</a>'

    def write(self, doc: Document) -> None:
        number = self._tally.documents + 1
        if not self._firsts or number - self._firsts[-1] == self.page_size \
                or self._documents.tell() - self._pages[-1] > PAGE_BYTES:
            self._pages.append(self._documents.tell())
            self._firsts.append(number)
        anchor = f"d{number}"
        paragraphs = blocks(doc)
        quotes = shown_quotes(doc, paragraphs, anchor)
        self._table.add(_with_object_quotes(doc))
        self._tally.add(doc, [quote for _, _, quote, _ in quotes])
        title = short(title_of(doc), 80)
        for start, end, quote, qanchor in quotes:
            if quote.get("kind") in SPEECH and speaker_name(quote):
                said = self._speaker(quote)
                said.count(quote)
                if len(said.quotes) < self.links:
                    said.quotes.append(self._quotes.tell())
                    link = f"../documents/{page_name(len(self._pages))}#{qanchor}"
                    self._quotes.write(orjson.dumps([link, short(doc["text"][start:end], 120), title],
                                                    option=orjson.OPT_APPEND_NEWLINE))
        self._documents.write(article(doc, paragraphs, anchor, quotes, self._label).encode())

    def close(self) -> None:
        try:
            rows, saids = self._speakers()
            pages = -(-len(rows) // self.page_size) or 1
            links = [f"speakers/{page_name(i // self.page_size + 1)}#s{i + 1}" for i in range(len(rows))]
            self._folder.write("index.html", self.title, overview(self._tally, rows, links, self.top, self.sources),
                               self.title)
            for number in range(1, pages + 1):
                first = (number - 1) * self.page_size
                self._speakers_page(number, pages, first, rows[first:first + self.page_size], saids)
            self._documents_pages(links, {said.number: rows_index for rows_index, group in enumerate(saids) for said in group})
        except BaseException:
            self.abort()
            raise
        self._documents.close()
        self._quotes.close()
        self._folder.commit()

    def abort(self) -> None:
        self._documents.close()
        self._quotes.close()
        self._folder.discard()

    def _speakers(self) -> tuple[list[dict[str, Any]], list[list[Said]]]:
        """The speakers table's rows, each with `type` and `gender` (its own, else the most frequent of
        its quotations'), and the speakers as quotations name them that each row stands for."""
        rows = [dict(row) for row in self._table.finish()]
        row_of: dict[Any, int] = {}
        for index, row in enumerate(rows):
            variants = row.get("variants") if isinstance(row.get("variants"), str) else ""
            for name in (row.get("speaker_id"), row.get("speaker"), *variants.split(" | ")):
                if isinstance(name, (str, int)) and name != "":
                    row_of.setdefault(" ".join(name.split()) if isinstance(name, str) else name, index)
        saids: list[list[Said]] = [[] for _ in rows]
        for (speaker_id, name), said in self._said.items():
            index = row_of.get(speaker_id, row_of.get(name))
            if index is not None:
                saids[index].append(said)
        for row, group in zip(rows, saids):
            seen: Counter = Counter()
            for said in group:
                seen.update(dict(zip(KNOWN, said.seen)))
            for key, known in (("type", TYPES), ("gender", GENDERS)):
                if row.get(key) not in known:
                    row[key] = min((v for v in known if seen[v]), key=lambda v: (-seen[v], known.index(v)), default=UNKNOWN)
        return rows, saids

    def _speakers_page(self, number: int, pages: int, first: int, rows: list[dict], saids: list[list[Said]]) -> None:
        sections = []
        for index, row in enumerate(rows, first):
            offsets = sorted(offset for said in saids[index] for offset in said.quotes)[: self.links]
            quotes = []
            for offset in offsets:
                self._quotes.seek(offset)
                link, excerpt, title = orjson.loads(self._quotes.readline())
                quotes.append(f'<li><a href="{escape(link)}">{escape(excerpt)}</a> <span class="in">{escape(title)}</span></li>')
            counts = " · ".join(f"{row[kind]:,} {kind}" for kind in SPEECH if isinstance(row.get(kind), int) and row[kind])
            documents = row.get("documents", 0)
            about = [row["type"] if row["type"] != UNKNOWN else "type unknown", row["gender"] if row["gender"] != UNKNOWN else "",
                     counts, f"{documents:,} document{'s' * (documents != 1)}"]
            if row.get("roles"):
                about.append(f"roles: {row['roles']}")
            if row.get("variants") and row["variants"] != row["speaker"]:
                about.append(f"also: {row['variants']}")
            more = row.get("quotations", 0) - len(quotes)
            sections.append(
                f'<section class="speaker" id="s{index + 1}">\n<h3><span class="rank">{index + 1}.</span> '
                f'{escape(str(row["speaker"]))} <span class="count">{row.get("quotations", 0):,}</span></h3>\n'
                f'<p class="details">{escape(" · ".join(str(a) for a in about if a))}</p>\n'
                + (f'<ol class="links">{"".join(quotes)}</ol>\n' if quotes else "")
                + (f'<p class="more">and {more:,} more</p>\n' if more > 0 else "") + "</section>")
        body = "\n".join(sections) if sections else '<p class="none">No attributed quotations.</p>'
        nav = pager(number, pages)
        self._folder.write(f"speakers/{page_name(number)}", f"speakers, page {number}",
                           f'<section class="speakers">\n<h2>Speakers</h2>\n{nav}{body}\n{nav}</section>\n', self.title)

    def _documents_pages(self, links: list[str], row_of: dict[int, int]) -> None:
        """Each page of the spooled documents, with the speaker labels linked to the speakers' pages."""

        def link(match: re.Match) -> bytes:
            index = row_of.get(int(match.group(1)))
            return b'<a class="who">' if index is None else f'<a class="who" href="../{links[index]}">'.encode()

        ends = [*self._pages[1:], self._documents.tell()]
        lasts = [*(first - 1 for first in self._firsts[1:]), self._tally.documents]
        pages = len(self._pages) or 1
        for number, (start, end, first, last) in enumerate(zip(self._pages or [0], ends, self._firsts or [1], lasts), 1):
            self._documents.seek(start)
            body = SPEAKER_LINK.sub(link, self._documents.read(end - start)).decode() or '<p class="none">No documents.</p>'
            nav = pager(number, pages)
            total = self._tally.documents
            shown = f"{first:,}–{last:,} of {total:,}" if total else "0"
            self._folder.write(f"documents/{page_name(number)}", f"documents, page {number}",
                               f'<section class="documents">\n<h2>Documents <span class="count">{shown}</span></h2>\n'
                               f"{nav}{body}{nav}</section>\n", self.title)


def _with_object_quotes(doc: Document) -> Document:
    """The document as the speakers table can read it: quotation items that are not objects left out."""
    quotes = doc.get("quotes")
    if not isinstance(quotes, list):
        return {**doc, "quotes": []}
    if all(isinstance(quote, dict) for quote in quotes):
        return doc
    return {**doc, "quotes": [quote for quote in quotes if isinstance(quote, dict)]}
