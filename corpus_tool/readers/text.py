"""Reader `text`: plain-text articles, one a file, in the seed's layout."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Iterator

from ..components import Reader
from ..document import Document, Rejected
from ..errors import DocumentError
from ..hookspecs import hookimpl
from .decode import Errors, decode
from .sources import expand

NUL = bytes(1)


def _title(text: str) -> str | None:
    """The headline: a first line followed by a blank line and more text."""
    head, sep, rest = text.partition("\n")
    if sep and rest.startswith(("\n", "\r\n")) and rest.strip() and head.strip():
        return head.strip()
    return None


class TextReader(Reader):
    """Text files: the headline on the first line, a blank line, then paragraphs.

    A file without that shape is all body (no title). The id is the path relative to the input
    folder, without its suffix; `meta.source` is that path under the folder's name.
    """

    name = "text"
    pattern: Annotated[str, "which files of a folder to read (a glob, applied recursively)"] = "*.txt"
    encoding_errors: Annotated[Errors, "invalid UTF-8: 'strict' rejects the file, 'replace' substitutes U+FFFD"] = "strict"

    def read(self, source: str) -> Iterator[Document | Rejected]:
        root, files = expand(source, self.pattern)
        for path in files:
            relative = path.relative_to(root)
            doc_id = relative.with_suffix("").as_posix()
            source = (Path(root.resolve().name) / relative).as_posix()
            try:
                yield self._document(path, doc_id, source)
            except DocumentError as e:
                yield Rejected(doc_id, source, str(e))
            except OSError as e:
                yield Rejected(doc_id, source, f"cannot read: {e.strerror}")

    def _document(self, path: Path, doc_id: str, source: str) -> Document:
        data = path.read_bytes()
        if not data.strip():
            raise DocumentError("empty file")
        if NUL in data:
            raise DocumentError(f"binary file (NUL byte at offset {data.index(NUL)}), not text")
        meta = {"source": source}
        text = decode(data, self.encoding_errors, meta)
        return {"id": doc_id, "title": _title(text), "text": text, "meta": meta}


@hookimpl
def register_readers(register):
    register(TextReader)

