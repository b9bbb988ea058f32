"""The quotes stage's entry point: quotations and reported speech of a document, with their speakers."""
import re
from bisect import bisect_right

from .attribution import (ACCORDING, CUE, CUES, MODIFIER, OWNER, Speaker, absolute_subject, agent, clause_subject,
                          find_speaker, mention_after, needs_clause_subject, passive, signed, unlisted_after,
                          unlisted_before)
from .indirect import find_indirect
from .lexicon import alternation, words
from .marks import Quotation, find_quotations
from .resolution import Resolver
from .sieves import RESOLVE
from .transcript import find_turns, within_turn

TITLE_WORDS = 8
OPENING = 80
SHORT = 8
SIGNATURE_WORDS = 8
KNOWN_CHARS = 30  # how far before a quotation KNOWN_AS is looked for
POSSESSOR_CHARS = 150  # how far before a quotation POSSESSOR is looked for
MINOR_WORDS = frozenset("a an and as at by for from in is of on or the to with".split())
SENTENCE_END = ".!?…"
NON_SPEAKERS = frozenset({"it", "this", "that", "there"})
TIME_WORDS = words("time_words")
SUBORDINATOR = re.compile(rf"\b(?:{alternation(words('subordinators'))})\b")
# ", who …": a relative clause with no subject of its own and no comma after
RELATIVE = re.compile(r", (who)\s+(?!(?:he|she|they|we|I|the|a|an)\b)(?=[a-z][^,]*$)")
POSSESSOR = re.compile(rf"({OWNER})\s+(?:{MODIFIER}){{0,3}}?(?:{alternation(words('speech_nouns'))})\b"
                       rf"[^,.;:!?“”\"]{{0,80}}$")  # "her claim that she “…”"
COORDINATE = re.compile(r"\b(?:and|but|yet|so that)(?=\s+(?:he|she|they)\b)")  # "…, and he has long used “…”"
NEW_CLAUSE = re.compile(r"[\s,]*(?:and|but)\s+(?:he|she|they|it|we|I)\b")  # after a quotation, a clause of its own
SUBJECT_PRONOUN = r"(?:he|she|they|we|I)\b"
# the last clause opening with a pronoun subject
MAIN_CLAUSE = re.compile(rf"(?:, |\band |\bbut )({SUBJECT_PRONOUN})(?!.*(?:, |\band |\bbut ){SUBJECT_PRONOUN})")
ASKED = re.compile(r"\s*(?:When\s+)?[Aa]sked\b[^,]*$")  # opening the sentence
ASKED_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being)\s+asked\b[^,.]*,?\s*$")
BY = re.compile(r"\bby\s+")
KNOWN_AS = re.compile(r"\b(?:known|billed)(?:\s+[a-z]+)?\s+as\s*$")  # "known here as “…”": a name, nobody's words
# "what it calls “…”"
WHAT_CALLED = re.compile(r"\bwhat\s+([^,;:.!?“”\"]{1,60}?)(?:\s+each|\s+ha(?:s|ve))?(?:\s+[a-z]+ly)?\s+"
                         r"(?:calls?|called|dubs?|dubbed|terms?|termed)(?:\s+(?:an?|the))?\s*$")
GENERIC = frozenset({"some", "many", "we", "i", "you", "one", "others", "people"})  # "what some call “…”": nobody
NAMING_WORDS = frozenset({"as", "dubbed", "nicknamed", "labeled", "labelled", "termed", "branded", "titled",
                          "entitled"})


class Document:
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
        return self.sentences[max(0, bisect_right(self.sentence_starts, offset) - 1)]

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
        """The speaker of one cue in the sentence text[lo:hi]."""
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


def _attribute(doc: Document, q: Quotation) -> Speaker | None:
    """The speaker named in the quotation's own sentence(s), or, for a quotation that opens its sentence,
    in the next one on the same line when that opens with its cue ("…?” Trump asked." split after the
    question mark)."""
    first, last = doc.sentence_at(q.open_mark), doc.sentence_at(outer_end(q) - 1)
    lo, hi = first["start"], last["end"]
    content = doc.text[q.start:q.end]
    following = doc.sentence_at(hi + 1)
    if (following["paragraph"] == last["paragraph"] and following["start"] >= hi and _opens_sentence(doc, q)
            and not doc.text[outer_end(q):following["start"]].strip(" ")
            and _attribution_follows(doc, following, content)):
        hi = following["end"]
    found = _signature(doc, q) or _what_called(doc, q)
    found = found or doc.speaker_near(lo, hi, q.open_mark, outer_end(q), content.endswith("."))
    if found and found.cue_start is not None:
        found = _according_to(doc, lo, hi) or found
    if found is None and content.endswith((",", "?", "!")):
        found = unlisted_after(doc.text, outer_end(q), doc.window(lo, hi, outer_end(q), outer_end(q))[1])
    if found is None:
        found = unlisted_before(doc.text, doc.window(lo, hi, q.open_mark, q.open_mark)[0], q.open_mark)
    return found


def _what_called(doc: Document, q: Quotation) -> Speaker | None:
    """Who names a thing with the quotation in "what X calls “…”" (not "what some call")."""
    if doc.text.find("what", max(0, q.open_mark - OPENING), q.open_mark) < 0:  # a cheap test first
        return None
    start = max(doc.sentence_at(q.open_mark)["start"], q.open_mark - OPENING)
    found = WHAT_CALLED.search(doc.text, start, q.open_mark)
    if found is None or found.group(1).lower() in GENERIC:
        return None
    mention = mention_after(doc.text, found.start(1), found.end(1), with_role=False)
    return Speaker(*mention[0], None, None) if mention and mention[0][1] == found.end(1) else None


def _according_to(doc: Document, lo: int, hi: int) -> Speaker | None:
    """The source that reports a quotation's speaker in the sentence text[lo:hi]: "…,” X said, according
    to Y." / "According to Y, X said …" (a nested attribution, given to its outer source)."""
    at = doc.text.find("ccording to", lo, hi)  # a cheap test before the cue scan
    for m in CUE.finditer(doc.text, at - 1, hi) if at > lo else ():
        if m.group() in ACCORDING and not doc.quoted(m.start()):
            return doc.speaker_of(m, lo, hi)
    return None


def _put_to_someone(doc: Document, q: Quotation) -> bool:
    """Whether a quotation is a question put to the sentence's subject: "Asked whether “…”, X said" /
    "X was asked, “…”"."""
    start = doc.sentence_at(q.open_mark)["start"]
    if doc.text.find("sked", start, q.open_mark) < 0:  # a cheap test before the regexes
        return False
    return bool(ASKED.match(doc.text, start, q.open_mark) or ASKED_PASSIVE.search(doc.text, start, q.open_mark))


def _asker(doc: Document, q: Quotation) -> Speaker | None:
    """Who puts a question, when named after "by" before it ("Asked by X whether “…”")."""
    by = BY.search(doc.text, doc.sentence_at(q.open_mark)["start"], q.open_mark)
    found = mention_after(doc.text, by.end(), q.open_mark, with_role=False) if by else None
    return Speaker(*found[0], None, None) if found else None


def _attribution_follows(doc: Document, sentence: dict, content: str) -> bool:
    """Whether a sentence split off after a quotation still attributes it: it opens in lower case
    ("…!” beamed X"), with a cue ("…” Trump said."), or is short after a question or exclamation."""
    start, end = sentence["start"], sentence["end"]
    if doc.quoted(start):
        return False
    return (doc.text[start].islower() or CUE.search(doc.text, start, min(end, start + OPENING)) is not None
            or (content.endswith(("?", "!")) and len(doc.text[start:end].split()) <= SHORT))


def _signature(doc: Document, q: Quotation) -> Speaker | None:
    """A dash and a name after the quotation, in its paragraph or alone in the next one."""
    para = doc.paragraphs[q.paragraph]
    found = signed(doc.text, outer_end(q), para["end"])
    if found is None and not doc.text[outer_end(q):para["end"]].strip(" .") and q.paragraph + 1 < len(doc.paragraphs):
        following = doc.paragraphs[q.paragraph + 1]
        if len(doc.text[following["start"]:following["end"]].split()) <= SIGNATURE_WORDS:
            found = signed(doc.text, following["start"], following["end"])
    return found


def _subject(doc: Document, q: Quotation) -> Speaker | None:
    """The subject of the clause a cue-less partial quotation sits in: the "who" of a relative clause that
    runs to it ("X, who has called it “…”"), of the last subordinate or coordinate clause opening inside its
    sentence ("…, while Trump calls him “…”", "…, and he calls it “…”"), else of the sentence."""
    start = doc.sentence_at(q.open_mark)["start"]
    while start < q.open_mark and (doc.text[start].isspace() or doc.quoted(start)):
        start += 1
    clauses = [m for m in SUBORDINATOR.finditer(doc.text, start, q.open_mark) if not doc.quoted(m.start())]
    clauses += [m for m in COORDINATE.finditer(doc.text, start, q.open_mark) if not doc.quoted(m.start())]
    clauses.sort(key=lambda m: m.start())
    relative = next((m for m in RELATIVE.finditer(doc.text, start, q.open_mark) if not doc.quoted(m.start())), None)
    if relative and not (clauses and clauses[-1].start() > relative.start()):
        return Speaker(*relative.span(1), None, None)
    for lo in [m.end() for m in clauses[-1:]] + [start]:
        found = clause_subject(doc.text, lo, q.open_mark)
        if found and _may_speak(doc.text[found[0][0]:found[0][1]]):
            return Speaker(*found[0], None, None, found[1])
    return None


def _possessor(doc: Document, q: Quotation) -> Speaker | None:
    """Whose remark a partial quotation is part of: "her claim that she “…”", "Trump's promise to be
    “…”"."""
    start = doc.sentence_at(q.open_mark)["start"]
    found = POSSESSOR.search(doc.text, max(start, q.open_mark - POSSESSOR_CHARS), q.open_mark)
    if found is None or doc.quoted(found.start()):
        return None
    return Speaker(*found.span(1), None, None)


def _named_subject(doc: Document, sentence: dict) -> Speaker | None:
    """The subject of a sentence with no cue, when it is a name ("Clinton touted her credentials.")."""
    found = clause_subject(doc.text, sentence["start"], sentence["end"])
    if not found:
        return None
    mention = doc.text[found[0][0]:found[0][1]]
    return Speaker(*found[0], None, None, found[1]) if mention[:1].isupper() and _may_speak(mention) else None


def _may_speak(mention: str) -> bool:
    """Whether a sentence's subject can be taken for a speaker: not "it", a date or an adverb."""
    words = mention.split()
    return mention.lower() not in NON_SPEAKERS and not (
        len(words) == 1 and (words[0] in TIME_WORDS or words[0].lower().endswith(("ly", "ing", "ed"))))


def _introduced(doc: Document, index: int) -> Speaker | None:
    """The speaker a paragraph hands on to a following quotation: its last sentence's ("X said:",
    "X continued his remarks.", "He then listed them:"), else that sentence's subject if a name."""
    para = doc.paragraphs[index]
    sentence = doc.sentence_at(para["end"] - 1)
    end = sentence["end"]
    found = doc.speaker_near(sentence["start"], end, end, end)
    if found is None and doc.text[sentence["start"]:end].rstrip().endswith(":"):
        found = unlisted_before(doc.text, doc.window(sentence["start"], end, end, end)[0], end)
    if found or index == 0 or doc.quoted(sentence["start"]):  # not the headline's subject
        return found
    return _named_subject(doc, sentence)


def _known_as(doc: Document, q: Quotation) -> bool:
    """Whether a quotation is a name something is known by: "an event billed as “…”"."""
    before = doc.text[max(0, q.open_mark - 3):q.open_mark]
    if "as" not in before:  # a cheap test first
        return False
    return KNOWN_AS.search(doc.text, max(doc.sentence_at(q.open_mark)["start"], q.open_mark - KNOWN_CHARS),
                           q.open_mark) is not None


def _opens_paragraph(doc: Document, q: Quotation) -> bool:
    return not doc.text[doc.paragraphs[q.paragraph]["start"]:q.open_mark].strip()


def _title_like(content: str) -> bool:
    """Whether a short quotation reads as a title or name: every word that matters capitalised."""
    words = content.split(None, TITLE_WORDS)  # words counted to TITLE_WORDS + 1
    return len(words) <= TITLE_WORDS and all(w[:1].isupper() or not w[:1].isalpha() or w in MINOR_WORDS for w in words)


def _kind(doc: Document, q: Quotation, speaker: Speaker | None) -> str:
    """"mention" for a title or name (one nobody is said to speak, or one set inside a sentence) that no
    cue or naming word ("dubbed", "as") introduces, "direct" for a full sentence or more, else "partial"."""
    text = doc.text
    lead = text[doc.sentence_at(q.open_mark)["start"]:q.open_mark].rstrip()
    content = text[q.start:q.end]
    bare = content.rstrip(",.")
    ends = content.rstrip("”\"’' ")[-1:] in SENTENCE_END
    if _title_like(bare) and not lead.endswith(":") and not _named_by(lead):
        if (speaker is None and not ends) or (lead and bare[-1:].isalnum()):
            return "mention"
    if content[:1].isupper() and (not lead or lead.endswith((":", ",")) or ends):
        return "direct"
    return "partial"


def _named_by(lead: str) -> bool:
    """Whether the words before a quotation name it as something said or a name given: "X said “…”",
    "dubbed “…”", "known as “…”"."""
    last = lead.rsplit(None, 1)[-1].rstrip(",") if lead else ""
    return last in NAMING_WORDS or last in CUES


def _opens_sentence(doc: Document, q: Quotation) -> bool:
    return not doc.text[doc.sentence_at(q.open_mark)["start"]:q.open_mark].strip()


def _speakers(doc: Document, own: list[Speaker | None], kinds: list[str], fixed: set[int]) -> list[Speaker | None]:
    """Each quotation's speaker: its own cue's; else, inside a sentence, the owner of the remark it ends
    ("his claim that “…”") or that sentence's subject; else the paragraph's previous speaker, the previous
    sentence's (its cue's, or its subject if a name), the paragraph's next, the previous paragraph's; none
    for the `fixed` ones (a question put by someone unnamed, a name something is known by)."""
    result = list(own)
    by_paragraph: dict[int, list[int]] = {}
    for k, q in enumerate(doc.quotations):
        if own[k]:
            by_paragraph.setdefault(q.paragraph, []).append(k)
    handed: dict[int, Speaker | None] = {}
    for k, q in enumerate(doc.quotations):
        if result[k] or kinds[k] == "mention" or k in fixed:
            continue
        same = by_paragraph.get(q.paragraph, [])
        before = [j for j in same if j < k]
        opens = _opens_sentence(doc, q)
        previous = doc.previous_sentence(q.open_mark) if opens else None
        found = None if opens else _possessor(doc, q) or _subject(doc, q)
        if found is None and before:
            found = own[before[-1]]
        if found is None and previous:
            found = doc.speaker_near(previous["start"], previous["end"], previous["end"], previous["end"])
            found = found or _named_subject(doc, previous)
        if found is None and same:
            found = own[same[0]]
        if found is None and _opens_paragraph(doc, q) and q.paragraph > 0:
            if q.paragraph - 1 not in handed:
                prior = by_paragraph.get(q.paragraph - 1)
                handed[q.paragraph - 1] = result[prior[-1]] if prior else _introduced(doc, q.paragraph - 1)
            found = handed[q.paragraph - 1]
        result[k] = found
        if found and q.paragraph not in by_paragraph:
            handed[q.paragraph] = found
    return result


def _record(doc: Document, resolver: Resolver, names: dict, start: int, end: int, speaker, kind, paragraph):
    text = doc.text
    item = {"start": start, "end": end, "text": text[start:end], "kind": kind, "speaker": None,
            "speaker_start": None, "speaker_end": None, "speaker_type": None, "speaker_gender": None,
            "speaker_gender_evidence": None, "speaker_role": None,
            "cue": None, "cue_start": None, "cue_end": None, "paragraph": paragraph, "rule": None}
    if speaker is not None and kind != "mention":
        key = (speaker.start, speaker.end)
        if key not in names:
            names[key] = resolver.resolve(*key, text[slice(*speaker.role)] if speaker.role else None)
        found = names[key]
        item.update(speaker=found.name, speaker_start=speaker.start, speaker_end=speaker.end,
                    speaker_type=found.type, speaker_gender=found.gender,
                    speaker_gender_evidence=found.gender_evidence, speaker_role=found.role, rule=found.rule,
                    cue_start=speaker.cue_start, cue_end=speaker.cue_end)
        if speaker.cue_start is not None:
            item["cue"] = text[speaker.cue_start:speaker.cue_end]
    return item


def extract_quotes(text: str, paragraphs: list[dict], sentences: list[dict]) -> list[dict]:
    """Quotations (direct, partial, mention) and reported speech (indirect) of a document, by start."""
    if not paragraphs or not sentences:
        return []
    turns = find_turns(text, paragraphs)
    doc = Document(text, paragraphs, sentences, frozenset(t.mark for t in turns if t.mark is not None))
    fixed = {k: None for k, q in enumerate(doc.quotations) if _known_as(doc, q)}  # speakers no cue changes
    fixed.update((k, _asker(doc, q)) for k, q in enumerate(doc.quotations) if _put_to_someone(doc, q))
    own = [fixed[k] if k in fixed else _attribute(doc, q) for k, q in enumerate(doc.quotations)]
    kinds = [_kind(doc, q, s) for q, s in zip(doc.quotations, own)]
    speakers = _speakers(doc, own, kinds, set(fixed))
    found = [(q.start, q.end, s, kind, q.paragraph) for q, s, kind in zip(doc.quotations, speakers, kinds)]
    taken = {s.cue_start for s, kind in zip(speakers, kinds) if s is not None and kind != "mention"}
    found += [item for item in find_indirect(doc, taken) if not within_turn(turns, item[0])]
    found += [(t.start, t.end, t.speaker, "indirect", t.paragraph) for t in turns if t.speaker]
    found.sort(key=lambda item: (item[0], item[1]))
    resolver, names = Resolver(doc, RESOLVE), {}
    return resolver.with_genders([_record(doc, resolver, names, *item) for item in found])
