"""Unattended runs: workers, Dask, resume after SIGKILL, incremental runs, locks, per-document errors."""
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from helpers import corpus

FLAKY_PLUGIN = '''
import time
from typing import Annotated
from corpus_tool import Stage, hookimpl


class Flaky(Stage):
    """Fails on documents that contain BOOM; sleeps a little per document when asked."""
    name = "flaky"
    delay: Annotated[float, "seconds to sleep per document"] = 0.0

    def process(self, doc):
        time.sleep(self.delay)
        if "BOOM" in doc["text"]:
            raise ValueError("cannot digest BOOM")
        doc["flaky"] = len(doc["text"])


@hookimpl
def register_stages(register):
    register(Flaky)
'''


def make_corpus(folder: Path, shared_data: Path, n: int) -> None:
    """n text files from PolNeAR dev articles, in the seed's layout."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = [orjson.loads(line) for line in (shared_data / "polnear" / "dev.jsonl").read_bytes().splitlines()]
    for i in range(n):
        (folder / f"{i:04d}.txt").write_text(articles[i % len(articles)]["text"], encoding="utf-8")


def pipeline(tmp_path: Path, stages: list[str], extra: str = "") -> Path:
    (tmp_path / "plugins").mkdir(exist_ok=True)
    (tmp_path / "plugins" / "flaky.py").write_text(FLAKY_PLUGIN)
    text = 'plugins_dir = "plugins"\n[input]\npath = "corpus"\n'
    text += "".join(f'[[stages]]\nuse = "{s}"\n' + (extra if s == "flaky" else "") for s in stages)
    text += '[[outputs]]\nwriter = "jsonl"\npath = "documents.jsonl"\n'
    text += '[[outputs]]\nwriter = "csv"\ntable = "sentences"\npath = "sentences.csv"\n' if "segment" in stages else ""
    path = tmp_path / "p.toml"
    path.write_text(text)
    return path


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.name != "run.json"}


@pytest.fixture
def news(tmp_path, shared_data):
    make_corpus(tmp_path / "corpus", shared_data, 60)
    return pipeline(tmp_path, ["normalise", "segment"])


def test_two_workers_give_byte_identical_output(news, tmp_path, capfd):
    one = corpus("run", news, "-o", tmp_path / "one", "--shard-size", "7", capfd=capfd)
    two = corpus("run", news, "-o", tmp_path / "two", "--shard-size", "7", "--workers", "2", capfd=capfd)
    assert one.code == two.code == 0, two.err
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")
    assert len(outputs(tmp_path / "one")["documents.jsonl"].splitlines()) == 60


def test_dask_local_cluster_gives_byte_identical_output(news, tmp_path, capfd):
    one = corpus("run", news, "-o", tmp_path / "one", "--shard-size", "9", capfd=capfd)
    dask = corpus("run", news, "-o", tmp_path / "dask", "--shard-size", "9", "--executor", "dask", "--workers", "2", capfd=capfd)
    assert one.code == dask.code == 0, dask.err
    assert outputs(tmp_path / "one") == outputs(tmp_path / "dask")
    report = orjson.loads((tmp_path / "dask" / "run.json").read_bytes())
    assert report["report"]["shards"] == {"processed": 7, "resumed": 0}
    assert len(report["parts"]) == 7


def test_unreachable_scheduler_is_one_clear_line(news, tmp_path, capfd):
    result = corpus("run", news, "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9", capfd=capfd)
    assert result.code == 2 and "cannot reach the Dask scheduler" in result.err


def test_a_stage_that_raises_rejects_one_document_and_keeps_the_rest(tmp_path, shared_data, capfd):
    make_corpus(tmp_path / "corpus", shared_data, 5)
    (tmp_path / "corpus" / "0002.txt").write_text("Headline\n\nThis one goes BOOM.")
    result = corpus("run", pipeline(tmp_path, ["normalise", "flaky"]), capfd=capfd)
    assert result.code == 1
    docs = [orjson.loads(l) for l in (tmp_path / "out" / "documents.jsonl").read_bytes().splitlines()]
    assert [d["id"] for d in docs] == ["0000", "0001", "0003", "0004"]
    (line,) = (tmp_path / "out" / "rejected.jsonl").read_bytes().splitlines()
    assert orjson.loads(line) == {"id": "0002", "source": "corpus/0002.txt", "stage": "flaky",
                                  "reason": "ValueError: cannot digest BOOM"}
    failed = corpus("run", pipeline(tmp_path, ["normalise", "flaky"]), "-o", tmp_path / "strict", "--on-error", "fail", capfd=capfd)
    assert failed.code == 1 and "corpus/0002.txt in stage flaky: ValueError: cannot digest BOOM" in failed.err
    assert not (tmp_path / "strict" / "documents.jsonl").exists()


def _command(*args) -> list[str]:
    return [sys.executable, "-m", "corpus_tool", *map(str, args)]


def test_sigkill_midway_then_resume_gives_the_uninterrupted_output(tmp_path, shared_data):
    make_corpus(tmp_path / "corpus", shared_data, 40)
    path = pipeline(tmp_path, ["normalise", "segment", "flaky"], extra="delay = 0.05\n")
    subprocess.run(_command("run", path, "-o", tmp_path / "whole", "--shard-size", "5"), check=True, capture_output=True)
    victim = subprocess.Popen(_command("run", path, "--shard-size", "5"), stderr=subprocess.PIPE)
    runs = tmp_path / "out" / ".corpus" / "runs"
    deadline = time.monotonic() + 60
    while len(list(runs.glob("*/0*.json"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    assert not (tmp_path / "out" / "documents.jsonl").exists()
    resumed = subprocess.run(_command("run", path, "--shard-size", "5", "--resume"), capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert "took over a stale lock" in resumed.stderr and "resuming run" in resumed.stderr
    report = orjson.loads((tmp_path / "out" / "run.json").read_bytes())["report"]
    assert report["shards"]["resumed"] >= 3 and report["shards"]["processed"] + report["shards"]["resumed"] == 8
    assert outputs(tmp_path / "out") == outputs(tmp_path / "whole")


def test_a_second_concurrent_run_is_refused(tmp_path, shared_data):
    make_corpus(tmp_path / "corpus", shared_data, 10)
    path = pipeline(tmp_path, ["flaky"], extra="delay = 0.5\n")
    first = subprocess.Popen(_command("run", path), stderr=subprocess.PIPE)
    lock = tmp_path / "out" / ".corpus" / "lock"
    deadline = time.monotonic() + 30
    while not lock.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    second = subprocess.run(_command("run", path), capture_output=True, text=True)
    first.kill()
    first.wait()
    assert second.returncode == 2
    assert f"another run (pid {first.pid}" in second.stderr


def test_incremental_run_processes_exactly_the_new_files(news, tmp_path, shared_data, capfd):
    assert corpus("run", news, capfd=capfd).code == 0
    (tmp_path / "corpus" / "new-a.txt").write_text("A new headline\n\nFresh text arrived tonight.")
    (tmp_path / "corpus" / "new-b.txt").write_text("Another headline\n\nMore fresh text.")
    result = corpus("run", news, "--incremental", capfd=capfd)
    assert result.code == 0, result.err
    report = orjson.loads((tmp_path / "out" / "run.json").read_bytes())["report"]["documents"]
    assert report == {"read": 62, "unchanged": 60, "written": 2, "rejected": 0, "in_outputs": 62}
    ids = [orjson.loads(l)["id"] for l in (tmp_path / "out" / "documents.jsonl").read_bytes().splitlines()]
    assert len(ids) == len(set(ids)) == 62 and ids[-2:] == ["new-a", "new-b"]


def test_incremental_run_redoes_an_edited_document_once(news, tmp_path, capfd):
    assert corpus("run", news, capfd=capfd).code == 0
    (tmp_path / "corpus" / "0003.txt").write_text("Corrected headline\n\nThe article was edited.")
    assert corpus("run", news, "--incremental", capfd=capfd).code == 0
    docs = [orjson.loads(l) for l in (tmp_path / "out" / "documents.jsonl").read_bytes().splitlines()]
    edited = [d for d in docs if d["id"] == "0003"]
    assert len(docs) == 60 and len(edited) == 1 and edited[0]["title"] == "Corrected headline"
    # the table merged from earlier parts and redone documents is the one the documents give
    table = corpus("export", "csv", "--table", "sentences", stdin=(tmp_path / "out" / "documents.jsonl").read_bytes(), capfd=capfd)
    assert (tmp_path / "out" / "sentences.csv").read_bytes().decode() == table.out


def test_csv_parts_merge_into_the_table_the_documents_give_one_by_one(tmp_path, capfd):
    """Shards whose rows have different fields in different orders (each rendered by its worker)
    make one table: columns the union in order of first appearance, every cell in its column."""
    docs = [{"id": "a", "text": "One."}, {"id": "b", "text": "Two.", "meta": {"y": 1, "x": "=2"}},
            {"id": "c", "text": 'Three\r\nlines, "quoted".', "meta": {"x": [3, 4]}},
            {"id": "d", "text": "", "meta": {"z": None, "y": 2.5}}, {"id": "e", "text": "Five,", "flag": True}]
    lines = b"".join(orjson.dumps(d) + b"\n" for d in docs)
    (tmp_path / "docs.jsonl").write_bytes(lines)
    (tmp_path / "p.toml").write_text('[input]\nreader = "documents"\npath = "docs.jsonl"\n'
                                     '[[outputs]]\nwriter = "csv"\npath = "documents.csv"\n')
    expected = corpus("export", "csv", stdin=lines, capfd=capfd).out
    assert expected.splitlines()[0] == "id,title,text,meta.y,meta.x,meta.z,flag"
    for workers in ("1", "2"):
        result = corpus("run", tmp_path / "p.toml", "-o", tmp_path / workers, "--shard-size", "1", "--workers", workers, capfd=capfd)
        assert result.code == 0, result.err
        assert (tmp_path / workers / "documents.csv").read_bytes().decode() == expected


def test_a_run_tabulating_a_field_no_document_has_is_one_clear_line(news, tmp_path, capfd):
    news.write_text(news.read_text().replace('table = "sentences"', 'table = "sentence"'))
    result = corpus("run", news, "--shard-size", "7", "--workers", "2", capfd=capfd)
    assert result.code == 2 and "no document has a list field 'sentence' (did you mean 'sentences'?)" in result.err


def test_incremental_refuses_a_changed_pipeline(news, tmp_path, capfd):
    assert corpus("run", news, capfd=capfd).code == 0
    result = corpus("run", news, "--incremental", "--set", "stages.segment.paragraph_breaks=line", capfd=capfd)
    assert result.code == 2 and "used a different pipeline" in result.err


def test_limit_tries_the_first_documents(news, tmp_path, capfd):
    assert corpus("run", news, "--limit", "3", capfd=capfd).code == 0
    assert len((tmp_path / "out" / "documents.jsonl").read_bytes().splitlines()) == 3


def test_incremental_run_follows_a_text_back_to_its_first_version(news, tmp_path, capfd):
    first = (tmp_path / "corpus" / "0003.txt").read_text()
    assert corpus("run", news, capfd=capfd).code == 0
    (tmp_path / "corpus" / "0003.txt").write_text("Corrected headline\n\nThe article was edited.")
    assert corpus("run", news, "--incremental", capfd=capfd).code == 0
    (tmp_path / "corpus" / "0003.txt").write_text(first)
    assert corpus("run", news, "--incremental", capfd=capfd).code == 0
    docs = [orjson.loads(l) for l in (tmp_path / "out" / "documents.jsonl").read_bytes().splitlines()]
    (doc,) = [d for d in docs if d["id"] == "0003"]
    assert doc["text"] == first and len(docs) == 60


def test_a_failed_run_leaves_the_previous_outputs_whole(tmp_path, shared_data, capfd):
    make_corpus(tmp_path / "corpus", shared_data, 3)
    (tmp_path / "corpus" / "0001.txt").write_text("Headline\n\nThis one goes BOOM.")
    path = pipeline(tmp_path, ["flaky"])
    assert corpus("run", path, capfd=capfd).code == 1
    before = outputs(tmp_path / "out")
    assert "rejected.jsonl" in before
    missing = corpus("run", path, "--input", tmp_path / "nowhere", capfd=capfd)
    assert missing.code == 2 and "no such file or folder" in missing.err
    assert outputs(tmp_path / "out") == before
    assert corpus("run", path, "--resume", capfd=capfd).code == 1  # the earlier run's parts are still there


def test_output_dir_that_is_a_file_is_one_clear_line(news, tmp_path, capfd):
    (tmp_path / "afile").write_text("x")
    result = corpus("run", news, "-o", tmp_path / "afile", capfd=capfd)
    assert result.code == 2 and "cannot use this output folder" in result.err and "Traceback" not in result.err


BAD_PLUGIN = '''
from corpus_tool import Stage, hookimpl


class Sets(Stage):
    """Stores a set on one document."""
    name = "sets"

    def process(self, doc):
        if "BOOM" in doc["text"]:
            doc["tags"] = {"x"}


class Model(Stage):
    """Cannot find its model."""
    name = "model"

    def setup(self):
        print("setting up", flush=True)
        raise FileNotFoundError("model.bin")

    def process(self, doc):
        pass


@hookimpl
def register_stages(register):
    register(Sets)
    register(Model)
'''


def test_a_value_json_cannot_hold_rejects_only_that_document(tmp_path, capfd):
    (tmp_path / "bad.py").write_text(BAD_PLUGIN)
    docs = '{"id": "a", "text": "fine"}\n{"id": "b", "text": "BOOM"}\n{"id": "c", "text": "fine"}\n'
    result = corpus("--plugins-dir", tmp_path, "sets", stdin=docs, capfd=capfd)
    assert result.code == 1 and [orjson.loads(l)["id"] for l in result.out.splitlines()] == ["a", "c"]
    assert "b in stage sets: not JSON: Type is not JSON serializable: set" in result.err


def test_a_stage_that_cannot_set_up_stops_once_with_a_clear_line(tmp_path, capfd):
    (tmp_path / "bad.py").write_text(BAD_PLUGIN)
    docs = '{"id": "a", "text": "one"}\n{"id": "b", "text": "two"}\n'
    result = corpus("--plugins-dir", tmp_path, "model", stdin=docs, capfd=capfd)
    assert result.code == 2 and result.out.count("setting up") == 1
    assert "stage 'model' could not set up: FileNotFoundError: model.bin" in result.err
