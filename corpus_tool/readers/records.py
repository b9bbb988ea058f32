"""Mapping foreign records (JSON objects, CSV rows) onto documents with configurable field names."""
from __future__ import annotations

from typing import Annotated, Any

from ..components import Reader
from ..document import Document
from ..errors import DocumentError


class RecordReader(Reader):
    """Shared parameters and mapping of the `jsonl` and `csv` readers."""

    id_field: Annotated[str, "field holding the document id (missing: FILE-LINE is used)"] = "id"
    text_field: Annotated[str, "field holding the text"] = "text"
    title_field: Annotated[str, "field holding the title (may be absent)"] = "title"


    def to_document(self, record: dict[str, Any], fallback_id: str, source: str) -> Document:
        """A document from one record; fields other than id, text and title go into `meta`."""
        text = record.get(self.text_field)
        if not isinstance(text, str):
            raise DocumentError(f"no text: field '{self.text_field}' is missing or not a string")
        doc_id = record.get(self.id_field)
        doc_id = fallback_id if doc_id in (None, "") else str(doc_id)
        title = record.get(self.title_field)
        meta = {"source": source, **record}
        for field in (self.id_field, self.text_field, self.title_field):
            meta.pop(field, None)
        return {"id": doc_id, "title": title if isinstance(title, str) else None, "text": text, "meta": meta}
