"""The command line end to end: the README's stories, and every bad input a user can cause."""
import csv
import io
import shutil

import orjson
import pytest

from conftest import ROOT
from helpers import corpus


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", folder)
    return folder


def documents(out: str) -> list[dict]:
    return [orjson.loads(line) for line in out.splitlines() if line.strip()]


def test_shell_chain_gives_a_csv_with_a_header_and_one_row(seeds, capfd):
    docs = corpus("read", seeds, capfd=capfd)
    assert docs.code == 0
    normalised = corpus("normalise", stdin=docs.out, capfd=capfd)
    assert normalised.code == 0
    table = corpus("export", "csv", "--table", "documents", stdin=normalised.out, capfd=capfd)
    rows = list(csv.DictReader(io.StringIO(table.out)))
    assert len(rows) == 1
    assert rows[0]["id"] == "000_dcd1f4973ecb798f"
    assert rows[0]["title"].startswith("Aleppo: Mass displacement")
    assert rows[0]["meta.source"] == "seeds/000_dcd1f4973ecb798f.txt"


def test_read_gives_title_text_and_source(seeds, capfd):
    (doc,) = documents(corpus("read", seeds, capfd=capfd).out)
    assert doc["text"] == (seeds / "000_dcd1f4973ecb798f.txt").read_text(encoding="utf-8")
    assert doc["title"] == "Aleppo: Mass displacement begins after reaching a new ceasefire"


def test_a_file_without_the_headline_layout_is_all_body(tmp_path, capfd):
    (tmp_path / "note.txt").write_text("One line only, no headline.\nAnother line.\n")
    (doc,) = documents(corpus("read", tmp_path, capfd=capfd).out)
    assert doc["title"] is None and doc["id"] == "note"


def test_ids_come_from_paths_relative_to_the_folder(tmp_path, capfd):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("Title\n\nBody.")
    (tmp_path / "y.txt").write_text("Title\n\nBody.")
    docs = documents(corpus("read", tmp_path, capfd=capfd).out)
    assert [d["id"] for d in docs] == ["a/b/x", "y"]


def test_missing_path_is_a_usage_error(tmp_path, capfd):
    result = corpus("read", tmp_path / "nowhere", capfd=capfd)
    assert result.code == 2
    assert "nowhere: no such file or folder" in result.err
    assert "Traceback" not in result.err


def test_empty_folder_is_a_usage_error(tmp_path, capfd):
    result = corpus("read", tmp_path, capfd=capfd)
    assert result.code == 2
    assert "no files matching '*.txt*' in this folder" in result.err


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL byte at offset 8)"),
    (b"Title\n\nCaf\xe9 au lait.", "invalid UTF-8 at byte 10"),
])
def test_bad_files_are_rejected_with_the_reason_and_the_rest_go_on(tmp_path, capfd, content, reason):
    (tmp_path / "bad.txt").write_bytes(content)
    (tmp_path / "good.txt").write_text("Title\n\nBody.")
    result = corpus("read", tmp_path, capfd=capfd)
    assert result.code == 1
    assert [d["id"] for d in documents(result.out)] == ["good"]
    assert f"bad.txt: {reason}" in result.err


def test_invalid_utf8_can_be_replaced_and_is_recorded(tmp_path, capfd):
    (tmp_path / "bad.txt").write_bytes(b"Title\n\nCaf\xe9 au lait.")
    result = corpus("read", tmp_path, "-p", "encoding_errors=replace", capfd=capfd)
    (doc,) = documents(result.out)
    assert result.code == 0
    assert doc["text"].endswith("Caf\ufffd au lait.")
    assert doc["meta"]["decode_errors"] == 1


def test_malformed_json_line_is_named_by_file_and_line(tmp_path, capfd):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n{"id": "b", "text": \n{"id": "c", "text": "Three."}\n')
    result = corpus("normalise", path, capfd=capfd)
    assert result.code == 1
    assert [d["id"] for d in documents(result.out)] == ["a", "c"]
    assert f"{tmp_path.name}/{path.name}:2: malformed JSON" in result.err


def test_a_document_without_text_is_rejected(capfd):
    result = corpus("normalise", stdin='{"id": "a"}\n', capfd=capfd)
    assert result.code == 1 and "<stdin>:1: missing string field 'text'" in result.err


def test_unknown_stage_suggests_the_closest(capfd):
    result = corpus("normalse", capfd=capfd)
    assert result.code == 2
    assert "normalise" in result.err


def test_unknown_option_of_a_stage_is_a_usage_error(capfd):
    result = corpus("normalise", "--colour", "red", capfd=capfd)
    assert result.code == 2 and "--colour" in result.err


def test_wrong_option_type_is_a_usage_error(capfd):
    result = corpus("normalise", "--form", "NFX", capfd=capfd)
    assert result.code == 2 and "NFX" in result.err


def test_normalise_refuses_documents_that_already_have_offsets(capfd):
    doc = {"id": "a", "text": "One.  Two.", "sentences": [{"start": 0, "end": 4}]}
    result = corpus("normalise", stdin=orjson.dumps(doc).decode() + "\n", capfd=capfd)
    assert result.code == 1
    assert "already has offsets (sentences)" in result.err


def test_unknown_fields_pass_through_a_stage_untouched(capfd):
    doc = {"id": "a", "text": "Hello", "entities": [{"x": [1, {"y": None}]}], "language": "en"}
    (out,) = documents(corpus("normalise", stdin=orjson.dumps(doc).decode(), capfd=capfd).out)
    assert out["entities"] == doc["entities"] and out["language"] == "en"
    assert out["stages"][0]["name"] == "normalise"


def test_export_writes_a_file_atomically_and_compressed(seeds, tmp_path, capfd):
    docs = corpus("read", seeds, capfd=capfd).out
    target = tmp_path / "deep" / "docs.jsonl.gz"
    assert corpus("export", "jsonl", "-o", target, stdin=docs, capfd=capfd).code == 0
    import gzip

    assert gzip.decompress(target.read_bytes()).decode() == docs
    assert [p.name for p in target.parent.iterdir()] == ["docs.jsonl.gz"]


def test_an_output_folder_that_cannot_be_made_is_one_clear_line(seeds, tmp_path, capfd):
    docs = corpus("read", seeds, capfd=capfd).out
    result = corpus("export", "jsonl", "-o", "/proc/corpus-tool-cannot-write/docs.jsonl", stdin=docs, capfd=capfd)
    assert result.code == 2
    assert "cannot write here" in result.err and "Traceback" not in result.err


def test_debug_shows_the_traceback(tmp_path, capfd):
    with pytest.raises(Exception):
        corpus("--debug", "read", tmp_path / "nowhere", capfd=capfd)


def test_version_and_help(capfd):
    assert corpus("--version", capfd=capfd).out.startswith("corpus-tool ")
    help_text = corpus("--help", capfd=capfd).out
    for command in ("run", "read", "export", "plugins", "validate", "normalise"):
        assert command in help_text


def test_python_dash_m_runs_the_command():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "corpus_tool", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("corpus-tool ")


# What start-up loads: a command imports a plugin's algorithms (and numpy, ftfy, rich) only when it
# runs that plugin, so listing commands and filtering a document stay quick.
HEAVY = {"numpy", "ftfy", "rich", "typer", "pydantic", "corpus_tool.stages.normalise.text",
         "corpus_tool.stages.segment.sentences", "corpus_tool.stages.quotes.extract",
         "corpus_tool.stages.summarise.summariser"}


def modules_after(argv: list[str], stdin: str = "") -> set[str]:
    """The modules a fresh `corpus ARGV…` process has imported when it is done."""
    import subprocess
    import sys

    code = ("import sys; from corpus_tool.cli import main; sys.argv[1:] = %r\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sys.modules), file=sys.stderr)" % argv)
    done = subprocess.run([sys.executable, "-c", code], input=stdin, capture_output=True, text=True)
    return set(done.stderr.splitlines()[-1].split())  # the last line: anything the command said comes before


def test_help_lists_every_command_without_loading_any_algorithm():
    loaded = modules_after(["--help"])
    assert "corpus_tool.stages.quotes.stage" in loaded  # the plugins are registered, to list their commands
    assert not HEAVY & loaded


def test_version_is_answered_before_plugins_load():
    loaded = modules_after(["--version"])
    assert "corpus_tool.plugins" not in loaded and "click" not in loaded


def test_a_filter_loads_its_own_stage_only():
    loaded = modules_after(["segment"], stdin='{"id": "a", "text": "Hi."}\n')
    assert "corpus_tool.stages.segment.sentences" in loaded
    assert not (HEAVY - {"corpus_tool.stages.segment.sentences"}) & loaded
