"""The `summarise` stage plugin."""
from __future__ import annotations

from typing import Annotated, Literal

from ... import __version__
from ...components import Stage
from ...document import Document
from ...hookspecs import hookimpl
from . import DEFAULT_METHOD

Method = Literal["hybrid", "lead", "textrank", "lexrank", "luhn", "centroid"]


class Summarise(Stage):
    """Pick the sentences that tell what each article is about (extractive summary).

    Methods: hybrid (default: TextRank centrality with a lead bonus, best on news), lead (first body
    sentences, skipping title, headings, datelines and bylines), textrank, lexrank, luhn, centroid
    (TF-IDF). Length: --sentences, --words or --ratio (3 sentences by default). Adds `summary`
    with the method, the chosen sentence indices in document order, and the text.
    """

    name = "summarise"
    version = __version__
    needs = ("paragraphs", "sentences")
    adds = ("summary",)
    method: Annotated[Method, "how sentences are scored"] = DEFAULT_METHOD
    sentences: Annotated[int | None, "summary length in sentences (default 3 when no length is given)"] = None
    words: Annotated[int | None, "summary length: at most this many words"] = None
    ratio: Annotated[float | None, "summary length: this share of the article's sentences, e.g. 0.4"] = None
    mmr: Annotated[float | None, "redundancy control: maximal marginal relevance weight in (0, 1]; lower drops more repetition"] = None
    quotation: Annotated[Literal["neutral", "prefer", "avoid"], "rank sentences that are mostly quotation first or last (uses `quotes` when present)"] = "neutral"

    def check(self) -> None:
        lengths = [name for name in ("sentences", "words", "ratio") if getattr(self, name) is not None]
        if len(lengths) > 1:
            raise ValueError(f"give one length only, not {' and '.join(lengths)}")
        if (self.sentences is not None and self.sentences < 1) or (self.words is not None and self.words < 1):
            raise ValueError("sentences and words must be at least 1")
        if self.ratio is not None and not 0 < self.ratio <= 1:
            raise ValueError(f"ratio must be in (0, 1], not {self.ratio}")
        if self.mmr is not None and not 0 < self.mmr <= 1:
            raise ValueError(f"mmr must be in (0, 1], not {self.mmr}")

    def setup(self) -> None:
        from .summariser import summarise  # numpy: loaded when the stage runs, not when it is listed

        self.summarise = summarise

    def process(self, doc: Document) -> None:
        text, sentences = doc["text"], doc["sentences"]
        chosen = self.summarise(text, sentences, doc["paragraphs"], method=self.method, sentences_n=self.sentences,
                           words=self.words, ratio=self.ratio, mmr=self.mmr, quotes=doc.get("quotes"),
                           quotation=self.quotation)
        doc["summary"] = {
            "method": self.method,
            "sentences": chosen,
            "text": " ".join(text[sentences[i]["start"]:sentences[i]["end"]] for i in chosen),
        }


@hookimpl
def register_stages(register):
    register(Summarise)
