"""The `summarise` stage as users meet it: options, the news pipeline, and the documents CSV."""
import csv

import orjson
import pytest

from conftest import ROOT
from helpers import corpus


@pytest.fixture(scope="module")
def segmented():
    import subprocess
    import sys

    command = [sys.executable, "-m", "corpus_tool"]
    docs = subprocess.run([*command, "read", str(ROOT / "seeds")], capture_output=True, check=True).stdout
    docs = subprocess.run([*command, "normalise"], input=docs, capture_output=True, check=True).stdout
    return subprocess.run([*command, "segment"], input=docs, capture_output=True, check=True).stdout.decode()


@pytest.mark.parametrize("method", ["hybrid", "lead", "textrank", "lexrank", "luhn", "centroid"])
def test_each_method_gives_body_sentences_of_the_requested_length(segmented, capfd, method):
    result = corpus("summarise", "--method", method, "--sentences", "4", stdin=segmented, capfd=capfd)
    doc = orjson.loads(result.out)
    summary = doc["summary"]
    assert summary["method"] == method and len(summary["sentences"]) == 4
    assert summary["sentences"] == sorted(summary["sentences"])
    kinds = {doc["paragraphs"][doc["sentences"][i]["paragraph"]]["kind"] for i in summary["sentences"]}
    assert kinds == {"body"}
    texts = [doc["text"][doc["sentences"][i]["start"]:doc["sentences"][i]["end"]] for i in summary["sentences"]]
    assert summary["text"] == " ".join(texts)


def test_lead_takes_the_first_body_sentences(segmented, capfd):
    doc = orjson.loads(corpus("summarise", "--method", "lead", stdin=segmented, capfd=capfd).out)
    assert doc["summary"]["text"].startswith("More than 3,000 people have been evacuated")


def test_words_and_ratio_lengths(segmented, capfd):
    doc = orjson.loads(corpus("summarise", "--words", "60", stdin=segmented, capfd=capfd).out)
    assert 0 < len(doc["summary"]["text"].split()) <= 60
    doc = orjson.loads(corpus("summarise", "--ratio", "0.4", stdin=segmented, capfd=capfd).out)
    body = sum(doc["paragraphs"][s["paragraph"]]["kind"] == "body" for s in doc["sentences"])
    assert abs(len(doc["summary"]["sentences"]) - 0.4 * body) <= 1


def test_summary_is_deterministic(segmented, capfd):
    first = corpus("summarise", "--method", "textrank", stdin=segmented, capfd=capfd).out
    assert corpus("summarise", "--method", "textrank", stdin=segmented, capfd=capfd).out == first


@pytest.mark.parametrize("options, message", [
    (["--ratio", "1.5"], "ratio must be in (0, 1], not 1.5"),
    (["--ratio", "0.4", "--sentences", "2"], "give one length only, not sentences and ratio"),
    (["--mmr", "0"], "mmr must be in (0, 1], not 0.0"),
    (["--method", "best"], "'best' is not one of"),
])
def test_bad_options_are_usage_errors(capfd, options, message):
    result = corpus("summarise", *options, capfd=capfd)
    assert result.code == 2 and message in result.err


def test_unsegmented_documents_are_rejected_with_the_reason(capfd):
    result = corpus("summarise", stdin='{"id": "a", "text": "No sentences yet."}\n', capfd=capfd)
    assert result.code == 1
    assert "in stage summarise: needs paragraphs, sentences: run the stage that adds them first" in result.err


def test_news_pipeline_puts_the_summary_in_documents_csv(tmp_path, capfd):
    assert corpus("run", ROOT / "pipelines" / "news.toml", "-o", tmp_path, capfd=capfd).code == 0
    (row,) = csv.DictReader((tmp_path / "documents.csv").open(newline="", encoding="utf-8"))
    assert row["summary.method"] == "hybrid"
    assert row["summary.text"].startswith("More than 3,000 people")
