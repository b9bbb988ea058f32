"""The quotes stage's entry point: quotations and reported speech of a document, with their speakers."""
from bisect import bisect_right

from .attribution import CUE, Speaker, find_speaker
from .indirect import find_indirect
from .marks import Quotation, find_quotations
from .resolution import Resolver

MENTION_WORDS = 4
SENTENCE_END = ".!?…"


class Document:
    """A text with its paragraphs, sentences and quotations, and lookups over them."""

    def __init__(self, text: str, paragraphs: list[dict], sentences: list[dict]):
        self.text = text
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.sentence_starts = [s["start"] for s in sentences]
        self.quotations = find_quotations(text, paragraphs)
        self.blocked = sorted((q.open_mark, outer_end(q)) for q in self.quotations)

    def sentence_at(self, offset: int) -> dict:
        return self.sentences[max(0, bisect_right(self.sentence_starts, offset) - 1)]

    def quoted(self, offset: int) -> bool:
        """Whether offset lies inside a quotation (marks included)."""
        k = bisect_right(self.blocked, (offset, len(self.text) + 1)) - 1
        return k >= 0 and self.blocked[k][0] <= offset < self.blocked[k][1]

    def window(self, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
        """The part of text[lo:hi] around text[start:end] that no quotation interrupts."""
        for a, b in self.blocked:
            if b <= start:
                lo = max(lo, b)
            elif a >= end:
                hi = min(hi, a)
                break
        return lo, hi

    def speaker_near(self, lo: int, hi: int, start: int, end: int) -> Speaker | None:
        """The speaker of the cue in text[lo:hi] nearest to text[start:end] that has one."""
        found = []
        for m in CUE.finditer(self.text, lo, hi):
            if start <= m.start() < end or self.quoted(m.start()):
                continue
            distance = start - m.end() if m.end() <= start else m.start() - end
            found.append((distance, m))
        for _, m in sorted(found, key=lambda item: item[0]):
            a, b = self.window(lo, hi, m.start(), m.end())
            speaker = find_speaker(self.text, a, b, m, lo)
            if speaker:
                return speaker
        return None


def outer_end(q: Quotation) -> int:
    return q.close_mark + 1 if q.close_mark is not None else q.end


def _attribute(doc: Document, q: Quotation) -> Speaker | None:
    first, last = doc.sentence_at(q.open_mark), doc.sentence_at(outer_end(q) - 1)
    return doc.speaker_near(first["start"], last["end"], q.open_mark, outer_end(q))


def _introduced(doc: Document, index: int) -> Speaker | None:
    """The speaker a paragraph hands on to the next: the one of a closing "X said:" sentence."""
    para = doc.paragraphs[index]
    tail = doc.text[para["start"]:para["end"]].rstrip()
    if not tail.endswith(":"):
        return None
    sentence = doc.sentence_at(para["start"] + len(tail) - 1)
    return doc.speaker_near(sentence["start"], para["start"] + len(tail), para["start"] + len(tail), para["end"])


def _opens_paragraph(doc: Document, q: Quotation) -> bool:
    return not doc.text[doc.paragraphs[q.paragraph]["start"]:q.open_mark].strip()


def _kind(doc: Document, q: Quotation, speaker: Speaker | None) -> str:
    text = doc.text
    sentence = doc.sentence_at(q.open_mark)
    lead = text[sentence["start"]:q.open_mark].rstrip()
    content = text[q.start:q.end]
    full = content[:1].isupper() and (not lead or lead.endswith((":", ",")) or content.rstrip("”\"’ ")[-1:] in SENTENCE_END)
    if full:
        return "direct"
    if speaker is None and len(content.split()) <= MENTION_WORDS:
        return "mention"
    return "partial"


def _speakers(doc: Document) -> list[Speaker | None]:
    """Each quotation's speaker: its own cue's, else its paragraph's, else the previous paragraph's."""
    own = [_attribute(doc, q) for q in doc.quotations]
    result = list(own)
    last_of: dict[int, Speaker] = {}
    for k, q in enumerate(doc.quotations):
        if own[k]:
            last_of[q.paragraph] = own[k]
    for k, q in enumerate(doc.quotations):
        if result[k]:
            continue
        same = [j for j, p in enumerate(doc.quotations) if p.paragraph == q.paragraph and own[j]]
        before = [j for j in same if j < k]
        if before or same:
            result[k] = own[before[-1] if before else same[0]]
        elif _opens_paragraph(doc, q) and q.paragraph > 0:
            previous = q.paragraph - 1
            result[k] = last_of.get(previous) or _introduced(doc, previous)
            if result[k]:
                last_of[q.paragraph] = result[k]
    return result


def _record(doc: Document, resolver: Resolver, names: dict, start: int, end: int, speaker, kind, paragraph):
    text = doc.text
    item = {"start": start, "end": end, "text": text[start:end], "kind": kind, "speaker": None,
            "speaker_start": None, "speaker_end": None, "speaker_role": None,
            "cue": None, "cue_start": None, "cue_end": None, "paragraph": paragraph}
    if speaker is not None and kind != "mention":
        key = (speaker.start, speaker.end)
        if key not in names:
            names[key] = resolver.resolve(*key)
        item.update(speaker=names[key], speaker_start=speaker.start, speaker_end=speaker.end,
                    cue=text[speaker.cue_start:speaker.cue_end], cue_start=speaker.cue_start,
                    cue_end=speaker.cue_end)
        if speaker.role:
            item["speaker_role"] = text[speaker.role[0]:speaker.role[1]]
    return item


def extract_quotes(text: str, paragraphs: list[dict], sentences: list[dict]) -> list[dict]:
    """Quotations (direct, partial, mention) and reported speech (indirect) of a document, by start."""
    if not paragraphs or not sentences:
        return []
    doc = Document(text, paragraphs, sentences)
    found = [(q.start, q.end, s, _kind(doc, q, s), q.paragraph) for q, s in zip(doc.quotations, _speakers(doc))]
    found += find_indirect(doc)
    found.sort(key=lambda item: (item[0], item[1]))
    resolver, names = Resolver(text), {}
    return [_record(doc, resolver, names, *item) for item in found]
