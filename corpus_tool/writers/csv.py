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

    @staticmethod
    def _value(value: Any) -> Any:
        """`cell`, with a formula made harmless."""
        value = cell(value)
        return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value

    def close(self) -> None:
        with self.spooled() as (columns, rows), text_output(self._target, newline="") as out:
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(columns)
            value = self._value if self.escape_formulas else cell
            writer.writerows([value(row.get(c)) for c in columns] for row in rows)


@hookimpl
def register_writers(register):
    register(CsvWriter)
