"""Writer `csv`: one table of the documents as RFC 4180 CSV."""
from __future__ import annotations

import csv
from typing import Annotated, Any

from ..files import text_output
from ..hookspecs import hookimpl
from ..tables import cell
from .spool import TableWriter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CsvWriter(TableWriter):
    """A table as CSV with a header: `documents`, any list annotation (`sentences`, `quotes`, …) or a plugin's table.

    Columns are the union of every row's fields, in order of first appearance, so nothing is lost
    when later documents carry fields the first did not; rows are spooled to a temporary file until
    the header is known.
    """

    name = "csv"
    escape_formulas: Annotated[bool, "prefix cells starting with = + - @ with ' so spreadsheets do not run them"] = False

    def _value(self, value: Any) -> Any:
        value = cell(value)
        if self.escape_formulas and isinstance(value, str) and value.startswith(FORMULA_START):
            return "'" + value
        return value

    def close(self) -> None:
        with self.spooled() as (columns, rows), text_output(self._target, newline="") as out:
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow([self._value(row.get(c)) for c in columns])


@hookimpl
def register_writers(register):
    register(CsvWriter)
