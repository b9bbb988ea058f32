"""Word lists of the quotes stage, read once from the package's data/*.txt files."""
import re
from functools import cache
from importlib.resources import files


def _lines(name: str) -> list[list[str]]:
    """Non-comment lines of data/NAME.txt, split into words."""
    text = files(__package__).joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    return [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """Every word of data/NAME.txt."""
    return frozenset(w for line in _lines(name) for w in line)


@cache
def verb_forms(name: str) -> dict[str, str]:
    """Form -> lemma, from a file of lines "lemma: form form …" ("_" joins the words of a form)."""
    return {form.replace("_", " "): line[0].rstrip(":") for line in _lines(name) for form in line[1:]}


@cache
def pronouns() -> dict[str, str]:
    """Subject pronoun (lower case) -> the kind of antecedent it takes."""
    return {line[0]: line[1] for line in _lines("pronouns")}


def alternation(items) -> str:
    """A regex matching any of the strings, factored as a trie so that matching stays fast."""
    trie: dict = {}
    for item in items:
        node = trie
        for char in item:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body
