"""Reader `jsonl`: one JSON object a line, from any producer."""
from __future__ import annotations

from typing import Annotated, Iterator

from ..document import Document, Rejected, json_lines
from ..errors import DocumentError
from ..hookspecs import hookimpl
from .decode import Errors
from .records import RecordReader
from .sources import inputs


class JsonlReader(RecordReader):
    """JSON Lines files (compressed too): field names for id, text and title are configurable.

    Other fields are kept in `meta`. A malformed line is rejected with its file and line number.
    """

    name = "jsonl"
    pattern: Annotated[str, "which files of a folder to read"] = "*.jsonl*"
    encoding_errors: Annotated[Errors, "invalid UTF-8: 'strict' rejects the line, 'replace' substitutes U+FFFD"] = "strict"

    def read(self, source: str) -> Iterator[Document | Rejected]:
        for item in inputs(source, self.pattern):
            for where, number, record in json_lines(item.path, item.source, self.encoding_errors):
                if isinstance(record, Rejected):
                    yield record
                elif not isinstance(record, dict):
                    yield Rejected(None, where, f"expected a JSON object, got {type(record).__name__}")
                else:
                    try:
                        yield self.to_document(record, f"{item.id}-{number}", where)
                    except DocumentError as e:
                        yield Rejected(None, where, str(e))


@hookimpl
def register_readers(register):
    register(JsonlReader)
