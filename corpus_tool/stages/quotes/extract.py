"""The quotes stage's entry point: the rules of `sieves` run in their order over a document, each item
stamped with the rules that made it."""
from .attribution import Speaker
from .indirect import cues, distinct, unquoted
from .quotations import Attributions, kind_of
from .resolution import Resolver
from .rules import STOP, chain, first
from .sieves import (CUE_REPORTS, FROM_CONTEXT, FROM_SENTENCE, RESOLVE, REVISING, label, noun_clause,
                     quotation_marks, transcript_turn)
from .transcript import within_turn
from .view import DocumentView

Item = tuple[int, int, Speaker | None, str, int, str]  # start, end, speaker, kind, paragraph, rule


def _from_sentence(found: Attributions, k: int) -> None:
    """Quotation k's speaker from its own sentence(s): the first rule that decides, revised by the rules
    in REVISING; a STOP leaves it nobody's, for good."""
    for candidate in FROM_SENTENCE:
        if found.rules[k] is None or (candidate.name in REVISING and found.speakers[k] is not None):
            speaker = candidate.apply(found, k)
            if speaker is not None:
                found.speakers[k], found.rules[k] = None if speaker is STOP else speaker, candidate.name


def _quotations(doc: DocumentView) -> list[Item]:
    """Items of the quotations: kind, and speaker from their sentence, else from their context."""
    found = Attributions(doc)
    for k in range(len(doc.quotations)):
        _from_sentence(found, k)
    kinds = [kind_of(doc, q, s) for q, s in zip(doc.quotations, found.speakers)]
    found.settle_own()
    for k in range(len(doc.quotations)):
        if found.rules[k] is None and kinds[k] != "mention":
            rule, speaker = first(FROM_CONTEXT, found, k)
            found.give(k, speaker, rule.name if rule else None)
    find = quotation_marks.name
    return [(q.start, q.end, s, kind, q.paragraph, chain(find, r if kind != "mention" else None))
            for q, s, kind, r in zip(quotation_marks.apply(doc), found.speakers, kinds, found.rules)]


def _reports(doc: DocumentView, taken: set[int]) -> list[Item]:
    """Items of reported speech, leaving out the cues in `taken` (offsets of cues that introduce a quotation)."""
    found = []
    for cue in cues(doc):
        if cue.start() in taken or doc.quoted(cue.start()):
            continue
        sentence = doc.sentence_at(cue.start())
        rule, result = first(CUE_REPORTS, doc, cue, sentence)
        if result is not None and result is not STOP:
            found += [(*item, chain(rule.name, result.attribution)) for item in unquoted(doc, result, sentence)]
    for sentence in doc.sentences:
        if doc.text.find(":", sentence["start"], sentence["end"]) < 0:  # no label: most sentences (a cheap test)
            continue
        result = label.apply(doc, sentence)
        if result is not None:
            found += [(*item, label.name) for item in unquoted(doc, result, sentence)]
    for result, sentence in noun_clause.apply(doc):
        found += [(*item, noun_clause.name) for item in unquoted(doc, result, sentence)]
    return distinct(sorted(found, key=lambda item: (item[0], item[1])))


def _record(doc: DocumentView, resolver: Resolver, names: dict, start: int, end: int, speaker, kind, paragraph,
            rule: str) -> dict:
    text = doc.text
    item = {"start": start, "end": end, "text": text[start:end], "kind": kind, "speaker": None,
            "speaker_start": None, "speaker_end": None, "speaker_type": None, "speaker_gender": None,
            "speaker_gender_evidence": None, "speaker_role": None,
            "cue": None, "cue_start": None, "cue_end": None, "paragraph": paragraph, "rule": rule}
    if speaker is not None and kind != "mention":
        key = (speaker.start, speaker.end)
        if key not in names:
            names[key] = resolver.resolve(*key, text[slice(*speaker.role)] if speaker.role else None)
        found = names[key]
        item.update(speaker=found.name, speaker_start=speaker.start, speaker_end=speaker.end,
                    speaker_type=found.type, speaker_gender=found.gender,
                    speaker_gender_evidence=found.gender_evidence, speaker_role=found.role,
                    rule=chain(rule, found.rule), cue_start=speaker.cue_start, cue_end=speaker.cue_end)
        if speaker.cue_start is not None:
            item["cue"] = text[speaker.cue_start:speaker.cue_end]
    return item


def extract_quotes(text: str, paragraphs: list[dict], sentences: list[dict], author: str | None = None) -> list[dict]:
    """Quotations (direct, partial, mention) and reported speech (indirect) of a document, by start;
    `author`: the writer its metadata names (the html reader's `meta.author`), if any."""
    if not paragraphs or not sentences:
        return []
    turns = transcript_turn.apply(text, paragraphs)
    doc = DocumentView(text, paragraphs, sentences, frozenset(t.mark for t in turns if t.mark is not None))
    found = _quotations(doc)
    taken = {s.cue_start for _, _, s, kind, _, _ in found if s is not None and kind != "mention"}
    found += [item for item in _reports(doc, taken) if not within_turn(turns, item[0])]
    found += [(t.start, t.end, t.speaker, "indirect", t.paragraph, transcript_turn.name) for t in turns if t.speaker]
    found.sort(key=lambda item: (item[0], item[1]))
    resolver, names = Resolver(doc, RESOLVE, author), {}
    return resolver.with_genders([_record(doc, resolver, names, *item) for item in found])
