"""Writer `sqlite`: documents, their annotations and a speakers table in one SQLite database."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import orjson

from ..components import Writer
from ..document import Document
from ..errors import ConfigError
from ..hookspecs import hookimpl
from ..plugins import load as load_plugins
from ..tables import open_table

DOCUMENT_FIELDS = ("id", "title", "text", "meta", "stages", "summary")
# The annotation tables: columns of their own for the span, its text and these item fields; other fields go to `extra`.
SPANS = {
    "paragraphs": ("kind TEXT",),
    "sentences": ("paragraph INTEGER",),
    "quotes": ("kind TEXT", "speaker TEXT", "speaker_start INTEGER", "speaker_end INTEGER", "speaker_role TEXT",
               "cue TEXT", "cue_start INTEGER", "cue_end INTEGER", "paragraph INTEGER", "speaker_id TEXT",
               "speaker_type TEXT", "speaker_gender TEXT"),
}
# Columns a database made by an earlier version lacks, added when writing into it.
ADDED = {"quotes": ("speaker_id TEXT", "speaker_type TEXT", "speaker_gender TEXT")}
TABLES = {
    "documents": ("id TEXT PRIMARY KEY", "title TEXT", "text TEXT NOT NULL", "source TEXT", "summary TEXT",
                  "meta TEXT", "stages TEXT", "extra TEXT"),
    **{name: ("doc_id TEXT NOT NULL REFERENCES documents (id)", "idx INTEGER NOT NULL", "start INTEGER",
              "end INTEGER", "text TEXT", *fields, "extra TEXT", "PRIMARY KEY (doc_id, idx)")
       for name, fields in SPANS.items()},
}
SPEAKER_INDEX = "CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker)"  # doc_id: the primary keys'
# What the `speakers` table plugin reads of each quotation in the file.
SPEECH = """
SELECT idx, kind, speaker, speaker_id, speaker_start, speaker_end, speaker_role, speaker_type, speaker_gender,
       json_extract(extra, '$.speaker_name') FROM quotes WHERE doc_id = ? ORDER BY idx
"""
ITEM_FIELDS = ("idx", "kind", "speaker", "speaker_id", "speaker_start", "speaker_end", "speaker_role", "speaker_type",
               "speaker_gender", "speaker_name")


def _column_names(definitions: tuple[str, ...]) -> list[str]:
    return [d.split()[0] for d in definitions if not d.startswith("PRIMARY KEY")]


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
    (doc_id, idx: primary key; start, end, the item's own fields such as kind, speaker, speaker_id,
    cue; text = the span's text; extra = the item's other fields as JSON); `speakers`: the rows of
    the `speakers` table plugin (one per speaker entity, see `corpus plugins speakers`) over every
    quotation in the file, made anew at each export, with each quotation's `speaker` and `speaker_id`
    set to its entity's. The primary keys index doc_id; quotes are indexed by speaker too. So
    `sqlite3 corpus.db "select speaker, count(*) from quotes group by 1"` gives the speakers table's
    counts, and `json_extract(meta, '$.source')` just works.

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

    def _create_tables(self) -> None:
        for table, columns in TABLES.items():
            found = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
            for column in ADDED.get(table, ()) if found else ():
                if column.split()[0] not in found:
                    self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
                    found.add(column.split()[0])
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
            self._speakers()
            self._db.execute("COMMIT")
        finally:
            self._db.close()

    def _speakers(self) -> None:
        """The `speakers` table plugin over every quotation in the file, documents in the order they were
        written: its rows become the `speakers` table, and each quotation's speaker the entity's
        canonical name and id (the document's own name kept in `extra` as `speaker_name`), so grouping
        the quotes by speaker gives the speakers table. Without that plugin, there is no such table."""
        self._db.execute("DROP TABLE IF EXISTS speakers")
        registry = self.registry or load_plugins()
        if "speakers" not in registry.entries["table"]:
            return
        table = open_table("speakers", registry)
        for doc in self._speech():
            table.add(doc)
        rows = list(table.finish())
        changes = []
        for doc in self._speech(texts=False):
            before = [(q["speaker"], q["speaker_id"], q["speaker_name"]) for q in doc["quotes"]]
            for quote, was in zip(table.rewrite(doc)["quotes"], before):
                now = (quote["speaker"], quote["speaker_id"], quote.get("speaker_name"))
                if now != was:
                    changes.append((*now, doc["id"], quote["idx"]))
        self._db.executemany("UPDATE quotes SET speaker = ?, speaker_id = ?, extra = CASE WHEN ?3 IS NULL THEN extra "
                             "ELSE json_set(coalesce(extra, '{}'), '$.speaker_name', ?3) END "
                             "WHERE doc_id = ? AND idx = ?", changes)
        columns = list(dict.fromkeys([*table.columns, *(c for row in rows for c in row)]))
        types = {c: "INTEGER" if rows and all(type(row.get(c)) is int for row in rows) else "TEXT" for c in columns}
        self._db.execute(f"CREATE TABLE speakers ({', '.join(f'{c} {types[c]}' for c in columns)})")
        self._db.executemany(f"INSERT INTO speakers VALUES ({', '.join('?' * len(columns))})",
                             ([_value(row.get(c)) for c in columns] for row in rows))

    def _speech(self, texts: bool = True):
        """Each document's quotations as the speakers table reads them ({"id", "text", "quotes"}; the text
        only if `texts`)."""
        query = f"SELECT id, {'text' if texts else 'NULL'} FROM documents ORDER BY rowid"
        for doc_id, text in self._db.execute(query):
            quotes = [dict(zip(ITEM_FIELDS, row)) for row in self._db.execute(SPEECH, (doc_id,))]
            if quotes:
                yield {"id": doc_id, "text": text, "quotes": quotes}

    def abort(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
        self._db.close()


@hookimpl
def register_writers(register):
    register(SqliteWriter)
