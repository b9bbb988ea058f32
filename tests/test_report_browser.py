"""The seed's report in a real browser: headless Chromium renders it; the rendered DOM and a screenshot are checked."""
from __future__ import annotations

import shutil
import struct
import subprocess

import orjson
import pytest

from conftest import ROOT
from helpers import corpus
from test_report import Page, quote

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run")
SCREENSHOT = "/tmp/report-screenshot.png"  # a copy for people to look at


def chromium(tmp_path, *args: str) -> str:
    """Run headless Chromium with its own throwaway profile; its stdout."""
    if not CHROMIUM:
        pytest.skip("no chromium binary on PATH: install Debian's chromium (apt-get install chromium) to run this test")
    profile = tmp_path / "chromium-profile"
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture
def seed_report(tmp_path, capfd):
    """The seed, read, normalised, segmented and summarised, with quotations marked by hand; its report."""
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    docs = corpus("read", seeds, capfd=capfd).out
    for stage in ("normalise", "segment", "summarise"):
        docs = corpus(stage, stdin=docs, capfd=capfd).out
    doc = orjson.loads(docs)
    text = doc["text"]
    doc["quotes"] = [
        quote(text, "“This for us is the first step, it was a positive one,”", "direct", "Robert Mardini", cue="said"),
        quote(text, "“Many more” rotations of buses and ambulances would be needed in coming days", "indirect",
              "Robert Mardini", cue="said"),
        quote(text, "“Many more”", "partial", "Robert Mardini"),
        quote(text, "“history is being written by every Syrian citizen.”", "direct", "Bashar al-Assad", cue="adding"),
    ]
    target = tmp_path / "report.html"
    result = corpus("export", "report", "-o", target, "--title", "Aleppo seed report", stdin=orjson.dumps(doc), capfd=capfd)
    assert result.code == 0, result.err
    return target, doc


def test_chromium_renders_the_seed_report(seed_report, tmp_path):
    target, doc = seed_report
    page = Page(chromium(tmp_path, "--dump-dom", target.as_uri()))

    assert page.find("title")[0][2] == "Aleppo seed report"
    assert page.find("h1")[0][2] == "Aleppo seed report"
    assert (page.figure("documents"), page.figure("quotations"), page.figure("speakers")) == (1, 4, 2)
    assert page.figure("sentences") == len(doc["sentences"]) > 10
    (article,) = page.find("article")
    assert page.find("h2")[-1][2] == doc["title"] and doc["summary"]["text"] in article[2]

    (mardini,) = page.quotes("direct", id="d1-q0")
    assert mardini[3] == "“This for us is the first step, it was a positive one,”"
    assert mardini[2].endswith("Robert Mardini") and mardini[1]["title"] == "Robert Mardini · direct · said"
    (nested,) = page.quotes("partial", id="d1-q2")
    assert nested[3] == "“Many more”" and "q-indirect" in nested[4]  # drawn inside the indirect quotation

    (top_speaker, *_) = [e for e in page.find("a") if "top" in e[4]]
    assert top_speaker[2] == "Robert Mardini"
    (entry,) = page.find("li", id=top_speaker[1]["href"][1:])
    links = [e for e in page.find("a") if "links" in e[4] and e[2] in entry[2]]
    assert [e[1]["href"] for e in links] == ["#d1-q0", "#d1-q1", "#d1-q2"]
    for link in links:  # every link lands on its quotation
        (span,) = page.find("span", id=link[1]["href"][1:])
        assert span[3].startswith(link[2].rstrip("…")[:40])


def test_chromium_screenshot_of_the_seed_report(seed_report, tmp_path):
    target, _ = seed_report
    shot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", target.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1280, 2000)
    assert len(data) > 50_000  # a rendered page, not a blank one
    shutil.copyfile(shot, SCREENSHOT)
