"""`corpus stats`: the terminal overview of a processed corpus."""
import subprocess
import sys

import orjson

from conftest import ROOT
from helpers import corpus


def test_stats_on_the_processed_seed(tmp_path, capfd, monkeypatch):
    subprocess.run([sys.executable, "-m", "corpus_tool", "-q", "run", str(ROOT / "pipelines" / "news.toml"), "-o", str(tmp_path)],
                   check=True)
    extra = {"id": "silent", "text": "Nobody is quoted here.", "quotes": [], "paragraphs": [], "sentences": []}
    (tmp_path / "more.jsonl").write_bytes(orjson.dumps(extra) + b"\n")
    monkeypatch.setenv("COLUMNS", "200")
    result = corpus("stats", tmp_path / "documents.jsonl", tmp_path / "more.jsonl", capfd=capfd)
    assert result.code == 0, result.err
    out = result.out
    assert "documents" in out and "│ 2 " in out
    assert "quotes: direct" in out and "top speakers" in out and "Robert Mardini" in out
    assert "documents without quotes: 1: silent" in out
    assert "longest documents" in out and out.index("000_dcd1f4973ecb798f") < out.rindex("silent")


def test_stats_reports_bad_lines(capfd):
    result = corpus("stats", stdin='{"id": "a", "text": "x"}\nnot json\n', capfd=capfd)
    assert result.code == 1 and "<stdin>:2: malformed JSON" in result.err
