"""Transcripts: paragraphs that open with a speaker's label in capitals, each turn that speaker's speech.

    Partial transcript as follows:
    "WALLACE: Let's start with breaking news …
    "PENCE: Well, look, Hillary Clinton apparently thinks this is an episode of “Shark Tank.” …
    "But the truth is that …                  (Pence's turn goes on)
    "(CROSSTALK.)                            (a stage direction: nobody's speech)
    "WALLACE: Governor, I don't want to interrupt …

A turn is reported like any "NAME: …" line (kind indirect, the label its speaker, the colon its cue),
and nothing inside it is reported again ("I think …"). Where the transcript is quoted paragraph by
paragraph, as above, the marks that open the paragraphs quote the transcript, not a speaker: they are
read as text, so quotations inside a turn are found as in any sentence, and a paragraph that opens with
a mark but no label goes on with the turn before it. It is a transcript only if some speaker's label
comes back ("KATE BOLDUAN: …", later "BOLDUAN: …"), so a list of labelled lines ("UPDATE: …") is not.
"""
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from .attribution import Speaker
from .indirect import is_label
from .marks import find_quotations

OPENING_MARKS = '"“'
CLOSING_MARKS = '"”'
# a speaker's label in capitals opening a paragraph: "WALLACE: ", "JAKE TAPPER: " (an interview's "Q:" is
# left out by is_label)
LABEL = re.compile(r"([A-Z][A-Z.'’\-]*(?:[^\S\n][A-Z][A-Z.'’\-]*){0,3}):[^\S\n]+(?=\S)")
DIRECTION = re.compile(r"\([^()]*\)\.?")  # "(CROSSTALK.)", "(Applause)": a stage direction, nobody's speech


@dataclass
class Turn:
    """One paragraph of a transcript: where it opens, the mark opening it (if quoted), what is said, and
    who says it (None for a stage direction or an empty turn)."""

    opens: int
    mark: int | None
    start: int
    end: int
    speaker: Speaker | None
    paragraph: int


def _said(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] without surrounding spaces and a closing mark at its end."""
    end = start + len(text[start:end].rstrip())
    if end > start and text[end - 1] in CLOSING_MARKS:
        end -= 1
    return start, start + len(text[start:end].rstrip())


def _opening(text: str, para: dict) -> tuple[int, int | None]:
    """Where a paragraph's text opens, past leading spaces, and the quotation mark there if one is."""
    start = para["start"]
    opens = start + len(text[start:para["end"]]) - len(text[start:para["end"]].lstrip())
    return opens, opens if opens < para["end"] and text[opens] in OPENING_MARKS else None


def _labelled(text: str, paragraphs: list[dict]) -> dict[int, tuple[int, int | None, re.Match]]:
    """Paragraph index -> (where it opens, its opening mark or None, its label) for labelled paragraphs."""
    found = {}
    for index, para in enumerate(paragraphs):
        opens, mark = _opening(text, para)
        label = LABEL.match(text, opens + (mark is not None), para["end"])
        if label and not is_label(label.group(1)):  # not "Q:", "UPDATE:"
            found[index] = (opens, mark, label)
    return found


def find_turns(text: str, paragraphs: list[dict]) -> list[Turn]:
    """The turns of the transcripts in a text, in order; none if it has no transcript."""
    if text.count(":") < 2:  # a cheap test: a transcript has two labels at least
        return []
    labelled = _labelled(text, paragraphs)
    surnames = Counter(label.group(1).split()[-1] for _, _, label in labelled.values())
    if not surnames or surnames.most_common(1)[0][1] < 2:
        return []
    turns: list[Turn] = []
    speaker = None
    for index, para in enumerate(paragraphs):
        if index in labelled:
            opens, mark, label = labelled[index]
            speaker = Speaker(label.start(1), label.end(1), label.end(1), label.end(1) + 1)
            start, end = _said(text, label.end(), para["end"])
            turns.append(Turn(opens, mark, start, end, speaker if end > start else None, index))
            continue
        previous = turns[-1] if turns else None
        opens, mark = _opening(text, para)
        if (mark is None or previous is None or previous.paragraph != index - 1 or previous.mark is None
                or _closed(text, paragraphs[previous.paragraph]) or _closes_early(text, para, mark)):
            speaker = None  # the run of quoted paragraphs ends here
            continue
        start, end = _said(text, mark + 1, para["end"])
        direction = end <= start or DIRECTION.fullmatch(text, start, end) is not None
        turns.append(Turn(opens, mark, start, end, None if direction else speaker, index))
    return turns


def _closed(text: str, para: dict) -> bool:
    """Whether a paragraph ends with a closing mark: the quoted transcript ends there."""
    return text[para["start"]:para["end"]].rstrip().endswith(tuple(CLOSING_MARKS))


def _closes_early(text: str, para: dict, mark: int) -> bool:
    """Whether the quotation opened at a paragraph's first mark closes before the paragraph's last words
    ("“We won,” Ann Lee said.": a quotation of its own, not a transcript's next paragraph)."""
    first = find_quotations(text, [para])[:1]
    return bool(first) and first[0].open_mark == mark and first[0].close_mark is not None and bool(
        text[first[0].close_mark + 1:para["end"]].strip(" .\n"))


def within_turn(turns: list[Turn], offset: int) -> bool:
    """Whether offset lies in one of the turns (from where its paragraph opens)."""
    k = bisect_right(turns, offset, key=lambda turn: turn.opens) - 1
    return k >= 0 and offset < turns[k].end
