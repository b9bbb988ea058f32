"""Writer `csv`: one table of the documents as RFC 4180 CSV."""
from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path
from typing import IO, Annotated, Any, Iterable, Iterator

from ..components import Table, Writer
from ..document import Document
from ..errors import ConfigError
from ..files import atomic_output, copy_file
from ..hookspecs import hookimpl
from ..plugins import load as load_plugins
from ..tables import cell, open_table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BATCH = 1000  # rows rendered together when documents come one by one


class CsvWriter(Writer):
    """A table as CSV with a header: `documents`, any list annotation (`sentences`, `quotes`, …) or a plugin's table.

    Columns are the union of every row's fields, in order of first appearance, so nothing is lost
    when later documents carry fields the first did not. Rows are rendered in segments (in a run,
    each shard's in the worker that processed it, into the shard's part; documents given one by one
    into a temporary file) and joined once the header is known; a segment whose columns differ from
    the final ones is laid out again.
    """

    name = "csv"
    table: Annotated[str, "what one row is: documents, sentences, paragraphs, quotes, speakers, …"] = "documents"
    escape_formulas: Annotated[bool, "prefix cells starting with = + - @ with ' so spreadsheets do not run them"] = False

    def open(self, target: str) -> None:
        self._target = target
        self._table = self._new_table()
        self._columns: dict[str, None] = dict.fromkeys(self._table.columns)
        self._body = tempfile.NamedTemporaryFile()  # the rows of documents given one by one
        self._segments: list[tuple[Path, int, int, list[str]]] = []  # the file, start, end and columns of each
        self._rows: list[dict[str, Any]] = []  # given one by one, not yet rendered
        self._given = False  # whether the table itself was given documents
        self._problems: list[str | None] = []  # what each part's table found wrong (see `close`)

    def _new_table(self) -> Table:
        return open_table(self.table, self.registry or load_plugins())

    def write(self, doc: Document) -> None:
        self._given = True
        self._rows.extend(self._table.add(doc))
        if len(self._rows) >= BATCH:
            self._flush()

    def write_part(self, documents: list[Document], path: Path) -> Any:
        """A shard's rows, rendered where it was processed, when each document's rows are its own."""
        table = self._new_table()
        if not table.per_document:
            return NotImplemented
        rows = [row for doc in documents for row in table.add(doc)]
        with open(path, "wb") as out:
            columns = self._render(table, rows, out)
        return {"columns": columns, "problem": _finish(table)[1]}

    def add_part(self, path: Path, info: Any) -> None:
        self._flush()
        self._segment(path, 0, path.stat().st_size, info["columns"])
        self._problems.append(info["problem"])

    def close(self) -> None:
        rows, problem = _finish(self._table)
        self._rows.extend(rows)
        problems = self._problems + ([problem] if self._given else [])
        if problems and all(problems):  # no document anywhere had what the table needs
            self.abort()
            raise ConfigError(problems[0])
        self._flush()
        columns = list(self._columns)
        self._body.flush()
        with atomic_output(self._target) as out:
            self._write_rows(out, [columns])
            for path, start, end, segment in self._segments:
                if segment == columns:
                    copy_file(path, out, start, end - start)
                else:
                    self._write_rows(out, _laid_out(_read(path, start, end), segment, columns))
        self._body.close()

    def abort(self) -> None:
        self._body.close()

    def _flush(self) -> None:
        if self._rows:
            start = self._body.tell()
            columns = self._render(self._table, self._rows, self._body)
            self._segment(Path(self._body.name), start, self._body.tell(), columns)
            self._rows = []

    def _segment(self, path: Path, start: int, end: int, columns: list[str]) -> None:
        self._columns.update(dict.fromkeys(columns))
        self._segments.append((path, start, end, columns))

    def _render(self, table: Table, rows: list[dict[str, Any]], out: IO[bytes]) -> list[str]:
        """Rows as CSV lines (no header) into `out`; returns their columns."""
        columns: dict[str, Any] = dict.fromkeys(table.columns)
        for row in rows:
            columns.update(row)
        names = list(columns)
        if self.escape_formulas:
            self._write_rows(out, ([self._value(row.get(c)) for c in names] for row in rows))
        else:
            self._write_rows(out, (_cells(row, names) for row in rows))
        return names

    @staticmethod
    def _write_rows(out: IO[bytes], rows) -> None:
        text = io.StringIO(newline="")  # written to `out` at once: a row at a time through a text wrapper costs more
        csv.writer(text, lineterminator="\r\n").writerows(rows)
        out.write(text.getvalue().encode("utf-8"))

    @staticmethod
    def _value(value: Any) -> Any:
        """`cell`, with a formula made harmless."""
        value = cell(value)
        return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def _cells(row: dict[str, Any], names: list[str]) -> list[Any]:
    """The row's `cell`s in the order of `names`; csv writes None as an empty cell itself, so only a
    row holding a list or an object needs each value converted."""
    values = list(map(row.get, names))
    kinds = set(map(type, values))
    return list(map(cell, values)) if list in kinds or dict in kinds else values


def _finish(table: Table) -> tuple[list[dict[str, Any]], str | None]:
    """The rows the table adds at the end, and what its final check found wrong (None if nothing)."""
    try:
        return list(table.finish()), None
    except ConfigError as e:
        return [], str(e)


def _read(path: Path, start: int, end: int) -> Iterator[list[str]]:
    """The rows of a segment of CSV lines."""
    with open(path, "rb") as f:
        f.seek(start)
        yield from csv.reader(io.StringIO(f.read(end - start).decode("utf-8"), newline=""))


def _laid_out(rows: Iterable[list[str]], columns: list[str], final: list[str]) -> Iterator[list[str]]:
    """Rows with `columns` as rows with the `final` columns: each cell moved to its column's place."""
    where = [final.index(c) for c in columns]
    for row in rows:
        cells = [""] * len(final)
        for value, i in zip(row, where):
            cells[i] = value
        yield cells


@hookimpl
def register_writers(register):
    register(CsvWriter)
