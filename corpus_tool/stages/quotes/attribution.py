"""Cues (speech verbs, "according to") and the speaker mention each one attributes to.

Text is read in windows bounded by sentence edges and quotation marks, so nothing quoted is taken
for a speaker. A speaker is found left of its cue ("X said", "X, a role, said", "X has also said"),
right of it when inverted ("said X", "said X, a role", "according to X"), or, for a participle after
a comma ("…, adding that"), at the start of its clause.
"""
import re
from dataclasses import dataclass

from .lexicon import pronouns, verb_forms, words

Span = tuple[int, int]


def _alternation(items) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


CUE = re.compile(rf"\b(?:{_alternation(verb_forms('cue_verbs'))}|[Aa]ccording to)\b")
WORD = r"(?:[a-z]{1,3}-)?[A-Z][\w’'\-]*(?:\.(?=\s[A-Z]))?"
PARTICLE = r"(?:al|el|de|del|della|da|di|du|van|von|der|den|bin|ibn|la|le|dos|das)"
LINK = rf"(?:{PARTICLE}|of|for|and|&)(?:\s+the)?"
NAME_BODY = rf"{WORD}(?:\s+(?:{LINK}\s+)?{WORD})*"
NAME_START = re.compile(rf"(?:[Tt]he\s+)?{NAME_BODY}")
NAME_END = re.compile(rf"(?:\b[Tt]he\s+)?(?<![\w’'\-]){NAME_BODY}\s*$")
PRONOUN = re.compile(rf"\b(?i:{_alternation(pronouns())})\b")
TOKEN = re.compile(r"\S+")
CLAUSE_STOP = re.compile(r"[,;:!?—–(]|\.(?:\s|$)")
TRAILING_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")
DETERMINERS = words("determiners")
STOPWORDS = words("stopwords")
AUXILIARIES = words("auxiliaries")
PREPOSITIONS = frozenset({"for", "of", "to", "with", "at", "from", "by", "in", "on", "about"})


@dataclass
class Speaker:
    """A speaker mention, the cue that introduces it, and the role given beside it."""

    start: int
    end: int
    cue_start: int
    cue_end: int
    role: Span | None = None


def _tokens(text: str, start: int, end: int) -> list[Span]:
    return [m.span() for m in TOKEN.finditer(text, start, end)]


def _function_word(token: str) -> bool:
    return token.strip(",.;:!?()[]").lower() in STOPWORDS


def _trim_right(text: str, start: int, end: int) -> int:
    """End of text[start:end] without trailing commas, asides in brackets, auxiliaries and -ly adverbs."""
    while True:
        aside = TRAILING_ASIDE.search(text, start, end)
        if aside:
            end = aside.start()
        while end > start and text[end - 1] in " \t\n,":
            end -= 1
        tokens = _tokens(text, start, end)
        if not tokens:
            return end
        word = text[tokens[-1][0]:tokens[-1][1]]
        if word.lower() in AUXILIARIES or (word.endswith("ly") and len(word) > 4 and word.islower()):
            end = tokens[-1][0]
        elif not aside:
            return end


def _skip_function_words(text: str, start: int, end: int) -> int:
    return next((a for a, b in _tokens(text, start, end) if not _function_word(text[a:b])), end)


def _description(text: str, start: int, end: int) -> Span | None:
    """A noun phrase filling text[start:end]: from its first determiner, or the whole of a short one."""
    tokens = _tokens(text, _skip_function_words(text, start, end), end)
    if not tokens:
        return None
    clean = [not _function_word(text[a:b]) for a, b in tokens]
    for k, (a, b) in enumerate(tokens):
        if text[a:b].lower() in DETERMINERS and all(clean[k + 1:]):
            return a, tokens[-1][1]
    if len(tokens) <= 4 and all(clean):
        return tokens[0][0], tokens[-1][1]
    return None


def _role(text: str, start: int, end: int) -> Span | None:
    """An appositive role ("a spokesman for X", "ICRC regional director"), not a participle clause."""
    tokens = _tokens(text, start, end)
    if not tokens or len(tokens) > 15:
        return None
    first = text[tokens[0][0]:tokens[0][1]]
    if _function_word(first) or (first.islower() and first.endswith(("ed", "ing"))):
        return None
    return tokens[0][0], tokens[-1][1]


def _head(text: str, start: int, end: int) -> Span | None:
    """The noun phrase that ends text[start:end]: a pronoun, a name, or a description."""
    end = _trim_right(text, start, end)
    last = None
    for last in PRONOUN.finditer(text, start, end):
        pass
    if last and not text[last.end():end].strip():
        return last.span()
    name = NAME_END.search(text, start, end)
    if name:
        a = _skip_function_words(text, name.start(), end)
        before = text[start:a].split()
        if a < end and not (before and before[-1].lower() in PREPOSITIONS):
            return a, end
    return _description(text, start, end)


def mention_before(text: str, lo: int, cue: int) -> tuple[Span, Span | None] | None:
    """The speaker mention ending just before a cue at `cue`, and its role: "X, a role, said"."""
    end = _trim_right(text, lo, cue)
    chunks = [(lo + m.start(), lo + m.end()) for m in re.finditer(r"[^,]+", text[lo:end])]
    chunks = [c for c in chunks if text[c[0]:c[1]].strip()]
    if not chunks:
        return None
    role = None
    if len(chunks) >= 2 and "," in text[end:cue]:
        role = _role(text, *chunks[-1])
        chunks.pop()
    span = _head(text, *chunks[-1])
    return (span, role) if span else None


def mention_after(text: str, start: int, hi: int) -> tuple[Span, Span | None] | None:
    """The speaker mention opening text[start:hi], and its role: "said X, a role"."""
    start = _skip_space(text, start, hi)
    pron = PRONOUN.match(text, start, hi)
    name = NAME_START.match(text, start, hi)
    if pron:
        return pron.span(), None
    if name:
        span = name.span()
    else:
        stop = CLAUSE_STOP.search(text, start, hi)
        tokens = _tokens(text, start, stop.start() if stop else hi)
        cut = next((k for k, (a, b) in enumerate(tokens) if _function_word(text[a:b])), len(tokens))
        if not cut or text[tokens[0][0]:tokens[0][1]].lower() not in DETERMINERS:
            return None
        span = tokens[0][0], tokens[cut - 1][1]
    role = None
    if text.startswith(",", span[1]):
        role_start = _skip_space(text, span[1] + 1, hi)
        stop = CLAUSE_STOP.search(text, role_start, hi)
        role = _role(text, role_start, stop.start() if stop else hi)
    return span, role


def clause_subject(text: str, start: int, hi: int) -> tuple[Span, Span | None] | None:
    """The subject opening a clause, past a leading adverbial ("Meanwhile, X …", "On Monday, X …")."""
    start = _skip_space(text, start, hi)
    found = mention_after(text, _skip_function_words(text, start, hi), hi)
    if found is None:
        comma = text.find(",", start, hi)
        if 0 <= comma < start + 40:
            found = mention_after(text, _skip_function_words(text, comma + 1, hi), hi)
    return found


def _skip_space(text: str, start: int, hi: int) -> int:
    while start < hi and text[start].isspace():
        start += 1
    return start


def _inverted(text: str, start: int, hi: int) -> tuple[Span, Span | None] | None:
    """A mention after the cue that ends its clause ("…, said X." / "…, said X, a role")."""
    found = mention_after(text, start, hi)
    if found is None:
        return None
    tokens = _tokens(text, found[0][1], hi)
    follow = text[tokens[0][0]:tokens[0][1]] if tokens else ""
    return found if not follow or follow[0] in ",.;:!?—–(" or _function_word(follow) else None


def find_speaker(text: str, lo: int, hi: int, cue: re.Match, sentence_start: int) -> Speaker | None:
    """The speaker a cue match attributes to, reading text[lo:hi] (a participle: its sentence's start)."""
    word = cue.group()
    cs, ce = cue.span()
    if word.lower() == "according to":
        found = mention_after(text, ce, hi)
    elif word.endswith("ing") and text[lo:cs].rstrip().endswith(","):
        found = clause_subject(text, sentence_start, cs)
    elif not text[lo:cs].strip(" \t\n,;:—–-"):
        found = mention_after(text, ce, hi)
    else:
        found = text[lo:cs].rstrip().endswith(",") and _inverted(text, ce, hi) or mention_before(text, lo, cs)
    if found is None:
        return None
    (start, end), role = found
    return Speaker(start, end, cs, ce, role)
