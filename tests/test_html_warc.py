"""The html and warc readers on pages and archives made here: news pages, charsets, damaged WARCs."""
import gzip
import io
import re
import sys

import orjson
import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corpus_tool.readers.html import HtmlReader
from corpus_tool.readers.warc import WarcReader
from helpers import corpus

TITLE = "Floods force thousands from homes in river valley"
PARAGRAPHS = [
    "Thousands of residents were evacuated on Tuesday after the river burst its banks, flooding low-lying "
    "districts of the valley and cutting off the main road to the capital.",
    "\u201cWe have never seen water rise this fast,\u201d said Maria Lopez, the town\u2019s mayor, who spent "
    "the night at an emergency shelter set up in the school gymnasium.",
    "Rescue efforts",
    "Rescue teams worked through the night, using boats to reach families trapped on rooftops. Officials said "
    "more rain was expected later in the week, and warned residents not to return until the water had receded.",
    "Schools will remain closed until Friday.",
    "The main bridge is closed to traffic.",
    "It is a disaster for the whole region, said the governor.",
    "The national weather service issued a red alert for three neighbouring provinces, the first such warning "
    "this year.",
]


def news_page(title=TITLE, paragraphs=PARAGRAPHS, charset="utf-8", head="") -> str:
    """A page as a news site serves it: navigation, byline, article, related links, footer."""
    lead, quote, heading, rescue, item1, item2, said, last = paragraphs
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">{head}
<title>{title} | The Daily Ledger</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Daily Ledger">
<meta name="description" content="Rescue teams worked through the night.">
<meta name="author" content="Jane Okafor">
<meta property="article:published_time" content="2024-03-05T08:30:00Z">
<link rel="canonical" href="https://ledger.example.com/news/2024/03/05/floods">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<main><article>
<h1>{title}</h1>
<p class="byline">By Jane Okafor</p>
<p>{lead}</p>
<p>{quote}</p>
<h2>{heading}</h2>
<p>{rescue}</p>
<ul><li>{item1}</li><li>{item2}</li></ul>
<blockquote><p>{said}</p></blockquote>
<p>{last}</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity chef opens restaurant</a></li>
<li><a href="/b">Transfer news live</a></li></ul></aside>
<footer><p>\u00a9 2024 The Daily Ledger. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


MENU_ONLY = """<!DOCTYPE html><html><head><title>Index | The Daily Ledger</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></body></html>"""

FRENCH = [
    "Le maire sortant a \u00e9t\u00e9 r\u00e9\u00e9lu dimanche soir avec 54 % des voix, apr\u00e8s une campagne "
    "marqu\u00e9e par le d\u00e9bat sur le logement et les transports.",
    "\u00ab C\u2019est une victoire pour tous les quartiers \u00bb, a d\u00e9clar\u00e9 l\u2019\u00e9lu devant ses "
    "partisans r\u00e9unis au centre-ville.",
    "Les r\u00e9sultats",
    "La participation a atteint 61 %, un record depuis vingt ans, et le budget de la campagne a d\u00e9pass\u00e9 "
    "2 millions d\u2019\u20ac selon la commission \u00e9lectorale.",
    "Le tramway sera prolong\u00e9.",
    "Les loyers seront encadr\u00e9s.",
    "Son adversaire a reconnu sa d\u00e9faite peu apr\u00e8s minuit.",
    "Le nouveau conseil municipal si\u00e9gera pour la premi\u00e8re fois le 15 novembre.",
]
FRENCH_TITLE = "\u00c9lection \u00e0 Montr\u00e9al : le maire sortant r\u00e9\u00e9lu"


def lines(out: str) -> list[dict]:
    return [orjson.loads(line) for line in out.splitlines() if line.strip()]


def rejections(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("rejected: ")]


# ---------------------------------------------------------------- html


def test_html_reader_keeps_the_article_in_the_seed_layout_with_its_metadata(tmp_path, capfd):
    (tmp_path / "site" / "news").mkdir(parents=True)
    (tmp_path / "site" / "news" / "floods.html").write_text(news_page())
    (tmp_path / "site" / "copy.htm.gz").write_bytes(gzip.compress(news_page().encode()))
    (tmp_path / "site" / "notes.txt").write_text("not a page")
    result = corpus("read", tmp_path / "site", "--reader", "html", capfd=capfd)
    assert result.code == 0, result.err
    copy, doc = lines(result.out)
    assert [copy["id"], doc["id"]] == ["copy", "news/floods"]  # sorted paths; suffixes (and .gz) dropped
    assert doc["title"] == TITLE
    assert doc["text"] == "\n\n".join([TITLE, *PARAGRAPHS])  # headline once, no byline, menu or footer
    assert doc["meta"] == {
        "source": "site/news/floods.html", "url": "https://ledger.example.com/news/2024/03/05/floods",
        "date": "2024-03-05", "author": "Jane Okafor", "sitename": "The Daily Ledger",
        "description": "Rescue teams worked through the night."}
    assert copy["text"] == doc["text"]
    again = corpus("read", tmp_path / "site", "--reader", "html", capfd=capfd)
    assert again.out == result.out  # deterministic


def test_html_reader_honours_a_declared_single_byte_charset(tmp_path, capfd):
    page = news_page(FRENCH_TITLE, FRENCH, charset="windows-1252")
    (tmp_path / "a.html").write_bytes(page.encode("cp1252"))
    # iso-8859-1 means windows-1252 to a browser: byte 0x80 is the euro sign
    legacy = news_page(FRENCH_TITLE, FRENCH, charset="x").replace(
        '<meta charset="x">', '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    (tmp_path / "b.html").write_bytes(legacy.encode("cp1252"))
    result = corpus("read", tmp_path, "-r", "html", capfd=capfd)
    assert result.code == 0, result.err
    for doc in lines(result.out):
        assert doc["title"] == FRENCH_TITLE
        assert doc["text"] == "\n\n".join([FRENCH_TITLE, *FRENCH])
        assert doc["meta"]["encoding"] == "cp1252" and "decode_errors" not in doc["meta"]


def test_html_reader_counts_bytes_that_do_not_fit_the_declared_charset(tmp_path, capfd):
    page = news_page().replace("fast,", "fast\u2026,").encode().replace("\u2026".encode(), b"\x85")
    (tmp_path / "a.html").write_bytes(page)  # declares UTF-8, has one windows-1252 byte
    (doc,) = lines(corpus("read", tmp_path / "a.html", "-r", "html", capfd=capfd).out)
    assert "fast\ufffd," in doc["text"] and doc["meta"]["decode_errors"] == 1 and "encoding" not in doc["meta"]


def test_html_page_without_article_text_is_rejected_and_the_rest_read(tmp_path, capfd):
    (tmp_path / "index.html").write_text(MENU_ONLY)
    (tmp_path / "story.html").write_text(news_page())
    (tmp_path / "blank.html").write_bytes(b"")
    result = corpus("read", tmp_path, "-r", "html", capfd=capfd)
    assert result.code == 1 and [d["id"] for d in lines(result.out)] == ["story"]
    name = tmp_path.name
    assert rejections(result.err) == [f"rejected: {name}/blank.html: empty file",
                                      f"rejected: {name}/index.html: no article text found"]
    assert "Traceback" not in result.err


def test_html_reader_missing_input_is_a_usage_error(tmp_path, capfd):
    result = corpus("read", tmp_path / "nowhere", "-r", "html", capfd=capfd)
    assert result.code == 2 and "nowhere: no such file or folder" in result.err
    result = corpus("read", tmp_path, "-r", "html", capfd=capfd)
    assert result.code == 2 and "no files matching '*.htm*'" in result.err


def test_html_pipeline_finds_title_and_paragraphs(tmp_path, capfd):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "floods.html").write_text(news_page())
    pipeline = tmp_path / "p.toml"
    pipeline.write_text('name = "web"\noutput_dir = "out"\n[input]\nreader = "html"\npath = "pages"\n'
                        '[[stages]]\nuse = "normalise"\n[[stages]]\nuse = "segment"\n'
                        '[[outputs]]\nwriter = "jsonl"\npath = "docs.jsonl"\n')
    result = corpus("run", pipeline, capfd=capfd)
    assert result.code == 0, result.err
    (doc,) = lines((tmp_path / "out" / "docs.jsonl").read_text())
    spans = [doc["text"][p["start"]:p["end"]] for p in doc["paragraphs"]]
    assert spans == [TITLE, *PARAGRAPHS]
    assert [p["kind"] for p in doc["paragraphs"]][:4] == ["title", "body", "body", "heading"]
    assert len(doc["sentences"]) >= len(PARAGRAPHS) + 1


@pytest.mark.parametrize("module, reader, extra", [("trafilatura", "html", "html"),
                                                   ("warcio.archiveiterator", "warc", "warc")])
def test_missing_extra_names_what_to_install(tmp_path, capfd, monkeypatch, module, reader, extra):
    (tmp_path / "a.html").write_text(news_page())
    warc = write_warc(tmp_path / "a.warc", [response("https://x.example/a", news_page())], gzip_records=False)
    monkeypatch.setitem(sys.modules, module, None)  # `import` now fails as if not installed
    result = corpus("read", tmp_path / "a.html" if reader == "html" else warc, "-r", reader, capfd=capfd)
    assert result.code == 2 and f"pip install 'corpus-tool[{extra}]'" in result.err and "Traceback" not in result.err


# ---------------------------------------------------------------- warc


def response(url, body, content_type="text/html; charset=utf-8", status="200 OK"):
    """A response record's arguments; `body` is text (encoded as UTF-8) or bytes."""
    data = body.encode() if isinstance(body, str) else body
    return url, "response", data, StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")


def write_warc(path, records, gzip_records=True):
    """A WARC like a crawler's: warcinfo, then a request before each response."""
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=gzip_records)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for url, kind, data, http in records:
            if kind == "response":
                request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            writer.write_record(writer.create_warc_record(url, kind, payload=io.BytesIO(data), http_headers=http))
    return path


def crawl():
    french = news_page(FRENCH_TITLE, FRENCH).replace('<meta charset="utf-8">', "")  # charset only in HTTP
    return [
        response("https://ledger.example.com/news/floods", news_page()),
        response("https://ledger.example.com/", b"", status="301 Moved Permanently"),
        response("https://ledger.example.com/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"),
        ("https://ledger.example.com/news/floods", "metadata", b"fetchTimeMs: 12\r\n", None),
        response("https://ledger.example.com/index", MENU_ONLY),
        response("https://ledger.example.com/report.pdf", b"%PDF-1.4 ...", content_type="application/pdf"),
        response("https://journal.example.fr/election", french.encode("cp1252"),
                 content_type="text/html; charset=windows-1252"),
    ]


def record_at(path, offset):
    """The record starting at `offset`, read by warcio as a replay tool would."""
    with open(path, "rb") as f:
        f.seek(offset)
        record = next(iter(ArchiveIterator(f)))
        return record.rec_headers.get_header("WARC-Record-ID").strip("<>"), record.rec_headers.get_header("WARC-Target-URI")


@pytest.mark.parametrize("suffix", [".warc.gz", ".warc"])
def test_warc_reader_extracts_html_responses_and_counts_the_rest(tmp_path, capfd, suffix):
    path = write_warc(tmp_path / f"crawl{suffix}", crawl(), gzip_records=suffix.endswith(".gz"))
    result = corpus("read", path, "-r", "warc", capfd=capfd)
    floods, election = lines(result.out)
    assert result.code == 1  # the menu page has no article
    assert floods["text"] == "\n\n".join([TITLE, *PARAGRAPHS])
    assert election["text"] == "\n\n".join([FRENCH_TITLE, *FRENCH])
    assert election["meta"]["encoding"] == "cp1252"
    assert floods["meta"]["url"] == "https://ledger.example.com/news/floods"  # the URI crawled, not the canonical
    assert floods["meta"]["date"] == "2024-03-05" and floods["meta"]["author"] == "Jane Okafor"
    assert floods["meta"]["warc_date"].startswith("20")
    for doc in floods, election:
        name, offset = doc["meta"]["source"].rsplit("#", 1)
        assert name == f"{tmp_path.name}/crawl{suffix}"
        assert record_at(path, int(offset)) == (doc["id"], doc["meta"]["url"])  # id and offset find the record
    (rejected,) = rejections(result.err)
    assert rejected.startswith(f"rejected: {tmp_path.name}/crawl{suffix}#") and rejected.endswith("no article text found")

    reader = WarcReader()
    assert [d["id"] for d in reader.read(str(path)) if isinstance(d, dict)] == [floods["id"], election["id"]]
    assert reader.counts == {"records": 14, "documents": 2, "rejected": 1, "skipped: warcinfo record": 1,
                             "skipped: request record": 6, "skipped: metadata record": 1, "skipped: HTTP 301": 1,
                             "skipped: image/png": 1, "skipped: application/pdf": 1}


@pytest.mark.parametrize("gzip_records", [True, False])
def test_truncated_warc_gives_the_documents_before_the_damage_and_one_rejection(tmp_path, capfd, gzip_records):
    pages = [response(f"https://ledger.example.com/news/{i}", news_page()) for i in range(3)]
    whole = write_warc(tmp_path / "whole.warc", pages, gzip_records)
    expected = [d["id"] for d in lines(corpus("read", whole, "-r", "warc", capfd=capfd).out)]
    assert len(expected) == 3
    with open(whole, "rb") as f:
        records = ArchiveIterator(f)
        spans = [(records.get_record_offset(), records.get_record_length()) for _ in records]
    data, cut = whole.read_bytes(), tmp_path / "cut.warc"
    for start, length in spans[1:]:
        cut.write_bytes(data[:start])  # at a record boundary: a shorter archive, complete
        result = corpus("read", cut, "-r", "warc", capfd=capfd)
        assert result.code == 0 and not rejections(result.err) and "Traceback" not in result.err
        before = [d["id"] for d in lines(result.out)]
        for size, problem in (start + 5, "damaged|truncated"), (start + length // 2, "truncated"):  # header, payload
            cut.write_bytes(data[:size])
            result = corpus("read", cut, "-r", "warc", capfd=capfd)
            assert [d["id"] for d in lines(result.out)] == before and result.code == 1
            (rejected,) = rejections(result.err)
            assert re.match(f"rejected: {tmp_path.name}/cut.warc#{start}: ({problem}) archive", rejected), rejected
        assert before == expected[:len(before)]
    assert "Traceback" not in result.err


def test_a_record_with_a_wrong_length_ends_the_file_without_noise(tmp_path, capfd):
    pages = [response(f"https://ledger.example.com/news/{i}", news_page()) for i in range(3)]
    path = write_warc(tmp_path / "a.warc", pages, gzip_records=False)
    with open(path, "rb") as f:
        records = ArchiveIterator(f)
        third = [(records.offset, r.length) for r in records][-1]  # the last response
    data = path.read_bytes()
    header = f"Content-Length: {third[1]}\r\n".encode()
    at = data.index(header, third[0])
    path.write_bytes(data[:at] + f"Content-Length: {third[1] - 100}\r\n".encode() + data[at + len(header):])
    result = corpus("read", path, "-r", "warc", capfd=capfd)
    assert len(lines(result.out)) == 2 and result.code == 1
    assert rejections(result.err) == [f"rejected: {tmp_path.name}/a.warc#{third[0]}: damaged archive, the rest of the "
                                      "file is not read: the record does not end where its Content-Length says"]
    assert "Traceback" not in result.err and "warning" not in result.err.lower()


def test_files_that_are_not_per_record_warcs_are_rejected_with_what_to_do(tmp_path, capfd):
    plain = write_warc(tmp_path / "plain.warc", [response("https://x.example/a", news_page())], gzip_records=False)
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "one-stream.warc.gz").write_bytes(gzip.compress(plain.read_bytes()))
    (tmp_path / "archive" / "page.warc").write_text(news_page())
    result = corpus("read", tmp_path / "archive", "-r", "warc", capfd=capfd)
    assert result.code == 1 and result.out == ""
    one_stream, page = rejections(result.err)
    assert one_stream.endswith("one-stream.warc.gz: damaged archive, the rest of the file is not read: the file is "
                               "one gzip stream, not a gzip member per record: fix it with `warcio recompress FILE NEW_FILE`")
    assert "page.warc#0: damaged archive" in page and "Unknown archive format" in page


def test_warc_from_stdin(tmp_path, capfd):
    path = write_warc(tmp_path / "a.warc.gz", [response("https://x.example/a", news_page())])
    result = corpus("read", "-", "-r", "warc", stdin=path.read_bytes(), capfd=capfd)
    (doc,) = lines(result.out)
    assert result.code == 0 and doc["meta"]["source"].startswith("<stdin>#") and doc["title"] == TITLE


def test_readers_used_directly(tmp_path):
    (tmp_path / "a.html").write_text(news_page())
    (doc,) = HtmlReader(favor="precision").read(str(tmp_path))
    assert doc["id"] == "a" and doc["text"].startswith(TITLE + "\n\n" + PARAGRAPHS[0])


def test_run_report_shows_what_the_warc_reader_skipped(tmp_path, capfd):
    """The reader's counts reach run.json and the summary of `corpus read`."""
    archive = write_warc(tmp_path / "crawl.warc.gz", crawl())
    pipeline = tmp_path / "p.toml"
    pipeline.write_text(f'[input]\nreader = "warc"\npath = "{archive}"\n[[outputs]]\nwriter = "jsonl"\npath = "d.jsonl"\n')
    assert corpus("run", pipeline, capfd=capfd).code == 1  # the menu-only page is rejected
    counts = orjson.loads((tmp_path / "out" / "run.json").read_bytes())["report"]["input"]
    assert counts["documents"] == 2 and counts["skipped: request record"] == 6
    assert "skipped: request record 6" in corpus("read", archive, "--reader", "warc", capfd=capfd).err
