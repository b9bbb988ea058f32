"""Pipeline files: validated before any input is read, overridable, runnable from any folder."""
import csv
import shutil

import orjson
import pytest

from conftest import ROOT
from helpers import corpus

GOOD = """
name = "t"
output_dir = "out"
[input]
reader = "text"
path = "seeds"
[[stages]]
use = "normalise"
[[outputs]]
writer = "jsonl"
path = "documents.jsonl"
[[outputs]]
writer = "csv"
table = "documents"
path = "documents.csv"
"""


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path


def write(project, text):
    path = project / "p.toml"
    path.write_text(text)
    return path


def test_run_from_another_folder_resolves_paths_against_the_file(project, capfd, monkeypatch):
    monkeypatch.chdir("/")
    result = corpus("run", write(project, GOOD), capfd=capfd)
    assert result.code == 0, result.err
    docs = [orjson.loads(l) for l in (project / "out" / "documents.jsonl").read_bytes().splitlines()]
    assert [d["id"] for d in docs] == ["000_dcd1f4973ecb798f"]
    assert docs[0]["stages"][0]["name"] == "normalise"
    assert len(list(csv.DictReader((project / "out" / "documents.csv").open(newline="")))) == 1
    report = orjson.loads((project / "out" / "run.json").read_bytes())
    assert report["report"]["documents"] == {"read": 1, "unchanged": 0, "written": 1, "rejected": 0, "in_outputs": 1}
    assert not (project / "out" / "rejected.jsonl").exists()
    assert result.out == ""  # stdout carries data only


def test_rejected_documents_are_recorded_and_exit_code_is_1(project, capfd):
    (project / "seeds" / "empty.txt").write_text("")
    result = corpus("run", write(project, GOOD), capfd=capfd)
    assert result.code == 1
    (line,) = (project / "out" / "rejected.jsonl").read_bytes().splitlines()
    assert orjson.loads(line) == {"id": "empty", "source": "seeds/empty.txt", "stage": None, "reason": "empty file"}


def test_same_input_gives_byte_identical_output(project, capfd):
    path = write(project, GOOD)
    corpus("run", path, capfd=capfd)
    first = (project / "out" / "documents.jsonl").read_bytes()
    corpus("run", path, "--output-dir", project / "again", capfd=capfd)
    assert (project / "again" / "documents.jsonl").read_bytes() == first


def test_toml_syntax_error_names_file_and_line(project, capfd):
    path = write(project, 'name = "t"\n[input\nreader = "text"\n')
    result = corpus("validate", path, capfd=capfd)
    assert result.code == 2
    assert str(path) in result.err and "line 2" in result.err


@pytest.mark.parametrize("change, message", [
    (('use = "normalise"', 'use = "normalize"'), "unknown stage 'normalize' (did you mean 'normalise'?)"),
    (('use = "normalise"', 'use = "normalise"\nfrom = "NFC"'), "unknown parameter 'from' (did you mean 'form'?)"),
    (('use = "normalise"', 'use = "normalise"\nunescape_html = "yes please"'), "'unescape_html' must be bool, got 'yes please'"),
    (('writer = "csv"', 'writer = "cvs"'), "unknown writer 'cvs' (did you mean 'csv'?)"),
    (('reader = "text"', 'reader = "txt"'), "unknown reader 'txt' (did you mean 'text'?)"),
    (('name = "t"', 'name = "t"\nstage = []'), "unknown key 'stage' (did you mean 'stages'?)"),
])
def test_configuration_errors_name_the_file_and_key(project, capfd, change, message):
    path = write(project, GOOD.replace(*change, 1))
    result = corpus("validate", path, capfd=capfd)
    assert result.code == 2
    assert message in result.err and str(path) in result.err
    assert "Traceback" not in result.err


def test_missing_input_path_is_reported_before_any_output(project, capfd):
    result = corpus("run", write(project, GOOD.replace('path = "seeds"', 'path = "nothing-here"')), capfd=capfd)
    assert result.code == 2 and "nothing-here: no such file or folder" in result.err
    assert not (project / "out" / "documents.jsonl").exists()


def test_folders_set_on_the_command_line_are_relative_to_the_current_folder(project, tmp_path, capfd, monkeypatch):
    pipeline = project / "pipelines" / "p.toml"
    pipeline.parent.mkdir()
    pipeline.write_text(GOOD)  # its own paths ("seeds", "out") are relative to pipelines/, where nothing is
    monkeypatch.chdir(project)
    result = corpus("run", pipeline, "--set", "input.path=seeds", "--set", "output_dir=here", capfd=capfd)
    assert result.code == 0, result.err
    assert (project / "here" / "documents.jsonl").exists() and not (pipeline.parent / "here").exists()


def test_set_overrides_values_and_is_validated(project, capfd):
    path = write(project, GOOD)
    assert corpus("validate", path, "--set", "stages.normalise.form=NFKC", capfd=capfd).code == 0
    bad = corpus("validate", path, "--set", "stages.normalise.form=NFZ", capfd=capfd)
    assert bad.code == 2 and "'form' must be NFC|NFKC" in bad.err
    missing = corpus("validate", path, "--set", "stages.segmnt.x=1", capfd=capfd)
    assert missing.code == 2 and "no stages entry 'segmnt'" in missing.err
    result = corpus("run", path, "--set", "outputs.jsonl.path=renamed.jsonl", "--set", "stages.0.fold_punctuation=true", capfd=capfd)
    assert result.code == 0
    (doc,) = [orjson.loads(l) for l in (project / "out" / "renamed.jsonl").read_bytes().splitlines()]
    assert "“" not in doc["text"] and doc["stages"][0]["params"]["fold_punctuation"] is True


def test_input_and_output_dir_override_the_file(project, tmp_path, capfd):
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text("Headline\n\nBody text.")
    result = corpus("run", write(project, GOOD), "--input", other, "--output-dir", tmp_path / "o2", capfd=capfd)
    assert result.code == 0
    (doc,) = [orjson.loads(l) for l in (tmp_path / "o2" / "documents.jsonl").read_bytes().splitlines()]
    assert doc["id"] == "x"


SPANS_PLUGIN = '''
from corpus_tool import Stage, hookimpl


class Words(Stage):
    """Word spans."""
    name = "words"
    adds = ("words",)
    adds_offsets = True

    def process(self, doc):
        doc["words"] = [{"start": 0, "end": 1}]


class NeedsWords(Stage):
    """Needs word spans."""
    name = "needs-words"
    needs = ("words",)

    def process(self, doc):
        pass


@hookimpl
def register_stages(register):
    register(Words)
    register(NeedsWords)
'''


@pytest.mark.parametrize("order, error", [
    (["reading-time", "normalise"], None),  # reading-time adds no offsets
    (["words", "normalise"], "stage 'normalise' changes the text, so it must come before 'words'"),
    (["needs-words", "words"], "stage 'needs-words' needs words, added by 'words': move 'words' before it"),
])
def test_stage_order_is_checked_before_running(project, capfd, order, error):
    shutil.copytree(ROOT / "plugins", project / "plugins")
    (project / "plugins" / "words.py").write_text(SPANS_PLUGIN)
    stages = "".join(f'[[stages]]\nuse = "{name}"\n' for name in order)
    text = 'plugins_dir = "plugins"\n' + GOOD.replace('[[stages]]\nuse = "normalise"\n', stages)
    result = corpus("validate", write(project, text), capfd=capfd)
    if error:
        assert result.code == 2 and error in result.err
    else:
        assert result.code == 0, result.err


def test_news_pipeline_validates(capfd):
    result = corpus("validate", ROOT / "pipelines" / "news.toml", capfd=capfd)
    assert result.code == 0, result.err
    assert result.out.startswith("ok: news: text(")


@pytest.mark.parametrize("outputs, message", [
    ('[[outputs]]\nwriter = "jsonl"\npath = "rejected.jsonl"\n', "path 'rejected.jsonl' is kept for the run itself"),
    ('[[outputs]]\nwriter = "jsonl"\npath = "-"\n', "path '-' is kept for the run itself"),
    ('[[outputs]]\nwriter = "jsonl"\npath = ".corpus/x.jsonl"\n', "path '.corpus/x.jsonl' is kept"),
    ('[outputs]\nwriter = "jsonl"\npath = "x.jsonl"\n', "'outputs' must be an array of tables: write each entry as [[outputs]]"),
])
def test_outputs_and_stages_must_be_usable(project, capfd, outputs, message):
    path = write(project, '[input]\npath = "seeds"\n' + outputs)
    result = corpus("validate", path, capfd=capfd)
    assert result.code == 2 and message in result.err


def test_stages_must_be_an_array_of_tables(project, capfd):
    path = write(project, 'stages = 3\n[input]\npath = "seeds"\n[[outputs]]\nwriter = "jsonl"\npath = "x.jsonl"\n')
    result = corpus("validate", path, capfd=capfd)
    assert result.code == 2 and "'stages' must be an array of tables" in result.err


def test_set_none_unsets_an_optional_parameter(project, capfd):
    text = GOOD.replace('use = "normalise"', 'use = "normalise"\n[[stages]]\nuse = "segment"\n[[stages]]\nuse = "summarise"\nsentences = 2')
    path = write(project, text)
    assert corpus("validate", path, "--set", "stages.summarise.words=50", capfd=capfd).code == 2
    assert corpus("validate", path, "--set", "stages.summarise.sentences=none", "--set", "stages.summarise.words=50",
                  capfd=capfd).code == 0


def test_validate_warns_when_a_need_is_left_to_the_input(project, capfd):
    text = GOOD.replace('use = "normalise"', 'use = "quotes"')
    result = corpus("validate", write(project, text), capfd=capfd)
    assert result.code == 0
    assert "warning: stage 'quotes' needs paragraphs, which no earlier stage adds: the input must carry it" in result.err
