"""Reports in a real browser: headless Chromium renders the seed's report and a 20,000-document corpus's; the
rendered DOM (charts and their numbers against the speakers and quotes tables) and screenshots are checked."""
from __future__ import annotations

import csv
import io
import random
import shutil
import struct
import subprocess
from collections import Counter

import orjson
import pytest

from conftest import ROOT
from helpers import corpus
from test_report import Page, Report, jsonl, quote

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run")
SCREENSHOTS = "/tmp/report-{}.png"  # copies for people to look at
MEGABYTES = 3  # the most any page of a report may weigh


def chromium(tmp_path, *args: str) -> str:
    """Run headless Chromium with its own throwaway profile; its stdout."""
    if not CHROMIUM:
        pytest.skip("no chromium binary on PATH: install Debian's chromium (apt-get install chromium) to run this test")
    profile = tmp_path / "chromium-profile"
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def rendered(tmp_path, folder: Report, relative: str = "index.html") -> Page:
    return Page(chromium(tmp_path, "--dump-dom", (folder.folder / relative).as_uri()))


def screenshot(tmp_path, folder: Report, relative: str, name: str, height: int = 2400) -> None:
    shot = tmp_path / f"{name}.png"
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size=1280,{height}", (folder.folder / relative).as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1280, height)
    assert len(data) > 50_000  # a rendered page, not a blank one
    shutil.copyfile(shot, SCREENSHOTS.format(name))


def table(capfd, docs, name: str) -> list[dict[str, str]]:
    """A table of the documents as `corpus export csv --table NAME` gives it."""
    result = corpus("export", "csv", "--table", name, stdin=jsonl(docs), capfd=capfd)
    assert result.code == 0, result.err
    return list(csv.DictReader(io.StringIO(result.out)))


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
    mardini = {"speaker": "Robert Mardini", "speaker_type": "person", "speaker_gender": "male"}
    doc["meta"].update(publisher="seed", date="2016-12-16")
    doc["quotes"] = [
        quote(text, "“This for us is the first step, it was a positive one,”", "direct", cue="said", **mardini),
        quote(text, "“Many more” rotations of buses and ambulances would be needed in coming days", "indirect",
              cue="said", **mardini),
        quote(text, "“Many more”", "partial", **mardini),
        quote(text, "“history is being written by every Syrian citizen.”", "direct", "Bashar al-Assad", cue="adding",
              speaker_type="person"),
        quote(text, "a third convoy had headed for Aleppo after dusk", "indirect",
              "International Committee of the Red Cross", speaker_type="organisation"),
    ]
    target = tmp_path / "report"
    result = corpus("export", "report", "-o", target, "--title", "Aleppo seed report", stdin=orjson.dumps(doc), capfd=capfd)
    assert result.code == 0, result.err
    return Report(target), doc


def test_chromium_renders_the_seed_report_with_its_charts(seed_report, tmp_path, capfd):
    folder, doc = seed_report
    page = rendered(tmp_path, folder)
    assert page.find("title")[0][2] == "Aleppo seed report" and page.find("h1")[0][2] == "Aleppo seed report"
    assert (page.figure("documents"), page.figure("quotations"), page.figure("speakers")) == (1, 5, 3)
    assert page.figure("sentences") == len(doc["sentences"]) > 10
    assert len(page.find("svg", "chart")) == 5  # top speakers, types, genders, per day, per document
    speakers = table(capfd, [doc], "speakers")
    top = page.table("top")[1:]
    assert [(r[0], int(r[3])) for r in top] == [(r["speaker"], int(r["quotations"])) for r in speakers]
    assert [r[1] for r in top] == ["person", "person", "organisation"]
    (drawn,) = page.find("section", id="c-top")
    for row in speakers:  # the bars are labelled with the table's names and numbers
        assert row["speaker"] in drawn[2] and row["quotations"] in drawn[2]
    assert page.number("types", "all", "person") == 4 and page.number("types", "all", "organisation") == 1
    assert page.number("genders", "all", "male") == 3 and page.number("genders", "all", "unknown") == 2
    assert page.table("time") == [["day", "quotations"], ["2016-12-16", "5"]]
    assert page.find("p", id="women")[0][2].startswith("Women: 0.0% of the 3 quotations")

    documents = rendered(tmp_path, folder, "documents/0001.html")
    (mardini,) = documents.quotes("direct", id="d1-q0")
    assert mardini[3] == "“This for us is the first step, it was a positive one,”"
    assert mardini[2].endswith("Robert Mardini") and mardini[1]["title"] == "Robert Mardini · direct · said"
    (nested,) = documents.quotes("partial", id="d1-q2")
    assert nested[3] == "“Many more”" and "q-indirect" in nested[4]  # drawn inside the indirect quotation
    labels = [(e[2], e[1].get("href")) for e in documents.find("a", "who")]
    assert labels[0] == ("Bashar al-Assad", "../speakers/0001.html#s2")

    index = rendered(tmp_path, folder, "speakers/0001.html")
    (entry,) = index.find("section", id="s1")
    links = [e for e in index.find("a") if "links" in e[4] and e[2] in entry[2]]
    assert [e[1]["href"] for e in links] == [f"../documents/0001.html#d1-q{i}" for i in range(3)]
    for link in links:  # every link lands on its quotation
        (span,) = documents.find("span", id=link[1]["href"].split("#")[1])
        assert span[3].startswith(link[2].rstrip("…")[:40])


def test_chromium_screenshots_of_the_seed_report(seed_report, tmp_path):
    folder, _ = seed_report
    screenshot(tmp_path, folder, "index.html", "seed-overview")
    screenshot(tmp_path, folder, "documents/0001.html", "seed-document")


def synthetic(documents: int) -> list[dict]:
    """A year of news from 12 publishers: quotations of speakers of every type, a few speakers quoted very often."""
    rng = random.Random(15)
    publishers = ["cnn", "fox", "breitbart", "nyt", "wapo", "reuters", "ap", "guardian", "bbc", "npr", "politico", "hill"]
    speakers = [(f"Speaker {i:04d}", rng.choice(["person", "person", "organisation", "group"]),
                 rng.choice(["female", "male", None])) for i in range(3000)]
    docs = []
    for n in range(documents):
        text, quotes = f"Headline {n}\n\n", []
        for i in range(rng.choice([0, 1, 2, 3, 4, 6, 9, 30])):
            name, kind, gender = speakers[min(int(rng.paretovariate(1.1)) - 1, len(speakers) - 1)]
            said = f"“Line {i} of story {n},”"
            quotes.append({"start": len(text), "end": len(text) + len(said), "kind": rng.choice(["direct", "indirect", "partial"]),
                           "speaker": name, "speaker_type": kind, "speaker_gender": gender})
            text += f"{said} {name} said.\n\n"
        docs.append({"id": f"doc{n:05d}", "title": f"Headline {n}", "text": text + "The end.", "quotes": quotes,
                     "meta": {"publisher": rng.choice(publishers), "date": f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}})
    return docs


def test_a_20000_document_report_has_small_pages_and_charts_with_the_tables_numbers(tmp_path, capfd):
    docs = synthetic(20_000)
    target = tmp_path / "report"
    assert corpus("export", "report", "-o", target, stdin=jsonl(docs), capfd=capfd).code == 0
    folder = Report(target)
    sizes = {p: p.stat().st_size for p in target.rglob("*.html")}
    assert len([p for p in sizes if p.parent.name == "documents"]) == 200
    assert max(sizes.values()) < MEGABYTES * 1e6, max(sizes, key=sizes.get)

    page = rendered(tmp_path, folder)
    assert len(page.find("svg", "chart")) == 5 and page.figure("documents") == 20_000
    speakers = table(capfd, docs, "speakers")
    assert page.figure("speakers") == len(speakers)
    top = page.table("top")[1:]
    assert [(r[0], int(r[3].replace(",", ""))) for r in top] == [(r["speaker"], int(r["quotations"])) for r in speakers[:20]]
    (drawn,) = page.find("section", id="c-top")
    assert all(f"{int(r['quotations']):,}" in drawn[2] for r in speakers[:20])
    quotes = table(capfd, docs, "quotes")
    assert page.figure("quotations") == len(quotes)
    publisher = {d["id"]: d["meta"]["publisher"] for d in docs}
    types = Counter((publisher[q["doc_id"]], q["speaker_type"]) for q in quotes)
    genders = Counter((publisher[q["doc_id"]], q["speaker_gender"] or "unknown") for q in quotes)
    shown = [row[0] for row in page.table("types")[1:]]
    assert shown[0] == "all" and len(shown) == 1 + 8 + 1  # eight publishers one by one, the rest together
    for source in shown[1:-1]:
        for kind in ("person", "organisation", "group"):
            assert page.number("types", source, kind) == types[source, kind]
        for gender in ("female", "male", "unknown"):
            assert page.number("genders", source, gender) == genders[source, gender]
    months = Counter(d["meta"]["date"][:7] for d in docs for _ in d["quotes"])
    header, *rows = page.table("time")
    assert [r[0] for r in rows] == [f"2016-{m:02d}" for m in range(1, 13)] and header[0] == "month"
    assert {r[0]: sum(int(v.replace(",", "")) for v in r[1:]) for r in rows} == months
    per_document = Counter(len(d["quotes"]) for d in docs)
    assert page.number("per-document", "30–31", "documents") == per_document[30] > 2000  # ranges of 2: 0–1, …, 30–31
    assert page.number("per-document", "0–1", "documents") == per_document[0] + per_document[1]
    screenshot(tmp_path, folder, "index.html", "20k-overview", height=3000)
