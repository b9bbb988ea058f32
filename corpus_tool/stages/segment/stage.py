"""The `segment` stage plugin."""
from __future__ import annotations

from typing import Annotated, Literal

from ... import __version__
from ...components import Stage
from ...document import Document
from ...hookspecs import hookimpl


class Segment(Stage):
    """Split text into paragraphs and sentences, with offsets into `text`.

    Paragraphs are `title` (the first one, when it is the document's title), `heading` (a short line
    standing alone without final punctuation) or `body`. Sentences never cross a paragraph; each
    has the index of its `paragraph`. Abbreviations, numbers, ellipses, quotation marks and
    brackets around sentence ends, URLs and e-mail addresses, list items and a missing space after
    a full stop ("said.The") are handled by rules whose lexicons are data files.
    """

    name = "segment"
    version = __version__
    adds = ("paragraphs", "sentences")
    adds_offsets = True
    paragraph_breaks: Annotated[Literal["blank", "line"], "blank: paragraphs are separated by blank lines; line: one paragraph a line"] = "blank"
    abbreviations: Annotated[list[str], "more abbreviations that do not end a sentence, e.g. Capt or approx"] = []

    def setup(self) -> None:
        from .paragraphs import split_paragraphs  # the rules and lexicons: loaded when the stage runs
        from .sentences import SentenceSplitter

        self.split_paragraphs = split_paragraphs
        self.splitter = SentenceSplitter(self.abbreviations)

    def process(self, doc: Document) -> None:
        text = doc["text"]
        paragraphs = self.split_paragraphs(text, self.paragraph_breaks, doc.get("title"))
        sentences = []
        for index, paragraph in enumerate(paragraphs):
            for start, end in self.splitter.split(text, paragraph["start"], paragraph["end"]):
                sentences.append({"start": start, "end": end, "paragraph": index})
        doc["paragraphs"] = paragraphs
        doc["sentences"] = sentences


@hookimpl
def register_stages(register):
    register(Segment)
