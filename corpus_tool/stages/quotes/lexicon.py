"""Word lists of the quotes stage (data/*.txt, read by the project's one loader) and what is derived from
them: word sets, verb forms, pronouns, and regex alternations."""
import re
from functools import cache

from ...lexicons import lexicon


def lines(name: str) -> list[list[str]]:
    """The entries of data/NAME.txt, split into words."""
    return [entry.split() for entry in lexicon(__package__, f"{name}.txt")]


@cache
def words(name: str) -> frozenset[str]:
    """Every word of data/NAME.txt."""
    return frozenset(w for line in lines(name) for w in line)


@cache
def keyed(name: str) -> dict[str, str]:
    """Form -> key, from a file of lines "key: form form …": a verb's lemma and its forms, a state and its
    abbreviations ("New Hampshire: N.H. NH": the key is the words up to the colon; "_" joins a form's words)."""
    found = {}
    for line in lines(name):
        k = next((i for i, word in enumerate(line) if word.endswith(":")), 0)
        key = " ".join(line[:k + 1]).rstrip(":")
        found.update((form.replace("_", " "), key) for form in line[k + 1:])
    return found


@cache
def person_pronouns() -> dict[str, tuple[str, str | None]]:
    """Every pronoun form (lower case) -> (its kind, its gender or None), from data/person_pronouns.txt."""
    return {line[0]: (line[1], None if line[2] == "-" else line[2]) for line in lines("person_pronouns")}


@cache
def pronouns() -> dict[str, str]:
    """Subject pronoun (lower case) -> the kind of antecedent it takes."""
    return {line[0]: line[1] for line in lines("pronouns")}


def lemma_forms(name: str, lemma: str) -> frozenset[str]:
    """The forms of one lemma in a file of verb forms ("be" -> is, was, …)."""
    return frozenset(form for form, its in keyed(name).items() if its == lemma)


def subject_pronouns(*antecedents: str) -> list[str]:
    """The subject pronouns, as written ("I" capitalised), that take one of the kinds of antecedent."""
    return [p.upper() if p == "i" else p for p, kind in pronouns().items() if kind in antecedents]


def alternation(items) -> str:
    """A regex matching any of the strings, factored as a trie so that matching stays fast."""
    trie: dict = {}
    for item in items:
        node = trie
        for char in item:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def ordered_alternation(*groups) -> str:
    """One trie for "alternation(A)|alternation(B)|…" between word boundaries: an item that some item of an
    earlier group starts as a whole word ("called for" after the cue "called") is left out, as that one
    always matches first; otherwise the longest match is the same, and one trie is faster than several."""
    kept: set[str] = set()
    for group in groups:
        kept |= {item for item in group if not any(prefix in kept for prefix in _word_prefixes(item))}
    return alternation(kept)


def _word_prefixes(item: str) -> list[str]:
    """The starts of `item` that end at a word boundary inside it ("called" of "called for"): looked up in
    a set, so leaving items out stays linear in the number of items."""
    return [item[:k] for k in range(1, len(item)) if is_word_char(item[k - 1]) != is_word_char(item[k])]


def is_word_char(char: str) -> bool:
    """Whether a character is one that regex \\w matches."""
    return char.isalnum() or char == "_"


def _trie_pattern(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body
