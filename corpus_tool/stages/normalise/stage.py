"""The `normalise` stage plugin."""
from __future__ import annotations

from collections import Counter
from typing import Annotated, Literal

from ... import __version__
from ...components import Stage
from ...document import Document
from ...hookspecs import hookimpl


class Normalise(Stage):
    """Repair and tidy text before any offsets exist: mojibake, Unicode form, invisible characters, spaces.

    ftfy repairs encoding damage; line endings become \\n; control and zero-width characters are
    removed; odd spaces become plain spaces and runs of them one; trailing spaces go; paragraph
    breaks (blank lines) stay. The title is treated alike. Counts of each change are recorded.
    """

    name = "normalise"
    version = __version__
    changes_text = True
    form: Annotated[Literal["NFC", "NFKC"], "Unicode normal form (NFKC also folds compatibility characters)"] = "NFC"
    unescape_html: Annotated[bool, "decode HTML entities such as &amp; (for text taken from web pages)"] = False
    fold_punctuation: Annotated[bool, "turn curly quotes and dashes into ASCII ' \" and -"] = False

    def setup(self) -> None:
        from .text import Normaliser  # the steps: loaded when the stage runs, not when it is listed

        self.normaliser = Normaliser(self.form, self.unescape_html, self.fold_punctuation)

    def process(self, doc: Document) -> dict[str, int]:
        counts: Counter = Counter()
        doc["text"], counts = self.normaliser(doc["text"], counts)
        if isinstance(doc.get("title"), str):
            doc["title"] = " ".join(self.normaliser(doc["title"], Counter())[0].split())
        return {key: value for key, value in counts.items() if value}


@hookimpl
def register_stages(register):
    register(Normalise)
