"""A web page's article as a document, found by trafilatura: shared by the `html` and `warc` readers.

The text takes the seed's layout (the headline, a blank line, then the article's paragraphs
separated by blank lines), so the `segment` stage finds the title and the paragraphs.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Annotated, Any, ClassVar, Iterator, Literal

from ..components import Reader
from ..document import Document
from ..errors import DocumentError
from ..extras import require
from .sources import expand

META_FIELDS = ("url", "date", "author", "sitename", "description", "categories", "tags")
NO_TEXT = "no article text found"
_PRESCAN = 16384  # bytes searched for a <meta> charset or <?xml encoding?> declaration
_DECLARED = re.compile(rb"""<(?:meta[^>]+charset|\?xml[^>]+encoding)\s*=\s*["']?\s*([a-z0-9_.:+-]+)""", re.I)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_BLOCKS = {"p", "head", "list", "item", "quote", "table", "row", "div"}  # trafilatura's output tree
_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML white space (not NBSP, which is text)

Favor = Literal["balanced", "precision", "recall"]


def _codec(label: str) -> str | None:
    """Python's codec for a charset label, read as browsers do (WHATWG), or None if unknown."""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("ascii", "iso8859-1"):
        return "cp1252"  # browsers decode these labels as windows-1252
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a declaration readable as ASCII cannot be in UTF-16 or UTF-32
    return name


def _encoding(data: bytes, declared: str | None) -> str:
    """The byte-order mark, else the charset declared by HTTP, then in the page (<meta>, <?xml?>),
    else UTF-8 if valid, else windows-1252 (what browsers assume)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    found = _DECLARED.search(data, 0, _PRESCAN)
    for label in (declared, found and found.group(1).decode("ascii")):
        codec = _codec(label) if label else None
        if codec:
            return codec
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, dict[str, Any]]:
    """The page as text, and meta fields: `encoding` when not UTF-8, `decode_errors` (bytes
    replaced by U+FFFD) when the bytes do not fit it."""
    encoding = _encoding(data, declared)
    meta: dict[str, Any] = {} if encoding.startswith("utf-8") else {"encoding": encoding}
    try:
        return data.decode(encoding), meta
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        meta["decode_errors"] = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
        return text, meta


def _inline(element) -> str:
    """The text of an element, line breaks kept and table cells separated by ` | `."""
    parts = [element.text or ""]
    for i, child in enumerate(element):
        if child.tag == "lb":
            parts.append("\n")
        else:
            parts.append(" | " if child.tag == "cell" and i else "")
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _clean(text: str) -> str:
    lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def paragraphs(element) -> Iterator[str]:
    """The text of each block of trafilatura's tree: paragraph, heading, list item, table row…"""
    for child in element:
        if child.tag in _BLOCKS and any(c.tag in _BLOCKS for c in child):
            yield from paragraphs(child)  # a list, quotation or table: its items, paragraphs or rows
        elif text := _clean(_inline(child)):
            yield text


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _trafilatura(extra: str):
    return require("trafilatura", extra, "reading web pages")


class ArticleReader(Reader):
    """Shared parameters and extraction of the `html` and `warc` readers."""

    extra: ClassVar[str] = "html"  # the extra that installs what the reader needs
    favor: Annotated[Favor, "trafilatura's trade-off: 'precision' (less boilerplate) or 'recall' (more text)"] = "balanced"

    def files(self, source: str) -> Iterator[tuple[str | Path, Path, str]]:
        """Each file (`-` is stdin), its path relative to the input folder, and its `meta.source`."""
        if source == "-":
            yield "-", Path("stdin"), "<stdin>"
            return
        root, files = expand(source, self.pattern)
        for path in files:
            relative = path.relative_to(root)
            yield path, relative, (Path(root.resolve().name) / relative).as_posix()

    def extract(self, data: bytes, source: str, url: str | None = None, charset: str | None = None) -> Document:
        """`title`, `text` and `meta` of the page's article; DocumentError if it has none.

        `url` is the page's address if known, `charset` the one its HTTP header declares.
        """
        trafilatura = _trafilatura(self.extra)
        html, decoding = decode_html(data, charset)
        try:
            found = trafilatura.bare_extraction(
                _XML_DECLARATION.sub("", html, count=1), url=url, with_metadata=True, include_comments=False,
                favor_precision=self.favor == "precision", favor_recall=self.favor == "recall")
        except Exception as e:  # lxml or trafilatura on an odd page: reject it, the corpus goes on
            raise DocumentError(f"extraction failed: {type(e).__name__}: {e}") from None
        if found is None or found.body is None:
            raise DocumentError(NO_TEXT)
        title = " ".join((found.title or "").split()) or None
        blocks = list(paragraphs(found.body))
        if title and blocks and _same(blocks[0], title):
            del blocks[0]  # the headline, repeated at the top of the article
        if not blocks:
            raise DocumentError(NO_TEXT)
        meta = {"source": source, **{key: getattr(found, key) for key in META_FIELDS if getattr(found, key, None)}}
        return {"title": title, "text": "\n\n".join([title, *blocks] if title else blocks), "meta": {**meta, **decoding}}
