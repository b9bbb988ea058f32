"""Plugins: local files, broken plugins, and a real distribution installed through its entry point."""
import os
import subprocess
import sys
import textwrap

import orjson
import pytest

from conftest import ROOT
from corpus_tool import plugins
from helpers import corpus

PLUGINS = ROOT / "plugins"


def test_builtins_come_through_the_entry_point_group():
    registry = plugins.load()
    assert registry.entries["stage"]["normalise"].origin == "built-in"
    assert {"text", "jsonl", "csv"} <= set(registry.names("reader"))
    assert {"jsonl", "csv"} <= set(registry.names("writer"))


def test_local_plugin_is_listed_and_runs_as_a_filter(capfd, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")
    listing = corpus("--plugins-dir", PLUGINS, "plugins", capfd=capfd)
    assert "reading-time" in listing.out and "reading_time.py" in listing.out
    shown = corpus("--plugins-dir", PLUGINS, "plugins", "reading-time", capfd=capfd)
    assert "words_per_minute" in shown.out and "238" in shown.out
    result = corpus("--plugins-dir", PLUGINS, "reading-time", "--words-per-minute", "2",
                    stdin='{"id": "a", "text": "one two three four"}\n', capfd=capfd)
    (doc,) = [orjson.loads(line) for line in result.out.splitlines()]
    assert doc["metrics"] == {"words": 4, "characters": 18, "reading_minutes": 2.0}


def test_local_plugin_parameters_are_validated(capfd):
    result = corpus("--plugins-dir", PLUGINS, "reading-time", "--words-per-minute", "fast", capfd=capfd)
    assert result.code == 2 and "fast" in result.err


def test_a_plugin_that_raises_on_import_is_named_and_the_rest_load(tmp_path, capfd):
    (tmp_path / "broken.py").write_text("raise RuntimeError('missing API key')\n")
    (tmp_path / "fine.py").write_text((PLUGINS / "reading_time.py").read_text())
    result = corpus("--plugins-dir", tmp_path, "plugins", capfd=capfd)
    assert result.code == 0
    assert "plugin 'broken' failed to load: RuntimeError: missing API key" in result.err
    assert "reading-time" in result.out and "normalise" in result.out


def test_a_plugin_registering_a_taken_name_is_refused(tmp_path):
    (tmp_path / "clash.py").write_text(textwrap.dedent('''
        from corpus_tool import Stage, hookimpl

        class Mine(Stage):
            """Clashes."""
            name = "normalise"

        @hookimpl
        def register_stages(register):
            register(Mine)
    '''))
    registry = plugins.load(tmp_path)
    assert registry.entries["stage"]["normalise"].origin == "built-in"
    assert ("clash", "ValueError: stage 'normalise' is already registered by built-in (normalise)") in registry.failures


def test_unknown_plugin_name_suggests_one(capfd):
    result = corpus("plugins", "normalize", capfd=capfd)
    assert result.code == 2 and "did you mean 'normalise'" in result.err


def test_missing_plugins_dir_is_a_usage_error(tmp_path, capfd):
    result = corpus("--plugins-dir", tmp_path / "nope", "plugins", capfd=capfd)
    assert result.code == 2 and "plugins directory not found" in result.err


@pytest.fixture(scope="module")
def installed_distribution(tmp_path_factory):
    """A throwaway plugin distribution, built and installed with pip into a target folder."""
    src = tmp_path_factory.mktemp("shout-src")
    (src / "corpus_shout").mkdir()
    (src / "pyproject.toml").write_text(textwrap.dedent('''
        [build-system]
        requires = ["setuptools"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "corpus-shout"
        version = "2.5.0"

        [project.entry-points.corpus_tool]
        shout = "corpus_shout"
    '''))
    (src / "corpus_shout" / "__init__.py").write_text(textwrap.dedent('''
        from typing import Annotated
        from corpus_tool import Stage, hookimpl

        class Shout(Stage):
            """Upper-case the title."""
            name = "shout"
            marks: Annotated[int, "exclamation marks to add"] = 1

            def process(self, doc):
                doc["title"] = (doc.get("title") or "").upper() + "!" * self.marks

        @hookimpl
        def register_stages(register):
            register(Shout)
    '''))
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(src)], check=True)
    return target


def test_an_installed_distribution_is_listed_and_runs(installed_distribution, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(installed_distribution), "COLUMNS": "300"}
    command = [sys.executable, "-m", "corpus_tool"]
    listing = subprocess.run([*command, "plugins"], env=env, capture_output=True, text=True)
    assert "shout" in listing.stdout and "corpus-shout 2.5.0" in listing.stdout
    result = subprocess.run([*command, "shout", "--marks", "3"], input='{"id": "a", "text": "x", "title": "hi"}\n',
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert orjson.loads(result.stdout)["title"] == "HI!!!"
    pipeline = tmp_path / "p.toml"
    (tmp_path / "in.txt").write_text("hello\n\nbody")
    pipeline.write_text('[input]\npath = "in.txt"\n[[stages]]\nuse = "shout"\n[[outputs]]\nwriter = "jsonl"\npath = "o.jsonl"\n')
    ran = subprocess.run([*command, "run", str(pipeline)], env=env, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    assert orjson.loads((tmp_path / "out" / "o.jsonl").read_bytes())["title"] == "HELLO!"


def test_a_plugin_that_fails_halfway_registers_nothing_and_bad_commands_do_not_break_others(tmp_path, capfd):
    (tmp_path / "half.py").write_text(textwrap.dedent('''
        from corpus_tool import Stage, Writer, hookimpl

        class Half(Stage):
            """  """
            name = "half"

        @hookimpl
        def register_stages(register):
            register(Half)

        @hookimpl
        def register_writers(register):
            raise RuntimeError("no writer today")
    '''))
    (tmp_path / "noisy.py").write_text(textwrap.dedent('''
        from corpus_tool import hookimpl

        @hookimpl
        def register_commands(cli):
            raise RuntimeError("oops in commands")
    '''))
    listing = corpus("--plugins-dir", tmp_path, "plugins", capfd=capfd)
    assert "plugin 'half' failed to load: RuntimeError: no writer today" in listing.err
    assert "plugin 'noisy' failed to add its commands: RuntimeError: oops in commands" in listing.err
    assert "half" not in listing.out.split() and listing.code == 0
    assert corpus("--plugins-dir", tmp_path, "normalise", stdin='{"id": "a", "text": "x"}\n', capfd=capfd).code == 0
