"""The `normalise` stage on concrete damage found in real articles."""
import pytest

from corpus_tool.stages.normalise.stage import Normalise


def run(text, **params):
    doc = {"id": "d", "text": text, "title": None}
    Normalise(**params).apply(doc)
    return doc


@pytest.mark.parametrize("raw, clean", [
    ("The Mayorâ€™s office said", "The Mayor’s office said"),  # mojibake (UTF-8 read as cp1252)
    ("Cafe\u0301", "Café"),  # NFC
    ("One.\r\nTwo.\rThree.", "One.\nTwo.\nThree."),
    ("zero\u200bwidth\u00adsoft\ufeff", "zerowidthsoft"),
    ("a\u00a0b\u2009c\td", "a b c d"),
    ("too    many   spaces", "too many spaces"),
    ("trailing   \nspaces\t\n", "trailing\nspaces"),
    ("Para one.\n\n\n\n\nPara two.", "Para one.\n\nPara two."),
    ("Tom &amp; Jerry", "Tom &amp; Jerry"),  # entities kept in plain text by default
])
def test_repairs(raw, clean):
    assert run(raw)["text"] == clean


def test_options():
    assert run("Tom &amp; Jerry", unescape_html=True)["text"] == "Tom & Jerry"
    assert run("“Yes” – she said ‘no’", fold_punctuation=True)["text"] == "\"Yes\" - she said 'no'"
    assert run("ﬁne ①", form="NFKC")["text"] == "fine 1"
    assert run("“Yes”")["text"] == "“Yes”"  # curly quotes kept by default


def test_counts_are_recorded_in_provenance():
    doc = run("a  b\r\nc\u200b")
    (entry,) = doc["stages"]
    assert entry["name"] == "normalise"
    assert entry["counts"] == {"line_breaks": 1, "invisible_removed": 1, "space_runs_collapsed": 1}


def test_title_is_normalised_too():
    doc = {"id": "d", "text": "x", "title": " Big\u00a0 news\u200b "}
    Normalise().apply(doc)
    assert doc["title"] == "Big news"
