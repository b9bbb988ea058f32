"""Every rule of the quotes stage, step by step, in the order they are tried (see `rules` for the unit).

find
    transcript turns, then quotation marks; then, for each cue outside quotations, the first of
    CUE_REPORTS that decides; then labelled lines and noun clauses.
attribute (a quotation's speaker)
    FROM_SENTENCE: the quotation's own sentence(s), first rule that finds a speaker wins (a rule may
    decide "nobody"); `according-to-source` revises what `signature` or `cue` found. Then, for
    quotations still without one (and neither mentions nor decided), FROM_CONTEXT: its sentence's clause,
    its paragraph, the previous sentence and paragraph.
    Reported speech and transcript turns get their speaker from their find rule.
resolve
    RESOLVE (the speaker's canonical name) is still one decision inside `resolution.Resolver`.

Each example's text is an article's body under a one-line headline; `expect` names fields of the item
the rule makes of it (`text`: the item's span, `mention`: the speaker as written).
"""
from __future__ import annotations

import re

from .attribution import Speaker, unlisted_after, unlisted_before
from .indirect import (NOUNS_ONLY, STANCE_NOUNS, according, asked, content_span, labelled, noun_clauses,
                       not_a_report, reported, stance, with_content)
from .marks import Quotation
from .quotations import (Attributions, according_to, asker, enclosing_subject, known_as, named_subject,
                         opens_paragraph, opens_sentence, possessor, put_to_someone, signature, what_called)
from .rules import STOP, Example, rule
from .transcript import Turn, find_turns
from .view import DocumentView, outer_end

Report = tuple[tuple[int, int], Speaker | None]


# --- find ---------------------------------------------------------------------------------------------

@rule("find", "transcript-turn",
      Example("Partial transcript:\n\nWALLACE: Let us start with the news tonight.\n\n"
              "PENCE: Well, the truth is that we are ready.\n\nWALLACE: Governor, thank you.",
              {"text": "Well, the truth is that we are ready.", "speaker": "PENCE", "kind": "indirect"}),
      Example("UPDATE: The vote is delayed until Monday.\n\nNEWS: More to come on this story.", None))
def transcript_turn(text: str, paragraphs: list[dict]) -> list[Turn]:
    """Each paragraph of a transcript ("NAME: …" with some label coming back) is its labelled speaker's."""
    return find_turns(text, paragraphs)


@rule("find", "quotation-marks",
      Example("“We will win,” Jane Doe said.", {"text": "We will win,", "kind": "direct"}),
      Example("The senator called the bill “a disaster” on Monday.", {"text": "a disaster", "kind": "partial"}),
      Example("She appeared on “Meet the Press” on Sunday.", {"kind": "mention", "speaker": None}))
def quotation_marks(doc: DocumentView) -> list[Quotation]:
    """Text between double quotation marks, paragraph by paragraph (see `marks`)."""
    return doc.quotations


@rule("find", "stance-noun",
      Example("Ann Lee stepped up her attacks on the mayor, who did not reply.",
              {"text": "the mayor", "speaker": "Ann Lee"}),
      Example("The seat went to Tom Hart after his pledge to balance the budget by 2020.",
              {"text": "balance the budget by 2020", "speaker": "Tom Hart"}),
      Example("Criticism of the plan grew on Monday.", None),
      Example("Ann Lee's attacks were answered by the mayor on the radio.", None))
def stance_noun(doc: DocumentView, cue: re.Match, sentence: dict) -> Report | None:
    """A noun of stance with its owner and its own preposition: "his attacks on X", "Lee's plan to X"."""
    return stance(doc.text, cue, sentence) if cue.group() in STANCE_NOUNS else None


@rule("find", "not-a-report",
      Example("The town lived through all kinds of fear in the past days.", None),
      Example("The rebels were helped by militias backed by Iran after the siege began.", None),
      Example("Support for the plan continues to grow among voters in the state.", None),
      Example("Tom Hart leads Ann Lee by 270 pledged delegates in the race.", None))
def not_a_cue(doc: DocumentView, cue: re.Match, sentence: dict) -> object | None:
    """A cue's word used as a noun ("the fear of"), a passive participle ("backed by Iran") or in an idiom
    ("pledged delegates", "continues to grow") reports nothing."""
    return STOP if cue.group() in NOUNS_ONLY or not_a_report(doc.text, cue) else None


@rule("find", "according-to",
      Example("According to Tom Hart, the plan was dead.", {"text": "the plan was dead", "speaker": "Tom Hart"}),
      Example("The plan was dead, according to Tom Hart.", {"text": "The plan was dead", "speaker": "Tom Hart"}))
def according_to_report(doc: DocumentView, cue: re.Match, sentence: dict) -> Report | object | None:
    """"According to X, CONTENT." or "CONTENT, according to X."."""
    if cue.group().lower() != "according to":
        return None
    return according(doc, sentence, cue) or STOP


@rule("find", "reported-speech",
      Example("Tom Hart said that the plan was dead.", {"text": "the plan was dead", "speaker": "Tom Hart"}),
      Example("The plan was dead, Tom Hart said on Monday.", {"text": "The plan was dead", "speaker": "Tom Hart"}),
      Example("The plan, Tom Hart said, was dead.", {"text": "The plan, Tom Hart said, was dead"}),
      Example("Tom Hart endorsed Ann Lee.", {"text": "Ann Lee", "speaker": "Tom Hart"}),
      Example("Their claims about the vote were never tested in court.", None))
def reported_speech(doc: DocumentView, cue: re.Match, sentence: dict) -> Report | None:
    """"X said (that) CONTENT.", "CONTENT, X said.", "A, X said, B.", "X endorsed Y"."""
    return reported(doc, sentence, cue)


@rule("find", "asked",
      Example("Asked whether the plan was dead, Tom Hart shrugged.",
              {"text": "whether the plan was dead", "speaker": None}))
def asked_question(doc: DocumentView, cue: re.Match, sentence: dict) -> Report | None:
    """A question put to someone, nobody named as asking it: "Asked whether CONTENT, X said"."""
    return asked(doc, sentence, cue)


@rule("find", "label",
      Example("Tom Hart: the plan is dead.", {"text": "the plan is dead", "speaker": "Tom Hart"}),
      Example("The Latest: Tom Hart wins the Iowa caucuses by a wide margin.", None))
def label(doc: DocumentView, sentence: dict) -> Report | None:
    """"NAME: CONTENT" opening a sentence, as in headlines; not a label ("Update:", "The Latest:")."""
    return labelled(doc, sentence)


@rule("find", "noun-clause",
      Example("Nobody believed the claim that the plan was dead.", {"text": "the plan was dead", "speaker": None}))
def noun_clause(doc: DocumentView) -> list[tuple[Report, dict]]:
    """The content of "the notion that CONTENT", nobody its speaker; with the sentence of each."""
    found = []
    for noun in noun_clauses(doc.text):
        sentence = doc.sentence_at(noun.start())
        if not doc.quoted(noun.start()):
            found.append((with_content(content_span(doc.text, noun.end(), sentence["end"]), None), sentence))
    return found


# --- attribute: the quotation's own sentence ------------------------------------------------------------

@rule("attribute", "question-put",
      Example("Asked whether the plan is “dead in the water,” 60 percent of voters said yes.", {"speaker": None}),
      Example("Tom Hart was asked, “Is the plan dead?” He shrugged.", {"speaker": None}),
      Example("Asked by Ann Lee whether the plan is “dead in the water,” Tom Hart shrugged.", {"speaker": "Ann Lee"}))
def question_put(found: Attributions, k: int) -> Speaker | object | None:
    """A question put to someone ("Asked whether “…”", "X was asked, “…”") is the asker's, if named after
    "by", else nobody's."""
    q = found.doc.quotations[k]
    return (asker(found.doc, q) or STOP) if put_to_someone(found.doc, q) else None


@rule("attribute", "known-as",
      Example("Tom Hart said the project, known locally as “the Big Dig,” would pass.", {"speaker": None}),
      Example("Tom Hart said the project, billed as “the Big Dig,” would pass.", {"speaker": None}))
def known_as_name(found: Attributions, k: int) -> object | None:
    """A name something is known by ("billed as “…”") is nobody's words."""
    return STOP if known_as(found.doc, found.doc.quotations[k]) else None


@rule("attribute", "signature",
      Example("“Peace is possible.” ― Jane Doe", {"speaker": "Jane Doe"}))
def signed_with_a_dash(found: Attributions, k: int) -> Speaker | None:
    """A dash and a name after the quotation, in its paragraph or alone in the next one."""
    return signature(found.doc, found.doc.quotations[k])


@rule("attribute", "what-called",
      Example("Tom Hart spoke amid what Ann Lee has called “a crisis of trust.”", {"mention": "Ann Lee"}),
      Example("Tom Hart praised the Green League, which backs what it calls “common-sense reform.”",
              {"mention": "it"}),
      Example("Tom Hart backs what some call “common-sense reform.”", None))
def what_someone_calls(found: Attributions, k: int) -> Speaker | None:
    """"what X calls “…”" is X's (not "what some call")."""
    return what_called(found.doc, found.doc.quotations[k])


@rule("attribute", "cue",
      Example("“Prices will fall,” Tom Hart said.", {"speaker": "Tom Hart", "cue": "said"}),
      Example("“Prices will fall,” said Tom Hart.", {"speaker": "Tom Hart", "cue": "said"}),
      Example("Tom Hart told Reuters: “Prices will fall.”", {"speaker": "Tom Hart", "cue": "told"}),
      Example("“Will prices fall?” Tom Hart asked.", {"speaker": "Tom Hart", "cue": "asked"}),
      Example("“Prices will fall,” the two economists write.", {"speaker": "the two economists", "cue": "write"}),
      Example("“Nothing to add,” was all that was said.", None))
def cue(found: Attributions, k: int) -> Speaker | None:
    """The speaker of the cue nearest the quotation in its sentence(s) that has one."""
    q = found.doc.quotations[k]
    lo, hi = found.sentences(k)
    return found.doc.speaker_near(lo, hi, q.open_mark, outer_end(q), found.doc.text[q.start:q.end].endswith("."))


@rule("attribute", "according-to-source",
      Example("“Prices will fall,” Tom Hart said, according to Ann Lee.", {"speaker": "Ann Lee"}))
def according_to_source(found: Attributions, k: int) -> Speaker | None:
    """A speaker that `signature` or `cue` found is revised to the source reporting it: "…,” X said,
    according to Y." is Y's."""
    speaker = found.speakers[k]
    return according_to(found.doc, *found.sentences(k)) if speaker and speaker.cue_start is not None else None


@rule("attribute", "unlisted-after",
      Example("“Get out,” Tom Hart barked.", {"speaker": "Tom Hart", "cue": "barked"}))
def unlisted_verb_after(found: Attributions, k: int) -> Speaker | None:
    """A name and a verb outside the lexicon right after a quotation ending in , ? or !: "…,” X barked"."""
    q = found.doc.quotations[k]
    if not found.doc.text[q.start:q.end].endswith((",", "?", "!")):
        return None
    lo, hi = found.sentences(k)
    return unlisted_after(found.doc.text, outer_end(q), found.doc.window(lo, hi, outer_end(q), outer_end(q))[1])


@rule("attribute", "unlisted-before",
      Example("Tom Hart: “Prices will fall.”", {"speaker": "Tom Hart"}),
      Example("Polls missed the surge - Ann Lee: “Turnout was higher than anyone expected.”", {"speaker": "Ann Lee"}))
def unlisted_before_quotation(found: Attributions, k: int) -> Speaker | None:
    """A name before the quotation with a colon or a verb outside the lexicon: "X: “…", "X barked, “…"."""
    q = found.doc.quotations[k]
    lo, hi = found.sentences(k)
    return unlisted_before(found.doc.text, found.doc.window(lo, hi, q.open_mark, q.open_mark)[0], q.open_mark)


# --- attribute: the quotation's context -----------------------------------------------------------------

@rule("attribute", "possessor",
      Example("Tom Hart repeated his claim that the plan was “dead on arrival.”", {"speaker": "Tom Hart"}))
def possessor_of_remark(found: Attributions, k: int) -> Speaker | None:
    """Whose remark a quotation inside a sentence ends: "her claim that she “…”"."""
    q = found.doc.quotations[k]
    return None if opens_sentence(found.doc, q) else possessor(found.doc, q)


@rule("attribute", "clause-subject",
      Example("Voters were angry, while Tom Hart calls the plan “a triumph.”", {"speaker": "Tom Hart"}),
      Example("Ann Lee, who has called the plan “a triumph,” will speak.", {"mention": "who"}))
def clause_subject_of(found: Attributions, k: int) -> Speaker | None:
    """The subject of the clause a quotation inside a sentence sits in, or of its relative clause."""
    q = found.doc.quotations[k]
    return None if opens_sentence(found.doc, q) else enclosing_subject(found.doc, q)


@rule("attribute", "earlier-in-paragraph",
      Example("“We are tired,” Zoe Ray said. “But we will stay.”", {"text": "But we will stay.", "speaker": "Zoe Ray"}))
def earlier_in_paragraph(found: Attributions, k: int) -> Speaker | None:
    """The speaker of the paragraph's previous quotation with one of its own."""
    before = [j for j in found.own.get(found.doc.quotations[k].paragraph, []) if j < k]
    return found.speakers[before[-1]] if before else None


@rule("attribute", "previous-sentence-cue",
      Example("Tom Hart said he was done. “It is over.”", {"speaker": "Tom Hart"}))
def previous_sentence_cue(found: Attributions, k: int) -> Speaker | None:
    """For a quotation opening its sentence, the speaker of the previous sentence's cue."""
    previous = _previous_sentence(found, k)
    return found.doc.speaker_near(previous["start"], previous["end"], previous["end"], previous["end"]) \
        if previous else None


@rule("attribute", "previous-sentence-subject",
      Example("Clinton touted her credentials. “I am ready.”", {"speaker": "Clinton"}))
def previous_sentence_subject(found: Attributions, k: int) -> Speaker | None:
    """For a quotation opening its sentence, the previous sentence's subject when a name."""
    previous = _previous_sentence(found, k)
    return named_subject(found.doc, previous) if previous else None


def _previous_sentence(found: Attributions, k: int) -> dict | None:
    q = found.doc.quotations[k]
    return found.doc.previous_sentence(q.open_mark) if opens_sentence(found.doc, q) else None


@rule("attribute", "later-in-paragraph",
      Example("“It is over.” Tom Hart said “we lost” the vote.", {"text": "It is over.", "speaker": "Tom Hart"}))
def later_in_paragraph(found: Attributions, k: int) -> Speaker | None:
    """The speaker of the paragraph's first quotation with one of its own, after this one."""
    same = found.own.get(found.doc.quotations[k].paragraph)
    return found.speakers[same[0]] if same else None


@rule("attribute", "previous-paragraph",
      Example("“We are tired,” Zoe Ray said.\n\n“But we will stay.”", {"text": "But we will stay.", "speaker": "Zoe Ray"}),
      Example("Tom Hart then listed them:\n\n“Jobs, schools and roads.”", {"speaker": "Tom Hart"}))
def previous_paragraph(found: Attributions, k: int) -> Speaker | None:
    """For a quotation opening its paragraph, the speaker the previous paragraph hands on."""
    q = found.doc.quotations[k]
    return found.handed_from(q.paragraph - 1) if opens_paragraph(found.doc, q) and q.paragraph > 0 else None


CUE_REPORTS = (stance_noun, not_a_cue, according_to_report, reported_speech, asked_question)
FIND = (transcript_turn, quotation_marks, *CUE_REPORTS, label, noun_clause)
FROM_SENTENCE = (question_put, known_as_name, signed_with_a_dash, what_someone_calls, cue, according_to_source,
                 unlisted_verb_after, unlisted_before_quotation)
REVISING = frozenset({according_to_source.name})  # rules that revise what an earlier rule found
FROM_CONTEXT = (possessor_of_remark, clause_subject_of, earlier_in_paragraph, previous_sentence_cue,
                previous_sentence_subject, later_in_paragraph, previous_paragraph)
ATTRIBUTE = FROM_SENTENCE + FROM_CONTEXT
# the resolve step's rules (pronoun, surname, acronym, title) are still one decision in resolution.Resolver
RESOLVE = ()
