"""Word tokens for scoring sentences: lower-cased, lightly stemmed, with stop words marked."""
import re
from functools import cache, lru_cache

from ...lexicons import lexicon

WORD = re.compile(r"[^\W_]+")
VOWEL = re.compile(r"[aeiouy]")


@cache
def stop_words() -> frozenset[str]:
    """The English stop words from data/stopwords_en.txt."""
    return frozenset(lexicon(__package__, "stopwords_en.txt"))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Strip common English inflections (plural, -ing, -ed, -ly) so that word forms meet."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ingly", "edly", "ing", "ed", "ly"):
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 3 and VOWEL.search(base):
            if base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            return base
    return word


@lru_cache(maxsize=65536)
def token(word: str) -> tuple[str, bool]:
    """A lower-case word as (stem, is_content)."""
    return stem(word), word not in stop_words() and not word.isdigit()


def tokens(sentence: str) -> list[tuple[str, bool]]:
    """The sentence's words as (stem, is_content) pairs, in order."""
    return [token(word) for word in WORD.findall(sentence.lower())]
