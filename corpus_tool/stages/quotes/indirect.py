"""Reported speech without quotation marks: one item for each cue with content, mostly with a speaker.

    X said (that) CONTENT.          X told reporters (that) CONTENT.
    CONTENT, X said (on Monday).    CONTENT, according to X.     A, X said, B.
    According to X, CONTENT.        X believes / found / shows (that) CONTENT.
    X endorsed / criticised Y.      Asked whether CONTENT, …     the notion that CONTENT
    NAME: CONTENT (headlines, transcripts)                         ''A,'' X said. ''B.''
    X's attacks on CONTENT / his plan to CONTENT / her claim that CONTENT

Cues come from the speech lexicon and lexicons of stance and evidence verbs (data/belief_verbs.txt, and
data/object_verbs.txt for those whose content is a noun phrase) and of stance nouns, which report only
with an owner (data/stance_nouns.txt); a headline in title case has its capitalised cues too. A cue's
word used as a noun ("the fear of") or a passive participle ("backed by") reports nothing. A cue that
already introduces a quotation is left out, content running into a quotation is cut short before it,
and of two items reporting the same content only the first is kept.
Texts that quote with two apostrophes (''…'') have no quotation marks for `marks`: what they quote is
reported here, the whole quotation around its tag.
"""
import re
from typing import NamedTuple

from .attribution import (ACCORDING, CUE, CUE_FORMS, CUE_WORDS, MODIFIER, OWNER, PREPOSITIONS, QUOTE_LIKE, STOPWORDS,
                          Speaker, clause_subject, mention_after, mention_before, word_start)
from .lexicon import alternation, keyed, lemma_forms, lines, ordered_alternation, words
from .view import DocumentView


class Report(NamedTuple):
    """Reported content, its speaker, and the attribute rule that found the speaker (None when the find rule
    names it itself)."""

    content: tuple[int, int]
    speaker: Speaker | None
    attribution: str | None = None


REPORT_FORMS = keyed("belief_verbs") | keyed("object_verbs")
OBJECT_VERBS = keyed("object_verbs")
STANCE_NOUNS = keyed("stance_nouns")  # noun -> the preposition opening its content
NOUNS_ONLY = STANCE_NOUNS.keys() - CUE_FORMS.keys() - REPORT_FORMS.keys()  # "criticism", not "claims"
ANY_CUE = re.compile(rf"\b(?:{ordered_alternation(CUE_FORMS, ACCORDING, REPORT_FORMS, STANCE_NOUNS)})\b")
TITLE_CUE = re.compile(rf"\b(?:{CUE_WORDS}|{alternation(REPORT_FORMS)})\b", re.IGNORECASE)
TITLE_FORMS = (*CUE_FORMS, *ACCORDING, *REPORT_FORMS)  # the words TITLE_CUE matches
OPENING_CHARS = min(3, *map(len, TITLE_FORMS))
# how they open, lower-cased (None if any is not ASCII): a sentence opening otherwise is not tried (a cheap test)
TITLE_OPENINGS = frozenset(f[:OPENING_CHARS].lower() for f in TITLE_FORMS) if all(map(str.isascii, TITLE_FORMS)) \
    else None
THAT = re.compile(r"\s+that\b")  # "said that CONTENT"
THAT_WORD = re.compile("that")
CONTENT_NOUNS = words("content_nouns")
NOUN_CLAUSE = re.compile(rf"\b(?:{alternation(CONTENT_NOUNS)})\s+that\s+")  # "the notion that CONTENT"
# where reported content ends before its sentence does: "…, adding that …", "… and accused …",
# "…; …", "…, while …", "…, compared with …", a line break
CONTENT_END = re.compile(rf", (?=\w+ing\b)(?={CUE.pattern})| and(?: also| then| later)? (?={CUE.pattern})"
                         r"|;\s|\n|, (?:while|whereas|compared to|compared with)\b")
TOKENS = re.compile(r"\S+")
TRAILING = re.compile(r"[\s.,;:!?'’]+$")
TRAILING_MARKS = ".,;:!?'’"  # TRAILING's characters besides spaces
# "…, X said in a statement on Monday.": how long the part after a closing cue may be (5-7 best on train)
TAIL_WORDS = 6
# words that open a clause after a cue: "Asked about it, X said he would …" reports what follows, not the aside before
CLAUSE_OPENERS = words("clause_openers")
MIN_WORDS = 3
SAME = 0.4  # two contents sharing this part of the longer one report the same thing (0.35-0.45 best on train)
# "Trump: Clinton should have congratulated me" / "KATE BOLDUAN: Why not debate?" / "Cruz on Rubio: …"
LABEL = re.compile(r"((?:[A-Z][\w.'’\-]*[^\S\n]){0,4}[A-Z][\w.'’\-]*)(?:[^\S\n]+on[^\S\n][^:\n]{1,80}?)?:\s+")
LABEL_WORDS = words("label_words")
TWO_QUOTES = "''"  # texts that quote with two apostrophes: ''…,'' X said. ''…''
CONTINUATION = re.compile(r"(?:[^']|'(?!')){0,200}?[.,]\s*''")  # the rest of a tag, then ''…
# "asked (at a briefing) whether/if/why … CONTENT" or "asked about CONTENT"
QUESTION = re.compile(r"\w+[^,.;:]{0,40}?\b(?:about\s+|(?=(?:whether|if|why|how|what|which|who|when|where)\b))(\S)")
TAG_END = re.compile(r"[^,.;:!?'’\"”]{0,30},")  # "…, he said on Monday, …"
OPENING = re.compile(r"[\s,:]*''")  # "X said: ''…''"
# "his (repeated) attacks on CONTENT", "Lee's plan to CONTENT": the owner before the noun, the preposition after it
OWNED = re.compile(rf"({OWNER})\s+(?:{MODIFIER})?$")
OWNER_CHARS = 60  # how far before the noun its owner may start
STANCE_PREPOSITION = re.compile(r"\s+(on|of|to|for|that)\s+")
NOUN_PHRASE_PREPOSITIONS = ("on", "of", "for")  # their content is a noun phrase, up to the first comma
ASPECTUAL = lemma_forms("cue_verbs", "continue")  # "continues to grow"
PUT = lemma_forms("cue_verbs", "put")  # a report only in "as X put it," / "X put it bluntly:"
TO = re.compile(r"[^\S\n]+to\b")
IT = re.compile(r"[^\S\n]+it\b")
# "as X put it,", "X put it this way:", "X put it bluntly"
PUT_IT = re.compile(r"[^\S\n]+it(?=[,.:;!?—–]|[^\S\n]+(?:this|that)[^\S\n]+way\b|[^\S\n]+[a-z]+ly\b)")
NEXT_WORD = re.compile(r"[^\S\n]+([\w’'\-]+)")
IDIOMS = frozenset(" ".join(line) for line in lines("idioms"))  # "pledged delegates": no report
IDIOM_STARTS = frozenset(idiom.split()[0] for idiom in IDIOMS)
PASSIVE = re.compile(rf"[^\S\n]+by[^\S\n]+(?:[A-Z0-9]|(?:{alternation(words('determiners'))})\b)")  # "backed by Iran"
NOUN_MARKERS = words("noun_markers")  # "the fear of", "his claims": a noun, not a report


def content_span(text: str, start: int, end: int, min_words: int = MIN_WORDS) -> tuple[int, int] | None:
    """text[start:end] up to where its clause ends (CONTENT_END), without surrounding spaces, commas and
    final punctuation, if long enough."""
    while start < end and text[start] in " \t\n,:'‘":
        start += 1
    cut = CONTENT_END.search(text, start, end)
    end = cut.start() if cut else end
    while end > start and (text[end - 1].isspace() or text[end - 1] in TRAILING_MARKS):  # TRAILING, without a search
        end -= 1
    words = text[start:end].split(None, min_words - 1)  # counted up to min_words
    return (start, end) if len(words) >= min_words else None


def according(doc: DocumentView, sentence: dict, cue: re.Match) -> Report | None:
    """"According to X, CONTENT." or "CONTENT, according to X."."""
    text, start, end = doc.text, sentence["start"], sentence["end"]
    found = mention_after(text, cue.end(), end, with_role=False) or _source_phrase(text, cue.end(), end)
    if found is None:
        return None
    speaker = Speaker(*found[0], *cue.span(), found[1])
    if not text[start:cue.start()].strip():
        comma = text.find(",", found[0][1], end)
        content = content_span(text, comma + 1, end) if comma >= 0 else None
    else:
        content = content_span(text, start, cue.start())
    return with_content(content, speaker)


def _source_phrase(text: str, start: int, end: int) -> tuple[tuple[int, int], None] | None:
    """The words after "according to" up to a comma or the sentence's end ("according to early
    results of exit polls, …"), for a source that is neither a name nor opens with a determiner."""
    comma = text.find(",", start, end)
    stop = TRAILING.search(text, start, comma if comma >= 0 else end)
    words = list(TOKENS.finditer(text, start, stop.start() if stop else end))
    return ((words[0].start(), words[-1].end()), None) if words else None


def reported(doc: DocumentView, sentence: dict, cue: re.Match, speaker: Speaker | None) -> Report | None:
    """"X said (that) CONTENT.", "CONTENT, X said.", "A, X said, B." (content around the tag), given the
    cue's speaker."""
    text, start, end = doc.text, sentence["start"], sentence["end"]
    if speaker is None:
        return None
    raw = text[start:min(speaker.start, cue.start())].rstrip()
    lead = raw.rstrip(QUOTE_LIKE).rstrip()
    lead_end = start + len(lead.rstrip(","))
    quoted = raw.endswith(TWO_QUOTES) and lead.endswith((",", "?", "!"))
    if quoted:
        start = _opened(doc, sentence)
        resumed = _resumed(doc, sentence, max(speaker.end, cue.end()))
        if resumed:  # "''A,'' X said. ''B''": the tag sits inside the quotation it attributes
            return with_content(content_span(text, start, resumed), speaker)
    if (lead.endswith(",") and speaker.start < cue.start() and not _circumstance(lead)
            and cue.group().lower() not in OBJECT_VERBS and TAG_END.match(text, cue.end(), end)):
        content = content_span(text, start, end)
        if content is None or content[1] > cue.end():  # "A, X said, B.": the tag sits inside
            return with_content(content, speaker)
    tail = text[cue.end():end].split(None, TAIL_WORDS)  # words counted to TAIL_WORDS + 1
    if speaker.start > cue.start() or quoted or (
            lead.endswith(",") and len(tail) <= TAIL_WORDS and not (tail and tail[0].lower() in CLAUSE_OPENERS)
            and not (len(tail) >= MIN_WORDS and _adverbial(lead))):
        content = content_span(text, start, lead_end)
    else:
        content = _following(doc, sentence, cue)
    if content is None or (content[0] < speaker.end and speaker.start < content[1]):
        return None
    return Report(content, speaker)


def with_content(content: tuple[int, int] | None, speaker: Speaker | None) -> Report | None:
    """The report of content and speaker, if there is content."""
    return Report(content, speaker) if content else None


def _following(doc: DocumentView, sentence: dict, cue: re.Match) -> tuple[int, int] | None:
    """The content after a cue, past a "that" right after it (or the "it" of "put it"): to the sentence's end,
    the close of a two-apostrophe quotation it opens, or, after a verb taking a noun phrase ("X endorsed Y, …"),
    the first comma."""
    text, end = doc.text, sentence["end"]
    that = THAT.match(text, cue.end(), end) or (IT.match(text, cue.end(), end) if cue.group() in PUT else None)
    begin, min_words = that.end() if that else cue.end(), MIN_WORDS
    opening = OPENING.match(text, begin, end)
    if opening:
        end = _closing(doc, sentence, opening.end())
    elif cue.group().lower() in OBJECT_VERBS:
        return _noun_phrase(text, begin, end)
    return content_span(text, begin, end, min_words)


def _noun_phrase(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A content that is a noun phrase ("X endorsed Y, …", "his attacks on Y, …"): up to the first comma."""
    comma = text.find(",", start, end)
    return content_span(text, start, comma if comma >= 0 else end, 1)


def cue_subject(text: str, start: int, cue: re.Match) -> Speaker | None:
    """The subject of the clause a cue ends, past leading asides, when no mention ends right before
    the cue ("A poll conducted in May showed …")."""
    found = clause_subject(text, start, cue.start())
    return Speaker(*found[0], *cue.span(), found[1]) if found else None


def modified_noun(text: str, start: int, cue: re.Match) -> Speaker | None:
    """The noun phrase an -ing cue modifies: "Democrats supporting Mrs. Clinton"."""
    if text[start:cue.start()].rstrip().endswith((",", ";", ":")):
        return None
    found = mention_before(text, start, cue.start())
    return Speaker(*found[0], *cue.span(), found[1]) if found else None


def asked(doc: DocumentView, sentence: dict, cue: re.Match) -> Report | None:
    """A question put to someone, with no one named to have asked it: "Asked whether …, X said"."""
    question = QUESTION.match(doc.text, cue.start(), sentence["end"]) if cue.group().lower() == "asked" else None
    if question is None:
        return None
    comma = doc.text.find(",", question.end(), sentence["end"])
    return with_content(content_span(doc.text, question.start(1), comma if comma >= 0 else sentence["end"]), None)


def _circumstance(lead: str) -> bool:
    """Whether the words before a tag say where or when it was said ("In an email,", "Meanwhile,")."""
    words = lead.split()
    return len(words) == 1 or (words[0].lower() in PREPOSITIONS and words[0].lower() != "to")


def _adverbial(lead: str) -> bool:
    """Whether the words before a tag open with an adverbial ("In an email, X said …"), not content."""
    first = lead.split(None, 1)[0].lower()
    return first in PREPOSITIONS or first in STOPWORDS or "," not in lead[:-1] and first.endswith(("ing", "ed"))


def _opened(doc: DocumentView, sentence: dict) -> int:
    """Start of the two-apostrophe quotation a sentence ends, which may open sentences earlier in
    its paragraph (''…. …,'' X said)."""
    para_start = doc.paragraphs[sentence["paragraph"]]["start"]
    marks = doc.text.count(TWO_QUOTES, para_start, sentence["start"])
    return doc.text.rfind(TWO_QUOTES, para_start, sentence["start"]) if marks % 2 else sentence["start"]


def _resumed(doc: DocumentView, sentence: dict, offset: int) -> int | None:
    """End of a two-apostrophe quotation that resumes right after the tag at offset ("…,'' X said.
    ''…''"), at its closing marks or its paragraph's end."""
    end = doc.paragraphs[sentence["paragraph"]]["end"]
    opened = CONTINUATION.match(doc.text, offset, end)
    return _closing(doc, sentence, opened.end()) if opened else None


def _closing(doc: DocumentView, sentence: dict, offset: int) -> int:
    """Where a two-apostrophe quotation opened before offset closes: at its marks or its paragraph's end."""
    end = doc.paragraphs[sentence["paragraph"]]["end"]
    closed = doc.text.find(TWO_QUOTES, offset, end)
    return closed if closed >= 0 else end


def labelled(doc: DocumentView, sentence: dict) -> Report | None:
    """"NAME: CONTENT" opening a sentence, as in headlines and transcripts; content runs to the
    paragraph's end. Labels ("Update:", "The Latest:"), single letters ("Q:") and lists of names are left out."""
    text = doc.text
    label = LABEL.match(text, sentence["start"], sentence["end"])
    if label is None:
        return None
    if is_label(label.group(1)):
        return None
    content = content_span(text, label.end(), doc.paragraphs[sentence["paragraph"]]["end"])
    said = text[content[0]:content[1]] if content else ""
    if not said or ("," in said and not any(w[:1].islower() for w in said.split())):  # a list of names
        return None
    colon = text.rindex(":", label.start(), label.end())
    return Report(content, Speaker(label.start(1), label.end(1), colon, colon + 1))


def is_label(name: str) -> bool:
    """Whether the NAME of a "NAME: …" line is a label, not a speaker: "Update", "The Latest", "Q"."""
    parts = name.replace(".", "").split()
    return len("".join(parts)) < 2 or parts[0].lower().strip("'’") in LABEL_WORDS or parts[-1].lower() in LABEL_WORDS


def cues(doc: DocumentView) -> list[re.Match]:
    """Every cue of the text, with capitalised ones in a headline in title case ("Clinton Says …") and
    at the start of a sentence ("Asked whether …, X said")."""
    text, title = doc.text, doc.paragraphs[0]
    extra = list(TITLE_CUE.finditer(text, title["start"], title["end"]))
    extra += [TITLE_CUE.match(text, s["start"], s["end"]) for s in doc.sentences
              if s["start"] >= title["end"] and text[s["start"]].isupper()  # only capitalised ones are kept
              and _may_open_cue(text[s["start"]:s["start"] + OPENING_CHARS])]
    # quoted cues are left out by the caller: the text between quotations is all that is read
    found = [m for start, end in doc.unquoted(0, len(text)) for m in ANY_CUE.finditer(text, start, end)]
    found += [m for m in extra if m and m.group()[:1].isupper() and not ANY_CUE.fullmatch(m.group())]
    return sorted(found, key=re.Match.start)


def _may_open_cue(opening: str) -> bool:
    """Whether a sentence opening with these OPENING_CHARS characters may be a cue in title case: an ASCII
    opening is looked up in TITLE_OPENINGS (for ASCII words and text, TITLE_CUE's case-insensitive match is
    that of their lower case); any other is left to TITLE_CUE."""
    return TITLE_OPENINGS is None or not opening.isascii() or opening.lower() in TITLE_OPENINGS


def not_a_report(text: str, cue: re.Match) -> bool:
    """Whether a cue's word is used as a noun ("the fear of …", "his claims"), as a passive participle
    ("militias backed by Iran") or in a sense that reports nothing ("continues to grow", "put it on hold"
    but not "as she put it", "pledged delegates") rather than as a verb reporting something."""
    word, end = cue.group(), cue.end()
    if ("by" in text[end + 1:end + 4] and PASSIVE.match(text, end)) or (word in ASPECTUAL and TO.match(text, end)):
        return True
    if word in PUT and not PUT_IT.match(text, end):
        return True
    if word.lower() in IDIOM_STARTS:
        following = NEXT_WORD.match(text, end)
        if following and f"{word.lower()} {following.group(1).lower()}" in IDIOMS:
            return True
    before = text[max(0, cue.start() - 12):cue.start()].split()
    return bool(before) and before[-1].lower() in NOUN_MARKERS


def stance(text: str, noun: re.Match, sentence: dict) -> Report | None:
    """The content of a noun of stance, with its owner as the speaker ("his attacks on Mr. Clinton"); none
    without an owner or the noun's own preposition after it."""
    end = sentence["end"]
    preposition = STANCE_PREPOSITION.match(text, noun.end(), end)
    if preposition is None or preposition.group(1) != STANCE_NOUNS[noun.group()]:
        return None
    owner = OWNED.search(text, max(sentence["start"], noun.start() - OWNER_CHARS), noun.start())
    if owner is None:
        return None
    read = _noun_phrase if preposition.group(1) in NOUN_PHRASE_PREPOSITIONS else content_span
    return with_content(read(text, preposition.end(), end), Speaker(*owner.span(1), *noun.span()))


def noun_clauses(text: str):
    """NOUN_CLAUSE's matches, tried only at the word before each "that" rather than at every offset: the
    nouns are single words and the matches cannot overlap, so they are the same; a word that is no noun of
    the list is passed over before the match (a cheap test)."""
    for that in THAT_WORD.finditer(text):
        noun_end = that.start()
        while noun_end and text[noun_end - 1].isspace():
            noun_end -= 1
        noun_start = word_start(text, 0, noun_end) if noun_end < that.start() else noun_end
        found = NOUN_CLAUSE.match(text, noun_start) if text[noun_start:noun_end] in CONTENT_NOUNS else None
        if found:
            yield found


def distinct(found: list[tuple]) -> list[tuple]:
    """The items in order, leaving out any that shares SAME of the longer span with one kept before
    (two cues reporting the same content: "X said he believes …")."""
    kept: list[tuple] = []
    for item in found:
        a, b = item[0], item[1]
        if not any(min(b, k[1]) - max(a, k[0]) >= SAME * max(b - a, k[1] - k[0]) for k in kept if k[1] > a):
            kept.append(item)
    return kept


def unquoted(doc: DocumentView, result: Report | None, sentence: dict) -> list[tuple]:
    """The found (content, speaker) as an item in a list; content that runs into a quotation is cut at
    the last comma before it, and none is left if a quotation opens it."""
    if result is None:
        return []
    (a, b), speaker = result.content, result.speaker
    if doc.overlaps_quotation(a, b):
        if doc.quoted(a):
            return []
        comma = doc.text.rfind(",", a, doc.next_quotation(a))
        content = content_span(doc.text, a, comma) if comma > a else None
        if content is None:
            return []
        a, b = content
    return [(a, b, speaker, "indirect", sentence["paragraph"])]
