"""Writer `report`: a folder of static pages to see who is quoted in a corpus and read its quotations."""
from __future__ import annotations

from typing import Annotated

from ...components import Writer
from ...document import Document
from ...hookspecs import hookimpl
from ...plugins import load as load_plugins


class ReportWriter(Writer):
    """A folder of static pages: an overview with charts, the speakers, and the documents with their quotations.

    `index.html` has the figures and charts (top speakers with their type; quotations by speaker type
    and by gender, overall and by source; quotations per month or day by source, from `meta.date`;
    quotations per document), each with the numbers it draws. `speakers/` lists the rows of the
    `speakers` table, each with links to its first quotations; `documents/` shows every document with
    its quotations highlighted and labelled, `page_size` to a page (fewer if they are long). Pages are written as documents
    stream by (spooled to temporary files) and the folder is renamed into place at the end. Charts
    need `pip install 'corpus-tool[report]'`.
    """

    name = "report"
    streams = False
    title: Annotated[str, "the report's title"] = "Corpus report"
    source: Annotated[str, "the metadata field naming a document's source, for the charts by source"] = "publisher"
    sources: Annotated[int, "sources drawn one by one in the charts (the others together)"] = 8
    top: Annotated[int, "speakers in the top speakers chart"] = 20
    links: Annotated[int, "quotations linked per speaker (the rest are counted)"] = 50
    page_size: Annotated[int, "documents, and speakers, per page"] = 100

    def check(self) -> None:
        if min(self.top, self.links, self.sources) < 0 or self.page_size < 1:
            raise ValueError("top, links and sources must be 0 or more, page_size 1 or more")

    def open(self, target: str) -> None:
        from .build import Report  # the pages, charts and tallies: loaded when a report is written, not when listed

        table = (self.registry or load_plugins()).create("table", "speakers", {}, f"writer '{self.name}'")
        self._report = Report(target, table, **self.params)

    def write(self, doc: Document) -> None:
        self._report.write(doc)

    def close(self) -> None:
        self._report.close()

    def abort(self) -> None:
        self._report.abort()


@hookimpl
def register_writers(register):
    register(ReportWriter)
