"""Reported speech without quotation marks: one item for each cue that has a speaker and content.

    X said (that) CONTENT.          X told reporters (that) CONTENT.
    CONTENT, X said (on Monday).    CONTENT, according to X.
    According to X, CONTENT.        X believes / found / shows (that) CONTENT.

Cues come from the speech lexicon and a lexicon of stance and evidence verbs (data/belief_verbs.txt).
A cue that already introduces a quotation, and content that would hold a quotation, are left out.
"""
import re

from .attribution import CUE, QUOTE_LIKE, Speaker, find_speaker, mention_after, needs_clause_subject
from .lexicon import alternation, verb_forms

REPORT = re.compile(rf"\b(?:{alternation(verb_forms('belief_verbs'))})\b")
ANY_CUE = re.compile(f"{CUE.pattern}|{REPORT.pattern}")
THAT = re.compile(r"\bthat\b")
TRAILING = re.compile(r"[\s.,;:!?'’]+$")
THAT_WITHIN = 60  # "said on Tuesday in a statement that": how far "that" may follow the cue
TAIL_WORDS = 8  # "…, X said in a statement on Monday.": how long the part after a closing cue may be
MIN_WORDS = 3


def _content(text: str, start: int, end: int) -> tuple[int, int] | None:
    """text[start:end] without surrounding spaces, commas and final punctuation, if long enough."""
    while start < end and text[start] in " \t\n,:'‘":
        start += 1
    trailing = TRAILING.search(text, start, end)
    end = trailing.start() if trailing else end
    return (start, end) if len(text[start:end].split()) >= MIN_WORDS else None


def _according(doc, sentence: dict, cue: re.Match) -> tuple[tuple[int, int], Speaker] | None:
    """"According to X, CONTENT." or "CONTENT, according to X."."""
    text, start, end = doc.text, sentence["start"], sentence["end"]
    found = mention_after(text, cue.end(), end, with_role=False)
    if found is None:
        return None
    speaker = Speaker(*found[0], *cue.span(), found[1])
    if not text[start:cue.start()].strip():
        comma = text.find(",", found[0][1], end)
        content = _content(text, comma + 1, end) if comma >= 0 else None
    else:
        content = _content(text, start, cue.start())
    return (content, speaker) if content else None


def _reported(doc, sentence: dict, cue: re.Match) -> tuple[tuple[int, int], Speaker] | None:
    """"X said (that) CONTENT." or "CONTENT, X said."."""
    text, start, end = doc.text, sentence["start"], sentence["end"]
    speaker = doc.speaker_of(cue, start, end) if CUE.fullmatch(cue.group()) else None
    if speaker is None and not needs_clause_subject(text, start, cue):
        speaker = find_speaker(text, start, end, cue)
    if speaker is None:
        return None
    lead = text[start:min(speaker.start, cue.start())].rstrip().rstrip(QUOTE_LIKE).rstrip()
    if speaker.start > cue.start() or (lead.endswith(",") and len(text[cue.end():end].split()) <= TAIL_WORDS):
        content = _content(text, start, start + len(lead.rstrip(",")))
    else:
        that = THAT.search(text, cue.end(), min(end, cue.end() + THAT_WITHIN))
        content = _content(text, that.end() if that else cue.end(), end)
    return (content, speaker) if content else None


def find_indirect(doc, taken: set[int]) -> list[tuple]:
    """(start, end, speaker, "indirect", paragraph) for the reported speech of a Document, leaving
    out the cues in `taken` (offsets of cues that already introduce a quotation)."""
    found = []
    for cue in ANY_CUE.finditer(doc.text):
        sentence = doc.sentence_at(cue.start())
        if cue.start() in taken or doc.quoted(cue.start()):
            continue
        if cue.group().lower() == "according to":
            result = _according(doc, sentence, cue)
        else:
            result = _reported(doc, sentence, cue)
        if result and not doc.overlaps_quotation({"start": result[0][0], "end": result[0][1]}):
            (a, b), speaker = result
            if a < speaker.end and speaker.start < b:
                continue
            found.append((a, b, speaker, "indirect", sentence["paragraph"]))
    return found
