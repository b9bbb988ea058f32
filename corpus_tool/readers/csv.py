"""Reader `csv`: one document a row, with a header naming the columns."""
from __future__ import annotations

import csv
import sys
from typing import Annotated, Iterator

from ..document import Document, Rejected
from ..errors import DamagedInput, DocumentError
from ..files import open_input
from ..hookspecs import hookimpl
from .decode import Errors, decoded_lines
from .records import RecordReader
from .sources import inputs

csv.field_size_limit(sys.maxsize)


class CsvReader(RecordReader):
    """CSV files with a header row: columns for id, text and title are configurable.

    Other columns are kept in `meta`.
    """

    name = "csv"
    pattern: Annotated[str, "which files of a folder to read"] = "*.csv*"
    delimiter: Annotated[str, "the field separator"] = ","
    encoding_errors: Annotated[Errors, "invalid UTF-8: 'strict' rejects the file, 'replace' substitutes U+FFFD"] = "strict"

    def read(self, source: str) -> Iterator[Document | Rejected]:
        for item in inputs(source, self.pattern):
            with open_input(item.path) as stream:
                yield from self._rows(stream, item.source, item.id)

    def _rows(self, stream, name: str, stem: str) -> Iterator[Document | Rejected]:
        meta: dict = {}
        lines = _Lines(decoded_lines(stream, self.encoding_errors, meta))
        rows = csv.DictReader(lines, delimiter=self.delimiter)
        held = problem = None  # each row waits for the next: the last one may be cut short
        try:
            if self.text_field not in (rows.fieldnames or []):
                yield Rejected(None, name, f"no column '{self.text_field}' in the header {rows.fieldnames or []}")
                return
            for row in rows:
                if held is not None:
                    yield held
                held = self._item(row, meta, f"{stem}-{rows.line_num}", f"{name}:{rows.line_num}")
            if held is not None and lines.cut_in_quotes():
                held = Rejected(None, f"{name}:{rows.line_num}", "the file ends inside a quoted field (truncated?)")
        except DamagedInput as e:
            problem = Rejected(None, f"{name}:{rows.line_num + 1}", f"{e}; the rest is not read")
        except (csv.Error, DocumentError) as e:
            problem = Rejected(None, f"{name}:{rows.line_num}", f"rest of the file not read: {e}")
        yield from (item for item in (held, problem) if item is not None)

    def _item(self, row: dict, meta: dict, fallback_id: str, where: str) -> Document | Rejected:
        try:
            doc = self.to_document(row, fallback_id, where)
        except DocumentError as e:
            return Rejected(None, where, str(e))
        if meta:  # what decoding replaced in this row
            doc["meta"].update(meta)
            meta.clear()
        return doc


class _Lines:
    """A CSV file's lines, counting quotation marks to tell a file cut inside a quoted field: an odd
    number of them, and no newline at the end."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines, self.quotes, self.last = lines, 0, "\n"

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            self.quotes += line.count('"')
            self.last = line
            yield line

    def cut_in_quotes(self) -> bool:
        return self.quotes % 2 == 1 and not self.last.endswith(("\n", "\r"))


@hookimpl
def register_readers(register):
    register(CsvReader)
