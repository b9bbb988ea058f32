"""Reader `text`: plain-text articles, one a file, in the seed's layout."""
from __future__ import annotations

from typing import Annotated, Iterator

from ..components import Reader
from ..document import Document, Rejected
from ..errors import DocumentError, InputError
from ..files import open_input
from ..hookspecs import hookimpl
from .decode import Errors, decode
from .sources import inputs

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
    folder, without its suffixes; `meta.source` is that path under the folder's name. Compressed
    files (.gz, .bz2, .xz, .zst) are read as they are; `-` reads one document from stdin.
    """

    name = "text"
    pattern: Annotated[str, "which files of a folder to read (a glob, applied recursively)"] = "*.txt*"
    encoding_errors: Annotated[Errors, "invalid UTF-8: 'strict' rejects the file, 'replace' substitutes U+FFFD"] = "strict"

    def read(self, source: str) -> Iterator[Document | Rejected]:
        for item in inputs(source, self.pattern):
            try:
                with open_input(item.path) as stream:
                    data = stream.read()
                yield self._document(data, item.id, item.source)
            except DocumentError as e:
                yield Rejected(item.id, item.source, str(e))
            except (OSError, EOFError, InputError) as e:  # unreadable, or damaged compression
                yield Rejected(item.id, item.source, f"cannot read: {getattr(e, 'strerror', None) or e}")

    def _document(self, data: bytes, doc_id: str, source: str) -> Document:
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

