"""Faults an operator meets on nightly jobs, each named in one line with its own exit code: damaged
inputs, a failing disk, a lost worker, signals, and stages that changed since the earlier runs."""
import bz2
import errno
import gzip
import lzma
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
import zstandard
from hypothesis import given, settings, strategies as st

from corpus_tool import Rejected, files, plugins
from helpers import corpus
from test_runs import make_corpus, outputs, pipeline

ROOT = Path(__file__).resolve().parents[1]
COMPRESS = {".gz": gzip.compress, ".bz2": lambda data: bz2.compress(data, 1), ".xz": lzma.compress,
            ".zst": zstandard.compress, "": lambda data: data}
FORMATS = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd"}


def _command(*args) -> list[str]:
    return [sys.executable, "-m", "corpus_tool", *map(str, args)]


def leftovers(folder: Path) -> list[Path]:
    """Temporary files anywhere under an output folder."""
    return sorted(folder.rglob("*.tmp"))


@pytest.fixture(scope="module")
def articles(shared_data) -> bytes:
    """About 600 KB of JSONL documents from PolNeAR texts (more than one bzip2 block at level 1)."""
    texts = [orjson.loads(line)["text"] for line in (shared_data / "polnear" / "dev.jsonl").read_bytes().splitlines()]
    return b"".join(orjson.dumps({"id": f"d{i:04d}", "text": texts[i % len(texts)]}) + b"\n" for i in range(150))


def documents_pipeline(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "p.toml"
    path.write_text(f'[input]\nreader = "jsonl"\npath = "{source}"\n'
                    '[[outputs]]\nwriter = "jsonl"\npath = "documents.jsonl"\n')
    return path


@pytest.mark.parametrize("suffix", list(COMPRESS))
def test_a_damaged_input_keeps_the_documents_before_the_damage_and_names_it(articles, tmp_path, capfd, suffix):
    data = COMPRESS[suffix](articles)
    (tmp_path / f"docs.jsonl{suffix}").write_bytes(data[: int(len(data) * 0.6)])  # an interrupted download
    result = corpus("run", documents_pipeline(tmp_path, f"docs.jsonl{suffix}"), capfd=capfd)
    assert result.code == 1 and "aborted" not in result.err and "Traceback" not in result.err
    kept = (tmp_path / "out" / "documents.jsonl").read_bytes().splitlines()
    assert 0 < len(kept) < 150
    assert [orjson.loads(line)["id"] for line in kept] == [f"d{i:04d}" for i in range(len(kept))]
    (rejected,) = map(orjson.loads, (tmp_path / "out" / "rejected.jsonl").read_bytes().splitlines())
    assert rejected["source"] == f"{tmp_path.name}/docs.jsonl{suffix}:{len(kept) + 1}"
    if suffix:
        assert rejected["reason"].startswith(f"damaged {FORMATS[suffix]} data after byte ")
    else:
        assert rejected["reason"].startswith("the file ends inside this line, at byte ")


@pytest.mark.parametrize("reader, name", [("jsonl", "docs.jsonl.gz"), ("csv", "docs.csv.xz"), ("text", "doc.txt.zst"),
                                          ("documents", "docs.jsonl.bz2")])
def test_a_file_that_is_not_what_its_suffix_says_is_one_rejection_naming_it(tmp_path, capfd, reader, name):
    (tmp_path / name).write_bytes(b"xyz: not compressed at all\n")
    result = corpus("read", "--reader", reader, tmp_path / name, capfd=capfd)
    assert result.code == 1 and result.out == ""
    (line,) = result.err.splitlines()
    assert line.startswith(f"rejected: {tmp_path.name}/{name}") or line.startswith(f"rejected: {tmp_path / name}")
    assert f"damaged {FORMATS[Path(name).suffix]} data after byte 0" in line


def test_a_csv_cut_inside_its_compression_keeps_the_rows_before(tmp_path, capfd):
    rows = "id,text\n" + "".join(f"r{i},row number {i} {'x' * (i % 50)}\n" for i in range(20000))
    data = gzip.compress(rows.encode())
    (tmp_path / "rows.csv.gz").write_bytes(data[: len(data) // 2])
    result = corpus("read", "--reader", "csv", tmp_path / "rows.csv.gz", capfd=capfd)
    docs = [orjson.loads(line) for line in result.out.splitlines()]
    assert result.code == 1 and 0 < len(docs) < 20000 and docs[-1]["id"] == f"r{len(docs) - 1}"
    assert f"rows.csv.gz:{len(docs) + 2}: damaged gzip data" in result.err


@pytest.mark.parametrize("tail, rejected", [('b,"Two is cut in the mi', "the file ends inside a quoted field"),
                                             ('b,"Two ""quoted"", whole"', None), ("b,Two", None)])
def test_a_plain_csv_cut_inside_a_quoted_field_is_one_rejection(tmp_path, capfd, tail, rejected):
    (tmp_path / "rows.csv").write_text(f'id,text\na,"One, ""quoted"" twice."\n{tail}')
    result = corpus("read", "--reader", "csv", tmp_path / "rows.csv", capfd=capfd)
    ids = [orjson.loads(line)["id"] for line in result.out.splitlines()]
    if rejected:
        assert result.code == 1 and ids == ["a"]
        assert result.err == f"rejected: {tmp_path.name}/rows.csv:3: {rejected} (truncated?)\n"
    else:
        assert result.code == 0 and ids == ["a", "b"]


@pytest.fixture
def news(tmp_path, shared_data):
    make_corpus(tmp_path / "corpus", shared_data, 30)
    return pipeline(tmp_path, ["normalise", "segment"])


def test_a_full_disk_is_one_line_keeps_the_previous_outputs_and_resume_finishes(news, tmp_path, capfd, monkeypatch):
    assert corpus("run", news, "--shard-size", "7", capfd=capfd).code == 0
    before = outputs(tmp_path / "out")
    (tmp_path / "corpus" / "new.txt").write_text("A new headline\n\nFresh text arrived tonight.")
    assert corpus("run", news, "-o", tmp_path / "whole", "--shard-size", "7", capfd=capfd).code == 0
    write = files._NamedFile.write

    def full(self, data):  # the disk fills up while the sentences table is written: the kernel says so
        if self.target.name == "sentences.csv":
            full = os.open("/dev/full", os.O_WRONLY)
            os.dup2(full, self.fileno())
            os.close(full)
        return write(self, data)

    monkeypatch.setattr(files._NamedFile, "write", full)
    failed = corpus("run", news, "--shard-size", "7", capfd=capfd)
    assert failed.code == 3
    assert failed.err.splitlines() == [f"error: {tmp_path / 'out' / 'sentences.csv'}: no space left on the device: "
                                       "free some space; then run again with --resume to finish the run"]
    assert outputs(tmp_path / "out") == before and leftovers(tmp_path / "out") == []
    monkeypatch.undo()
    resumed = corpus("run", news, "--shard-size", "7", "--resume", capfd=capfd)
    assert resumed.code == 0 and "resuming run" in resumed.err
    assert outputs(tmp_path / "out") == outputs(tmp_path / "whole")


def test_a_folder_that_refuses_a_file_during_a_run_is_one_line(news, tmp_path, capfd, monkeypatch):
    make = files.tempfile.mkstemp

    def refused(prefix, suffix, dir):  # someone took the write permission away during the run
        if prefix.startswith(".sentences.csv."):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return make(prefix=prefix, suffix=suffix, dir=dir)

    monkeypatch.setattr(files.tempfile, "mkstemp", refused)
    result = corpus("run", news, capfd=capfd)
    assert result.code == 3 and result.err == (f"error: {tmp_path / 'out' / 'sentences.csv'}: permission denied: make it "
                                               "writable for this user; then run again with --resume to finish the run\n")
    assert leftovers(tmp_path / "out") == [] and not (tmp_path / "out" / "documents.jsonl").exists()


def test_a_write_the_kernel_refuses_is_one_line_and_leaves_no_temporary_file(news, tmp_path):
    limit = 20_000  # bytes: the file size limit makes the kernel refuse the outputs' writes (EFBIG)
    result = subprocess.run(_command("run", news), capture_output=True, text=True,
                            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))
    assert result.returncode == 3, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {tmp_path / 'out'}") and "file too large" in line and "--resume" in line
    assert leftovers(tmp_path / "out") == [] and not (tmp_path / "out" / "documents.jsonl").exists()


def test_a_full_standard_output_is_one_line():
    with open("/dev/full", "wb") as full:
        result = subprocess.run(_command("read", ROOT / "seeds"), stdout=full, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 3 and result.stderr == "error: <stdout>: no space left on the device: free some space\n"


DYING_PLUGIN = '''
import os, signal
from corpus_tool import Stage, hookimpl


class Die(Stage):
    """Its process is killed (as the out-of-memory killer would) on a document that says DIE."""
    name = "die"

    def process(self, doc):
        if "DIE" in doc["text"]:
            os.kill(os.getpid(), signal.SIGKILL)


@hookimpl
def register_stages(register):
    register(Die)
'''


@pytest.mark.parametrize("executor, named", [("processes", "error: a worker process died"), ("dask", "error: tcp://")])
def test_a_lost_worker_is_one_line_naming_it(tmp_path, shared_data, executor, named):
    make_corpus(tmp_path / "corpus", shared_data, 6)
    (tmp_path / "corpus" / "0004.txt").write_text("Headline\n\nDIE here.")
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "die.py").write_text(DYING_PLUGIN)
    path = tmp_path / "p.toml"
    path.write_text('plugins_dir = "plugins"\n[input]\npath = "corpus"\n[[stages]]\nuse = "die"\n'
                    '[[outputs]]\nwriter = "jsonl"\npath = "documents.jsonl"\n')
    env = {**os.environ, "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0"}
    result = subprocess.run(_command("run", path, "--executor", executor, "--workers", "2", "--shard-size", "2"),
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 3, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(named) and line.endswith("then run again with --resume to finish the run")
    assert leftovers(tmp_path / "out") == [] and not (tmp_path / "out" / "documents.jsonl").exists()


@pytest.mark.parametrize("signum, workers", [(signal.SIGTERM, "2"), (signal.SIGINT, "1")])
def test_a_signal_stops_cleanly_and_resume_gives_the_uninterrupted_output(tmp_path, shared_data, signum, workers):
    make_corpus(tmp_path / "corpus", shared_data, 40)
    path = pipeline(tmp_path, ["normalise", "segment", "flaky"], extra="delay = 0.05\n")
    args = ("--shard-size", "5", "--workers", workers)
    subprocess.run(_command("run", path, "-o", tmp_path / "whole", *args), check=True, capture_output=True)
    victim = subprocess.Popen(_command("run", path, *args), stderr=subprocess.PIPE, text=True)
    runs = tmp_path / "out" / ".corpus" / "runs"
    deadline = time.monotonic() + 60
    while len(list(runs.glob("*/0*.json"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    victim.send_signal(signum)
    assert victim.wait(timeout=60) == 128 + signum
    assert victim.stderr.read().splitlines()[-1] == "interrupted: run again with --resume to continue"
    assert leftovers(tmp_path / "out") == [] and not (tmp_path / "out" / "lock").exists()
    assert not (tmp_path / "out" / "documents.jsonl").exists()
    resumed = subprocess.run(_command("run", path, *args, "--resume"), capture_output=True, text=True)
    assert resumed.returncode == 0 and "resuming run" in resumed.stderr, resumed.stderr
    report = orjson.loads((tmp_path / "out" / "run.json").read_bytes())["report"]
    assert report["shards"]["resumed"] >= 2
    assert outputs(tmp_path / "out") == outputs(tmp_path / "whole")


def test_an_edited_lexicon_has_every_document_redone(tmp_path, shared_data):
    """A copy of the package, run from its own folder, stands for an upgrade that changes a lexicon."""
    shutil.copytree(ROOT / "corpus_tool", tmp_path / "copy" / "corpus_tool", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "copy")}
    lexicon = tmp_path / "copy" / "corpus_tool" / "stages" / "segment" / "data" / "abbreviations.txt"
    make_corpus(tmp_path / "corpus", shared_data, 12)
    path = pipeline(tmp_path, ["segment"])

    def run(*args) -> tuple[str, set[str], dict]:
        done = subprocess.run(_command("run", path, "--shard-size", "5", *args), capture_output=True, text=True, env=env,
                              cwd=tmp_path)  # not this checkout, which `python -m` would put first
        assert done.returncode == 0, done.stderr
        docs = [orjson.loads(line) for line in (tmp_path / "out" / "documents.jsonl").read_bytes().splitlines()]
        report = orjson.loads((tmp_path / "out" / "run.json").read_bytes())["report"]
        return done.stderr, {doc["stages"][0]["version"] for doc in docs}, report

    _, (first,), _ = run()
    (run_dir,) = (tmp_path / "out" / ".corpus" / "runs").iterdir()
    (run_dir / "complete").unlink()  # as a run killed after its last shard leaves it
    lexicon.write_text(lexicon.read_text() + "Xyzzy.\n")
    log, (second,), report = run("--resume")
    assert f"the stages changed (segment {first} -> {second}) since the interrupted run: starting a new run" in log
    assert report["shards"] == {"processed": 3, "resumed": 0}
    assert first.split("+")[0] == second.split("+")[0] and first != second  # the package version, another digest
    lexicon.write_text(lexicon.read_text() + "Plugh.\n")
    log, (third,), report = run("--incremental")
    assert f"the stages changed (segment {second} -> {third}) since the earlier runs: every document is done again" in log
    assert report["documents"] == {"read": 12, "unchanged": 0, "written": 12, "rejected": 0, "in_outputs": 12}


def _warc() -> bytes:
    """A small web archive of two HTML responses."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for i in range(2):
        page = f"<html><head><title>Story {i}</title></head><body><p>{'Officials said it rained. ' * 20}</p></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{i}", "response",
                                                      payload=io.BytesIO(page.encode()), http_headers=headers))
    return out.getvalue()


SAMPLES = {  # a well-formed input for each reader (its file suffix, its bytes), to damage
    "text": (".txt", "Headline\n\nOfficials said it rained all week.\n".encode()),
    "jsonl": (".jsonl", b'{"id": "a", "text": "One."}\n{"id": "b", "text": "Two.", "title": "T"}\n'),
    "documents": (".jsonl", b'{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n'),
    "csv": (".csv", b'id,text\na,"One, quoted."\nb,Two.\n'),
    "html": (".html", b"<html><head><title>Story</title></head><body><p>" + b"Officials said it rained. " * 20 + b"</p></body></html>"),
    "warc": (".warc", _warc()),
}


@settings(max_examples=120, deadline=None)
@given(reader=st.sampled_from(sorted(SAMPLES)), compression=st.sampled_from(list(COMPRESS)), cut=st.floats(0, 1),
       noise=st.one_of(st.none(), st.binary(max_size=300)))
def test_every_reader_gives_documents_or_rejections_naming_the_file(tmp_path_factory, reader, compression, cut, noise):
    """Random bytes, or a well-formed input compressed then cut anywhere: a document or a named
    rejection for each, never a traceback."""
    suffix, sample = SAMPLES[reader]
    data = COMPRESS[compression](sample) if noise is None else noise
    path = tmp_path_factory.mktemp("damaged") / f"input{suffix}{compression}"
    path.write_bytes(data[: round(len(data) * cut)])
    instance = plugins.load().create("reader", reader, {}, "test")
    for item in instance.read(str(path)):
        if isinstance(item, Rejected):
            assert path.name in (item.source or ""), item
        else:
            assert isinstance(item["id"], str) and isinstance(item["text"], str)


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc/self/mem (a file whose reads fail)")
def test_a_read_that_fails_names_the_file(capfd):
    result = corpus("read", "/proc/self/mem", "--reader", "jsonl", capfd=capfd)  # reading it fails with EIO
    assert result.code == 3 and "/proc/self/mem: input/output error" in result.err and "Traceback" not in result.err


def test_a_stage_version_moves_with_its_code_and_data_not_with_stray_files(tmp_path):
    from corpus_tool import versions

    package = tmp_path / "stage"
    (package / "data").mkdir(parents=True)
    (package / "stage.py").write_text("RULES = 1\n")
    (package / "data" / "words.txt").write_text("alpha\n")

    def digest() -> str:
        return versions._digest(sorted(versions._shipped(package)), package)

    before = digest()
    for stray in (".stage.py.swp", "data/.words.txt.swp", "__pycache__/stage.cpython-311.pyc", ".cache/x", "NOTES"):
        (package / stray).parent.mkdir(parents=True, exist_ok=True)
        (package / stray).write_text("noise")
    assert digest() == before
    (package / "data" / "words.txt").write_text("alpha\nbeta\n")
    assert digest() != before


def test_a_device_given_as_output_is_written_not_replaced(capfd):
    docs = corpus("read", ROOT / "seeds", capfd=capfd).out
    assert corpus("export", "jsonl", "-o", "/dev/null", stdin=docs, capfd=capfd).code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    full = corpus("export", "jsonl", "-o", "/dev/full", stdin=docs, capfd=capfd)
    assert full.code == 3 and "/dev/full: no space left" in full.err and stat.S_ISCHR(os.stat("/dev/full").st_mode)
