"""What decides a quotation's kind and speaker, read from its sentence and paragraph: the tests the
attribute rules in `sieves` apply."""
import re

from .attribution import (ACCORDING, BE, CUE, CUES, MODIFIER, OWNER, Speaker, clause_subject, mention_after, signed,
                          unlisted_before)
from .lexicon import alternation, subject_pronouns, words
from .marks import Quotation
from .view import SPEAKERS, DocumentView, outer_end

TITLE_WORDS = 8
OPENING = 80
SHORT = 8
SIGNATURE_WORDS = 8
KNOWN_CHARS = 30  # how far before a quotation KNOWN_AS is looked for
POSSESSOR_CHARS = 150  # how far before a quotation POSSESSOR is looked for
MINOR_WORDS = words("title_minor_words")
SENTENCE_END = ".!?…"
NON_SPEAKERS = words("non_speakers")
TIME_WORDS = words("time_words")
SUBORDINATOR = re.compile(rf"\b(?:{alternation(words('subordinators'))})\b")
# ", who …": a relative clause with no subject of its own and no comma after
RELATIVE = re.compile(rf", (who)\s+(?!(?:{alternation([*subject_pronouns(*SPEAKERS), 'the', 'a', 'an'])})\b)"
                      r"(?=[a-z][^,]*$)")
POSSESSOR = re.compile(rf"({OWNER})\s+(?:{MODIFIER}){{0,3}}?(?:{alternation(words('speech_nouns'))})\b"
                       rf"[^,.;:!?“”\"]{{0,80}}$")  # "her claim that she “…”"
# "…, and he has long used “…”"
COORDINATE = re.compile(rf"\b(?:and|but|yet|so that)(?=\s+(?:{alternation(subject_pronouns('person', 'any'))})\b)")
ASKED = re.compile(r"\s*(?:When\s+)?[Aa]sked\b[^,]*$")  # opening the sentence
ASKED_PASSIVE = re.compile(rf"\b(?:{alternation(BE - {'be', 'am'})})\s+asked\b[^,.]*,?\s*$")
BY = re.compile(r"\bby\s+")
KNOWN_AS = re.compile(r"\b(?:known|billed)(?:\s+[a-z]+)?\s+as\s*$")  # "known here as “…”": a name, nobody's words
# "what it calls “…”"
WHAT_CALLED = re.compile(r"\bwhat\s+([^,;:.!?“”\"]{1,60}?)(?:\s+each|\s+ha(?:s|ve))?(?:\s+[a-z]+ly)?\s+"
                         r"(?:calls?|called|dubs?|dubbed|terms?|termed)(?:\s+(?:an?|the))?\s*$")
GENERIC = words("generic_speakers")  # "what some call “…”": nobody
NAMING_WORDS = words("naming_words")


def what_called(doc: DocumentView, q: Quotation) -> Speaker | None:
    """Who names a thing with the quotation in "what X calls “…”" (not "what some call")."""
    if doc.text.find("what", max(0, q.open_mark - OPENING), q.open_mark) < 0:  # a cheap test first
        return None
    start = max(doc.sentence_at(q.open_mark)["start"], q.open_mark - OPENING)
    found = WHAT_CALLED.search(doc.text, start, q.open_mark)
    if found is None or found.group(1).lower() in GENERIC:
        return None
    mention = mention_after(doc.text, found.start(1), found.end(1), with_role=False)
    return Speaker(*mention[0], None, None) if mention and mention[0][1] == found.end(1) else None


def according_to(doc: DocumentView, lo: int, hi: int) -> Speaker | None:
    """The source that reports a quotation's speaker in the sentence text[lo:hi]: "…,” X said, according
    to Y." / "According to Y, X said …" (a nested attribution, given to its outer source)."""
    at = doc.text.find("ccording to", lo, hi)  # a cheap test before the cue scan
    for m in CUE.finditer(doc.text, at - 1, hi) if at > lo else ():
        if m.group() in ACCORDING and not doc.quoted(m.start()):
            return doc.speaker_of(m, lo, hi)
    return None


def put_to_someone(doc: DocumentView, q: Quotation) -> bool:
    """Whether a quotation is a question put to the sentence's subject: "Asked whether “…”, X said" /
    "X was asked, “…”"."""
    start = doc.sentence_at(q.open_mark)["start"]
    if doc.text.find("sked", start, q.open_mark) < 0:  # a cheap test before the regexes
        return False
    return bool(ASKED.match(doc.text, start, q.open_mark) or ASKED_PASSIVE.search(doc.text, start, q.open_mark))


def asker(doc: DocumentView, q: Quotation) -> Speaker | None:
    """Who puts a question, when named after "by" before it ("Asked by X whether “…”")."""
    by = BY.search(doc.text, doc.sentence_at(q.open_mark)["start"], q.open_mark)
    found = mention_after(doc.text, by.end(), q.open_mark, with_role=False) if by else None
    return Speaker(*found[0], None, None) if found else None


def _attribution_follows(doc: DocumentView, sentence: dict, content: str) -> bool:
    """Whether a sentence split off after a quotation still attributes it: it opens in lower case
    ("…!” beamed X"), with a cue ("…” Trump said."), or is short after a question or exclamation."""
    start, end = sentence["start"], sentence["end"]
    if doc.quoted(start):
        return False
    return (doc.text[start].islower() or CUE.search(doc.text, start, min(end, start + OPENING)) is not None
            or (content.endswith(("?", "!")) and len(doc.text[start:end].split()) <= SHORT))


def signature(doc: DocumentView, q: Quotation) -> Speaker | None:
    """A dash and a name after the quotation, in its paragraph or alone in the next one."""
    para = doc.paragraphs[q.paragraph]
    found = signed(doc.text, outer_end(q), para["end"])
    if found is None and not doc.text[outer_end(q):para["end"]].strip(" .") and q.paragraph + 1 < len(doc.paragraphs):
        following = doc.paragraphs[q.paragraph + 1]
        if len(doc.text[following["start"]:following["end"]].split()) <= SIGNATURE_WORDS:
            found = signed(doc.text, following["start"], following["end"])
    return found


def enclosing_subject(doc: DocumentView, q: Quotation) -> Speaker | None:
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


def possessor(doc: DocumentView, q: Quotation) -> Speaker | None:
    """Whose remark a partial quotation is part of: "her claim that she “…”", "Trump's promise to be
    “…”"."""
    start = doc.sentence_at(q.open_mark)["start"]
    found = POSSESSOR.search(doc.text, max(start, q.open_mark - POSSESSOR_CHARS), q.open_mark)
    if found is None or doc.quoted(found.start()):
        return None
    return Speaker(*found.span(1), None, None)


def named_subject(doc: DocumentView, sentence: dict) -> Speaker | None:
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


def introduced(doc: DocumentView, index: int) -> Speaker | None:
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
    return named_subject(doc, sentence)


def known_as(doc: DocumentView, q: Quotation) -> bool:
    """Whether a quotation is a name something is known by: "an event billed as “…”"."""
    before = doc.text[max(0, q.open_mark - 3):q.open_mark]
    if "as" not in before:  # a cheap test first
        return False
    return KNOWN_AS.search(doc.text, max(doc.sentence_at(q.open_mark)["start"], q.open_mark - KNOWN_CHARS),
                           q.open_mark) is not None


def opens_paragraph(doc: DocumentView, q: Quotation) -> bool:
    return not doc.text[doc.paragraphs[q.paragraph]["start"]:q.open_mark].strip()


def _title_like(content: str) -> bool:
    """Whether a short quotation reads as a title or name: every word that matters capitalised."""
    words = content.split(None, TITLE_WORDS)  # words counted to TITLE_WORDS + 1
    return len(words) <= TITLE_WORDS and all(w[:1].isupper() or not w[:1].isalpha() or w in MINOR_WORDS for w in words)


def kind_of(doc: DocumentView, q: Quotation, speaker: Speaker | None) -> str:
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


def opens_sentence(doc: DocumentView, q: Quotation) -> bool:
    return not doc.text[doc.sentence_at(q.open_mark)["start"]:q.open_mark].strip()


def own_sentences(doc: DocumentView, q: Quotation) -> tuple[int, int]:
    """(start, end) of the quotation's own sentence(s), with, for a quotation that opens its sentence, the
    next one on the same line when that still attributes it ("…?” Trump asked." split after the question
    mark)."""
    first, last = doc.sentence_at(q.open_mark), doc.sentence_at(outer_end(q) - 1)
    lo, hi = first["start"], last["end"]
    following = doc.sentence_at(hi + 1)
    if (following["paragraph"] == last["paragraph"] and following["start"] >= hi and opens_sentence(doc, q)
            and not doc.text[outer_end(q):following["start"]].strip(" ")
            and _attribution_follows(doc, following, doc.text[q.start:q.end])):
        hi = following["end"]
    return lo, hi


class Attributions:
    """A document's quotations with the speaker each has so far and the rule that gave it; rules read the
    speakers their neighbours got from their own sentences (`own`) and those handed from paragraph to
    paragraph."""

    def __init__(self, doc: DocumentView):
        self.doc = doc
        self.speakers: list[Speaker | None] = [None] * len(doc.quotations)
        self.rules: list[str | None] = [None] * len(doc.quotations)
        self.own: dict[int, list[int]] = {}  # paragraph -> its quotations with a speaker of their own
        self.handed: dict[int, Speaker | None] = {}
        self._sentences: dict[int, tuple[int, int]] = {}

    def sentences(self, k: int) -> tuple[int, int]:
        """`own_sentences` of quotation k, computed once."""
        if k not in self._sentences:
            self._sentences[k] = own_sentences(self.doc, self.doc.quotations[k])
        return self._sentences[k]

    def settle_own(self) -> None:
        """Freeze the speakers found in the quotations' own sentences, before the context is read."""
        for k, q in enumerate(self.doc.quotations):
            if self.speakers[k]:
                self.own.setdefault(q.paragraph, []).append(k)

    def handed_from(self, paragraph: int) -> Speaker | None:
        """The speaker a paragraph hands on to the next: its last own speaker, else the last one a rule
        gave its quotations, else the one its last sentence introduces."""
        if paragraph not in self.handed:
            prior = self.own.get(paragraph)
            self.handed[paragraph] = self.speakers[prior[-1]] if prior else introduced(self.doc, paragraph)
        return self.handed[paragraph]

    def give(self, k: int, speaker: Speaker | None, rule: str | None) -> None:
        """Record quotation k's speaker from its context and the rule that found it."""
        self.speakers[k], self.rules[k] = speaker, rule
        paragraph = self.doc.quotations[k].paragraph
        if speaker and paragraph not in self.own:
            self.handed[paragraph] = speaker
