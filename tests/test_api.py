"""The Python API: the same results as the command line, on the seed and on bad inputs."""
from __future__ import annotations

import csv
import io
import math
import shutil
import sys

import orjson
import pytest

from conftest import ROOT
from corpus_tool import api
from corpus_tool.errors import ConfigError, DocumentError
from corpus_tool.tables import cell
from helpers import corpus

SAID = "“We are ready,” the mayor said.\n\n“It went well,” Ann Lee said."


@pytest.fixture
def project(tmp_path):
    """A copy of the news pipeline and the seed."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "pipelines", tmp_path / "pipelines")
    return tmp_path


def test_run_takes_overrides_and_options_like_the_command(project):
    report = api.run(project / "pipelines" / "news.toml", overrides=["stages.summarise.sentences=1"], shard_size=1)
    assert (report.read, report.written, report.rejected) == (1, 1, 0)
    (doc,) = [orjson.loads(line) for line in (project / "out" / "documents.jsonl").read_bytes().splitlines()]
    assert len(doc["summary"]["sentences"]) == 1 and [s["name"] for s in doc["stages"]][-1] == "summarise"


def test_run_reports_a_bad_override_as_the_command_does(project):
    with pytest.raises(ConfigError, match="no stages entry 'summarize'.*did you mean 'summarise'"):
        api.run(project / "pipelines" / "news.toml", overrides=["stages.summarize.sentences=1"])


def test_process_gives_what_the_filters_give(capfd):
    (doc,) = api.process([SAID], ["segment", "quotes"])
    through_cli = corpus("quotes", stdin=corpus("segment", stdin=orjson.dumps(doc | {"stages": []}), capfd=capfd).out,
                         capfd=capfd).out
    assert doc["id"] == "text-1" and [q["speaker"] for q in doc["quotes"]] == ["the mayor", "Ann Lee"]
    assert orjson.loads(through_cli)["quotes"] == doc["quotes"]


def test_process_takes_parameters_and_documents_and_leaves_them_untouched():
    given = {"id": "a", "text": SAID, "stages": []}
    first, second = api.process([given, {"id": "b", "text": "One. Two. Three."}],
                                ["segment", ("summarise", {"sentences": 1}), {"use": "quotes", "kinds": ["direct"]}])
    assert given == {"id": "a", "text": SAID, "stages": []}
    assert [s["name"] for s in first["stages"]] == ["segment", "summarise", "quotes"]
    assert len(second["summary"]["sentences"]) == 1 and second["quotes"] == []


def test_process_checks_names_and_order_before_any_document():
    with pytest.raises(ConfigError, match="unknown stage 'segmnet'.*did you mean 'segment'"):
        api.process(SAID, ["segmnet"])
    with pytest.raises(ConfigError, match="'quotes' needs paragraphs, added by 'segment': move 'segment' before it"):
        api.process(SAID, ["quotes", "segment"])


def test_a_document_a_stage_cannot_process_raises_or_is_skipped():
    docs = [{"id": "bad", "text": "x"}, {"id": "good", "text": "x", "paragraphs": [], "sentences": []}]
    with pytest.raises(DocumentError, match="bad in stage quotes: needs paragraphs, sentences"):
        api.process(docs, ["quotes"])
    assert [d["id"] for d in api.process(docs, ["quotes"], on_error="skip")] == ["good"]


def test_read_gives_processed_documents_and_any_reader(project, tmp_path):
    path = tmp_path / "docs.jsonl"
    docs = api.process(list(api.read(project / "seeds", "text")), ["normalise", "segment"])
    path.write_bytes(b"".join(orjson.dumps(d) + b"\n" for d in docs) + b"not json\n")
    with pytest.raises(DocumentError, match="docs.jsonl:2: malformed JSON"):
        list(api.read(path))
    assert list(api.read(path, on_error="skip")) == docs and docs[0]["id"] == "000_dcd1f4973ecb798f"


def as_csv(value) -> str:
    """A DataFrame cell as the CSV writer writes it (pandas makes a column of integers and blanks floats)."""
    if isinstance(value, float):
        return "" if math.isnan(value) else str(int(value)) if value.is_integer() else str(value)
    return str(cell(value))


@pytest.mark.parametrize("name", ["documents", "sentences", "quotes", "speakers"])
def test_tables_are_the_csv_exports_as_dataframes(tmp_path, capfd, name):
    path = tmp_path / "docs.jsonl"
    path.write_bytes(b"".join(orjson.dumps(d) + b"\n" for d in api.process([SAID, "No quotation here."],
                                                                            ["segment", "quotes"])))
    frame = api.table(name, path)
    exported = list(csv.reader(io.StringIO(corpus("export", "csv", "--table", name, path, capfd=capfd).out)))
    assert list(frame.columns) == exported[0] and len(frame) == len(exported) - 1 > 0
    assert [[as_csv(v) for v in row] for row in frame.astype(object).values.tolist()] == exported[1:]
    assert api.table(name, api.read(path)).equals(frame)


def test_an_unknown_table_names_the_fields_there_are(tmp_path):
    with pytest.raises(ConfigError, match="no document has a list field 'quote'.*did you mean 'quotes'"):
        api.table("quote", api.process([SAID], ["segment", "quotes"]))


def test_without_pandas_one_line_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ConfigError, match=r"^tables as DataFrames needs pandas: pip install 'corpus-tool\[notebook\]'$"):
        api.table("quotes", [])


def test_the_api_is_reachable_from_the_package():
    import corpus_tool

    assert corpus_tool.api is api and {"run", "process", "read", "table"} <= set(vars(api))


def test_process_names_a_bad_stage_by_its_place_and_refuses_an_unknown_on_error():
    with pytest.raises(ConfigError, match=r"#3 'sumarise'.*did you mean 'summarise'"):
        api.process(["A text."], ["segment", "quotes", "sumarise"])
    with pytest.raises(ConfigError, match="on_error must be 'raise' or 'skip'"):
        api.process([{"id": "a", "text": 5}, {"id": "b", "text": "ok."}], ["segment"], on_error="fail")
    assert [d["id"] for d in api.process([{"text": "ok."}], ["segment"])] == ["text-1"]
