"""Writer `jsonl`: the documents, one JSON object a line."""
from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

from ..components import Writer
from ..document import Document, dumps
from ..files import Output
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
        """A part is already documents as JSONL: copy its bytes (in the kernel when nothing compresses)."""
        with open(path, "rb") as f:
            if isinstance(self._out, io.BufferedWriter):
                self._out.flush()
                try:
                    while os.copy_file_range(f.fileno(), self._out.fileno(), 1 << 30):
                        pass
                    return
                except OSError:  # not a regular file (stdout, a pipe): copy through Python
                    pass
            shutil.copyfileobj(f, self._out, 1 << 20)

    def close(self) -> None:
        self._output.commit()

    def abort(self) -> None:
        self._output.discard()


@hookimpl
def register_writers(register):
    register(JsonlWriter)
