"""Base of writers of one table whose columns are known only at the end (parquet)."""
from __future__ import annotations

import tempfile
from contextlib import contextmanager
from typing import Annotated, Any, Iterable, Iterator

import orjson

from ..components import Writer
from ..document import Document
from ..plugins import load as load_plugins
from ..tables import open_table


class TableWriter(Writer):
    """Rows of the `table` are spooled to a temporary file, so memory stays bounded while the columns
    grow to the union of every row's fields (in order of first appearance)."""

    table: Annotated[str, "what one row is: documents, sentences, paragraphs, quotes, speakers, …"] = "documents"

    def open(self, target: str) -> None:
        self._table = open_table(self.table, self.registry or load_plugins())
        self._target = target
        self._columns: dict[str, None] = dict.fromkeys(self._table.columns)
        self._spool = tempfile.TemporaryFile()

    def spool(self, row: dict[str, Any]) -> None:
        """Keep one row (subclasses may also look at it on the way)."""
        self._columns.update(dict.fromkeys(row))
        self._spool.write(orjson.dumps(row, default=str, option=orjson.OPT_APPEND_NEWLINE))

    def _spool_rows(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self.spool(row)

    def write(self, doc: Document) -> None:
        self._spool_rows(self._table.add(doc))

    @contextmanager
    def spooled(self) -> Iterator[tuple[list[str], Iterator[dict[str, Any]]]]:
        """The table finished: its columns and its rows read back one at a time; the spool is gone after."""
        try:
            self._spool_rows(self._table.finish())
            self._spool.seek(0)
            yield list(self._columns), (orjson.loads(line) for line in self._spool)
        finally:
            self._spool.close()

    def abort(self) -> None:
        self._spool.close()
