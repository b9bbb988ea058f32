"""Reader `html`: saved web pages, each page's article found by trafilatura."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Iterator

from ..document import Document, Rejected
from ..errors import DocumentError, InputError
from ..files import FORMATS as COMPRESSED, open_input
from ..hookspecs import hookimpl
from .article import ArticleReader


def _stem(relative: Path) -> str:
    """The id: the path without its suffix (and without a compression suffix before it)."""
    if relative.suffix in COMPRESSED:
        relative = relative.with_suffix("")
    return relative.with_suffix("").as_posix()


class HtmlReader(ArticleReader):
    """Saved web pages: each page's article (text, title, date, author, URL) found by trafilatura.

    The text is the headline, a blank line, then the article's paragraphs, headings, list items
    and table rows separated by blank lines; `meta` has `url`, `date`, `author`, `sitename`,
    `description`, `categories` and `tags` where the page gives them. The charset comes from the
    byte-order mark, else a <meta> declaration, else UTF-8, else windows-1252. The id is the path
    relative to the input folder, without its suffix. A page without article text is rejected.
    Needs the `html` extra (trafilatura).
    """

    name = "html"
    pattern: Annotated[str, "which files of a folder to read (a glob, applied recursively)"] = "*.htm*"

    def read(self, source: str) -> Iterator[Document | Rejected]:
        for path, relative, where in self.files(source):
            doc_id = _stem(relative)
            try:
                with open_input(path) as stream:
                    data = stream.read()
                if not data.strip():
                    raise DocumentError("empty file")
                item = {"id": doc_id, **self.extract(data, where)}
            except (DocumentError, InputError) as e:  # InputError: e.g. permission denied
                item = Rejected(doc_id, where, str(e))
            except (OSError, EOFError) as e:  # a damaged .gz, .bz2…
                item = Rejected(doc_id, where, f"cannot read: {e}")
            yield item


@hookimpl
def register_readers(register):
    register(HtmlReader)
