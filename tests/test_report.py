"""The `report` writer without a browser: escaping, nested and crossing quotations, odd documents, determinism."""
from __future__ import annotations

import gzip
import shutil
from html.parser import HTMLParser

import orjson

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
        self.feed(html)
        self.close()
        assert not self.stack, f"unclosed: {[tag for tag, *_ in self.stack]}"
        self.elements = [e for _, e in sorted(self.elements, key=lambda item: item[0])]

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if "id" in attrs:
            assert attrs["id"] not in self.ids, f"duplicate id {attrs['id']}"
            self.ids.add(attrs["id"])
        if tag not in VOID:
            self.stack.append((tag, attrs, [], [], self.getpos()))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}"
        _, attrs, text, bare, position = self.stack.pop()
        text, bare = "".join(text), "".join(bare)
        within = {c for _, a, *_ in self.stack for c in a.get("class", "").split()}
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


def quote(text: str, part: str, kind: str, speaker: str | None, occurrence: int = 0, **more) -> dict:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return {"start": start, "end": start + len(part), "text": part, "kind": kind, "speaker": speaker, **more}


def report(capfd, *docs: dict, args: tuple[str, ...] = ()) -> tuple[str, Page]:
    result = corpus("export", "report", *args, stdin="".join(orjson.dumps(d).decode() + "\n" for d in docs), capfd=capfd)
    assert result.code == 0, result.err
    return result.out, Page(result.out)


def test_hostile_text_is_escaped_everywhere(capfd):
    text = 'Boss <script>alert(1)</script> said "x & y" </p></div>.\n\nThen <u>bold</u>.'
    doc = {"id": 'a"><script>1</script>', "title": "<script>alert('t')</script>", "text": text,
           "meta": {"source": "<img src=x onerror=alert(2)>"},
           "summary": {"text": "<iframe src=//evil>"},
           "quotes": [quote(text, '"x & y"', "direct", "<img src=x onerror=alert(3)>", cue="said", speaker_role="</span>")]}
    html, page = report(capfd, doc, args=("--title", "<u>T</u>"))
    for bad in ("<script", "<img", "<iframe", "<u>"):
        assert bad not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;u&gt;T&lt;/u&gt;" in html
    assert page.find("title")[0][2] == "<u>T</u>"
    (q,) = page.quotes("direct", id="d1-q0")
    assert q[3] == '"x & y"' and "<img src=x onerror=alert(3)>" in q[1]["title"] and "</span>" in q[1]["title"]
    assert page.paragraphs() == ['Boss <script>alert(1)</script> said "x & y" </p></div>.',
                                                         "Then <u>bold</u>."]
    assert page.find("h2")[-1][2] == "<script>alert('t')</script>"
    assert "default-src 'none'" in html  # nothing is fetched or run, even if something slipped through


def test_nested_and_crossing_quotations_stay_well_formed(capfd):
    text = "He said the plan was “a total failure” and then left, aides said later today."
    quotes = [
        quote(text, "He said the plan was “a total failure” and then left", "indirect", "He"),
        quote(text, "“a total failure”", "partial", "He"),
        quote(text, "and then left, aides said", "mention", "Aides"),  # crosses the indirect one
        quote(text, "“a total failure”", "direct", None),  # the same span twice
        quote(text, "total", "strange-kind", "X"),
    ]
    _, page = report(capfd, {"id": "n", "text": text, "quotes": quotes})
    assert page.paragraphs() == [text]  # every character once, in order, labels aside
    for i, kind in enumerate(["indirect", "partial", "mention", "direct", "other"]):
        (span,) = page.quotes(kind, id=f"d1-q{i}")
    # the crossing quotation is split: the anchored piece and its continuation together hold its text
    mention = page.quotes("mention")
    assert len(mention) == 2 and "".join(e[3] for e in mention) == "and then left, aides said"
    labels = [e[2] for e in page.find(cls="who")]
    assert labels == ["X", "unattributed", "He", "He", "Aides"]  # one per quotation, where each ends
    assert {e[1]["href"] for e in page.find("a", None) if e[1].get("href", "").startswith("#d1-q")} == {"#d1-q0", "#d1-q1", "#d1-q2", "#d1-q4"}
    assert page.figure("quotations") == 5 and page.figure("speakers") == 3


def test_a_quotation_across_paragraphs_is_anchored_once_and_labelled_at_its_end(capfd):
    text = "“First part.\n\nSecond part,” she said.\n\nAfter."
    doc = {"id": "m", "text": text, "quotes": [quote(text, "“First part.\n\nSecond part,”", "direct", "Ann Lee")]}
    _, page = report(capfd, doc)
    pieces = page.quotes("direct")
    assert [e[3] for e in pieces] == ["“First part.", "Second part,”"]
    assert [e[1].get("id") for e in pieces] == ["d1-q0", None]
    assert [e[2] for e in page.find(cls="who")] == ["Ann Lee"] and "Ann Lee" in pieces[1][2]
    assert page.paragraphs() == ["“First part.", "Second part,” she said.", "After."]


def test_invalid_annotations_are_left_out_not_fatal(capfd):
    text = "Short text."
    quotes = [{"start": 0, "end": 99, "speaker": "A"}, {"start": "0", "end": 5, "speaker": "B"}, "junk",
              {"start": 6, "end": 6, "speaker": "C"}, {"start": 6, "end": 10, "kind": ["x"], "speaker": 7}]
    doc = {"id": "i", "text": text, "quotes": quotes, "paragraphs": [{"start": 5, "end": 2}, None], "sentences": "x",
           "summary": "not an object", "title": 42}
    _, page = report(capfd, doc)
    assert page.figure("quotations") == 1 and page.figure("speakers") == 0 and page.figure("sentences") == 0
    (q,) = page.quotes("other", id="d1-q4")
    assert q[3] == "text" and "unattributed" in q[2]
    assert page.paragraphs() == [text] and page.find("h2")[-1][2] == "i"


def test_empty_corpus_gives_a_complete_page(tmp_path, capfd):
    target = tmp_path / "empty.html"
    assert corpus("export", "report", "-o", target, stdin="", capfd=capfd).code == 0
    page = Page(target.read_text(encoding="utf-8"))
    assert page.figure("documents") == 0 and page.figure("quotations") == 0
    assert page.find("p", None)[-1][2] == "No attributed quotations." and not page.find("article")
    assert not list(tmp_path.glob(".*.tmp"))


def test_document_without_annotations_is_split_on_blank_lines(capfd):
    text = "A headline\n\nFirst paragraph\nstill first.\n\n\n  Second paragraph.  \n"
    _, page = report(capfd, {"id": "plain", "text": text}, {"id": "titled", "title": "A headline", "text": text})
    untitled, titled = page.find("article")
    assert page.paragraphs() == ["A headline", "First paragraph\nstill first.", "Second paragraph.",
                           "First paragraph\nstill first.", "Second paragraph."]
    assert page.find("h2")[-2][2] == "plain" and page.find("h2")[-1][2] == "A headline"  # the text's headline is the title
    assert untitled[3].count("A headline") == 1 and titled[3].count("A headline") == 1
    assert page.figure("documents") == 2 and page.figure("sentences") == 0


def test_the_segmented_seed_shows_title_summary_headings_and_paragraphs(tmp_path, capfd):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    docs = corpus("read", seeds, capfd=capfd).out
    for stage in ("normalise", "segment", "summarise"):
        docs = corpus(stage, stdin=docs, capfd=capfd).out
    (doc,) = [orjson.loads(line) for line in docs.splitlines()]
    html, page = report(capfd, doc, args=("--title", "Seed report"))
    (article,) = page.find("article")
    assert page.find("h2")[-1][2] == doc["title"] and article[3].count(doc["title"]) == 1
    assert page.find("section", "summary")[0][2] == "Summary" + doc["summary"]["text"]
    headings = [doc["text"][p["start"]:p["end"]] for p in doc["paragraphs"] if p["kind"] == "heading"]
    assert headings and [e[2] for e in page.find("h3")][-len(headings):] == headings
    bodies = [doc["text"][p["start"]:p["end"]] for p in doc["paragraphs"] if p["kind"] == "body"]
    assert page.paragraphs() == bodies
    assert page.figure("sentences") == len(doc["sentences"]) and page.figure("quotations") == 0


def test_speaker_index_caps_links_and_ranks_top_speakers(capfd):
    text = " ".join(f"“Line {i},” said Ann." for i in range(7)) + " “Other,” said Bob."
    quotes = [quote(text, f"“Line {i},”", "direct", "Ann") for i in range(7)] + [quote(text, "“Other,”", "direct", "Bob")]
    docs = [{"id": "one", "text": text, "quotes": quotes}, {"id": "two", "text": text, "quotes": quotes[-1:]}]
    _, page = report(capfd, *docs, args=("--links", "3", "--top", "1"))
    (ann,) = [e for e in page.find("li") if e[1].get("id") and e[2].startswith("Ann")]
    targets = [e[1]["href"] for e in page.find("a") if e[1].get("href", "").startswith("#d") and e[3] in ann[2]]
    assert "and 4 more" in ann[2] and "#d1-q0" in targets
    links = [e[1]["href"][1:] for e in page.find("a") if e[1].get("href", "").startswith("#d") and "-q" in e[1]["href"]]
    assert len(links) == 3 + 2 and set(links) <= page.ids  # every link has its target
    (top,) = page.find("ol", "top")
    assert top[2] == "Ann 7"
    assert page.figure("speakers") == 2 and page.figure("quotations") == 9


def test_output_is_deterministic_and_the_file_equals_stdout(tmp_path, capfd):
    text = "“Yes,” said Ann. Bob said no."
    doc = {"id": "d", "title": "T", "text": text, "quotes": [quote(text, "“Yes,”", "direct", "Ann"), quote(text, "no", "indirect", "Bob")]}
    first, second = tmp_path / "a.html", tmp_path / "b.html.gz"
    data = orjson.dumps(doc).decode() + "\n"
    streamed = corpus("export", "report", stdin=data, capfd=capfd).out
    for target in (first, second):
        assert corpus("export", "report", "-o", target, stdin=data, capfd=capfd).code == 0
    assert first.read_text(encoding="utf-8") == streamed == gzip.decompress(second.read_bytes()).decode()
    assert corpus("export", "report", stdin=data, capfd=capfd).out == streamed


def test_bad_parameters_are_usage_errors(capfd):
    result = corpus("export", "report", "--links", "-1", stdin="", capfd=capfd)
    assert result.code == 2 and "top and links must be 0 or more" in result.err


def test_zero_links_still_counts_every_quotation(capfd):
    text = "“A,” said Ann."
    _, page = report(capfd, {"id": "z", "text": text, "quotes": [quote(text, "“A,”", "direct", "Ann")]}, args=("--links", "0"))
    assert "and 1 more" in page.find("li", id="s1")[0][2]
