"""Readers and writers on real inputs: foreign JSONL and CSV, compression, CSV quoting and safety."""
import bz2
import csv
import io
import lzma

import orjson
import pytest

from helpers import corpus


def lines(out: str) -> list[dict]:
    return [orjson.loads(line) for line in out.splitlines() if line.strip()]


def test_jsonl_reader_maps_fields_and_keeps_the_rest_in_meta(shared_data, capfd):
    result = corpus("read", shared_data / "polnear" / "dev.jsonl", "--reader", "jsonl", "--limit", "2", capfd=capfd)
    first = lines(result.out)[0]
    assert result.code == 0 and len(lines(result.out)) == 2
    assert first["id"].startswith("breitbart_2016-09-12") and first["title"].startswith("Stealth Over Health")
    assert first["meta"]["publisher"] == "breitbart" and first["meta"]["attributions"]
    assert first["meta"]["source"].endswith("dev.jsonl:1")


def test_jsonl_reader_with_other_field_names_and_missing_ids(tmp_path, capfd):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"body": "First.", "headline": "H1"}\n[1, 2]\n{"uid": 7, "headline": "no body"}\n')
    result = corpus("read", path, "-r", "jsonl", "-p", "text_field=body", "-p", "title_field=headline", capfd=capfd)
    (doc,) = lines(result.out)
    assert doc == {"id": "feed-1", "title": "H1", "text": "First.", "meta": {"source": f"{tmp_path.name}/{path.name}:1"}}
    assert result.code == 1
    assert f"{tmp_path.name}/{path.name}:2: expected a JSON object, got list" in result.err
    assert f"{tmp_path.name}/{path.name}:3: no text: field 'body' is missing or not a string" in result.err


def test_csv_reader_with_quoted_newlines_and_bad_rows(tmp_path, capfd):
    path = tmp_path / "articles.csv"
    path.write_text('id,title,text,section\r\na1,Hello,"Line one,\r\nline two ""quoted""",world\r\na2,Empty,,x\r\n')
    result = corpus("read", path, "--reader", "csv", capfd=capfd)
    docs = lines(result.out)
    assert docs[0]["text"] == 'Line one,\r\nline two "quoted"' and docs[0]["meta"]["section"] == "world"
    assert [d["id"] for d in docs] == ["a1", "a2"]  # an empty text is still text


def test_csv_reader_names_invalid_utf8_by_byte_offset(tmp_path, capfd):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"id,text\na,fine\nb,caf\xe9\n")
    result = corpus("read", path, "--reader", "csv", capfd=capfd)
    assert result.code == 1 and [d["id"] for d in lines(result.out)] == ["a"]
    assert "invalid UTF-8 at byte 20" in result.err


def test_csv_reader_without_the_text_column(tmp_path, capfd):
    path = tmp_path / "x.csv"
    path.write_text("id,body\n1,hello\n")
    result = corpus("read", path, "--reader", "csv", capfd=capfd)
    assert result.code == 1 and "no column 'text' in the header ['id', 'body']" in result.err


@pytest.mark.parametrize("suffix, decompress", [(".gz", None), (".bz2", bz2.decompress), (".xz", lzma.decompress), (".zst", None)])
def test_compressed_files_round_trip(tmp_path, capfd, suffix, decompress):
    docs = '{"id": "a", "text": "caf\\u00e9"}\n{"id": "b", "text": "two"}\n'
    target = tmp_path / f"docs.jsonl{suffix}"
    assert corpus("export", "jsonl", "-o", target, stdin=docs, capfd=capfd).code == 0
    if decompress:
        assert lines(decompress(target.read_bytes()).decode()) == lines(docs)
    again = corpus("read", target, "--reader", "jsonl", capfd=capfd)
    assert [d["text"] for d in lines(again.out)] == ["café", "two"]
    assert lines(corpus("normalise", target, capfd=capfd).out)[0]["text"] == "café"


def test_csv_quotes_fields_per_rfc4180_and_escapes_formulas_on_request(capfd):
    doc = {"id": "a", "text": '=HYPERLINK("x"), "quoted"\nnext line', "title": "-5 reasons", "meta": {"n": 3, "tags": ["a", "b"]}}
    plain = corpus("export", "csv", stdin=orjson.dumps(doc).decode(), capfd=capfd).out
    assert plain.startswith("id,title,text,meta.n,meta.tags\r\n")
    (row,) = csv.DictReader(io.StringIO(plain, newline=""))
    assert row["text"] == doc["text"] and row["meta.tags"] == '["a","b"]'
    safe = corpus("export", "csv", "--escape-formulas", stdin=orjson.dumps(doc).decode(), capfd=capfd).out
    (row,) = csv.DictReader(io.StringIO(safe, newline=""))
    assert row["text"].startswith("'=HYPERLINK") and row["title"] == "'-5 reasons" and row["meta.n"] == "3"


def test_csv_has_a_header_even_without_rows(capfd):
    assert corpus("export", "csv", "--table", "sentences", stdin="", capfd=capfd).out == "doc_id,index\r\n"
    assert corpus("export", "csv", stdin="", capfd=capfd).out == "id,title,text\r\n"


def test_csv_columns_are_the_union_of_all_rows(capfd):
    docs = '{"id": "a", "text": "x"}\n{"id": "b", "text": "y", "meta": {"late": "field"}}\n'
    rows = list(csv.DictReader(io.StringIO(corpus("export", "csv", stdin=docs, capfd=capfd).out, newline="")))
    assert rows[0]["meta.late"] == "" and rows[1]["meta.late"] == "field"


def test_text_reader_reads_compressed_files_and_stdin(tmp_path, capfd):
    import gzip

    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"Headline\n\nBody text."))
    (tmp_path / "b.txt").write_text("Other\n\nMore text.")
    docs = lines(corpus("read", tmp_path, capfd=capfd).out)
    assert [(d["id"], d["title"], d["meta"]["source"]) for d in docs] == [
        ("a", "Headline", f"{tmp_path.name}/a.txt.gz"), ("b", "Other", f"{tmp_path.name}/b.txt")]
    (doc,) = lines(corpus("read", "-", stdin="Piped headline\n\nPiped body.", capfd=capfd).out)
    assert (doc["id"], doc["title"]) == ("stdin", "Piped headline")
    (tmp_path / "c.txt.gz").write_bytes(b"\x1f\x8b not really gzip")
    assert "c.txt.gz: damaged gzip data" in corpus("read", tmp_path, capfd=capfd).err


def test_fallback_ids_keep_every_part_of_the_file_name(tmp_path, capfd):
    (tmp_path / "feed.2024-01.jsonl").write_text('{"text": "January"}\n')
    (tmp_path / "feed.2025-01.jsonl.gz").write_bytes(__import__("gzip").compress(b'{"text": "next year"}\n'))
    ids = [d["id"] for d in lines(corpus("read", tmp_path, "-r", "jsonl", capfd=capfd).out)]
    assert ids == ["feed.2024-01-1", "feed.2025-01-1"]


def test_jsonl_reader_skips_a_bom_and_names_invalid_utf8_by_byte(tmp_path, capfd):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "one"}\n{"id": "b", "text": "caf\xe9"}\n')
    result = corpus("read", path, "-r", "jsonl", capfd=capfd)
    assert [d["id"] for d in lines(result.out)] == ["a"] and result.code == 1
    assert "x.jsonl:2: invalid UTF-8 at byte 54" in result.err
    replaced = lines(corpus("read", path, "-r", "jsonl", "-p", "encoding_errors=replace", capfd=capfd).out)
    assert replaced[1]["text"] == "caf\ufffd"


def test_a_table_no_document_has_is_named_with_a_suggestion(capfd):
    doc = '{"id": "a", "text": "x", "quotes": []}\n'
    result = corpus("export", "csv", "--table", "quote", stdin=doc, capfd=capfd)
    assert result.code == 2 and "no document has a list field 'quote' (did you mean 'quotes'?)" in result.err
    assert corpus("export", "csv", "--table", "quotes", stdin=doc, capfd=capfd).code == 0
