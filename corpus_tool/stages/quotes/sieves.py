"""Every rule of the quotes stage, step by step, in the order they are tried (see `rules` for the unit).

find
    transcript turns, then quotation marks; then, for each cue outside quotations, the first of
    CUE_REPORTS that decides; then labelled lines and noun clauses.
attribute (a quotation's speaker)
    FROM_SENTENCE: the quotation's own sentence(s), first rule that finds a speaker wins (a rule may
    decide "nobody"); `according-to-source` revises what `signature` or `cue` found. Then, for
    quotations still without one (and neither mentions nor decided), FROM_CONTEXT: its sentence's clause,
    its paragraph, the previous sentence and paragraph.
    The speaker of reported speech after a cue: REPORT_SPEAKERS, the first that finds one; other reports
    and transcript turns get their speaker from their find rule.
resolve (who a speaker mention stands for)
    RESOLVE: pronouns first, then names, then descriptions; the first rule that decides wins. These
    rules and their examples live beside the resolver (`resolution`, `pronouns`, `descriptions`).

Each example's text is an article's body under a one-line headline; `expect` names fields of the item
the rule makes of it (`text`: the item's span, `mention`: the speaker as written).
"""
from __future__ import annotations

import re

from .descriptions import apposition, description, document_author, headline_label, role_holder
from .attribution import CUES, Speaker, find_speaker, needs_clause_subject, unlisted_after, unlisted_before
from .indirect import (NOUNS_ONLY, STANCE_NOUNS, Report, according, asked, content_span, cue_subject, labelled,
                       modified_noun, noun_clauses, not_a_report, reported, stance, with_content)
from .marks import Quotation
from .pronouns import nobody_in_particular, personal_pronoun, plural_pronoun, relative, self_reference, thing_pronoun
from .quotations import (Attributions, according_to, asker, enclosing_subject, known_as, named_subject,
                         opens_paragraph, opens_sentence, possessor, put_to_someone, signature, what_called)
from .resolution import acronym, entourage, full_name, several_people, surname
from .rules import STOP, Example, Stop, first, rule
from .transcript import Turn, find_turns
from .view import DocumentView, outer_end



# --- find ---------------------------------------------------------------------------------------------

@rule("find", "transcript-turn",
      Example("Partial transcript as follows:\n\nJAKE TAPPER: Do you think he has campaigned as a healer?\n\n"
              "FALLIN: I think he is trying to campaign as a healer. I think that is his message.\n\n"
              "TAPPER: Thank you, Governor.",
              {"text": "I think he is trying to campaign as a healer. I think that is his message.",
               "speaker": "Fallin", "kind": "indirect", "cue": ":"}),
      Example('"WALLACE: "\n\n"PENCE: Fine, thanks."\n\n"WALLACE: Good."', {"text": "Fine, thanks.", "speaker": "Pence"}),
      Example('"WALLACE: Will you win?\n\n"PENCE: Yes.\n\n"(Applause) But the truth is that we will win.\n\n'
              '"WALLACE: Thanks.', {"text": "(Applause) But the truth is that we will win.", "speaker": "Pence"}),
      Example('"SMITH: We will not close the plant."\n\nUPDATE: The plant closed on Friday.', None),
      Example("Q: Did you say the plan was dead?\n\nA: I said the plan was dead on arrival.", None))
def transcript_turn(text: str, paragraphs: list[dict]) -> list[Turn]:
    """Each paragraph of a transcript ("NAME: …" with some label coming back) is its labelled speaker's."""
    return find_turns(text, paragraphs)


@rule("find", "quotation-marks",
      Example("“We will win,” Jane Doe said.", {"text": "We will win,", "kind": "direct"}),
      Example("The senator called the bill “a disaster” on Monday.",
              {"text": "a disaster", "kind": "partial", "speaker": "The senator", "cue": "called"}),
      Example("She appeared on “Meet the Press” on Sunday.", {"kind": "mention", "speaker": None}),
      Example("The group released an ad titled “Big Promises” on Monday.", {"kind": "partial"}),
      Example("“Freedom is never free.”", {"speaker": None, "speaker_start": None, "cue": None}),
      Example('"SMITH: We will not close the plant."\n\nUPDATE: The plant closed on Friday.',
              {"text": "SMITH: We will not close the plant.", "kind": "direct"}),
      Example('"WALLACE: Will you win?\n\n"PENCE: Yes.\n\n"WALLACE: Good."\n\n“We will win,” Ann Lee said later.',
              {"kind": "direct", "speaker": "Ann Lee"}),  # after a closed transcript, a quotation of its own
      Example('"Taxes will rise," the minister said.', {"text": "Taxes will rise,"}),
      Example("«Taxes will rise,» the minister said.", {"text": "Taxes will rise,"}),
      Example("“He told me ‘no way’ and left,” she said.", {"text": "He told me ‘no way’ and left,"}),
      Example('“He called it "a mess" twice,” Ann Lee said.', {"text": 'He called it "a mess" twice,', "speaker": "Ann Lee"}),
      Example("“This one never closes, Al Day said.\n“This one does,” Bo Li said.",
              {"text": "This one never closes, Al Day said."}),  # an unclosed quotation ends with its line
      Example("“This one never closes, Al Day said.\n“This one does,” Bo Li said.",
              {"text": "This one does,", "speaker": "Bo Li"}),
      Example("“It was hard. We tried. We failed,” the coach said.",
              {"text": "It was hard. We tried. We failed,", "speaker": "the coach"}),
      Example("Ann Lee said: “The first part goes on.\n\n“The second part ends here.”",
              {"text": "The first part goes on.", "speaker": "Ann Lee"}),  # a quotation over paragraphs
      Example("Ann Lee said: “The first part goes on.\n\n“The second part ends here.”",
              {"text": "The second part ends here.", "speaker": "Ann Lee"}),
      Example("He said “this never closes.\n\nLater, “all is well,” Bob Smith said.",
              {"text": "this never closes."}),  # an unbalanced mark stays in its paragraph
      Example("He said “this never closes.\n\nLater, “all is well,” Bob Smith said.",
              {"text": "all is well,", "speaker": "Bob Smith"}),
      Example("Mary Poe said: “And that is all", {"text": "And that is all", "speaker": "Mary Poe"}),
      Example('<tweet author="@someone">Nice day</tweet>.', None))  # marks inside markup
def quotation_marks(doc: DocumentView) -> list[Quotation]:
    """Text between double quotation marks, paragraph by paragraph (see `marks`); the kind is "mention" for a
    title or name nobody is said to speak, "direct" for a full sentence or more, else "partial"."""
    return doc.quotations


@rule("find", "stance-noun",
      Example("Ann Lee stepped up her attacks on the mayor, who did not reply.",
              {"text": "the mayor", "speaker": "Ann Lee"}),
      Example("The seat went to Tom Hart after his pledge to balance the budget by 2020.",
              {"text": "balance the budget by 2020", "speaker": "Tom Hart"}),
      Example("Tom Hart spoke on Monday.\n\nHis attacks on the mayor, a rival, grew sharper.",
              {"text": "the mayor", "speaker": "Tom Hart"}),
      Example("Criticism of the plan grew on Monday.", None),
      Example("Ann Lee's attacks were answered by the mayor on the radio.", None))
def stance_noun(doc: DocumentView, cue: re.Match, sentence: dict) -> Report | None:
    """A noun of stance with its owner and its own preposition: "his attacks on X", "Lee's plan to X"."""
    return stance(doc.text, cue, sentence) if cue.group() in STANCE_NOUNS else None


@rule("find", "according-to",
      Example("According to Tom Hart, the plan was dead.", {"text": "the plan was dead", "speaker": "Tom Hart"}),
      Example("The plan was dead, according to Tom Hart.", {"text": "The plan was dead", "speaker": "Tom Hart"}))
def according_to_report(doc: DocumentView, cue: re.Match, sentence: dict) -> Report | Stop | None:
    """"According to X, CONTENT." or "CONTENT, according to X."."""
    if cue.group().lower() != "according to":
        return None
    return (according(doc, sentence, cue) if _reports(doc, cue) else None) or STOP


@rule("find", "reported-speech",
      Example("Tom Hart said that the plan was dead.", {"text": "the plan was dead", "speaker": "Tom Hart"}),
      Example("Tom Hart said the plan was dead.", {"text": "the plan was dead", "speaker": "Tom Hart"}),
      Example("The plan was dead, Tom Hart said on Monday.", {"text": "The plan was dead", "speaker": "Tom Hart"}),
      Example("The plan, Tom Hart said, was dead.", {"text": "The plan, Tom Hart said, was dead", "speaker": "Tom Hart"}),
      Example("In an email, Tom Hart said the plan was dead.", {"text": "the plan was dead", "speaker": "Tom Hart"}),
      Example("Tom Hart, 61, said the plan was dead.", {"text": "the plan was dead", "speaker": "Tom Hart"}),
      Example("Tom Hart on Tuesday said the plan was dead.", {"text": "the plan was dead", "speaker": "Tom Hart"}),
      Example("Tom Hart endorsed Ann Lee.", {"text": "Ann Lee", "speaker": "Tom Hart"}),
      Example("Tom Hart expressed dismay at the ruling.", {"text": "dismay at the ruling", "speaker": "Tom Hart"}),
      Example("Officials are hoping the talks will resume soon.",
              {"text": "the talks will resume soon", "speaker": "Officials"}),
      Example("Most voters don't believe the count was fair.", {"text": "the count was fair", "speaker": "Most voters"}),
      Example("Some said the plan was dead on arrival.", {"text": "the plan was dead on arrival", "mention": "Some"}),
      Example("As Tom Hart put it, the plan was dead on arrival.",
              {"text": "the plan was dead on arrival", "speaker": "Tom Hart"}),
      Example("Asked about the plan, Tom Hart said he would think about it.",
              {"text": "he would think about it", "speaker": "Tom Hart"}),
      Example("Prices will rise next year, Tom Hart told reporters.",
              {"text": "Prices will rise next year", "speaker": "Tom Hart"}),
      Example("Prices will rise next year, Tom Hart said in a statement on Monday.",
              {"text": "Prices will rise next year", "speaker": "Tom Hart"}),
      Example("''The plan is dead,'' Tom Hart said. ''We will try again.''",
              {"text": "The plan is dead,'' Tom Hart said. ''We will try again", "speaker": "Tom Hart"}),
      Example("The plan was dead, Tom Hart said, adding that it would return.",
              {"text": "The plan was dead", "speaker": "Tom Hart", "cue": "said"}),
      Example("The plan was dead, Tom Hart said, adding that it would return.",
              {"text": "it would return", "speaker": "Tom Hart", "cue": "adding"}),
      Example("Tom Hart said he believes the plan was dead.",
              {"text": "he believes the plan was dead", "speaker": "Tom Hart"}),
      Example("Tom Hart said by phone that the plan was dead.", {"speaker": "Tom Hart"}),
      Example("Q: Did you say the plan was dead?\n\nA: I said the plan was dead on arrival.",
              {"text": "the plan was dead", "mention": "you"}),
      Example("Q: Did you say the plan was dead?\n\nA: I said the plan was dead on arrival.",
              {"text": "the plan was dead on arrival", "mention": "I"}),
      Example("The town lived through all kinds of fear in the past days.", None),  # a noun after "of"
      Example("The rebels were helped by militias backed by Iran after the siege began.", None),  # a passive
      Example("Their claims about the vote were never tested in court.", None),  # a noun after "their"
      Example("Support for the plan continues to grow among voters in the state.", None),  # aspect, not speech
      Example("Tom Hart put the plan on hold until the spring.", None),  # "put" reports only in "as X put it"
      Example("Tom Hart put it on hold until the spring of next year.", None),
      Example("Tom Hart leads Ann Lee by 270 pledged delegates in the race.", None),  # an idiom
      Example("Tom Hart found himself in trouble with the party again.", None),
      Example("It joins a list of towns whose names are synonymous with the war.", None))  # a noun after "whose"
def reported_speech(doc: DocumentView, cue: re.Match, sentence: dict) -> Report | Stop | None:
    """"X said (that) CONTENT.", "CONTENT, X said.", "A, X said, B.", "X endorsed Y", its speaker found by
    REPORT_SPEAKERS; a cue's word used as a noun ("the fear of"), a passive participle ("backed by Iran") or in
    an idiom ("pledged delegates") reports nothing (STOP)."""
    if not _reports(doc, cue):
        return STOP
    attribution, speaker = first(REPORT_SPEAKERS, doc, cue, sentence)
    found = reported(doc, sentence, cue, speaker)
    return Report(found.content, found.speaker, attribution.name) if found else None  # not _replace: hot


@rule("find", "asked",
      Example("Asked whether the plan was dead, Tom Hart shrugged.",
              {"text": "whether the plan was dead", "speaker": None}))
def asked_question(doc: DocumentView, cue: re.Match, sentence: dict) -> Report | None:
    """A question put to someone, nobody named as asking it: "Asked whether CONTENT, X said"."""
    return asked(doc, sentence, cue)


def _reports(doc: DocumentView, cue: re.Match) -> bool:
    """Whether a cue's word is used as a verb reporting something (see `not_a_report`)."""
    return cue.group() not in NOUNS_ONLY and not not_a_report(doc.text, cue)


@rule("find", "label",
      Example("Tom Hart: the plan is dead.", {"text": "the plan is dead", "speaker": "Tom Hart"}),
      Example("The Latest: Tom Hart wins the Iowa caucuses by a wide margin.", None))
def label(doc: DocumentView, sentence: dict) -> Report | None:
    """"NAME: CONTENT" opening a sentence, as in headlines; not a label ("Update:", "The Latest:")."""
    return labelled(doc, sentence)


@rule("find", "noun-clause",
      Example("There was the notion that the plan was dead.", {"text": "the plan was dead", "speaker": None}))
def noun_clause(doc: DocumentView) -> list[tuple[Report | None, dict]]:
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
def question_put(found: Attributions, k: int) -> Speaker | Stop | None:
    """A question put to someone ("Asked whether “…”", "X was asked, “…”") is the asker's, if named after
    "by", else nobody's."""
    q = found.doc.quotations[k]
    return (asker(found.doc, q) or STOP) if put_to_someone(found.doc, q) else None


@rule("attribute", "known-as",
      Example("Tom Hart said the project, known locally as “the Big Dig,” would pass.", {"speaker": None}),
      Example("Tom Hart said the project, billed as “the Big Dig,” would pass.", {"speaker": None}))
def known_as_name(found: Attributions, k: int) -> Stop | None:
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
      Example("“Prices will fall,” Tom Hart said.", {"speaker": "Tom Hart", "cue": "said", "mention": "Tom Hart"}),
      Example("“Prices will fall,” said Tom Hart.", {"speaker": "Tom Hart", "cue": "said"}),
      Example("Tom Hart said: “Prices will fall.”", {"speaker": "Tom Hart", "cue": "said"}),
      Example("Tom Hart told Reuters: “Prices will fall.”", {"speaker": "Tom Hart", "cue": "told"}),
      Example("“Prices will fall,” Tom Hart added.", {"speaker": "Tom Hart", "cue": "added"}),
      Example("“Prices will fall,” Tom Hart further said.", {"speaker": "Tom Hart", "mention": "Tom Hart"}),
      Example("“Prices will fall,” said 9/11 widow Ann Lee.", {"speaker": "Ann Lee", "speaker_role": "9/11 widow"}),
      Example("“Prices will fall,” said 59-year-old Ann Lee.", {"speaker": "Ann Lee", "speaker_role": "59-year-old"}),
      Example("“Prices will fall,” Tom Hart himself said.", {"speaker": "Tom Hart", "mention": "Tom Hart"}),
      Example("“Will prices fall?” Tom Hart asked.", {"speaker": "Tom Hart", "cue": "asked"}),
      Example("“Prices will fall,” Tom Hart wrote on his blog.", {"speaker": "Tom Hart", "cue": "wrote"}),
      Example("“Prices will fall,” the two economists write.", {"speaker": "the two economists", "cue": "write"}),
      Example("“Many more” buses would be needed, said Robert Mardini, ICRC regional director for the Near East.",
              {"speaker": "Robert Mardini", "mention": "Robert Mardini",
               "speaker_role": "ICRC regional director for the Near East"}),
      Example("Ann Lee, a spokeswoman for the firm, said “we are open.”",
              {"speaker": "Ann Lee", "speaker_role": "a spokeswoman for the firm"}),
      Example("The city’s mayor and former police chief said she would fight “for every block.”",
              {"speaker": "The city’s mayor and former police chief"}),
      Example("“We are ready,” the mayor’s chief of staff, Ann Lee, told reporters.",
              {"speaker": "Ann Lee", "speaker_role": "the mayor’s chief of staff"}),
      Example("“We stayed,” said one activist in a besieged district.", {"speaker": "one activist in a besieged district"}),
      Example("Meanwhile, Bashar al-Assad praised the army, adding that “history is written.”",
              {"speaker": "Bashar al-Assad", "cue": "adding"}),  # a participle: its clause's subject
      Example("Ann Lee said the plan was “a good start.” Tom Hart added that it was late.",
              {"text": "a good start.", "speaker": "Ann Lee"}),  # its own cue, not the next sentence's
      Example("The party is claiming victory in the so-called “governor’s race.”",
              {"speaker": "The party", "cue": "claiming"}),  # not the "called" of "so-called"
      Example("Amid the uproar, Ann Lee defended the plan, saying it was “a good start.”", {"speaker": "Ann Lee"}),
      Example("Like her rival, Ann Lee defended the plan, saying it was “a good start.”", {"speaker": "Ann Lee"}),
      Example("Despite the rain, Ann Lee defended the plan, saying it was “a good start.”", {"speaker": "Ann Lee"}),
      Example("Tom Hart smiled when the plan was described by Ann Lee as “a good start.”",
              {"speaker": "Ann Lee"}),  # a passive cue: its agent
      Example("Tom Hart backed the plan, a “good start” as described by Ann Lee.", {"speaker": "Ann Lee"}),
      Example("The council met late, with Ann Lee calling the budget “a mess.”",
              {"speaker": "Ann Lee", "cue": "calling"}),  # an absolute clause's own subject
      Example("Ann Lee told the crowd that “we will win,” and she added that the vote was close.",
              {"speaker": "Ann Lee", "cue": "told"}),  # not the cue of a new clause after it
      Example("Tom Hart spoke in Ohio. Later he’d called the plan “a good start.”",
              {"speaker": "Tom Hart", "cue": "called"}),
      Example("Ann Lee rejected the claims of her rival Tom Hart, but admitted “some mistakes.”",
              {"speaker": "Ann Lee", "cue": "admitted"}),  # a coordinated cue: the clause's subject
      Example("Ann Lee rejected the claims of her rival Tom Hart but admitted “some mistakes.”",
              {"speaker": "Ann Lee", "cue": "admitted"}),
      Example("Ann Lee rejected the claims of her rival Tom Hart, and admitted “some mistakes.”",
              {"speaker": "Ann Lee", "cue": "admitted"}),
      Example("When Ann Lee announced her plan, he laughed and said “no way.”",
              {"mention": "he", "cue": "said"}),  # not the cue of a leading subordinate clause
      Example("Ann Lee left early, but he stayed on, at one point calling the plan “a gimmick.”", {"mention": "he"}),
      Example("And then Ann Lee went on the attack, saying, “This plan is dead.”",
              {"speaker": "Ann Lee", "cue": "saying"}),
      Example("Tom Hart, who has in the past described the plan as “a disaster,” spoke on Monday.",
              {"speaker": "Tom Hart", "cue": "described"}),
      Example("Ann Lee shared a short film called “Our Town, Our Future” on Monday.", {"speaker": "Ann Lee"}),
      Example("The plan was backed by a local farmer who told reporters that “prices will fall.”",
              {"mention": "who", "speaker": "a local farmer"}),
      Example("The plan, as Kelly said, was “dead on arrival.”", {"speaker": "Kelly"}),  # -ly, yet no adverb
      Example("“Nothing to add,” was all that was said.", None))
def cue(found: Attributions, k: int) -> Speaker | None:
    """The speaker of the cue nearest the quotation in its sentence(s) that has one."""
    q = found.doc.quotations[k]
    lo, hi = found.sentences(k)
    return found.doc.speaker_near(lo, hi, q.open_mark, outer_end(q), found.doc.text.endswith(".", q.start, q.end))


@rule("attribute", "according-to-source",
      Example("“Prices will fall,” Tom Hart said, according to Ann Lee.", {"speaker": "Ann Lee"}),
      Example("According to Tom Hart, “prices will fall.”", {"speaker": "Tom Hart", "cue": "According to"}),
      Example("“We will not back down,” Ann Lee said on Monday, according to the Daily Gazette. “Not now.”",
              {"text": "We will not back down,", "speaker": "Daily Gazette"}),
      Example("According to the Daily Gazette, Ann Lee said that “we will not back down.” “Not now.”",
              {"text": "we will not back down.", "speaker": "Daily Gazette"}))
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
    if not found.doc.text.endswith((",", "?", "!"), q.start, q.end):
        return None
    lo, hi = found.sentences(k)
    return unlisted_after(found.doc.text, outer_end(q), found.doc.window(lo, hi, outer_end(q), outer_end(q))[1])


@rule("attribute", "unlisted-before",
      Example("Tom Hart: “Prices will fall.”", {"speaker": "Tom Hart"}),
      Example("Polls missed the surge - Ann Lee: “Turnout was higher than anyone expected.”", {"speaker": "Ann Lee"}),
      Example("What it means for May - More from Ann Lee: “Turnout was higher than anyone expected.”",
              {"speaker": "Ann Lee"}))
def unlisted_before_quotation(found: Attributions, k: int) -> Speaker | None:
    """A name before the quotation with a colon or a verb outside the lexicon: "X: “…", "X barked, “…"."""
    q = found.doc.quotations[k]
    lo, hi = found.sentences(k)
    return unlisted_before(found.doc.text, found.doc.window(lo, hi, q.open_mark, q.open_mark)[0], q.open_mark)


# --- attribute: the quotation's context -----------------------------------------------------------------

@rule("attribute", "possessor",
      Example("Few voters trust Ann Lee’s claim that the plan is “a gimmick.”", {"mention": "Ann Lee’s", "speaker": "Ann Lee"}),
      Example("Tom Hart spoke in Ohio. He stood by his remark that it was “a gimmick.”",
              {"mention": "his", "speaker": "Tom Hart"}))
def possessor_of_remark(found: Attributions, k: int) -> Speaker | None:
    """Whose remark a quotation inside a sentence ends: "her claim that she “…”"."""
    q = found.doc.quotations[k]
    return None if opens_sentence(found.doc, q) else possessor(found.doc, q)


@rule("attribute", "clause-subject",
      Example("Voters were angry, while Tom Hart calls the plan “a triumph.”", {"speaker": "Tom Hart"}),
      Example("Ann Lee praised the plan, while Tom Hart dismissed it as “a gimmick.”", {"speaker": "Tom Hart"}),
      Example("The plan drew fire from Tom Hart, who has long dismissed it as “a gimmick.”",
              {"mention": "who", "speaker": "Tom Hart"}),
      Example("Tom Hart spoke in Ohio. Two days later, he praised the plan as “a good start.”", {"speaker": "Tom Hart"}),
      Example("Tom Hart spoke in Ohio. More recently, he praised the plan as “a good start.”", {"speaker": "Tom Hart"}),
      Example("Tom Hart spoke in Ohio. Ten years ago, he praised the plan as “a good start.”", {"speaker": "Tom Hart"}),
      Example("Tom Hart spoke in Ohio. First, he praised the plan as “a good start.”", {"speaker": "Tom Hart"}),
      Example("Tom Hart spoke in Ohio. Sunday morning, he praised the plan as “a good start.”", {"speaker": "Tom Hart"}),
      Example("Perhaps Tom Hart prefers the call for “a fresh start.”", {"speaker": "Tom Hart"}),
      Example("Ann Lee left early, and he later dismissed the plan as “a gimmick.”", {"mention": "he"}),
      Example("April Ryan, a reporter, backed the plan as “a good start.”", {"speaker": "April Ryan"}),
      Example("Tom Hart backs what some call “common-sense reform.”", {"mention": "Tom Hart"}))
def clause_subject_of(found: Attributions, k: int) -> Speaker | None:
    """The subject of the clause a quotation inside a sentence sits in, or of its relative clause."""
    q = found.doc.quotations[k]
    return None if opens_sentence(found.doc, q) else enclosing_subject(found.doc, q)


@rule("attribute", "earlier-in-paragraph",
      Example("“We are tired,” Zoe Ray said. “But we will stay.”", {"text": "But we will stay.", "speaker": "Zoe Ray"}),
      Example("“We will win,” Ann Lee said. “No doubt.”\nLater, Tom Hart said the vote was close.",
              {"text": "No doubt.", "speaker": "Ann Lee"}),  # not the next line's cue
      Example("“We will not back down,” Ann Lee said on Monday, according to the Daily Gazette. “Not now.”",
              {"text": "Not now.", "speaker": "Daily Gazette"}),
      Example("According to the Daily Gazette, Ann Lee said that “we will not back down.” “Not now.”",
              {"text": "Not now.", "speaker": "Daily Gazette"}))
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


# --- attribute: the speaker of reported speech's cue --------------------------------------------------

@rule("attribute", "report-cue",
      Example("Tom Hart said that the plan was dead.", {"speaker": "Tom Hart", "cue": "said"}),
      Example("Tom Hart spoke on Monday.\n\nLater he told reporters that the plan was dead.",
              {"mention": "he", "speaker": "Tom Hart"}),
      Example("Johnnie Wilson, of Springfield, Va., said that he had fought in Vietnam.",  # a hometown
              {"mention": "Johnnie Wilson", "speaker": "Johnnie Wilson", "speaker_role": None}),
      Example("Ann Lee, 59, of Ashton, Md., who watched the ceremony, said that it moved her.",
              {"mention": "Ann Lee", "speaker": "Ann Lee"}),
      Example("It is an unlikely scenario; Ann Lee says that it will not happen.", {"mention": "Ann Lee"}),
      Example("She left in a van (Ann Lee later said that she was fine).", {"mention": "Ann Lee"}),
      Example("Michael Mulgrew, president of the United Federation of Teachers, which represents teachers, said "
              "that the schools would stay open.", {"mention": "Michael Mulgrew", "speaker": "Michael Mulgrew"}),
      Example("Dan McLaughlin at the National Review agreed that the debate was won.",
              {"mention": "Dan McLaughlin", "speaker": "Dan McLaughlin"}),
      Example("The nonpartisan Commission on Presidential Debates said that the microphone had failed.",
              {"speaker": "Commission on Presidential Debates", "speaker_type": "organisation"}))
def report_cue(doc: DocumentView, cue: re.Match, sentence: dict) -> Speaker | None:
    """The speaker of a speech cue, as for a quotation's (`DocumentView.speaker_of`)."""
    return doc.speaker_of(cue, sentence["start"], sentence["end"]) if cue.group() in CUES else None


@rule("attribute", "report-mention",
      Example("Most voters don't believe the count was fair.", {"speaker": "Most voters", "cue": "believe"}))
def report_mention(doc: DocumentView, cue: re.Match, sentence: dict) -> Speaker | None:
    """The mention next to a cue of stance or evidence ("X believes", "X endorsed") that opens its clause."""
    if needs_clause_subject(doc.text, sentence["start"], cue):
        return None
    return find_speaker(doc.text, sentence["start"], sentence["end"], cue)


@rule("attribute", "report-subject",
      Example("Ann Lee now says she opposes the deal.", {"text": "she opposes the deal", "speaker": "Ann Lee"}))
def report_subject(doc: DocumentView, cue: re.Match, sentence: dict) -> Speaker | None:
    """The subject of the clause a cue ends, when no mention ends right before it ("A poll conducted in May
    showed …")."""
    if needs_clause_subject(doc.text, sentence["start"], cue):
        return None
    return cue_subject(doc.text, sentence["start"], cue)


@rule("attribute", "modified-noun",
      Example("Democrats supporting Ann Lee were angry at the result.", {"speaker": "Democrats", "cue": "supporting"}))
def modified(doc: DocumentView, cue: re.Match, sentence: dict) -> Speaker | None:
    """The noun phrase an -ing cue modifies: "Democrats supporting Mrs. Clinton"."""
    return modified_noun(doc.text, sentence["start"], cue) if cue.group().endswith("ing") else None


CUE_REPORTS = (stance_noun, according_to_report, reported_speech, asked_question)
FIND = (transcript_turn, quotation_marks, *CUE_REPORTS, label, noun_clause)
FROM_SENTENCE = (question_put, known_as_name, signed_with_a_dash, what_someone_calls, cue, according_to_source,
                 unlisted_verb_after, unlisted_before_quotation)
REVISING = frozenset({according_to_source.name})  # rules that revise what an earlier rule found
FROM_CONTEXT = (possessor_of_remark, clause_subject_of, earlier_in_paragraph, previous_sentence_cue,
                previous_sentence_subject, later_in_paragraph, previous_paragraph)
REPORT_SPEAKERS = (report_cue, report_mention, report_subject, modified)
ATTRIBUTE = FROM_SENTENCE + FROM_CONTEXT + REPORT_SPEAKERS
RESOLVE = (headline_label, self_reference, relative, personal_pronoun, plural_pronoun, thing_pronoun,
           nobody_in_particular, acronym, several_people, entourage, surname, full_name,
           apposition, role_holder, document_author, description)
