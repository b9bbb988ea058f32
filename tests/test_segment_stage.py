"""The `segment` stage as users meet it: in the news pipeline, as a filter, and in CSV exports."""
import csv
import io

import orjson

from conftest import ROOT
from helpers import corpus


def segmented(capfd, *options):
    docs = corpus("read", ROOT / "seeds", capfd=capfd).out
    docs = corpus("normalise", stdin=docs, capfd=capfd).out
    result = corpus("segment", *options, stdin=docs, capfd=capfd)
    assert result.code == 0, result.err
    return result.out


def test_seed_paragraphs_have_title_headings_and_body(capfd):
    doc = orjson.loads(segmented(capfd))
    text = doc["text"]
    kinds = {text[p["start"]:p["end"]]: p["kind"] for p in doc["paragraphs"]}
    assert kinds[doc["title"]] == "title"
    assert kinds["Mass displacement"] == "heading"
    assert kinds["3000 civilians evacuated in the first phase"] == "heading"
    assert sum(kind == "heading" for kind in kinds.values()) == 2
    assert doc["stages"][-1]["name"] == "segment"


def test_sentences_lie_inside_their_paragraphs(capfd):
    doc = orjson.loads(segmented(capfd))
    for s in doc["sentences"]:
        p = doc["paragraphs"][s["paragraph"]]
        assert p["start"] <= s["start"] < s["end"] <= p["end"]
        assert doc["text"][s["start"]:s["end"]] == doc["text"][s["start"]:s["end"]].strip()


def test_sentences_table_has_one_row_per_sentence_with_its_text(capfd):
    out = segmented(capfd)
    doc = orjson.loads(out)
    rows = list(csv.DictReader(io.StringIO(corpus("export", "csv", "--table", "sentences", stdin=out, capfd=capfd).out)))
    assert len(rows) == len(doc["sentences"])
    assert rows[1]["text"].startswith("More than 3,000 people have been evacuated")
    assert set(rows[0]) == {"doc_id", "index", "start", "end", "paragraph", "text"}


def test_line_mode_and_extra_abbreviations(capfd):
    doc = {"id": "a", "text": "First line. Capt. Smith came.\nSecond line"}
    line = "\n".join([orjson.dumps(doc).decode()])
    out = corpus("segment", "--paragraph-breaks", "line", "--abbreviations", "Capt", stdin=line, capfd=capfd).out
    result = orjson.loads(out)
    assert len(result["paragraphs"]) == 2
    sentences = [result["text"][s["start"]:s["end"]] for s in result["sentences"]]
    assert sentences == ["First line.", "Capt. Smith came.", "Second line"]


def test_normalise_after_segment_is_refused_per_document(capfd):
    out = segmented(capfd)
    result = corpus("normalise", stdin=out, capfd=capfd)
    assert result.code == 1 and "already has offsets (paragraphs, sentences)" in result.err
