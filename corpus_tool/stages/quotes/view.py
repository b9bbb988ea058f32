"""The document view the quote modules share: text, paragraphs, sentences and quotations, with lookups.

Built once per document by `extract_quotes`; every rule reads the text through it, so sentence and
quotation lookups are bisections over lists made once.
"""
import re
from bisect import bisect_right

from .attribution import (CUE, Speaker, absolute_subject, agent, clause_subject, find_speaker,
                          needs_clause_subject, passive)
from .lexicon import alternation, subject_pronouns
from .marks import Quotation, find_quotations

SPEAKERS = ("person", "any", "self")  # the antecedents of pronouns that stand for speakers ("he", "they", "I")
# after a quotation, a clause of its own
NEW_CLAUSE = re.compile(rf"[\s,]*(?:and|but)\s+(?:{alternation(subject_pronouns(*SPEAKERS, 'organisation'))})\b")
SUBJECT_PRONOUN = rf"(?:{alternation(subject_pronouns(*SPEAKERS))})\b"
# the last clause opening with a pronoun subject
MAIN_CLAUSE = re.compile(rf"(?:, |\band |\bbut )({SUBJECT_PRONOUN})(?!.*(?:, |\band |\bbut ){SUBJECT_PRONOUN})")


class DocumentView:
    """A text with its paragraphs, sentences and quotations (the marks at `ignored` offsets read as text), and
    lookups over them."""

    def __init__(self, text: str, paragraphs: list[dict], sentences: list[dict], ignored: frozenset[int]):
        self.text = text
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.sentence_starts = [s["start"] for s in sentences]
        self.quotations = find_quotations(text, paragraphs, ignored)
        self.blocked = sorted((q.open_mark, outer_end(q)) for q in self.quotations)
        self.blocked_ends = [b for _, b in self.blocked]
        self._speakers: dict[tuple[int, int, int, int], Speaker | None] = {}  # (cue span, lo, hi) -> speaker_of

    def overlaps_quotation(self, start: int, end: int) -> bool:
        """Whether any quotation (marks included) overlaps text[start:end]."""
        k = bisect_right(self.blocked, (end, 0))
        return k > 0 and self.blocked[k - 1][1] > start

    def unquoted(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """(start, end) of the parts of text[lo:hi] outside quotations and their marks, in order."""
        parts = []
        for a, b in self.blocked[bisect_right(self.blocked_ends, lo):]:
            if a >= hi:
                break
            if a > lo:
                parts.append((lo, a))
            lo = max(lo, b)
        return parts + [(lo, hi)] if lo < hi else parts

    def next_quotation(self, offset: int) -> int:
        """Where the first quotation (its opening mark) after offset begins; the text's end if none."""
        k = bisect_right(self.blocked, (offset, len(self.text) + 1))
        return self.blocked[k][0] if k < len(self.blocked) else len(self.text)

    def sentence_at(self, offset: int) -> dict:
        k = bisect_right(self.sentence_starts, offset)
        return self.sentences[k - 1 if k else 0]

    def quoted(self, offset: int) -> bool:
        """Whether offset lies inside a quotation (marks included)."""
        k = bisect_right(self.blocked, (offset, len(self.text) + 1)) - 1
        return k >= 0 and self.blocked[k][0] <= offset < self.blocked[k][1]

    def window(self, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
        """The part of text[lo:hi] around text[start:end] that no quotation interrupts."""
        before = bisect_right(self.blocked_ends, start) - 1
        after = bisect_right(self.blocked, (end, -1))
        if before >= 0:
            lo = max(lo, self.blocked_ends[before])
        if after < len(self.blocked):
            hi = min(hi, self.blocked[after][0])
        return lo, hi

    def speaker_near(self, lo: int, hi: int, start: int, end: int, complete: bool = False) -> Speaker | None:
        """The speaker of the cue in text[lo:hi] nearest to text[start:end] that has one; not a cue after
        it that opens a new clause ("“…,” and he added") or, after a complete sentence, that introduces
        the next quotation ("….” She adds, “…”)."""
        found = []
        cues = (m for a, b in self.unquoted(lo, hi) for m in CUE.finditer(self.text, a, b))
        for m in cues:
            if start <= m.start() < end:
                continue
            if complete and m.start() >= end and self.introduces(m.end()):
                continue
            if m.start() >= end and NEW_CLAUSE.match(self.text, end, m.start()):
                continue
            distance = start - m.end() if m.end() <= start else m.start() - end
            found.append((distance, m))
        for _, m in sorted(found, key=lambda item: item[0]):
            speaker = self.speaker_of(m, lo, hi)
            if speaker:
                return speaker
        return None

    def speaker_of(self, cue, lo: int, hi: int) -> Speaker | None:
        """The speaker of one cue in the sentence text[lo:hi], found once per document (a cue tried for one
        quotation may be tried again for the next one in its sentence, or as a report's)."""
        key = (*cue.span(), lo, hi)
        if key not in self._speakers:
            self._speakers[key] = self._find_speaker_of(cue, lo, hi)
        return self._speakers[key]

    def _find_speaker_of(self, cue, lo: int, hi: int) -> Speaker | None:
        a, b = self.window(lo, hi, cue.start(), cue.end())
        if passive(self.text, a, cue):
            return agent(self.text, b, cue)
        if not needs_clause_subject(self.text, a, cue):
            return find_speaker(self.text, a, b, cue)
        absolute = absolute_subject(self.text, a, cue)
        if absolute:
            return absolute
        main = MAIN_CLAUSE.search(self.text, lo, cue.start())  # "When X announced …, he …": not X's cue
        lo = main.start(1) if main else lo
        for earlier in reversed(list(CUE.finditer(self.text, lo, cue.start()))):
            x, y = self.window(lo, cue.start(), earlier.start(), earlier.end())
            if not self.quoted(earlier.start()) and not needs_clause_subject(self.text, x, earlier):
                speaker = find_speaker(self.text, x, y, earlier)
                if speaker:
                    return Speaker(speaker.start, speaker.end, cue.start(), cue.end(), speaker.role)
        start = lo
        while start < cue.start() and (self.text[start].isspace() or self.quoted(start)):
            start += 1
        found = clause_subject(self.text, start, cue.start())
        return Speaker(*found[0], cue.start(), cue.end(), found[1]) if found else None

    def introduces(self, offset: int) -> bool:
        """Whether a quotation opens right after offset, past a comma or colon."""
        rest = self.text[offset:offset + 4].lstrip(" ,:")
        return bool(rest) and self.quoted(offset + self.text[offset:offset + 4].index(rest[0]))

    def previous_sentence(self, offset: int) -> dict | None:
        """The sentence before the one at offset, if it is in the same paragraph."""
        k = max(0, bisect_right(self.sentence_starts, offset) - 1)
        if k and self.sentences[k - 1]["paragraph"] == self.sentences[k]["paragraph"]:
            return self.sentences[k - 1]
        return None


def outer_end(q: Quotation) -> int:
    return q.close_mark + 1 if q.close_mark is not None else q.end
