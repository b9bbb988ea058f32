"""Writer `jsonl`: the documents, one JSON object a line."""
from __future__ import annotations

from contextlib import ExitStack

from ..components import Writer
from ..document import Document, dumps
from ..files import atomic_output
from ..hookspecs import hookimpl


class JsonlWriter(Writer):
    """Documents as JSON Lines, every field kept (compressed by the suffix: .gz, .bz2, .xz, .zst)."""

    name = "jsonl"
    suffix = ".jsonl"

    def open(self, target: str) -> None:
        self._stack = ExitStack()
        self._out = self._stack.enter_context(atomic_output(target))

    def write(self, doc: Document) -> None:
        self._out.write(dumps(doc))

    def close(self) -> None:
        self._stack.close()

    def abort(self) -> None:
        self._stack.__exit__(RuntimeError, RuntimeError("aborted"), None)


@hookimpl
def register_writers(register):
    register(JsonlWriter)
