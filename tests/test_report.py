"""The `report` writer without a browser: the folder's pages, escaping, nested and crossing quotations, odd
documents, speakers from the speakers table, chart numbers, pagination, determinism."""
from __future__ import annotations

import csv
import io
import shutil
import sys
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import orjson
import pytest

from conftest import ROOT
from helpers import corpus

VOID = {"meta", "br", "img", "link", "input", "hr"}


class Page(HTMLParser):
    """A parsed page; fails on a tag closed out of order, a duplicate id or an unclosed element.

    `elements` are (tag, attributes, text, bare text, classes of the ancestors) in document order;
    bare text leaves out the speaker labels (class `who`), so it is the document's own text.
    """

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict, list[str], list[str], int]] = []
        self.elements: list[tuple[int, tuple[str, dict, str, str, set[str]]]] = []
        self.ids: set[str] = set()
        self.tables: dict[str, list[list[str]]] = {}
        self.feed(html)
        self.close()
        assert not self.stack, f"unclosed: {[tag for tag, *_ in self.stack]}"
        self.elements = [e for _, e in sorted(self.elements, key=lambda item: item[0])]

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if "id" in attrs:
            assert attrs["id"] not in self.ids, f"duplicate id {attrs['id']}"
            self.ids.add(attrs["id"])
        if tag == "table" and attrs.get("id", "").startswith("t-"):
            self.tables[attrs["id"][2:]] = []
        if tag == "tr" and self.tables:
            list(self.tables.values())[-1].append([])
        if tag not in VOID:
            self.stack.append((tag, attrs, [], [], self.getpos()))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}"
        _, attrs, text, bare, position = self.stack.pop()
        text, bare = "".join(text), "".join(bare)
        within = {c for _, a, *_ in self.stack for c in a.get("class", "").split()}
        if tag in ("th", "td") and any(t == "table" and a.get("id", "").startswith("t-") for t, a, *_ in self.stack):
            list(self.tables.values())[-1][-1].append(text)
        self.elements.append((position, (tag, attrs, text, bare, within)))
        if self.stack:
            self.stack[-1][2].append(text)
            self.stack[-1][3].append("" if "who" in attrs.get("class", "").split() else bare)

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][2].append(data)
            self.stack[-1][3].append(data)

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[tuple[str, dict, str, str, set[str]]]:
        return [e for e in self.elements if (tag is None or e[0] == tag)
                and (cls is None or cls in e[1].get("class", "").split())
                and all(e[1].get(k) == v for k, v in attrs.items())]

    def quotes(self, kind: str, **attrs: str) -> list[tuple[str, dict, str, str, set[str]]]:
        """The highlighted pieces of quotations of one kind (not the legend)."""
        return [e for e in self.find("span", "q", **attrs) if f"q-{kind}" in e[1]["class"].split()]

    def paragraphs(self) -> list[str]:
        """The documents' paragraphs (bare text)."""
        return [e[3] for e in self.find("p") if "text" in e[4]]

    def figure(self, name: str) -> int:
        (element,) = self.find(id=f"n-{name}")
        return int(element[2].split()[0].replace(",", ""))


    def table(self, name: str) -> list[list[str]]:
        """The rows of a chart's table of numbers (`t-NAME`), header first, as text."""
        return self.tables[name]

    def number(self, name: str, row: str, column: str) -> int:
        """One cell of a chart's table of numbers, by its row's first cell and its column's header."""
        header, *rows = self.table(name)
        (found,) = [r for r in rows if r[0] == row]
        return int(found[header.index(column)].replace(",", ""))


def quote(text: str, part: str, kind: str, speaker: str | None, occurrence: int = 0, **more) -> dict:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return {"start": start, "end": start + len(part), "text": part, "kind": kind, "speaker": speaker, **more}


@dataclass
class Report:
    """A written report folder."""

    folder: Path

    def page(self, relative: str = "index.html") -> Page:
        return Page((self.folder / relative).read_text(encoding="utf-8"))

    def documents(self) -> Page:
        return self.page("documents/0001.html")

    def speakers(self) -> Page:
        return self.page("speakers/0001.html")

    def files(self) -> dict[str, bytes]:
        return {str(p.relative_to(self.folder)): p.read_bytes() for p in sorted(self.folder.rglob("*")) if p.is_file()}


def report(tmp_path, capfd, *docs: dict, args: tuple[str, ...] = (), name: str = "report") -> Report:
    target = tmp_path / name
    result = corpus("export", "report", "-o", target, *args, stdin=jsonl(docs), capfd=capfd)
    assert result.code == 0, result.err
    return Report(target)


def jsonl(docs) -> str:
    return "".join(orjson.dumps(d).decode() + "\n" for d in docs)


def test_hostile_text_is_escaped_on_every_page(tmp_path, capfd):
    text = 'Boss <script>alert(1)</script> said "x & y" </p></div>.\n\nThen <u>bold</u>.'
    doc = {"id": 'a"><script>1</script>', "title": "<script>alert('t')</script>", "text": text,
           "meta": {"source": "<img src=x onerror=alert(2)>", "publisher": "<b>P</b>", "date": "<i>"},
           "summary": {"text": "<iframe src=//evil>"},
           "quotes": [quote(text, '"x & y"', "direct", "<img src=x onerror=alert(3)>", cue="said", speaker_role="</span>",
                            speaker_type="<person>")]}
    folder = report(tmp_path, capfd, doc, args=("--title", "<u>T</u>"))
    for name, html in folder.files().items():
        for bad in (b"<script", b"<img", b"<iframe", b"<u>", b"<b>P", b"<person>"):
            assert bad not in html, name
        assert b"default-src 'none'" in html  # nothing is fetched or run, even if something slipped through
    page = folder.documents()
    assert page.find("title")[0][2] == "<u>T</u>: documents, page 1"
    (q,) = page.quotes("direct", id="d1-q0")
    assert q[3] == '"x & y"' and "<img src=x onerror=alert(3)>" in q[1]["title"] and "</span>" in q[1]["title"]
    assert page.paragraphs() == ['Boss <script>alert(1)</script> said "x & y" </p></div>.', "Then <u>bold</u>."]
    assert page.find("h2")[-1][2] == "<script>alert('t')</script>"
    (speaker,) = folder.speakers().find("section", "speaker")
    assert "<img src=x onerror=alert(3)>" in speaker[2]


def test_nested_and_crossing_quotations_stay_well_formed(tmp_path, capfd):
    text = "He said the plan was “a total failure” and then left, aides said later today."
    quotes = [
        quote(text, "He said the plan was “a total failure” and then left", "indirect", "He"),
        quote(text, "“a total failure”", "partial", "He"),
        quote(text, "and then left, aides said", "mention", "Aides"),  # crosses the indirect one
        quote(text, "“a total failure”", "direct", None),  # the same span twice
        quote(text, "total", "strange-kind", "X"),
    ]
    folder = report(tmp_path, capfd, {"id": "n", "text": text, "quotes": quotes})
    page = folder.documents()
    assert page.paragraphs() == [text]  # every character once, in order, labels aside
    for i, kind in enumerate(["indirect", "partial", "mention", "direct", "other"]):
        (span,) = page.quotes(kind, id=f"d1-q{i}")
    # the crossing quotation is split: the anchored piece and its continuation together hold its text
    mention = page.quotes("mention")
    assert len(mention) == 2 and "".join(e[3] for e in mention) == "and then left, aides said"
    labels = [e[2] for e in page.find(cls="who")]
    assert labels == ["X", "unattributed", "He", "He", "Aides"]  # one per quotation, where each ends
    # only speakers of the speakers table are links: "He" (speech); a mention's or an odd kind's name is not
    assert [e[1].get("href") for e in page.find("a", "who")] == [None, "../speakers/0001.html#s1", "../speakers/0001.html#s1", None]
    overview = folder.page()
    assert overview.figure("quotations") == 3 and overview.figure("speakers") == 1
    assert overview.find("p", "kinds")[0][2] == "Quotations and mentions by kind: direct 1 indirect 1 mention 1 other 1 partial 1"


def test_a_quotation_across_paragraphs_is_anchored_once_and_labelled_at_its_end(tmp_path, capfd):
    text = "“First part.\n\nSecond part,” she said.\n\nAfter."
    doc = {"id": "m", "text": text, "quotes": [quote(text, "“First part.\n\nSecond part,”", "direct", "Ann Lee")]}
    page = report(tmp_path, capfd, doc).documents()
    pieces = page.quotes("direct")
    assert [e[3] for e in pieces] == ["“First part.", "Second part,”"]
    assert [e[1].get("id") for e in pieces] == ["d1-q0", None]
    assert [e[2] for e in page.find(cls="who")] == ["Ann Lee"] and "Ann Lee" in pieces[1][2]
    assert page.paragraphs() == ["“First part.", "Second part,” she said.", "After."]


def test_invalid_annotations_are_left_out_not_fatal(tmp_path, capfd):
    text = "Short text."
    quotes = [{"start": 0, "end": 99, "speaker": "A"}, {"start": "0", "end": 5, "speaker": "B"}, "junk",
              {"start": 6, "end": 6, "speaker": "C"}, {"start": 6, "end": 10, "kind": ["x"], "speaker": 7}]
    doc = {"id": "i", "text": text, "quotes": quotes, "paragraphs": [{"start": 5, "end": 2}, None], "sentences": "x",
           "summary": "not an object", "title": 42, "meta": {"date": "2016-02-30", "publisher": 3}}
    folder = report(tmp_path, capfd, doc)
    page = folder.documents()
    (q,) = page.quotes("other", id="d1-q4")
    assert q[3] == "text" and "unattributed" in q[2]
    assert page.paragraphs() == [text] and page.find("h2")[-1][2] == "i"
    overview = folder.page()
    assert overview.figure("quotations") == 0 and overview.figure("speakers") == 0 and overview.figure("sentences") == 0
    assert overview.table("per-document")[1] == ["0", "1"]


def test_empty_corpus_gives_a_complete_folder(tmp_path, capfd):
    target = tmp_path / "empty"
    assert corpus("export", "report", "-o", target, stdin="", capfd=capfd).code == 0
    folder = Report(target)
    assert sorted(folder.files()) == ["documents/0001.html", "index.html", "speakers/0001.html"]
    assert folder.page().figure("documents") == 0 and folder.page().figure("quotations") == 0
    assert folder.speakers().find("p", "none")[0][2] == "No attributed quotations."
    assert folder.documents().find("p", "none")[0][2] == "No documents." and not folder.documents().find("article")
    assert [p.name for p in tmp_path.iterdir()] == ["empty"]  # no temporary folder left behind


def test_document_without_annotations_is_split_on_blank_lines(tmp_path, capfd):
    text = "A headline\n\nFirst paragraph\nstill first.\n\n\n  Second paragraph.  \n"
    folder = report(tmp_path, capfd, {"id": "plain", "text": text}, {"id": "titled", "title": "A headline", "text": text})
    page = folder.documents()
    untitled, titled = page.find("article")
    assert page.paragraphs() == ["A headline", "First paragraph\nstill first.", "Second paragraph.",
                                 "First paragraph\nstill first.", "Second paragraph."]
    assert page.find("h2")[-2][2] == "plain" and page.find("h2")[-1][2] == "A headline"  # the text's headline is the title
    assert untitled[3].count("A headline") == 1 and titled[3].count("A headline") == 1
    assert folder.page().figure("documents") == 2 and folder.page().figure("sentences") == 0


def test_the_segmented_seed_shows_title_summary_headings_and_paragraphs(tmp_path, capfd):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    docs = corpus("read", seeds, capfd=capfd).out
    for stage in ("normalise", "segment", "summarise"):
        docs = corpus(stage, stdin=docs, capfd=capfd).out
    (doc,) = [orjson.loads(line) for line in docs.splitlines()]
    folder = report(tmp_path, capfd, doc, args=("--title", "Seed report"))
    page = folder.documents()
    (article,) = page.find("article")
    assert page.find("h2")[-1][2] == doc["title"] and article[3].count(doc["title"]) == 1
    assert page.find("section", "summary")[0][2] == "Summary" + doc["summary"]["text"]
    headings = [doc["text"][p["start"]:p["end"]] for p in doc["paragraphs"] if p["kind"] == "heading"]
    assert headings and [e[2] for e in page.find("h3")][-len(headings):] == headings
    bodies = [doc["text"][p["start"]:p["end"]] for p in doc["paragraphs"] if p["kind"] == "body"]
    assert page.paragraphs() == bodies
    assert folder.page().figure("sentences") == len(doc["sentences"]) and folder.page().figure("quotations") == 0


def speakers_table(capfd, docs) -> list[dict[str, str]]:
    """The `speakers` table of the documents, as `corpus export csv --table speakers` gives it."""
    out = corpus("export", "csv", "--table", "speakers", stdin=jsonl(docs), capfd=capfd).out
    return list(csv.DictReader(io.StringIO(out)))


def test_speakers_are_the_rows_of_the_speakers_table_with_their_first_quotations(tmp_path, capfd):
    text = " ".join(f"“Line {i},” said Ann." for i in range(7)) + " “Other,” said Bob."
    quotes = [quote(text, f"“Line {i},”", "direct", "Ann", speaker_type="person", speaker_gender="female")
              for i in range(7)] + [quote(text, "“Other,”", "direct", "Bob")]
    quotes[0]["speaker"] = "  ann "  # the table groups spellings; the report shows its row, not a second grouping
    docs = [{"id": "one", "text": text, "quotes": quotes}, {"id": "two", "text": text, "quotes": quotes[-1:]}]
    folder = report(tmp_path, capfd, *docs, args=("--links", "3", "--top", "1"))
    table = speakers_table(capfd, docs)
    page = folder.speakers()
    sections = page.find("section", "speaker")
    assert [s[1]["id"] for s in sections] == ["s1", "s2"]
    assert [page.find("h3")[i][2].split(". ", 1)[1] for i in range(2)] == [f"{r['speaker']} {r['quotations']}" for r in table]
    ann = sections[0][2]
    assert "person · female" in ann and "7 direct" in ann and "and 4 more" in ann
    links = [e for e in page.find("a") if "links" in e[4] and e[2] in ann]
    assert [e[1]["href"] for e in links] == ["../documents/0001.html#d1-q0", "../documents/0001.html#d1-q1",
                                             "../documents/0001.html#d1-q2"]  # "  ann " is a spelling of Ann's row
    overview = folder.page()
    assert overview.table("top") == [["speaker", "type", "gender", "quotations", "documents"], ["Ann", "person", "female", "7", "1"]]
    assert overview.figure("speakers") == len(table) == 2 and overview.figure("quotations") == 9


def test_speakers_join_their_rows_by_id_and_by_the_variants_the_table_lists(tmp_path, capfd, monkeypatch):
    """The speakers model of issue 13 adds `speaker_id`, `type`, `gender` and `variants` to its rows."""
    from corpus_tool.stages.quotes import stage

    def finish(self):
        return [{"speaker": "Donald Trump", "speaker_id": "Q22686", "type": "person", "gender": "male", "quotations": 3,
                 "direct": 3, "partial": 0, "indirect": 0, "documents": 1, "variants": "Donald Trump | Trump | Mr. Trump"}]

    monkeypatch.setattr(stage.Speakers, "finish", finish)
    text = "“A,” said Trump. “B,” said Mr. Trump. “C,” he said."
    quotes = [quote(text, "“A,”", "direct", "Trump"), quote(text, "“B,”", "direct", "Mr. Trump"),
              quote(text, "“C,”", "direct", "Someone", speaker_id="Q22686")]
    folder = report(tmp_path, capfd, {"id": "t", "text": text, "quotes": quotes})
    assert [e[1].get("href") for e in folder.documents().find("a", "who")] == ["../speakers/0001.html#s1"] * 3
    (section,) = folder.speakers().find("section", "speaker")
    assert "Donald Trump 3" in section[2] and "person · male" in section[2] and "also: Donald Trump | Trump" in section[2]
    assert len([e for e in folder.speakers().find("a") if "links" in e[4]]) == 3


def test_chart_numbers_match_the_quotes_table_by_type_gender_source_and_month(tmp_path, capfd):
    docs = []
    for n, (publisher, day) in enumerate([("cnn", "2016-01-05"), ("fox", "2016-01-20"), ("cnn", "2016-03-02T10:00:00Z"),
                                          ("fox", None), (None, "2016-03-30")]):
        text = "“One,” she said. “Two,” the firm said. They said no. “Three,” said Lee."
        quotes = [quote(text, "“One,”", "direct", "Ann", speaker_type="person", speaker_gender="female"),
                  quote(text, "“Two,”", "direct", "Acme", speaker_type="organisation"),
                  quote(text, "no", "indirect", None, speaker_type="unresolved"),
                  quote(text, "“Three,”", "partial", "Lee"),  # an older document: no type, no gender
                  quote(text, "firm", "mention", None)][: n + 1]
        meta = {k: v for k, v in (("publisher", publisher), ("date", day)) if v}
        docs.append({"id": f"d{n}", "text": text, "meta": meta, "quotes": quotes})
    page = report(tmp_path, capfd, *docs).page()
    out = corpus("export", "csv", "--table", "quotes", stdin=jsonl(docs), capfd=capfd).out
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["kind"] != "mention"]
    publisher = {d["id"]: d["meta"].get("publisher", "no publisher") for d in docs}
    types = Counter((publisher[r["doc_id"]], r["speaker_type"] or "unknown") for r in rows)
    genders = Counter((publisher[r["doc_id"]], r["speaker_gender"] or "unknown") for r in rows)
    assert page.figure("quotations") == len(rows) == 1 + 2 + 3 + 4 + 4
    for (source, kind), n in types.items():
        assert page.number("types", source, kind) == n
    for (source, gender), n in genders.items():
        assert page.number("genders", source, gender) == n
    assert page.number("types", "all", "person") == sum(n for (_, k), n in types.items() if k == "person")
    assert page.table("time") == [["month", "fox", "cnn", "no publisher"], ["2016-01", "2", "1", "0"],  # most quoted first
                                  ["2016-02", "0", "0", "0"], ["2016-03", "0", "3", "4"]]
    assert page.find("p", "note")[-1][2].startswith("4 quotations in documents without a date")
    assert page.find("p", id="women")[0][2].startswith("Women: 100.0% of the 5 quotations")
    assert page.table("per-document")[1:] == [["0", "0"], ["1", "1"], ["2", "1"], ["3", "1"], ["4", "2"]]
    assert len(page.find("svg", "chart")) == 5 and "Ann" not in page.table("top")[0]


def test_short_spans_are_drawn_day_by_day_and_a_source_parameter_names_the_field(tmp_path, capfd):
    text = "“Yes,” said Ann."
    docs = [{"id": f"d{n}", "text": text, "meta": {"outlet": outlet, "date": day},
             "quotes": [quote(text, "“Yes,”", "direct", "Ann")]}
            for n, (outlet, day) in enumerate([("a", "2016-05-01"), ("b", "2016-05-03"), ("a", "2016-05-03")])]
    page = report(tmp_path, capfd, *docs, args=("--source", "outlet")).page()
    assert page.table("time") == [["day", "a", "b"], ["2016-05-01", "1", "0"], ["2016-05-02", "0", "0"],
                                  ["2016-05-03", "1", "1"]]
    assert page.find("h2", id=None)[-2][2] == "Quotations per day by outlet"
    assert page.number("types", "b", "unknown") == 1


def test_documents_and_speakers_are_paginated_and_every_link_has_its_target(tmp_path, capfd):
    docs = []
    for n in range(5):
        text = f"“Doc {n},” said P{n}. “Again,” said P0."
        docs.append({"id": f"d{n}", "text": text, "quotes": [quote(text, f"“Doc {n},”", "direct", f"P{n}"),
                                                             quote(text, "“Again,”", "direct", "P0")]})
    folder = report(tmp_path, capfd, *docs, args=("--page-size", "2"))
    files = folder.files()
    assert sorted(files) == ["documents/0001.html", "documents/0002.html", "documents/0003.html", "index.html",
                             "speakers/0001.html", "speakers/0002.html", "speakers/0003.html"]
    targets = {(name, i) for name in files for i in folder.page(name).ids}
    for name in files:
        page = folder.page(name)
        for element in page.find("a"):
            href = element[1].get("href")
            if href:
                path, _, anchor = href.partition("#")
                resolved = str((Path(name).parent / path)).replace("speakers/../", "").replace("documents/../", "")
                assert resolved in files, (name, href)
                assert not anchor or (resolved, anchor) in targets, (name, href)
    (nav,) = folder.page("documents/0002.html").find("nav", "pager")[:1]
    assert nav[2].split() == ["‹", "previous", "1", "2", "3", "next", "›"]
    assert [e[1]["id"] for e in folder.page("documents/0003.html").find("article")] == ["d5"]
    assert folder.page("speakers/0001.html").find("h3")[0][2] == "1. P0 6"


def test_long_documents_end_a_page_early(tmp_path, capfd, monkeypatch):
    from corpus_tool.writers.report import build

    monkeypatch.setattr(build, "PAGE_BYTES", 3000)
    docs = [{"id": f"d{n}", "text": ("word " * (100 if n in (1, 2) else 1000)) + "“Yes,” said Ann.",
             "quotes": [{"start": 5000 if n not in (1, 2) else 500, "end": (5000 if n not in (1, 2) else 500) + 6,
                         "kind": "direct", "speaker": "Ann"}]} for n in range(5)]
    folder = report(tmp_path, capfd, *docs)
    assert sorted(p.name for p in (folder.folder / "documents").iterdir()) == ["0001.html", "0002.html", "0003.html"]
    pages = [[a[1]["id"] for a in folder.page(f"documents/{n:04d}.html").find("article")] for n in (1, 2, 3)]
    assert pages == [["d1"], ["d2", "d3", "d4"], ["d5"]]  # a page ends once past 3,000 bytes
    assert folder.page("documents/0002.html").find("h2")[0][2] == "Documents 2–4 of 5"
    links = [e[1]["href"] for e in folder.speakers().find("a") if "links" in e[4]]
    assert links == ["../documents/0001.html#d1-q0", "../documents/0002.html#d2-q0", "../documents/0002.html#d3-q0",
                     "../documents/0002.html#d4-q0", "../documents/0003.html#d5-q0"]


def test_output_is_deterministic(tmp_path, capfd):
    text = "“Yes,” said Ann. Bob said no."
    doc = {"id": "d", "title": "T", "text": text, "meta": {"publisher": "p", "date": "2016-01-01"},
           "quotes": [quote(text, "“Yes,”", "direct", "Ann"), quote(text, "no", "indirect", "Bob")]}
    first = report(tmp_path, capfd, doc, name="a").files()
    assert report(tmp_path, capfd, doc, name="b").files() == first
    assert report(tmp_path, capfd, doc, name="a").files() == first  # a report replaces the earlier one


@pytest.mark.parametrize("args, message", [
    (("-o", "unused", "--links", "-1"), "top, links and sources must be 0 or more, page_size 1 or more"),
    (("-o", "unused", "--page-size", "0"), "top, links and sources must be 0 or more, page_size 1 or more"),
    ((), "corpus export report: this format cannot stream to stdout; give a file with -o PATH"),
])
def test_bad_parameters_are_usage_errors(tmp_path, capfd, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = corpus("export", "report", *args, stdin="", capfd=capfd)
    assert result.code == 2 and message in result.err and not list(tmp_path.iterdir())


def test_a_target_that_is_not_a_report_folder_is_left_alone(tmp_path, capfd):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "keep.txt").write_text("mine")
    (tmp_path / "file").write_text("mine")
    for target in ("notes", "file"):
        result = corpus("export", "report", "-o", tmp_path / target, stdin="", capfd=capfd)
        assert result.code == 2 and f"{tmp_path / target}: exists and is not a report folder" in result.err
    assert (tmp_path / "notes" / "keep.txt").read_text() == "mine" and (tmp_path / "file").read_text() == "mine"


def test_without_the_report_extra_one_line_says_what_to_install(tmp_path, capfd, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed
    text = "“Yes,” said Ann."
    result = corpus("export", "report", "-o", tmp_path / "r", stdin=jsonl([{"id": "d", "text": text,
                    "quotes": [quote(text, "“Yes,”", "direct", "Ann")]}]), capfd=capfd)
    assert result.code == 2
    assert result.err.strip() == "error: the report's charts needs matplotlib: pip install 'corpus-tool[report]'"
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_a_pipeline_writes_the_report_folder(tmp_path, capfd):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "p.toml").write_text('[input]\npath = "seeds"\n[[stages]]\nuse = "segment"\n[[stages]]\nuse = "quotes"\n'
                                     '[[outputs]]\nwriter = "report"\npath = "report"\ntitle = "Seed"\n')
    for _ in range(2):  # the second run replaces the first's folder
        result = corpus("run", tmp_path / "p.toml", capfd=capfd)
        assert result.code == 0, result.err
        left = tmp_path / "out" / ".report.x1y2.tmp" / "documents"  # a half-built report of a killed run
        left.mkdir(parents=True)
        (left / "0001.html").write_text("<html>")
    folder = Report(tmp_path / "out" / "report")
    assert folder.page().find("h1")[0][2] == "Seed" and folder.page().figure("documents") == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".corpus", ".report.x1y2.tmp", "report", "run.json"]
    assert corpus("run", tmp_path / "p.toml", capfd=capfd).code == 0  # the next run removes what was left
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".corpus", "report", "run.json"]


def test_the_news_export_pipeline_gives_the_dashboard_of_polnear_dev(tmp_path, capfd, shared_data):
    result = corpus("run", ROOT / "pipelines" / "news_export.toml", "--input", shared_data / "polnear" / "dev.jsonl",
                    "--output-dir", tmp_path, capfd=capfd)
    assert result.code == 0, result.err
    records = [orjson.loads(line) for line in (shared_data / "polnear" / "dev.jsonl").read_bytes().splitlines()]
    folder = Report(tmp_path / "report")
    page = folder.page()
    assert page.find("h1")[0][2] == "Who is quoted" and page.figure("documents") == len(records)
    speakers = list(csv.DictReader(open(tmp_path / "speakers.csv", encoding="utf-8")))
    assert page.figure("speakers") == len(speakers)
    assert [(r[0], int(r[3])) for r in page.table("top")[1:]] == [(r["speaker"], int(r["quotations"])) for r in speakers[:20]]
    quotes = [r for r in csv.DictReader(open(tmp_path / "quotes.csv", encoding="utf-8")) if r["kind"] != "mention"]
    publisher = {r["id"]: r["publisher"] for r in records}
    by_publisher = Counter(publisher[q["doc_id"]] for q in quotes)
    assert {row[0]: int(row[-1].replace(",", "")) for row in page.table("types")[1:]} == {"all": len(quotes), **by_publisher}
    days = Counter(next(r["date"] for r in records if r["id"] == q["doc_id"]) for q in quotes)
    header, *rows = page.table("time")
    assert header[0] == "day" and {r[0]: sum(int(v) for v in r[1:]) for r in rows if r[0] in days} == days
    assert all(p.stat().st_size < 3e6 for p in (tmp_path / "report").rglob("*.html"))


def test_dates_before_the_year_1000_are_months_like_any_other(tmp_path, capfd):
    text = "“One,” Ann Lee said."
    docs = [{"id": f"d{n}", "text": text, "meta": {"date": day}, "quotes": [quote(text, "“One,”", "direct", "Ann Lee")]}
            for n, day in enumerate(["0999-10-01", "1000-01-15"])]
    page = report(tmp_path, capfd, *docs).page()
    assert [row[0] for row in page.table("time")[1:]] == ["0999-10", "0999-11", "0999-12", "1000-01"]


def test_a_run_that_fails_leaves_the_previous_report_with_the_other_outputs(tmp_path, capfd):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "p.toml").write_text('[input]\npath = "seeds"\n[[stages]]\nuse = "segment"\n[[stages]]\nuse = "quotes"\n'
                                     '[[outputs]]\nwriter = "report"\npath = "report"\ntitle = "First"\n'
                                     '[[outputs]]\nwriter = "jsonl"\npath = "documents.jsonl"\n')
    assert corpus("run", tmp_path / "p.toml", capfd=capfd).code == 0
    failed = corpus("run", tmp_path / "p.toml", "--set", "outputs.report.title=Second",
                    "--set", "outputs.jsonl.path=/dev/full", capfd=capfd)  # a disk that fills up during the run
    assert failed.code == 3 and "no space left" in failed.err
    assert Report(tmp_path / "out" / "report").page().find("h1")[0][2] == "First"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".corpus", "documents.jsonl", "report", "run.json"]
