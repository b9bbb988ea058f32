"""Rule-based sentence boundaries inside one paragraph.

One compiled regex scans the paragraph once for candidates: a run of terminators with its closing
quotes and brackets before whitespace, a full stop glued to the next word ("said.The"), and starts
that no punctuation announces (a bullet, a caption credit such as "Image: ...", a sentence opener
flattened into the text). A few constant-time tests on the token before and the word after each
candidate decide it, so the cost is linear in the text. Inline numbered lists are cut first.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ...lexicons import lexicon

_OPEN = "\"'“‘«([{¿¡"
_CLOSE = "\"'”’»)]}"
_SYMBOLS = "$£€¥#@"  # a sentence may start with these as with a digit
_BULLETS = "•‣⁃▪◦●■"

_LEADING_OPEN = re.compile(r"[\"'“‘«(\[{¿¡]*")
_WORD = re.compile(r"[^\W\d_]+")
_GLUED_WORD = re.compile(r"[\"'“”‘’]?([A-Za-z]+['’A-Za-z]*)")
_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_MARKER = re.compile(r"[\W_]*(?:\d{1,3}|[^\W\d_])?[\W_]*")
_LOWER_WORD = re.compile(r"\b[a-z]{2}")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_LIST_START = re.compile(r"(\d{1,2}|[a-z])(\.\)|[.)])\s")

_LOOKBACK = 32  # longest token looked at before a full stop
_FRAGMENT = 200  # a sentence this long is never a fragment


class SentenceSplitter:
    """Split a paragraph into sentences; the lexicons are read once, at construction."""

    def __init__(self, extra_abbreviations: Iterable[str] = ()) -> None:
        extra = (a.strip().rstrip(".") for a in extra_abbreviations)
        entries = [*lexicon(__package__, "abbreviations.txt"), *(a for a in extra if a)]
        self._abbr_exact = {a for a in entries if not a.islower()}
        self._abbr_any = {a for a in entries if a.islower()}
        self._starters = set(lexicon(__package__, "sentence_starters.txt"))
        self._domains = set(lexicon(__package__, "domains.txt"))
        labels = lexicon(__package__, "credit_labels.txt")
        openers = lexicon(__package__, "openers.txt")
        first = re.escape("".join(sorted({w[0] for w in labels + openers})))
        self._candidates = re.compile(
            rf"(?=[.?!…‽{_BULLETS}{first}])(?:"  # the lookahead lets the scan skip to likely candidates
            r"(?<![.?!…‽])(?<![.?!…‽]\s)(?>(\.(?:\s?\.){2,}|[.?!…‽]+))"  # a whole run of terminators,
            r"([\"'”’»)\]}]*+)(?=(\s+)|$)"  # its closers, then space
            r"|([.?!])(?<=[a-z\d][a-z\d\"'”’)][.?!])(?=[\"'“”‘’]?[A-Za-z])"  # glued: said.The, 62."the
            rf"|[{_BULLETS}]|(?<=\s)(?:{'|'.join(map(re.escape, labels))}):\s"  # unpunctuated starts
            rf"|(?<=[^\W_]\s)(?:{'|'.join(map(re.escape, openers))})\s(?=[a-z]))"
        )

    def split(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Sentence spans in text[start:end] (slice semantics): absolute offsets, in order, trimmed."""
        start, end = _trim(text, *slice(start, end).indices(len(text))[:2])
        spans: list[tuple[int, int]] = []
        if start < end:
            caseless = _UPPER.search(text, start, end) is None
            for a, b in self._parts(text, start, end):
                self._scan(text, a, b, caseless, spans)
        return spans

    def _parts(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The items of an inline list the trimmed range opens with ("1) ... 2) ...", "a. ... b. ..."),
        cut before each next marker; the whole range if it opens with none."""
        m = _LIST_START.match(text, start, end)
        if m is None:
            return [(start, end)]
        label, style, pos = m.group(1), m.group(2), m.end()
        bounds = [start]
        while label not in ("z", "99"):
            label = str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
            pos = text.find(f" {label}{style} ", pos, end) + 1
            if not pos:
                break
            bounds.append(pos)
        bounds.append(end)
        return [_trim(text, a, b) for a, b in zip(bounds, bounds[1:])]

    def _scan(self, text: str, start: int, end: int, caseless: bool, spans: list) -> None:
        """Append the sentences of the trimmed range text[start:end] to spans."""
        s = start
        for m in self._candidates.finditer(text, start, end):
            p = m.start()
            if m.group(1) is None and m.group(4) is None:  # a start with no punctuation before it
                head = text[s:p].rstrip()
                if head:
                    spans.append((s, s + len(head)))
                    s = p
                continue
            if m.group(1) is not None and m.group(3) is None:
                break  # the terminators end the range
            if p - s <= 8 and _MARKER.fullmatch(text, s, p):
                continue  # nothing but a list marker or punctuation so far
            if m.group(4) is not None:
                if self._glued_end(text, s, p, end):
                    spans.append((s, p + 1))
                    s = p + 1
                continue
            cut = self._cut(text, m, s, end, caseless)
            if cut:
                spans.append((s, cut))
                s = m.end(3) if cut == m.end() else cut + text[cut].isspace()
        spans.append((s, end))

    def _cut(self, text: str, m: re.Match, s: int, end: int, caseless: bool) -> int:
        """Where the sentence that started at s ends at candidate m, or 0 if it goes on."""
        term, p, nxt = m.group(1), m.start(), m.end(3)
        k = _LEADING_OPEN.match(text, nxt, end).end()
        c = text[k] if k < end else ""
        if not c or not (c.isalnum() or c in _SYMBOLS):
            return 0
        lower = c.islower() and not caseless
        if "?" in term or "!" in term or "‽" in term:
            return 0 if lower else m.end()  # "Yahoo! in", "'Why?' she asked"
        paren = text[nxt] == "("
        if len(term) > 1 or term == "…":  # an ellipsis ends a sentence only before a clear opener
            if paren or not self._opens(text, k, end, caseless, after_ellipsis=True):
                return 0
            if term.count(".") == 4 and term[1].isspace() and not text[p - 1].isspace():
                return p + 1  # "compounds. . . . The": the full stop ends it, the ellipsis opens the next
            return m.end()
        word = _token(text, s, p)
        if not self._is_abbreviation(word):
            return 0 if lower and m.group(2) else m.end()  # "'Great.' she said" goes on
        if lower or paren or not c.isalpha() or not self._opens(text, k, end, caseless):
            return 0
        head = p - len(word)
        if (not caseless and p - s < _FRAGMENT and _LOWER_WORD.search(text, s, head) is None
                and _WORD.search(text, s, head) is not None):
            return 0  # "At 5 a.m. Mr. Smith left": a capitalised fragment is no sentence
        return m.end()

    def _opens(self, text: str, k: int, end: int, caseless: bool, after_ellipsis: bool = False) -> bool:
        """Whether the word at k opens a sentence after an ambiguous end (an abbreviation, an ellipsis)."""
        w = _WORD.match(text, k, end)
        if w is None:
            return False
        word = w.group()
        if after_ellipsis and not caseless:
            return word[0].isupper() and word != "I"
        return word.lower() in self._starters and (caseless or word[0].isupper())

    def _glued_end(self, text: str, s: int, p: int, end: int) -> bool:
        """Whether the terminator at p, with no space after it, ends a sentence ("said.The"), rather
        than sit inside a web address, an e-mail address or a file name."""
        right = _GLUED_WORD.match(text, p + 1, end)
        word, after = right.group(1), right.end()
        if (len(word) < 2 and word not in "aiAI") or text[after:after + 1] in ("@", "/"):
            return False
        if text[after:after + 1] == "." and text[after + 1:after + 2].isalnum():
            return False
        raw = text[max(s, p - _LOOKBACK):p].rsplit(None, 1)[-1]
        if any(ch in raw for ch in "@/:.") or raw.lower().startswith("www"):
            return False
        return word.lower() not in self._domains and not self._is_abbreviation(_token(text, s, p))

    def _is_abbreviation(self, word: str) -> bool:
        """A known abbreviation, dotted letters (U.S, a.m, non-U.S) or a single letter (an initial)."""
        word = word.rpartition("-")[2]
        if len(word) == 1:
            return word.isalpha()
        return (word in self._abbr_exact or word.lower() in self._abbr_any
                or _ACRONYM.fullmatch(word) is not None)


def _token(text: str, s: int, p: int) -> str:
    """The token that ends at p, without its opening and closing punctuation."""
    parts = text[max(s, p - _LOOKBACK):p].rsplit(None, 1)
    return parts[-1].strip(_OPEN + _CLOSE) if parts else ""


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The range without its leading and trailing whitespace."""
    if start >= end or not (text[start].isspace() or text[end - 1].isspace()):
        return start, end
    chunk = text[start:end]
    stripped = chunk.lstrip()
    start += len(chunk) - len(stripped)
    return start, start + len(stripped.rstrip())
