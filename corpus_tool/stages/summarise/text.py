"""Word tokens for scoring sentences: lower-cased, lightly stemmed, stop words and numbers left out."""
import re
from functools import cache

from ...lexicons import lexicon

WORD = re.compile(r"[^\W_]+")
WORD_WITHOUT_UNDERSCORES = re.compile(r"\w+")  # finds what WORD does, faster, in a text without "_"
VOWEL = re.compile(r"[aeiouy]")
FINAL_SIGMA = "Σ"  # the one letter whose lower case depends on its neighbours
SUFFIXES = ("ingly", "edly", "ing", "ed", "ly")  # stripped by `stem`, the first that fits


@cache
def stop_words() -> frozenset[str]:
    """The English stop words from data/stopwords_en.txt."""
    return frozenset(lexicon(__package__, "stopwords_en.txt"))


def stem(word: str) -> str:
    """Strip common English inflections (plural, -ing, -ed, -ly) so that word forms meet."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("s"):
        if word.endswith("sses"):
            word = word[:-2]
        elif word.endswith("ies"):
            word = word[:-3] + "y"
        elif not word.endswith(("ss", "us", "is")):
            word = word[:-1]
    if not word.endswith(SUFFIXES):
        return word
    for suffix in SUFFIXES:
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            if len(base) >= 3 and VOWEL.search(base):
                if base[-1] == base[-2] and base[-1] not in "lsz":
                    base = base[:-1]
                return base
    return word


class ContentStems(dict):
    """Memo of lower-case word → the stem (never empty) of a content word, or None for a stop word or
    a number. Emptied when full; a hit costs one dict look-up, less than a functools cache hit."""

    limit = 65536

    def __missing__(self, word: str) -> str | None:
        if len(self) >= self.limit:
            self.clear()
        found = self[word] = None if word in stop_words() or word.isdigit() else stem(word)
        return found


content_stem = ContentStems().__getitem__  # word → content stem or None


def span_words(text: str, spans: list[tuple[int, int]]) -> list[list[str]]:
    """The lower-case words of each (start, end) span of `text`, in order.

    Lower-cases the whole text once when that is the same as lower-casing each span: when every
    character maps to one character, without context (Final_Sigma)."""
    word = WORD if "_" in text else WORD_WITHOUT_UNDERSCORES
    lowered = text.lower()
    if len(lowered) == len(text) and FINAL_SIGMA not in text:
        return [word.findall(lowered, start, end) for start, end in spans]
    return [word.findall(text[start:end].lower()) for start, end in spans]


def content_stems(sentence: list[str]) -> list[str]:
    """The stems of the sentence's content words, in order."""
    return list(filter(None, map(content_stem, sentence)))


def has_content(sentence: list[str]) -> bool:
    """True if the sentence has a content word."""
    return any(map(content_stem, sentence))
