"""Reader `documents`: corpus-tool's own JSONL, as the stages write it, every field kept."""
from __future__ import annotations

from typing import Iterator

from ..components import Reader
from ..document import Document, Rejected, read_documents
from ..hookspecs import hookimpl
from .sources import inputs


class DocumentsReader(Reader):
    """Documents already processed by corpus-tool (JSONL, compressed too), to run more stages on them.

    Unlike `jsonl`, which maps any records onto documents, this keeps every field as it is; a line
    that is not a document (no `id` or `text`) is rejected with its file and line.
    """

    name = "documents"
    pattern = "*.jsonl*"

    def read(self, source: str) -> Iterator[Document | Rejected]:
        return read_documents(item.path for item in inputs(source, self.pattern))


@hookimpl
def register_readers(register):
    register(DocumentsReader)
