"""Tabular views of documents, for tabular writers.

`documents` gives one row per document; any list-valued annotation (`paragraphs`, `sentences`,
`quotes`, …) gives one row per item with its `doc_id`, its fields flattened and its span text.
Plugins register further tables (for example corpus-wide aggregates) with `register_tables`.
"""
from __future__ import annotations

from typing import Annotated, Any, Iterable

import orjson

from .components import Table
from .document import Document
from .errors import ConfigError
from .params import did_you_mean
from .plugins import Registry


def flatten(value: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested objects become dotted columns; lists of objects become their count (`n_NAME`)."""
    kinds = set(map(type, value.values()))
    if not prefix and dict not in kinds and list not in kinds:
        return value  # already flat: the common case of an annotation's items
    row: dict[str, Any] = {}
    for key, item in value.items():
        column = f"{prefix}{key}"
        if isinstance(item, dict):
            row.update(flatten(item, f"{column}."))
        elif isinstance(item, list) and item and all(isinstance(i, dict) for i in item):
            row[f"{prefix}n_{key}"] = len(item)
        else:
            row[column] = item
    return row


class Documents(Table):
    """One row per document: id, title, text, metadata and summary, and counts of each annotation."""

    name = "documents"
    columns = ("id", "title", "text")
    per_document = True

    def add(self, doc: Document) -> Iterable[dict[str, Any]]:
        return [flatten({k: v for k, v in doc.items() if k != "stages"})]


class Annotation(Table):
    """One row per item of a list-valued annotation, with `doc_id`, `index` and the span's text."""

    name = "annotation"
    columns = ("doc_id", "index")
    per_document = True
    field: Annotated[str, "the list-valued document field to tabulate"] = ""

    _found = False  # has any document had the field as a list?
    _others: frozenset[str] | None = None  # the list fields documents had meanwhile (None: no document yet)

    def add(self, doc: Document) -> Iterable[dict[str, Any]]:
        items = doc.get(self.field)
        if not isinstance(items, list):
            if not self._found:
                self._others = (self._others or frozenset()) | {k for k, v in doc.items() if isinstance(v, list)}
            return ()
        self._found = True
        text = doc.get("text", "")
        rows = []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                item = {"value": item}
            row = {"doc_id": doc["id"], "index": index, **flatten(item)}
            if "text" not in row and isinstance(item.get("start"), int) and isinstance(item.get("end"), int):
                row["text"] = text[item["start"]:item["end"]]
            rows.append(row)
        return rows

    def finish(self) -> Iterable[dict[str, Any]]:
        """Nothing more; but a name no document has as a list is a mistake worth saying."""
        if self._others is not None and not self._found:
            raise ConfigError(f"table '{self.field}': no document has a list field '{self.field}'"
                              f"{did_you_mean(self.field, self._others - {'stages'} | {Documents.name})}")
        return ()


def open_table(name: str, registry: Registry) -> Table:
    """The table called `name`: a plugin's, `documents`, or rows of the annotation field `name`."""
    entry = registry.entries["table"].get(name)
    if entry is not None:
        return entry.cls()
    if name == Documents.name:
        return Documents()
    return Annotation(field=name)


class Rewrite:
    """Documents as the corpus says they should be (see `Table.rewrites`): every document goes to
    `learn` first, in corpus order; then `apply` gives each one rewritten by every such table."""

    def __init__(self, tables: list[Table]) -> None:
        self.tables = tables

    @classmethod
    def of(cls, registry: Registry, fields: Iterable[str] | None = None) -> Rewrite | None:
        """The registered rewriting tables (those whose `needs` are all in `fields`, if given), or None."""
        fields = None if fields is None else set(fields)
        tables = [entry.cls() for _, entry in sorted(registry.entries["table"].items())
                  if entry.cls.rewrites and (fields is None or fields.issuperset(entry.cls.needs))]
        return cls(tables) if tables else None

    def learn(self, doc: Document) -> None:
        for table in self.tables:
            if all(field in doc for field in table.needs):
                table.add(doc)

    def apply(self, doc: Document) -> Document:
        for table in self.tables:
            if all(field in doc for field in table.needs):
                doc = table.rewrite(doc)
        return doc


def cell(value: Any) -> Any:
    """A value for a flat cell: lists and objects as JSON, None as empty."""
    if value is None:
        return ""
    if type(value) in (list, dict):
        return orjson.dumps(value).decode()
    return value
