"""`corpus new plugin`: the scaffolded distribution installs, is found, runs, and its own test passes."""
import os
import subprocess
import sys

import orjson

from corpus_tool.testing import check_document, invoke, make_document, run_stage
from helpers import corpus


def test_scaffolded_plugin_installs_runs_and_passes_its_own_test(tmp_path, capfd):
    result = corpus("new", "plugin", "keyword-count", "--dir", tmp_path, capfd=capfd)
    source = tmp_path / "corpus-keyword-count"
    assert result.code == 0 and (source / "pyproject.toml").exists()
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "--target", str(site), str(source)], check=True)
    env = {**os.environ, "PYTHONPATH": str(site), "COLUMNS": "300"}
    listed = subprocess.run([sys.executable, "-m", "corpus_tool", "plugins", "keyword-count"], env=env,
                            capture_output=True, text=True)
    assert "corpus-keyword-count 0.1.0" in listed.stdout
    ran = subprocess.run([sys.executable, "-m", "corpus_tool", "keyword-count", "--words", "vote"], env=env,
                         input='{"id": "a", "text": "Vote early, vote often."}\n', capture_output=True, text=True)
    assert orjson.loads(ran.stdout)["keywords"] == {"vote": 2}
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(source / "tests")],
                           env=env, capture_output=True, text=True, cwd=source)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "3 passed" in tests.stdout


def test_bad_names_and_existing_folders_are_refused(tmp_path, capfd):
    assert corpus("new", "plugin", "Bad_Name", "--dir", tmp_path, capfd=capfd).code == 2
    assert corpus("new", "plugin", "ok", "--dir", tmp_path, capfd=capfd).code == 0
    again = corpus("new", "plugin", "ok", "--dir", tmp_path, capfd=capfd)
    assert again.code == 2 and "already exists" in again.err


def test_testing_helpers_run_builtin_stages_and_check_spans():
    doc = run_stage("quotes", "Headline\n\n“Yes,” she said.", before=["segment"])
    check_document(doc)
    assert [q["kind"] for q in doc["quotes"]] == ["direct"]
    broken = make_document("short", sentences=[{"start": 0, "end": 99}])
    try:
        check_document(broken)
    except AssertionError as e:
        assert "sentences[0]: span 0-99 outside the text (length 5)" in str(e)
    else:
        raise AssertionError("check_document accepted a span outside the text")
    assert invoke("--version").stdout.startswith("corpus-tool")


def test_a_plugin_named_like_an_existing_one_is_refused(tmp_path, capfd):
    result = corpus("new", "plugin", "segment", "--dir", tmp_path, capfd=capfd)
    assert result.code == 2 and "a stage called 'segment' exists already" in result.err
    assert not (tmp_path / "corpus-segment").exists()
