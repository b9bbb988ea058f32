"""Writer `csv`: one table of the documents as RFC 4180 CSV."""
from __future__ import annotations

import csv
import tempfile
from contextlib import ExitStack
from typing import Annotated, Any

import orjson

from ..components import Writer
from ..document import Document
from ..files import text_output
from ..hookspecs import hookimpl
from ..plugins import load as load_plugins
from ..tables import cell, open_table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CsvWriter(Writer):
    """A table as CSV with a header: `documents`, any list annotation (`sentences`, `quotes`, …) or a plugin's table.

    Columns are the union of every row's fields, in order of first appearance, so nothing is lost
    when later documents carry fields the first did not; rows are spooled to a temporary file until
    the header is known.
    """

    name = "csv"
    suffix = ".csv"
    table: Annotated[str, "what one row is: documents, sentences, paragraphs, quotes, speakers, …"] = "documents"
    escape_formulas: Annotated[bool, "prefix cells starting with = + - @ with ' so spreadsheets do not run them"] = False

    def open(self, target: str) -> None:
        self._table = open_table(self.table, self.registry or load_plugins())
        self._target = target
        self._columns: dict[str, None] = dict.fromkeys(self._table.columns)
        self._spool = tempfile.TemporaryFile()

    def _spool_rows(self, rows) -> None:
        for row in rows:
            self._columns.update(dict.fromkeys(row))
            self._spool.write(orjson.dumps(row, default=str, option=orjson.OPT_APPEND_NEWLINE))

    def write(self, doc: Document) -> None:
        self._spool_rows(self._table.add(doc))

    def _value(self, value: Any) -> Any:
        value = cell(value)
        if self.escape_formulas and isinstance(value, str) and value.startswith(FORMULA_START):
            return "'" + value
        return value

    def close(self) -> None:
        self._spool_rows(self._table.finish())
        columns = list(self._columns)
        with ExitStack() as stack:
            stack.callback(self._spool.close)
            out = stack.enter_context(text_output(self._target, newline=""))
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(columns)
            self._spool.seek(0)
            for line in self._spool:
                row = orjson.loads(line)
                writer.writerow([self._value(row.get(c)) for c in columns])

    def abort(self) -> None:
        self._spool.close()


@hookimpl
def register_writers(register):
    register(CsvWriter)
