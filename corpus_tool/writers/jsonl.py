"""Writer `jsonl`: the documents, one JSON object a line."""
from __future__ import annotations

from pathlib import Path

from ..components import Writer
from ..document import Document, dumps
from ..files import Output, copy_file
from ..hookspecs import hookimpl


class JsonlWriter(Writer):
    """Documents as JSON Lines, every field kept (compressed by the suffix: .gz, .bz2, .xz, .zst)."""

    name = "jsonl"

    def open(self, target: str) -> None:
        self._output = Output(target)
        self._out = self._output.stream

    def write(self, doc: Document) -> None:
        self._out.write(dumps(doc))

    def write_file(self, path: Path) -> None:
        """A part is already documents as JSONL: copy its bytes."""
        copy_file(path, self._out)

    def close(self) -> None:
        self._output.commit()

    def abort(self) -> None:
        self._output.discard()


@hookimpl
def register_writers(register):
    register(JsonlWriter)
