"""The kinds of things plugins provide: stages, readers, writers and tables.

Each is a class with a `name`, a docstring (its first line is the summary `corpus plugins` shows)
and typed parameters declared as annotated attributes (see `params`).
"""
from __future__ import annotations

import copy
import inspect
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar, Iterable, Iterator

import orjson

from . import params as _params
from .document import Document, Rejected, span_fields
from .errors import ConfigError, DocumentError


class Component:
    """Base of every pluggable kind: validated parameters and self-description."""

    kind: ClassVar[str] = "component"
    name: ClassVar[str] = ""
    registry: ClassVar[Any] = None  # the plugin registry that created it, when one did

    def __init__(self, **values: Any) -> None:
        self._configure(values, f"{self.kind} '{self.name}'")

    @classmethod
    def configure(cls, values: dict[str, Any], where: str):
        """An instance from configuration values; errors name `where` (a file and key)."""
        obj = cls.__new__(cls)
        obj._configure(values, where)
        return obj

    def _configure(self, values: dict[str, Any], where: str) -> None:
        self.params = _params.validate(type(self), values, where)
        for key, value in self.params.items():
            setattr(self, key, copy.copy(value))
        try:
            self.check()
        except ValueError as e:
            raise ConfigError(f"{where}: {e}") from None

    def check(self) -> None:
        """Refuse combinations of parameter values that cannot work (raise ValueError saying why)."""

    @classmethod
    def summary(cls) -> str:
        """The first line of the docstring."""
        lines = (inspect.getdoc(cls) or "").strip().splitlines()
        return lines[0] if lines else ""

    @classmethod
    def declared_params(cls) -> dict[str, _params.Param]:
        return _params.declared(cls)


class Stage(Component):
    """A step that annotates documents.

    Subclasses implement `process(doc)`, which updates the document in place and may return a dict
    of counts to record in the document's `stages` entry. `setup()` runs once per worker before the
    first document (load lexicons and models there). `needs` names fields that must already be
    present; `adds` the fields the stage adds; `adds_offsets` says some of them are spans into
    `text`; `changes_text` marks a stage that edits `text` and so must run before any that adds spans.
    """

    kind = "stage"
    version: ClassVar[str] = "0"
    needs: ClassVar[tuple[str, ...]] = ()
    adds: ClassVar[tuple[str, ...]] = ()
    adds_offsets: ClassVar[bool] = False
    changes_text: ClassVar[bool] = False
    _ready: bool = False

    def setup(self) -> None:
        """Prepare once per worker (no-op by default)."""

    def process(self, doc: Document) -> dict[str, Any] | None:
        raise NotImplementedError

    def record(self) -> dict[str, Any]:
        """The provenance entry added to each document's `stages`: the version is the registry's, which
        moves with the stage's code and data (the declared one for a stage made without a registry)."""
        version = self.registry.version(self.kind, self.name) if self.registry else self.version
        data = self.data_version()
        return {"name": self.name, "version": f"{version}+{data}" if data else version, "params": self.params}

    def data_version(self) -> str | None:
        """What the files a parameter names (a word list, an aliases file) add to the recorded version, so
        that editing them redoes documents as a code change does: e.g. a digest of their content."""
        return None

    def apply(self, doc: Document) -> Document:
        """Process one document, checking its prerequisites and recording provenance."""
        if not self._ready:
            try:
                self.setup()
            except Exception as e:
                raise ConfigError(f"stage '{self.name}' could not set up: {type(e).__name__}: {e}") from e
            self._ready = True
        missing = [f for f in self.needs if f not in doc]
        if missing:
            them = "them" if len(missing) > 1 else "it"
            raise DocumentError(f"needs {', '.join(missing)}: run the stage that adds {them} first")
        if self.changes_text:
            spans = span_fields(doc)
            if spans:
                raise DocumentError(
                    f"changes the text, but the document already has offsets ({', '.join(spans)}) "
                    "that it would break: run it before the stages that add them"
                )
        counts = self.process(doc)
        entry = self.record()
        if counts:
            entry["counts"] = counts
        doc.setdefault("stages", []).append(entry)
        return doc



class Reader(Component):
    """A document set: turns a source (a path, a glob, `-`) into documents.

    `read` yields documents, or `Rejected` records for inputs it could not turn into one. A reader
    that passes over records which are not documents (a web archive's requests and images) counts
    them in `counts`, which run reports show.
    """

    kind = "reader"
    counts: ClassVar[Counter | None] = None

    def read(self, source: str) -> Iterator[Document | Rejected]:
        raise NotImplementedError


class Writer(Component):
    """An output: `open(target)`, `write(doc)` for each document, then `close()` to commit.

    `abort()` discards a partial output. A writer that cannot write to a stream (a database file)
    sets `streams = False`, and the CLI then requires a path.
    """

    kind = "writer"
    streams: ClassVar[bool] = True

    def open(self, target: str) -> None:
        raise NotImplementedError

    def write(self, doc: Document) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        """Discard what was written (default: nothing to discard)."""

    def write_file(self, path: Path) -> None:
        """Write every document of a JSONL file (a run's part); writers may do it faster."""
        with open(path, "rb") as f:
            for line in f:
                self.write(orjson.loads(line))

    def write_part(self, documents: list[Document], path: Path) -> Any:
        """Write one shard's share of the output to `path`, in the worker that processed the shard,
        and return what `add_part` needs to merge it (JSON-able); or NotImplemented (the default) to
        be given the documents one by one in the main process instead. Must not change `self`."""
        return NotImplemented

    def add_part(self, path: Path, info: Any) -> None:
        """Merge a part made by `write_part` (parts come in input order; the file stays the run's)."""
        raise NotImplementedError


class Table(Component):
    """A tabular view of documents for tabular writers (csv, …).

    `add(doc)` returns the rows one document contributes; `finish()` the rows known only at the end
    (corpus-wide aggregates such as one row per speaker). Rows are flat dicts.
    """

    kind = "table"
    columns: ClassVar[tuple[str, ...]] = ()  # always present and first, so even an empty table has a header
    # True when rows come from `add` alone, each document's from that document (`finish` only
    # checks): writers may then build a shard's rows in the worker that processed it.
    per_document: ClassVar[bool] = False
    # True when the table learns from the whole corpus what documents should carry (one canonical name
    # per speaker): a run or an export whose documents have the fields in `needs` then gives the table
    # every document first (`add`) and passes each through `rewrite(doc)` before any writer sees it;
    # `finish()` is called only where the table's rows are written.
    rewrites: ClassVar[bool] = False
    needs: ClassVar[tuple[str, ...]] = ()

    def add(self, doc: Document) -> Iterable[dict[str, Any]]:
        return ()

    def finish(self) -> Iterable[dict[str, Any]]:
        return ()

    def rewrite(self, doc: Document) -> Document:
        """The document as the corpus view says it should be, once every document was added (only for
        `rewrites` tables)."""
        return doc
