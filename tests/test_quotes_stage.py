"""The `quotes` stage as users meet it: the news pipeline's tables, `corpus speakers`, options."""
import csv
import io
import subprocess
import sys

import orjson
import pytest

from conftest import ROOT, SHARED
from helpers import corpus


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    out = tmp_path_factory.mktemp("news")
    subprocess.run([sys.executable, "-m", "corpus_tool", "--quiet", "run", str(ROOT / "pipelines" / "news.toml"),
                    "-o", str(out)], check=True)
    return out


def test_news_pipeline_passes_the_official_seed_check(news):
    result = subprocess.run([sys.executable, str(SHARED / "eval" / "seed_check.py"), str(SHARED / "data" / "seed_gold.json"),
                             str(news / "documents.jsonl"), "--json"], capture_output=True, text=True, check=True)
    assert orjson.loads(result.stdout) == {"required": 13, "found": 13, "speaker_right": 13, "extra_predictions": 0}


def test_quotes_csv_has_one_row_per_quotation_with_speaker_and_cue(news):
    rows = list(csv.DictReader((news / "quotes.csv").open(newline="", encoding="utf-8")))
    doc = orjson.loads((news / "documents.jsonl").read_bytes())
    assert len(rows) == len(doc["quotes"])
    row = next(r for r in rows if r["text"].startswith("This for us is the first step"))
    assert (row["kind"], row["speaker"], row["cue"]) == ("direct", "Robert Mardini", "said")
    assert doc["text"][int(row["speaker_start"]):int(row["speaker_end"])] == "Mardini"


def test_speakers_csv_counts_quotations_by_kind(news):
    rows = {r["speaker"]: r for r in csv.DictReader((news / "speakers.csv").open(newline="", encoding="utf-8"))}
    mardini = rows["Robert Mardini"]
    assert int(mardini["direct"]) >= 5 and int(mardini["partial"]) >= 2 and mardini["documents"] == "1"
    assert "ICRC regional director for the Near and Middle East" in mardini["roles"]
    assert list(rows)[0] == "Robert Mardini"  # most quoted first


def test_corpus_speakers_command(news, capfd):
    result = corpus("speakers", news / "documents.jsonl", news / "documents.jsonl", capfd=capfd)
    rows = list(csv.DictReader(io.StringIO(result.out, newline="")))
    assert result.code == 0 and rows[0]["speaker"] == "Robert Mardini"
    single = next(csv.DictReader((news / "speakers.csv").open(newline="", encoding="utf-8")))
    assert int(rows[0]["quotations"]) == 2 * int(single["quotations"])  # the same document twice counts twice


def test_kinds_option_filters(news, capfd):
    doc = orjson.loads((news / "documents.jsonl").read_bytes())
    doc = {k: v for k, v in doc.items() if k not in ("quotes", "summary")}
    out = corpus("quotes", "--kinds", "indirect", stdin=orjson.dumps(doc).decode(), capfd=capfd).out
    assert {q["kind"] for q in orjson.loads(out)["quotes"]} == {"indirect"}
    bad = corpus("quotes", "--kinds", "gossip", stdin="", capfd=capfd)
    assert bad.code == 2 and "gossip" in bad.err


def test_unsegmented_document_is_rejected(capfd):
    result = corpus("quotes", stdin='{"id": "x", "text": "\\u201cYes,\\u201d she said."}\n', capfd=capfd)
    assert result.code == 1 and "needs paragraphs, sentences" in result.err
