"""Rule-based sentence boundaries inside one paragraph.

One compiled regex finds the candidate ends (a run of terminators with its closing quotes and brackets
before whitespace, or a full stop glued to the next word as in "said.The"); a few constant-time tests
on the token before and the word after each candidate decide it, so the cost is linear in the text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources

_OPEN = "\"'“‘«([{¿¡"
_CLOSE = "\"'”’»)]}"
_BULLETS = "•‣⁃▪◦●■"

_CANDIDATE = re.compile(
    r"(?<=[a-z]{2})\.(?=[A-Za-z])"  # glued: said.The
    r"|(\.(?:\s?\.){2,}|[.?!…‽]+)([\"'”’»)\]}]*)(?=(\s+)|$)"  # terminators, closers, then space
)
_OPENERS = re.compile(r"[\"'“‘«(\[{¿¡]*")
_WORD = re.compile(r"[^\W\d_]+")
_GLUED_WORD = re.compile(r"[A-Za-z]+['’A-Za-z]*")
_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_MARKER = re.compile(rf"[\W_]*(?:\d{{1,3}}|[^\W\d_])?[\W_]*")
_LOWER_WORD = re.compile(r"\b[a-z]{2}")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_BULLET = re.compile(rf"(?<=\s)[{_BULLETS}]")
_LIST_START = re.compile(r"(\d{1,2}|[a-z])(\.\)|[.)])\s")

_LOOKBACK = 32  # longest token looked at before a full stop
_FRAGMENT = 200  # a sentence this long is never a fragment


def _lexicon(name: str) -> list[str]:
    """Entries of data/NAME: one a line, `#` starts a comment."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


class SentenceSplitter:
    """Split a paragraph into sentences; lexicons are read once, at construction."""

    def __init__(self, extra_abbreviations: Iterable[str] = ()) -> None:
        entries = [*_lexicon("abbreviations.txt"), *(a.strip().rstrip(".") for a in extra_abbreviations)]
        self._abbr_exact = {a for a in entries if not a.islower()}
        self._abbr_any = {a for a in entries if a.islower()}
        self._starters = set(_lexicon("sentence_starters.txt"))
        self._domains = set(_lexicon("domains.txt"))
        labels = "|".join(map(re.escape, _lexicon("credit_labels.txt")))
        openers = "|".join(map(re.escape, _lexicon("openers.txt")))
        self._unpunctuated = re.compile(rf"(?<=\S)\s(?:(?:{labels}):\s|(?<=[^\W_]\s)(?:{openers})\s(?=[a-z]))")

    def split(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Sentence spans (absolute, whitespace-trimmed, in order) covering text[start:end]."""
        end = len(text) if end is None else min(end, len(text))
        start, end = _trim(text, max(start, 0), end)
        spans: list[tuple[int, int]] = []
        if start >= end:
            return spans
        caseless = _UPPER.search(text, start, end) is None
        for a, b in self._items(text, start, end):
            self._scan(text, a, b, caseless, spans)
        return spans

    def _scan(self, text: str, start: int, end: int, caseless: bool, spans: list) -> None:
        """Append the sentences of text[start:end] (trimmed) to spans."""
        s = start
        for m in _CANDIDATE.finditer(text, start, end):
            if m.group(3) is None and m.group(1) is not None:
                break  # the range ends here
            p = m.start()
            if p - s <= 8 and _MARKER.fullmatch(text, s, p):
                continue  # nothing but a list marker or punctuation so far
            if m.group(1) is None:
                if self._glued(text, s, p, end):
                    spans.append((s, p + 1))
                    s = p + 1
                continue
            cut = self._decide(text, m, s, end, caseless)
            if cut:
                spans.append((s, cut))
                s = m.end(3) if cut == m.end() else cut + text[cut].isspace()
        if s < end:
            spans.append((s, end))

    def _decide(self, text: str, m: re.Match, s: int, end: int, caseless: bool) -> int:
        """Where the sentence ends at candidate m (0 if it does not)."""
        term, p, nxt = m.group(1), m.start(), m.end(3)
        k = _OPENERS.match(text, nxt, end).end()
        c = text[k] if k < end else ""
        if not c.isalnum():
            return 0
        lower = c.islower() and not caseless
        paren = text[nxt] == "("
        if "?" in term or "!" in term or "‽" in term:
            return 0 if lower else m.end()
        if len(term) > 1:  # an ellipsis: a weak end
            if paren or not self._starts_sentence(text, k, end, caseless, ellipsis=True):
                return 0
            if text[p - 1].isspace() or not term[1].isspace() or term.count(".") != 4:
                return m.end()
            return p + 1  # "compounds. . . . The": the full stop ends it, the ellipsis opens the next
        word = self._token(text, s, p)
        if not self._is_abbreviation(word):
            return 0 if lower and m.group(2) else m.end()
        if c.isdigit() or lower or paren:
            return 0
        if not self._starts_sentence(text, k, end, caseless):
            return 0
        if not caseless and p - s < _FRAGMENT and not _LOWER_WORD.search(text, s, p - len(word)):
            return 0  # "At 5 a.m." is no sentence: a capitalised fragment before the abbreviation
        return m.end()

    def _starts_sentence(self, text: str, k: int, end: int, caseless: bool, ellipsis: bool = False) -> bool:
        """Whether the word at k opens a sentence after an ambiguous end."""
        w = _WORD.match(text, k, end)
        if w is None:
            return text[k].isdigit() and not ellipsis
        word = w.group()
        if not caseless and ellipsis:
            return word[0].isupper() and word != "I"
        return word.lower() in self._starters and (caseless or word[0].isupper())

    def _glued(self, text: str, s: int, p: int, end: int) -> bool:
        """Whether the full stop at p, with no space after it, ends a sentence ("said.The")."""
        left = self._token(text, s, p)
        right = _GLUED_WORD.match(text, p + 1, end)
        after = text[right.end()] if right.end() < end else " "
        if len(right.group()) < 2 or after in "@/" or after == "." and text[right.end() + 1:right.end() + 2].isalnum():
            return False
        raw = text[max(s, p - _LOOKBACK):p].rsplit(None, 1)[-1]
        if any(ch in raw for ch in "@/:.") or raw.lower().startswith("www"):
            return False
        return right.group().lower() not in self._domains and not self._is_abbreviation(left)

    @staticmethod
    def _token(text: str, s: int, p: int) -> str:
        """The token ending at p, without its opening and closing punctuation."""
        parts = text[max(s, p - _LOOKBACK):p].rsplit(None, 1)
        return parts[-1].lstrip(_OPEN).rstrip(_CLOSE) if parts else ""

    def _is_abbreviation(self, word: str) -> bool:
        """Known abbreviation, dotted letters (U.S, a.m, non-U.S) or a single letter (an initial)."""
        word = word.rpartition("-")[2]
        if len(word) == 1:
            return word.isalpha()
        return (word in self._abbr_exact or word.lower() in self._abbr_any
                or _ACRONYM.fullmatch(word) is not None)


    def _items(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Parts of the range that never share a sentence, cut where no punctuation marks the end: before
        a caption credit or a sentence opener flattened into the text,
        the items of an inline list (before each bullet, and before the markers that continue a numbered
        or lettered list the range opens with: "1) ... 2) ...", "a. ... b. ...")."""
        cuts = [m.start() for m in _BULLET.finditer(text, start + 1, end)]
        cuts += [m.start() + 1 for m in self._unpunctuated.finditer(text, start, end)]
        m = _LIST_START.match(text, start, end)
        if m:
            label, style, pos = m.group(1), m.group(2), m.end()
            while label not in ("z", "99"):
                label = str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
                i = text.find(f" {label}{style} ", pos, end)
                if i < 0:
                    break
                cuts.append(i + 1)
                pos = i + 1
        if not cuts:
            return [(start, end)]
        bounds = [start, *sorted(set(cuts)), end]
        items = (_trim(text, a, b) for a, b in zip(bounds, bounds[1:]))
        return [(a, b) for a, b in items if a < b]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The range without its leading and trailing whitespace."""
    chunk = text[start:end]
    stripped = chunk.lstrip()
    start += len(chunk) - len(stripped)
    return start, start + len(stripped.rstrip())
