"""Reader `jsonl`: one JSON object a line, from any producer."""
from __future__ import annotations

from typing import Annotated, Iterator

import orjson

from ..document import Document, Rejected
from ..errors import DocumentError
from ..files import open_input
from ..hookspecs import hookimpl
from .records import RecordReader
from .sources import expand


class JsonlReader(RecordReader):
    """JSON Lines files (compressed too): field names for id, text and title are configurable.

    Other fields are kept in `meta`. A malformed line is rejected with its file and line number.
    """

    name = "jsonl"
    pattern: Annotated[str, "which files of a folder to read"] = "*.jsonl*"

    def read(self, source: str) -> Iterator[Document | Rejected]:
        paths = ["-"] if source == "-" else expand(source, self.pattern)[1]
        for path in paths:
            name = "<stdin>" if path == "-" else str(path)
            stem = "stdin" if path == "-" else path.name.split(".")[0]
            with open_input(path) as stream:
                for number, line in enumerate(stream, 1):
                    if not line.strip():
                        continue
                    where = f"{name}:{number}"
                    try:
                        record = orjson.loads(line)
                        if not isinstance(record, dict):
                            raise DocumentError(f"expected a JSON object, got {type(record).__name__}")
                        yield self.to_document(record, f"{stem}-{number}", where)
                    except orjson.JSONDecodeError as e:
                        yield Rejected(None, where, f"malformed JSON: {e}")
                    except DocumentError as e:
                        yield Rejected(None, where, str(e))


@hookimpl
def register_readers(register):
    register(JsonlReader)
