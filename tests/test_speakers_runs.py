"""Speakers in real runs: the same names and ids whatever the workers, shards or increments, and every
output's quotes grouped by speaker equal the speakers table."""
import csv
import sqlite3
from collections import Counter
from pathlib import Path

import orjson
import pytest

from helpers import corpus

ARTICLES = 24
PIPELINE = """
[input]
path = "corpus"
[[stages]]
use = "segment"
[[stages]]
use = "quotes"
[[outputs]]
writer = "jsonl"
path = "documents.jsonl"
[[outputs]]
writer = "csv"
table = "quotes"
path = "quotes.csv"
[[outputs]]
writer = "csv"
table = "speakers"
path = "speakers.csv"
[[outputs]]
writer = "parquet"
table = "quotes"
path = "quotes.parquet"
[[outputs]]
writer = "sqlite"
path = "corpus.db"
"""


@pytest.fixture(scope="module")
def articles(shared_data):
    return [orjson.loads(line)["text"] for line in
            (shared_data / "polnear" / "dev.jsonl").read_bytes().splitlines()[:ARTICLES]]


def run(folder: Path, texts: list[str], capfd, *options: str) -> dict:
    """`corpus run` over `texts` as files in `folder`/corpus; what its outputs say of speakers."""
    (folder / "corpus").mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / "corpus" / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    (folder / "p.toml").write_text(PIPELINE)
    result = corpus("run", folder / "p.toml", *options, capfd=capfd)
    assert result.code == 0, result.err
    return said(folder / "out")


def said(out: Path) -> dict:
    def read_csv(name):
        return list(csv.DictReader((out / name).open(newline="", encoding="utf-8")))

    db = sqlite3.connect(out / "corpus.db")
    pyarrow = pytest.importorskip("pyarrow.parquet")
    return {
        "speakers": read_csv("speakers.csv"),
        "quotes": [(q["doc_id"], q["speaker"], q["speaker_id"]) for q in read_csv("quotes.csv")],
        "documents": (out / "documents.jsonl").read_bytes(),
        "parquet": pyarrow.read_table(out / "quotes.parquet", columns=["speaker", "speaker_id"]).to_pylist(),
        "sqlite speakers": db.execute("select * from speakers").fetchall(),
        "sqlite quotes": db.execute("select doc_id, idx, speaker, speaker_id from quotes order by doc_id, idx").fetchall(),
    }


def test_names_and_ids_are_the_same_whatever_workers_and_shards(tmp_path, articles, capfd):
    one = run(tmp_path / "one", articles, capfd)
    assert run(tmp_path / "two", articles, capfd, "--workers", "2", "--shard-size", "5") == one
    assert run(tmp_path / "small", articles, capfd, "--shard-size", "3") == one


def test_an_incremental_run_gives_what_a_full_run_gives(tmp_path, articles, capfd):
    full = run(tmp_path / "full", articles, capfd)
    half = run(tmp_path / "grown", articles[:ARTICLES // 2], capfd, "--shard-size", "4")
    assert half != full
    assert run(tmp_path / "grown", articles, capfd, "--incremental", "--shard-size", "4") == full


def test_every_output_groups_quotes_by_speaker_as_the_speakers_table(tmp_path, articles, capfd):
    out = run(tmp_path, articles, capfd)
    table = {(r["speaker"], r["speaker_id"]): int(r["quotations"]) for r in out["speakers"]}
    assert len(table) > 20 and len({name for name, _ in table}) == len(table)
    db = sqlite3.connect(tmp_path / "out" / "corpus.db")
    speech = "kind in ('direct', 'partial', 'indirect') and speaker is not null"
    assert dict(((s, i), n) for s, i, n in db.execute(
        f"select speaker, speaker_id, count(*) from quotes where {speech} group by 1, 2")) == table
    assert dict(((s, i), n) for s, i, n in db.execute("select speaker, speaker_id, quotations from speakers")) == table
    rows = list(csv.DictReader((tmp_path / "out" / "quotes.csv").open(newline="", encoding="utf-8")))
    assert Counter((q["speaker"], q["speaker_id"]) for q in rows if q["speaker"] and q["kind"] != "mention") == table
    docs = [orjson.loads(line) for line in (tmp_path / "out" / "documents.jsonl").read_bytes().splitlines()]
    assert Counter((q["speaker"], q["speaker_id"]) for d in docs for q in d["quotes"]
                   if q.get("speaker") and q["kind"] != "mention") == table


def test_the_sqlite_speakers_follow_the_whole_file_across_exports(tmp_path, articles, capfd):
    run(tmp_path, articles, capfd)
    docs = (tmp_path / "out" / "documents.jsonl").read_bytes().splitlines()
    db = tmp_path / "two.db"
    first, second = b"\n".join(docs[:10]), b"\n".join(docs[10:])
    assert corpus("export", "sqlite", "-o", db, stdin=first, capfd=capfd).code == 0
    assert corpus("export", "sqlite", "-o", db, stdin=second, capfd=capfd).code == 0
    assert sqlite3.connect(db).execute("select * from speakers").fetchall() == \
        sqlite3.connect(tmp_path / "out" / "corpus.db").execute("select * from speakers").fetchall()


def test_an_older_database_gets_the_new_columns(tmp_path, capfd):
    db = tmp_path / "old.db"
    old = sqlite3.connect(db)
    old.executescript(
        "create table documents (id text primary key, title, text not null, source, summary, meta, stages, extra);"
        "create table quotes (doc_id text not null, idx integer not null, start, end, text, kind, speaker, "
        "speaker_start, speaker_end, speaker_role, cue, cue_start, cue_end, paragraph, extra, primary key (doc_id, idx));"
        "create table speakers (speaker text primary key, quotations, direct, partial, indirect, documents, roles);")
    old.close()
    doc = {"id": "a", "text": "Ann Lee said so.", "quotes": [{"start": 0, "end": 3, "kind": "direct", "speaker": "Ann Lee"}]}
    assert corpus("export", "sqlite", "-o", db, stdin=orjson.dumps(doc), capfd=capfd).code == 0
    assert sqlite3.connect(db).execute("select speaker, speaker_id, quotations from speakers").fetchall() == [
        ("Ann Lee", "ann-lee", 1)]


def test_a_run_over_processed_documents_names_speakers_as_export_does(tmp_path, articles, capfd):
    texts = "".join(orjson.dumps({"id": f"a{i}", "text": t}).decode() + "\n" for i, t in enumerate(articles[:8]))
    processed = corpus("quotes", stdin=corpus("segment", stdin=texts, capfd=capfd).out, capfd=capfd).out
    (tmp_path / "docs.jsonl").write_text(processed, encoding="utf-8")
    (tmp_path / "p.toml").write_text('[input]\nreader = "documents"\npath = "docs.jsonl"\n'
                                     '[[outputs]]\nwriter = "csv"\ntable = "quotes"\npath = "quotes.csv"\n')
    assert corpus("run", tmp_path / "p.toml", capfd=capfd).code == 0  # no stage adds quotes: the documents have them
    exported = corpus("export", "csv", "--table", "quotes", tmp_path / "docs.jsonl", capfd=capfd).out
    assert (tmp_path / "out" / "quotes.csv").read_bytes().decode() == exported and "speaker_id" in exported
