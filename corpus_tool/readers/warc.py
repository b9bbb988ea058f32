"""Reader `warc`: web archives, each HTML response's article found by trafilatura."""
from __future__ import annotations

import io
import os
import re
import stat
import sys
from collections import Counter
from contextlib import nullcontext, redirect_stderr
from typing import Annotated, Any, Iterator

from ..document import Document, Rejected
from ..errors import DocumentError
from ..extras import require
from ..hookspecs import hookimpl
from .article import ArticleReader

HTML_TYPES = {"text/html", "application/xhtml+xml"}
RECOMPRESS = "the file is one gzip stream, not a gzip member per record: fix it with `warcio recompress FILE NEW_FILE`"
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^\s;"']+)""", re.I)


class Damaged(Exception):
    """A record that warcio reads but that cannot be right."""


def _archive_iterator():
    return require("warcio.archiveiterator", "warc", "the warc reader").ArchiveIterator


def _content_type(record) -> str:
    return record.http_headers.get_header("Content-Type") or ""


def _skip_reason(record) -> str | None:
    """Why a record is not an HTML page (it is counted, not rejected), or None if it is one."""
    if record.rec_type != "response":
        return f"{record.rec_type} record"
    if record.http_headers is None:
        return "response without HTTP headers"
    status = record.http_headers.get_statuscode()
    if not status.startswith("2"):
        return f"HTTP {status}"
    mime = _content_type(record).split(";")[0].strip().lower()
    return None if mime in HTML_TYPES else mime or "no content type"


def _missing(record) -> int:
    """Bytes of the record's declared length that the file does not have (a truncated file)."""
    return getattr(record.raw_stream, "limit", 0)


def _finish(records) -> None:
    """Read the rest of the current record; a wrong Content-Length (which warcio only reports on
    stderr) is an error."""
    errors = records.err_count
    with redirect_stderr(io.StringIO()):
        records.read_to_end()
    if records.err_count > errors:
        raise Damaged("the record does not end where its Content-Length says")


def _record_id(record) -> str | None:
    return (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>") or None


def _size(stream) -> int | None:
    """The size of a regular file, None for a pipe."""
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _describe(error: Exception) -> str:
    text = " ".join(str(error).split())
    if "warcio recompress" in text:
        return RECOMPRESS
    if isinstance(error, Damaged):
        return text
    text = text.encode("ascii", "backslashreplace").decode()
    return f"{type(error).__name__}: {text[:120]}{'…' if len(text) > 120 else ''}"


class WarcReader(ArticleReader):
    """Web archives (WARC, e.g. Common Crawl News): the article of each HTML response, by trafilatura.

    Each `response` record with a 2xx status and an HTML content type is extracted as the `html`
    reader does, its charset taken from the HTTP header first. The id is the WARC-Record-ID;
    `meta.url` is the WARC-Target-URI, `meta.warc_date` the capture time, `meta.source` FILE#OFFSET
    (the record's offset in the file, compressed for .warc.gz, as in CDX indexes). Other records
    (requests, metadata, redirects, images, PDFs…) are skipped and counted in the reader's
    `counts`. A page without article text is rejected; a damaged or truncated archive gives its
    documents before the damage and one rejection naming the file and offset.
    Needs the `warc` extra (warcio and trafilatura).
    """

    name = "warc"
    extra = "warc"
    pattern: Annotated[str, "which files of a folder to read (a glob, applied recursively)"] = "*.warc*"

    def read(self, source: str) -> Iterator[Document | Rejected]:
        _archive_iterator()  # fail now if warcio is missing
        self.counts: Counter[str] = Counter()
        for path, _, where in self.files(source):
            try:
                stream = nullcontext(sys.stdin.buffer) if path == "-" else open(path, "rb")
            except OSError as e:
                self.counts["rejected"] += 1
                yield Rejected(None, where, f"cannot read: {e.strerror}")
                continue
            with stream as f:
                for item in self._responses(f, where):
                    if not isinstance(item, Rejected):
                        item = self._document(*item, where)
                    self.counts["rejected" if isinstance(item, Rejected) else "documents"] += 1
                    yield item

    def _responses(self, stream, where: str) -> Iterator[tuple[int, Any, bytes] | Rejected]:
        """(offset, record, payload) of each HTML response; damage ends the file with a Rejected."""
        records = _archive_iterator()(stream)
        record, offset, reading = None, 0, 0  # reading: where the record being read starts
        try:
            for record in records:
                offset = reading = records.offset
                if record.length is None:
                    raise Damaged("a record header without Content-Length")
                self.counts["records"] += 1
                reason = _skip_reason(record)
                payload = None if reason else record.content_stream().read()
                _finish(records)
                reading = records.offset
                if reason:
                    self.counts[f"skipped: {reason}"] += 1
                elif not _missing(record):
                    yield offset, record, payload
        except Exception as e:  # warcio, zlib or brotli on damaged bytes
            reason = _describe(e)
            yield Rejected(None, where if reason == RECOMPRESS else f"{where}#{reading}",
                           f"damaged archive, the rest of the file is not read: {reason}")
            return
        size = _size(stream)
        if record is not None and _missing(record):
            yield Rejected(_record_id(record), f"{where}#{offset}",
                           f"truncated archive: the last record lacks {_missing(record)} bytes of its declared length")
        elif size is not None and records.offset < size:
            yield Rejected(None, f"{where}#{records.offset}",
                           f"truncated archive: the last {size - records.offset} bytes are not a complete record")

    def _document(self, offset: int, record, payload: bytes, where: str) -> Document | Rejected:
        source = f"{where}#{offset}"
        doc_id = _record_id(record) or source
        url = record.rec_headers.get_header("WARC-Target-URI")
        charset = _CHARSET.search(_content_type(record))
        try:
            doc = self.extract(payload, source, url, charset and charset.group(1))
        except DocumentError as e:
            return Rejected(doc_id, source, str(e))
        captured = {"url": url, "warc_date": record.rec_headers.get_header("WARC-Date")}
        doc["meta"].update((key, value) for key, value in captured.items() if value)
        return {"id": doc_id, **doc}


@hookimpl
def register_readers(register):
    register(WarcReader)
