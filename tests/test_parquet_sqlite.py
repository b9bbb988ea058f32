"""The parquet and sqlite writers on real inputs: types, late columns, appending, broken inputs and targets."""
import shutil
import sqlite3
import subprocess
import sys

import orjson
import pyarrow.parquet as pq
import pytest

from conftest import ROOT
from helpers import corpus

TEXT = 'Mardini said "We are leaving." Aid workers said the roads were closed. "No," said Smith.'


def quote(text, phrase, kind, speaker, **more):
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase, "kind": kind, "speaker": speaker, **more}


def article(doc_id, speakers=("Robert Mardini", "John Smith"), **more):
    """A document as the segment and quotes stages would leave it, written by hand."""
    return {
        "id": doc_id, "title": f"Title {doc_id}", "text": TEXT, "meta": {"source": f"{doc_id}.txt", "page": 3},
        "paragraphs": [{"start": 0, "end": len(TEXT), "kind": "body"}],
        "sentences": [{"start": 0, "end": 30, "paragraph": 0}, {"start": 31, "end": 70, "paragraph": 0},
                      {"start": 71, "end": len(TEXT), "paragraph": 0}],
        "quotes": [quote(TEXT, '"We are leaving."', "direct", speakers[0], speaker_role="ICRC director",
                         cue="said", confidence=0.9),
                   quote(TEXT, '"No,"', "direct", speakers[1], cue="said"),
                   quote(TEXT, "the roads were closed", "indirect", None)],
        "summary": {"method": "lead", "sentences": [0], "text": TEXT[:30]},
        "stages": [{"name": "segment", "version": "1"}],
        **more,
    }


def jsonl(*docs) -> str:
    return "".join(orjson.dumps(d).decode() + "\n" for d in docs)


def query(db, sql):
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


# parquet


def test_parquet_keeps_types_and_a_column_that_appears_late(tmp_path, capfd):
    docs = [{"id": str(i), "text": "x", "meta": {"n": i, "score": 0.5, "ok": i % 2 == 0, "tags": ["a", "b"]}}
            for i in range(5)]
    docs[4]["meta"]["late"] = "only here"
    target = tmp_path / "docs.parquet"
    result = corpus("export", "parquet", "-o", target, "--row-group-size", "2", stdin=jsonl(*docs), capfd=capfd)
    assert result.code == 0, result.err
    parquet = pq.ParquetFile(target)
    assert parquet.metadata.num_row_groups == 3  # written in batches, not in one piece
    schema = {field.name: str(field.type) for field in parquet.schema_arrow}
    assert schema == {"id": "string", "title": "string", "text": "string", "meta.n": "int64", "meta.score": "double",
                      "meta.ok": "bool", "meta.tags": "list<element: string>", "meta.late": "string"}
    rows = parquet.read().to_pylist()
    assert [r["meta.n"] for r in rows] == [0, 1, 2, 3, 4] and rows[0]["meta.tags"] == ["a", "b"]
    assert [r["meta.late"] for r in rows] == [None] * 4 + ["only here"]
    assert [p.name for p in tmp_path.iterdir()] == ["docs.parquet"]  # no temporary file left


def test_parquet_mixed_types_fall_back_to_text_and_numbers_widen(tmp_path, capfd):
    docs = [{"id": "a", "text": "x", "meta": {"mixed": 1, "num": 1, "list": [1, 2], "odd": [1]}},
            {"id": "b", "text": "y", "meta": {"mixed": "two", "num": 2.5, "list": [3.5], "odd": "no list"}},
            {"id": "c", "text": "z", "meta": {"mixed": True, "big": 2**63, "items": [1, {"a": 1}]}}]
    target = tmp_path / "mixed.parquet"
    assert corpus("export", "parquet", "-o", target, stdin=jsonl(*docs), capfd=capfd).code == 0
    table = pq.read_table(target)
    types = {field.name: str(field.type) for field in table.schema}
    assert types["meta.mixed"] == "string" and types["meta.num"] == "double" and types["meta.odd"] == "string"
    assert types["meta.list"] == "list<element: double>" and types["meta.items"] == "list<element: string>"
    columns = table.to_pydict()
    assert columns["meta.mixed"] == ["1", "two", "true"] and columns["meta.num"] == [1.0, 2.5, None]
    assert columns["meta.odd"] == ["[1]", "no list", None] and columns["meta.big"] == [None, None, str(2**63)]
    assert columns["meta.items"][2] == ["1", '{"a":1}']


def test_parquet_annotation_table_and_an_empty_one(tmp_path, capfd):
    target = tmp_path / "quotes.parquet"
    assert corpus("export", "parquet", "--table", "quotes", "-o", target, stdin=jsonl(article("a")), capfd=capfd).code == 0
    rows = pq.read_table(target).to_pylist()
    assert [(r["doc_id"], r["index"], r["speaker"]) for r in rows] == [
        ("a", 0, "Robert Mardini"), ("a", 1, "John Smith"), ("a", 2, None)]
    assert rows[0]["confidence"] == 0.9 and rows[0]["start"] == TEXT.index('"We')
    empty = tmp_path / "none.parquet"
    assert corpus("export", "parquet", "--table", "sentences", "-o", empty, stdin="", capfd=capfd).code == 0
    assert pq.read_table(empty).num_rows == 0 and pq.read_table(empty).column_names == ["doc_id", "index"]


def test_parquet_needs_a_file_and_pyarrow(tmp_path, capfd, monkeypatch):
    result = corpus("export", "parquet", stdin=jsonl(article("a")), capfd=capfd)
    assert result.code == 2 and "give a file with -o PATH" in result.err
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    result = corpus("export", "parquet", "-o", tmp_path / "x.parquet", stdin=jsonl(article("a")), capfd=capfd)
    assert result.code == 2 and "pip install 'corpus-tool[parquet]'" in result.err
    assert "Traceback" not in result.err and not (tmp_path / "x.parquet").exists()


def test_parquet_rejects_broken_documents_and_writes_the_rest(tmp_path, capfd):
    target = tmp_path / "docs.parquet"
    stdin = jsonl(article("a"), {"id": "b"}, {"text": "no id"}) + "{broken\n"
    result = corpus("export", "parquet", "-o", target, stdin=stdin, capfd=capfd)
    assert result.code == 1 and "missing string field 'text'" in result.err and "malformed JSON" in result.err
    assert pq.read_table(target).column("id").to_pylist() == ["a"]


def test_parquet_abort_leaves_the_old_file(tmp_path):
    from corpus_tool.writers.parquet import ParquetWriter

    target = tmp_path / "x.parquet"
    target.write_bytes(b"old")
    writer = ParquetWriter()
    writer.open(str(target))
    writer.write(article("a"))
    writer.abort()
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["x.parquet"]


# sqlite


def test_sqlite_tables_and_the_speaker_query(tmp_path, capfd):
    db = tmp_path / "out" / "corpus.db"
    docs = [article("a", entities=[{"start": 0, "end": 7, "label": "PER"}]),
            article("b", speakers=("robert  MARDINI", "Jane Doe"))]
    result = corpus("export", "sqlite", "-o", db, stdin=jsonl(*docs), capfd=capfd)
    assert result.code == 0, result.err
    assert query(db, "select speaker, speaker_id, count(*) from quotes group by 1") == [
        (None, None, 2), ("Jane Doe", "jane-doe", 1), ("John Smith", "john-smith", 1),
        ("Robert Mardini", "robert-mardini", 2)]
    assert query(db, "select json_extract(extra, '$.speaker_name') from quotes where speaker = 'Robert Mardini'") == [
        (None,), ("robert MARDINI",)]
    assert query(db, "select id, title, source, summary, json_extract(meta, '$.page') from documents order by id") == [
        ("a", "Title a", "a.txt", TEXT[:30], 3), ("b", "Title b", "b.txt", TEXT[:30], 3)]
    extra = orjson.loads(query(db, "select extra from documents where id = 'a'")[0][0])
    assert extra == {"entities": [{"start": 0, "end": 7, "label": "PER"}], "summary": {"method": "lead", "sentences": [0]}}
    assert query(db, "select idx, start, end, text, paragraph from sentences where doc_id = 'a'") == [
        (0, 0, 30, TEXT[:30], 0), (1, 31, 70, TEXT[31:70], 0), (2, 71, len(TEXT), TEXT[71:], 0)]
    assert query(db, "select speaker_role, cue, extra from quotes where doc_id = 'a' and idx = 0") == [
        ("ICRC director", "said", '{"confidence":0.9}')]
    assert query(db, "select speaker, speaker_id, quotations, direct, documents, roles, variants from speakers") == [
        ("Robert Mardini", "robert-mardini", 2, 2, 2, "ICRC director", "robert MARDINI"),
        ("Jane Doe", "jane-doe", 1, 1, 1, "", ""), ("John Smith", "john-smith", 1, 1, 1, "", "")]
    plan = " ".join(row[-1] for row in query(db, "explain query plan select * from quotes where speaker = 'x'"))
    assert "quotes_speaker" in plan


def test_sqlite_appending_replaces_documents_and_keeps_the_others(tmp_path, capfd):
    db = tmp_path / "corpus.db"
    assert corpus("export", "sqlite", "-o", db, stdin=jsonl(article("a"), article("b")), capfd=capfd).code == 0
    edited = article("b", title="Edited")
    edited["quotes"] = edited["quotes"][:1]
    assert corpus("export", "sqlite", "-o", db, stdin=jsonl(edited, article("c")), capfd=capfd).code == 0
    assert corpus("export", "sqlite", "-o", db, stdin=jsonl(edited, article("c")), capfd=capfd).code == 0
    assert query(db, "select id, title from documents order by id") == [("a", "Title a"), ("b", "Edited"), ("c", "Title c")]
    assert query(db, "select doc_id, count(*) from quotes group by 1") == [("a", 3), ("b", 1), ("c", 3)]
    assert query(db, "select count(*) from sentences") == [(9,)]
    assert query(db, "select speaker, quotations, documents from speakers") == [
        ("Robert Mardini", 3, 3), ("John Smith", 2, 2)]
    result = corpus("export", "sqlite", "--no-keep-others", "-o", db, stdin=jsonl(article("z")), capfd=capfd)
    assert result.code == 0 and query(db, "select id from documents") == [("z",)]
    assert query(db, "select distinct doc_id from quotes") == [("z",)]


def test_sqlite_keeps_broken_annotations_instead_of_failing(tmp_path, capfd):
    db = tmp_path / "corpus.db"
    odd = {"id": "odd", "text": "Hello there.", "sentences": "not a list", "quotes": [7, {"speaker": ["A", "B"]}],
           "summary": "a plain summary", "meta": "not an object"}
    result = corpus("export", "sqlite", "-o", db, stdin=jsonl(odd, {"id": "bare", "text": ""}, {"id": 5}), capfd=capfd)
    assert result.code == 1 and "missing or empty string field 'id'" in result.err
    assert query(db, "select id, title, source, summary, meta, extra from documents order by id") == [
        ("bare", None, None, None, None, None),
        ("odd", None, None, "a plain summary", '"not an object"', '{"sentences":"not a list"}')]
    assert query(db, "select idx, start, text, speaker, extra from quotes") == [
        (0, None, None, None, '{"value":7}'), (1, None, None, '["A","B"]', None)]
    assert query(db, "select count(*) from speakers") == [(0,)]


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_text("id,text\n1,hello\n"), "cannot write to it as a SQLite database (file is not a database)"),
    (lambda p: p.mkdir(), "is a folder; give the database file"),
    (lambda p: sqlite3.connect(p).execute("create table quotes (doc_id, said)").connection.commit(),
     "its table 'quotes' lacks idx, start, end"),
])
def test_sqlite_refuses_a_target_that_is_not_its_database(tmp_path, capfd, make, message):
    target = tmp_path / "target.db"
    make(target)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = corpus("export", "sqlite", "-o", target, stdin=jsonl(article("a")), capfd=capfd)
    assert result.code == 2 and message in result.err and str(target) in result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert corpus("export", "sqlite", stdin=jsonl(article("a")), capfd=capfd).code == 2  # needs -o


def test_sqlite_a_killed_export_leaves_the_previous_contents(tmp_path, capfd):
    db = tmp_path / "corpus.db"
    assert corpus("export", "sqlite", "-o", db, stdin=jsonl(article("a")), capfd=capfd).code == 0
    script = (
        "import os, sys\nfrom corpus_tool.writers.sqlite import SqliteWriter\n"
        "w = SqliteWriter(); w.open(sys.argv[1])\n"
        "w.write({'id': 'a', 'text': 'replaced'}); w.write({'id': 'b', 'text': 'new'})\n"
        "os._exit(9)\n"
    )
    assert subprocess.run([sys.executable, "-c", script, str(db)]).returncode == 9
    assert query(db, "select id, text from documents") == [("a", TEXT)]
    assert query(db, "select count(*) from quotes") == [(3,)]
    from corpus_tool.writers.sqlite import SqliteWriter

    writer = SqliteWriter()
    writer.open(str(db))
    writer.write({"id": "a", "text": "aborted"})
    writer.abort()
    assert query(db, "select id, text from documents") == [("a", TEXT)]


# both


def test_a_pipeline_writes_parquet_and_sqlite_that_agree(tmp_path, capfd):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "seeds" / "second.txt").write_text("A second headline\n\nIt rained. Nobody came.\n")
    pipeline = tmp_path / "p.toml"
    pipeline.write_text(
        'name = "both"\noutput_dir = "out"\n[input]\npath = "seeds"\n'
        '[[stages]]\nuse = "normalise"\n[[stages]]\nuse = "segment"\n'
        '[[outputs]]\nwriter = "parquet"\ntable = "sentences"\npath = "sentences.parquet"\n'
        '[[outputs]]\nwriter = "parquet"\npath = "documents.parquet"\n'
        '[[outputs]]\nwriter = "sqlite"\npath = "corpus.db"\n')
    result = corpus("run", pipeline, capfd=capfd)
    assert result.code == 0, result.err
    out = tmp_path / "out"
    sentences = pq.read_table(out / "sentences.parquet").to_pylist()
    rows = query(out / "corpus.db", "select doc_id, idx, start, end, text from sentences order by doc_id, idx")
    assert [(s["doc_id"], s["index"], s["start"], s["end"], s["text"]) for s in sentences] == rows
    assert ("second", 2, 30, 42, "Nobody came.") in rows
    documents = pq.read_table(out / "documents.parquet").to_pylist()
    assert sorted(d["id"] for d in documents) == [r[0] for r in query(out / "corpus.db", "select id from documents order by id")]
    assert str(pq.read_schema(out / "documents.parquet").field("n_sentences").type) == "int64"
    assert corpus("run", pipeline, capfd=capfd).code == 0  # a second run into the same database duplicates nothing
    assert query(out / "corpus.db", "select count(*) from sentences") == [(len(rows),)]


def test_plugins_describe_both_writers(capfd):
    parquet = corpus("plugins", "parquet", capfd=capfd)
    assert parquet.code == 0 and "row_group_size" in parquet.out and "list<int64>" in parquet.out
    sqlite = corpus("plugins", "sqlite", capfd=capfd)
    assert sqlite.code == 0 and "keep_others" in sqlite.out and "select speaker, count(*)" in sqlite.out
