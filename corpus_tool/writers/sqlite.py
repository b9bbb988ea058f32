"""Writer `sqlite`: documents, their annotations and a speakers table in one SQLite database."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import orjson

from ..components import Writer
from ..document import Document
from ..errors import ConfigError
from ..hookspecs import hookimpl

DOCUMENT_FIELDS = ("id", "title", "text", "meta", "stages", "summary")
# The annotation tables: columns of their own for the span, its text and these item fields; other fields go to `extra`.
SPANS = {
    "paragraphs": ("kind TEXT",),
    "sentences": ("paragraph INTEGER",),
    "quotes": ("kind TEXT", "speaker TEXT", "speaker_start INTEGER", "speaker_end INTEGER", "speaker_role TEXT",
               "cue TEXT", "cue_start INTEGER", "cue_end INTEGER", "paragraph INTEGER"),
}
TABLES = {
    "documents": ("id TEXT PRIMARY KEY", "title TEXT", "text TEXT NOT NULL", "source TEXT", "summary TEXT",
                  "meta TEXT", "stages TEXT", "extra TEXT"),
    **{name: ("doc_id TEXT NOT NULL REFERENCES documents (id)", "idx INTEGER NOT NULL", "start INTEGER",
              "end INTEGER", "text TEXT", *fields, "extra TEXT", "PRIMARY KEY (doc_id, idx)")
       for name, fields in SPANS.items()},
    "speakers": ("speaker TEXT PRIMARY KEY", "quotations INTEGER", "direct INTEGER", "partial INTEGER",
                 "indirect INTEGER", "documents INTEGER", "roles TEXT"),
}
SPEAKER_INDEX = "CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker)"  # doc_id: the primary keys'

SPEAKER_ROWS = """
INSERT INTO speakers (speaker, quotations, direct, partial, indirect, documents, roles)
WITH q AS (
    SELECT speaker_key(speaker) AS key, tidy(speaker) AS name, kind, tidy(speaker_role) AS role, doc_id FROM quotes
    WHERE kind IN ('direct', 'partial', 'indirect') AND typeof(speaker) = 'text' AND trim(speaker) != ''),
names AS (
    SELECT key, name, row_number() OVER (PARTITION BY key ORDER BY count(*) DESC, name) AS rank
    FROM q GROUP BY key, name),
roles AS (
    SELECT key, group_concat(role, ' | ') AS roles FROM (
        SELECT key, role FROM q WHERE role != '' GROUP BY key, role ORDER BY key, count(*) DESC, role)
    GROUP BY key)
SELECT names.name, count(*), sum(kind = 'direct'), sum(kind = 'partial'), sum(kind = 'indirect'),
       count(DISTINCT doc_id), roles.roles
FROM q JOIN names ON names.key = q.key AND names.rank = 1 LEFT JOIN roles ON roles.key = q.key
GROUP BY q.key ORDER BY count(*) DESC, names.name
"""


def _column_names(definitions: tuple[str, ...]) -> list[str]:
    return [d.split()[0] for d in definitions if not d.startswith("PRIMARY KEY")]


def _tidy(text: Any) -> Any:
    return " ".join(text.split()) if isinstance(text, str) else text


def _speaker_key(name: str) -> str:
    return _tidy(name).casefold()


def _value(value: Any) -> Any:
    """A value SQLite can store: lists and objects as JSON text, integers beyond 64 bits as text."""
    if isinstance(value, list | dict):
        return orjson.dumps(value).decode()
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        return str(value)
    return value


def _json(value: Any) -> str | None:
    """A JSON column's value (valid JSON whatever it holds, so json_extract works on every row)."""
    return None if value is None else orjson.dumps(value).decode()


def _document_row(doc: Document) -> list[Any]:
    rest = {k: v for k, v in doc.items() if k not in DOCUMENT_FIELDS and not (k in SPANS and isinstance(v, list))}
    summary = doc.get("summary")
    if isinstance(summary, dict):
        if summary.keys() - {"text"}:
            rest["summary"] = {k: v for k, v in summary.items() if k != "text"}
        summary = summary.get("text")
    meta = doc.get("meta")
    source = meta.get("source") if isinstance(meta, dict) else None
    return [*map(_value, (doc["id"], doc.get("title"), doc["text"], source, summary)),
            *map(_json, (meta, doc.get("stages"), rest or None))]


def _span_rows(doc: Document, table: str) -> list[list[Any]]:
    fields = ("start", "end", "text", *_column_names(SPANS[table]))
    rows = []
    for idx, item in enumerate(doc[table]):
        item = dict(item) if isinstance(item, dict) else {"value": item}
        start, end = item.get("start"), item.get("end")
        if item.get("text") is None and isinstance(start, int) and isinstance(end, int):
            item["text"] = doc["text"][start:end]
        rest = {k: v for k, v in item.items() if k not in fields}
        rows.append([*(_value(v) for v in (doc["id"], idx, *(item.get(f) for f in fields))), _json(rest or None)])
    return rows


class SqliteWriter(Writer):
    """Documents and annotations as tables of one SQLite database, ready for SQL.

    Tables: `documents` (id primary key, title, text, source = meta.source, summary = its text,
    meta and stages as JSON, extra = any other field as JSON); `paragraphs`, `sentences` and `quotes`
    (doc_id, idx: primary key; start, end, the item's own fields such as kind, speaker, cue; text =
    the span's text; extra = the item's other fields as JSON); `speakers` (speaker, quotations,
    direct, partial, indirect, documents, roles), recomputed from every quotation in the file, names
    grouped case and spacing aside, mentions not counted. The primary keys index doc_id; quotes are
    indexed by speaker too. So `sqlite3 corpus.db "select speaker, count(*) from quotes group by 1"`
    and `json_extract(meta, '$.source')` just work.

    Writing into an existing database replaces each written document's rows (same id) and keeps the
    others (`keep_others = false` empties it first), so exporting twice duplicates nothing. It all
    happens in one transaction, committed at the end: a failed or killed run leaves the file as it
    was. Needs a file, not stdout.
    """

    name = "sqlite"
    streams = False
    keep_others: Annotated[bool, "keep the documents already in the file that this export does not rewrite"] = True

    def open(self, target: str) -> None:
        import sqlite3  # loaded when the writer is used, not when it is listed

        self._target = target
        if Path(target).is_dir():
            raise ConfigError(f"{target}: is a folder; give the database file, e.g. {Path(target) / 'corpus.db'}")
        try:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(target, isolation_level=None, timeout=10)
        except (OSError, sqlite3.Error) as e:
            raise ConfigError(f"{target}: cannot create a database here ({e}); choose another path") from None
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._create_tables()
            if not self.keep_others:
                for table in reversed(TABLES):
                    self._db.execute(f"DELETE FROM {table}")
        except sqlite3.Error as e:
            self._db.close()
            raise ConfigError(f"{target}: cannot write to it as a SQLite database ({e}); give a new file, "
                              "or a database this writer made that no other process is writing") from None
        except ConfigError:
            self._db.close()
            raise
        self._db.create_function("tidy", 1, _tidy, deterministic=True)
        self._db.create_function("speaker_key", 1, _speaker_key, deterministic=True)

    def _create_tables(self) -> None:
        for table, columns in TABLES.items():
            found = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
            missing = [c for c in _column_names(columns) if c not in found]
            if found and missing:
                raise ConfigError(f"{self._target}: its table '{table}' lacks {', '.join(missing)}: "
                                  "not a database this writer made; write to another file")
            self._db.execute(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(columns)})")
        self._db.execute(SPEAKER_INDEX)

    def write(self, doc: Document) -> None:
        for table in SPANS:
            self._db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc["id"],))
        self._db.execute("DELETE FROM documents WHERE id = ?", (doc["id"],))
        self._insert("documents", [_document_row(doc)])
        for table in SPANS:
            if isinstance(doc.get(table), list):
                self._insert(table, _span_rows(doc, table))

    def _insert(self, table: str, rows: list[list[Any]]) -> None:
        columns = _column_names(TABLES[table])
        self._db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) "
                             f"VALUES ({', '.join('?' * len(columns))})", rows)

    def close(self) -> None:
        try:
            self._db.execute("DELETE FROM speakers")
            self._db.execute(SPEAKER_ROWS)
            self._db.execute("COMMIT")
        finally:
            self._db.close()

    def abort(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
        self._db.close()


@hookimpl
def register_writers(register):
    register(SqliteWriter)
