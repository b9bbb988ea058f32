"""The public entry point: `summarise` picks the indices of a document's summary sentences."""
import re
from itertools import compress

from . import DEFAULT_METHOD, select
from .methods import METHODS, tfidf
from .text import has_content, span_words

QUOTATION = ("neutral", "prefer", "avoid")

MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATELINE = re.compile(
    rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?"
    rf"(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{MONTH},?\s+\d{{4}}|\d{{4}}-\d\d-\d\d)"
    rf"(?:[,\s]+\d{{1,2}}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s+[a-z]{{2,4}})?)?\W*",
    re.IGNORECASE,
)
BYLINE = re.compile(r"(?:by|reporting by|editing by|written by)\s+\S.{0,60}", re.IGNORECASE)
CREDIT = re.compile(r"\b(?:image|photo|picture|credit|caption)s?\s*:.{0,80}$", re.IGNORECASE)
QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?|«[^»]*»?")


def is_boilerplate(sentence: str) -> bool:
    """True for a dateline or byline standing as a sentence of its own, or a sentence ending in a picture credit."""
    sentence = sentence.strip()
    if DATELINE.fullmatch(sentence) or (":" in sentence and CREDIT.search(sentence)):  # a credit has a colon
        return True
    return not sentence.endswith((".", "!", "?")) and len(sentence.split()) <= 8 and bool(BYLINE.fullmatch(sentence))


def is_candidate(text: str, sentences: list[dict], paragraphs: list[dict], index: int) -> bool:
    """True for a body sentence that is neither boilerplate nor a picture caption (followed by its credit)."""
    sentence = sentences[index]
    chunk = text[sentence["start"]:sentence["end"]]
    if paragraphs[sentence["paragraph"]].get("kind", "body") != "body" or is_boilerplate(chunk):
        return False
    following = sentences[index + 1] if index + 1 < len(sentences) else None
    return not (
        following
        and following["paragraph"] == sentence["paragraph"]
        and CREDIT.match(text, following["start"], following["end"])
    )


def quoted_share(text: str, start: int, end: int, quotes: list[dict] | None) -> float:
    """The share of the sentence's characters inside direct or partial quotations.

    Uses the document's `quotes` spans when given, else the text's quotation marks."""
    if quotes is None:
        spans = [(start + m.start(), start + m.end()) for m in QUOTED.finditer(text[start:end])]
    else:
        spans = [(q["start"], q["end"]) for q in quotes if q.get("kind") != "indirect"]
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return min(1.0, covered / max(1, end - start))


def summarise(
    text: str,
    sentences: list[dict],
    paragraphs: list[dict],
    method: str = DEFAULT_METHOD,
    sentences_n: int | None = None,
    words: int | None = None,
    ratio: float | None = None,
    mmr: float | None = None,
    quotes: list[dict] | None = None,
    quotation: str = "neutral",
) -> list[int]:
    """Indices into `sentences` of the summary, in document order.

    `sentences` are {"start", "end", "paragraph"}, `paragraphs` {"start", "end", "kind"} with kind
    "title", "heading" or "body". Only body sentences with a content word are candidates: never a
    title or heading, dateline, byline or picture caption. `method` is one of `METHODS`. Length, one of:
    `sentences_n` sentences, at most `words` words (runs of letters and digits), or `ratio` of the
    candidate sentences (rounded, at least one); 3 sentences when none is given. `mmr` in (0, 1] re-ranks
    by maximal marginal relevance, the weight of the score against redundancy. `quotation` "prefer" or
    "avoid" ranks first or last the sentences that are mostly (half or more) direct or partial quotation,
    from `quotes` spans {"start", "end", "kind"} when given, else from the quotation marks.
    Raises ValueError for an unknown method or option value."""
    if method not in METHODS:
        raise ValueError(f"unknown summarisation method {method!r}: choose one of {', '.join(sorted(METHODS))}")
    if quotation not in QUOTATION:
        raise ValueError(f"quotation must be one of {', '.join(QUOTATION)}, not {quotation!r}")
    if mmr is not None and not 0 < mmr <= 1:
        raise ValueError(f"mmr must be in (0, 1], not {mmr}")
    body = [index for index in range(len(sentences)) if is_candidate(text, sentences, paragraphs, index)]
    found = span_words(text, [(sentences[index]["start"], sentences[index]["end"]) for index in body])
    keep = list(map(has_content, found))
    candidates, words_of = list(compress(body, keep)), list(compress(found, keep))
    limit_n, limit_words = select.budget(len(candidates), sentences_n, words, ratio)
    if not candidates:
        return []
    scores = METHODS[method](words_of)
    ranking = select.order(scores)
    if mmr is not None:
        ranking = select.mmr_order(ranking, scores, tfidf(words_of), mmr)
    if quotation != "neutral":
        quoted = [quoted_share(text, sentences[i]["start"], sentences[i]["end"], quotes) >= 0.5 for i in candidates]
        ranking.sort(key=lambda i: quoted[i] != (quotation == "prefer"))
    lengths = list(map(len, words_of))
    return [candidates[i] for i in select.take(ranking, lengths, limit_n, limit_words)]
