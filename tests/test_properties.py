"""Property tests: lossless JSONL, idempotent normalise, CSV that Python's csv module reads back."""
import csv
import unicodedata

from hypothesis import given, settings, strategies as st

from corpus_tool.document import read_documents
from corpus_tool.stages.normalise.text import Normaliser
from corpus_tool.writers.csv import CsvWriter
from corpus_tool.writers.jsonl import JsonlWriter

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)))
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1) | st.floats(allow_nan=False, allow_infinity=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
DOCUMENT = st.fixed_dictionaries(
    {"id": TEXT.filter(bool), "text": TEXT},
    optional={"title": TEXT, "meta": st.dictionaries(TEXT, JSON, max_size=3), "entities": JSON, "x-custom": JSON},
)


@settings(max_examples=150, deadline=None)
@given(st.lists(DOCUMENT, max_size=5))
def test_jsonl_round_trip_is_lossless(tmp_path_factory, docs):
    path = tmp_path_factory.mktemp("rt") / "docs.jsonl.gz"
    writer = JsonlWriter()
    writer.open(str(path))
    for doc in docs:
        writer.write(doc)
    writer.close()
    assert list(read_documents([path])) == docs


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_normalise_is_idempotent(text):
    normalise = Normaliser()
    once, _ = normalise(text)
    twice, counts = normalise(once)
    assert twice == once
    assert not any(counts.values())


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_normalise_leaves_no_odd_whitespace(text):
    out, _ = Normaliser()(text)
    assert "\r" not in out and "\t" not in out and "  " not in out and "\n\n\n" not in out
    assert all(line == line.rstrip(" ") for line in out.split("\n"))
    assert unicodedata.is_normalized("NFC", out)


@settings(max_examples=150, deadline=None)
@given(st.lists(DOCUMENT, min_size=1, max_size=5), st.booleans())
def test_csv_round_trips_through_pythons_csv_reader(tmp_path_factory, docs, escape):
    docs = [{**doc, "id": f"{i}-{doc['id']}"} for i, doc in enumerate(docs)]
    path = tmp_path_factory.mktemp("csv") / "docs.csv"
    writer = CsvWriter(table="documents", escape_formulas=escape)
    writer.open(str(path))
    for doc in docs:
        writer.write(doc)
    writer.close()
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(docs)

    def shown(value):
        return "'" + value if escape and value.startswith(("=", "+", "-", "@", "\t", "\r")) else value

    for row, doc in zip(rows, docs):
        assert row["id"] == shown(doc["id"])
        assert row["text"] == shown(doc["text"])
