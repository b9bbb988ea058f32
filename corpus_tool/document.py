"""The document: one JSON object a line, with stand-off spans into `text`.

A document is a plain `dict` (fast to load and dump with orjson, and it keeps every unknown field
untouched). `id` and `text` are required; `title`, `meta`, `stages` and any list of spans
(`paragraphs`, `sentences`, `quotes`, …: items with `start`/`end` code-point offsets) are optional.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import orjson

from .errors import DamagedInput
from .files import open_input

Document = dict[str, Any]
BOM = b"\xef\xbb\xbf"


@dataclass
class Rejected:
    """A document (or input record) that could not be processed, and why."""

    id: str | None
    source: str | None
    reason: str
    stage: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "stage": self.stage, "reason": self.reason, **self.extra}

    def describe(self) -> str:
        where = self.source or self.id or "input"
        stage = f" in stage {self.stage}" if self.stage else ""
        return f"{where}{stage}: {self.reason}"


def dumps(doc: Document) -> bytes:
    """One JSON line, newline included."""
    return orjson.dumps(doc, option=orjson.OPT_APPEND_NEWLINE)


def check(doc: Any) -> str | None:
    """Why `doc` is not a valid document, or None when it is."""
    if not isinstance(doc, dict):
        return f"expected a JSON object, got {type(doc).__name__}"
    if not isinstance(doc.get("id"), str) or not doc["id"]:
        return "missing or empty string field 'id'"
    if not isinstance(doc.get("text"), str):
        return "missing string field 'text'"
    return None


def span_fields(doc: Document) -> list[str]:
    """The fields holding stand-off spans (lists of objects with `start` and `end`)."""
    return [
        key for key, value in doc.items()
        if isinstance(value, list) and value and isinstance(value[0], dict) and "start" in value[0] and "end" in value[0]
    ]


def json_lines(path: str | Path, name: str | None = None, errors: str = "strict") -> Iterator[tuple[str, int, Any]]:
    """(NAME:line, line number, JSON object or a `Rejected` for a bad line) of a JSONL file.

    A byte-order mark is skipped; invalid UTF-8 is named by its byte offset, or replaced (U+FFFD)
    when `errors` is "replace"."""
    name = name or ("<stdin>" if str(path) == "-" else str(path))
    offset = number = 0
    with open_input(path) as stream:
        lines = iter(stream)
        while True:
            try:
                line = next(lines, None)
            except DamagedInput as e:  # what came before is kept; the damage is one rejection
                yield f"{name}:{number + 1}", number + 1, Rejected(None, f"{name}:{number + 1}", f"{e}; the rest is not read")
                return
            if line is None:
                return
            number += 1
            start, offset = offset, offset + len(line)
            if number == 1 and line.startswith(BOM):
                line, start = line[len(BOM):], start + len(BOM)
            if not line.strip():
                continue
            where = f"{name}:{number}"
            try:
                parsed = orjson.loads(line)  # bytes: orjson checks the UTF-8 itself
            except orjson.JSONDecodeError as e:
                parsed = _bad_line(line, where, start, errors, e)
            yield where, number, parsed


def _bad_line(line: bytes, where: str, start: int, errors: str, error: Exception) -> Any:
    """What a line orjson refused is: its JSON with invalid UTF-8 replaced, or why it is rejected."""
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as e:
        if errors != "replace":
            return Rejected(None, where, f"invalid UTF-8 at byte {start + e.start}: "
                                         "the reader's encoding_errors = \"replace\" accepts it")
        try:
            return orjson.loads(line.decode("utf-8", "replace"))
        except orjson.JSONDecodeError as again:
            error = again
    if not line.endswith(b"\n"):
        return Rejected(None, where, f"the file ends inside this line, at byte {start + len(line)} (truncated?): {error}")
    return Rejected(None, where, f"malformed JSON: {error}")


def read_documents(paths: Iterable[str | Path]) -> Iterator[Document | Rejected]:
    """Documents from JSONL files (`-` for stdin); a bad line becomes a `Rejected` naming file:line."""
    for path in paths:
        for where, _, doc in json_lines(path):
            problem = None if isinstance(doc, Rejected) else check(doc)
            if problem:
                yield Rejected(doc.get("id") if isinstance(doc, dict) else None, where, problem)
            else:
                yield doc
