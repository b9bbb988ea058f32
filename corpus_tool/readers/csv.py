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
        rows = csv.DictReader(decoded_lines(stream, self.encoding_errors, meta), delimiter=self.delimiter)
        try:
            if self.text_field not in (rows.fieldnames or []):
                yield Rejected(None, name, f"no column '{self.text_field}' in the header {rows.fieldnames or []}")
                return
            for row in rows:
                where = f"{name}:{rows.line_num}"
                try:
                    doc = self.to_document(row, f"{stem}-{rows.line_num}", where)
                except DocumentError as e:
                    yield Rejected(None, where, str(e))
                    continue
                if meta:
                    doc["meta"].update(meta)
                    meta.clear()
                yield doc
        except DamagedInput as e:
            yield Rejected(None, f"{name}:{rows.line_num + 1}", f"{e}; the rest is not read")
        except (csv.Error, DocumentError) as e:
            yield Rejected(None, f"{name}:{rows.line_num}", f"rest of the file not read: {e}")


@hookimpl
def register_readers(register):
    register(CsvReader)
