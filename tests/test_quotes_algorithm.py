"""Quotation extraction beyond the rules' own examples (sieves.py): marks, names, transcripts, robustness, the
speaker table. The official figures are in test_quotes_eval.py."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tool.stages.quotes.attribution import NAME_END, _name_bound
from corpus_tool.stages.quotes.extract import extract_quotes
from corpus_tool.stages.quotes.names import GENDERED, PRONOUN_FORMS, is_role
from corpus_tool.stages.segment.paragraphs import split_paragraphs
from corpus_tool.stages.segment.sentences import SentenceSplitter

SPLITTER = SentenceSplitter()


def quotes_of(text: str) -> list[dict]:
    """Our stages on a text laid out as the project's articles: headline, blank line, paragraphs."""
    paragraphs = split_paragraphs(text, mode="blank", title=text.split("\n", 1)[0])
    sentences = [{"start": a, "end": b, "paragraph": k}
                 for k, p in enumerate(paragraphs) for a, b in SPLITTER.split(text, p["start"], p["end"])]
    return extract_quotes(text, paragraphs, sentences)


def article(*paragraphs: str) -> str:
    return "Headline\n\n" + "\n\n".join(paragraphs)


def speech(text: str) -> list[dict]:
    return [q for q in quotes_of(text) if q["kind"] in ("direct", "partial")]


def one(text: str, kind: str | None = None) -> dict:
    found = [q for q in quotes_of(text) if kind is None or q["kind"] == kind]
    assert len(found) == 1, found
    return found[0]


# --- quotation marks ----------------------------------------------------------------------------------

def test_offsets_are_the_content_inside_the_marks():
    text = article("“We will win,” Jane Doe said.")
    q = one(text)
    assert text[q["start"]:q["end"]] == q["text"] == "We will win,"
    assert q["kind"] == "direct" and q["paragraph"] == 1


# --- speaker names (the patterns themselves are the examples of the rules in sieves.py) ---------------

def test_pronoun_and_surname_resolve_to_the_full_name():
    text = article("Robert Mardini spoke to reporters.", "“It went well,” Mardini said.", "“We go on,” he said.")
    assert [q["speaker"] for q in speech(text)] == ["Robert Mardini", "Robert Mardini"]


def test_pronoun_resolves_past_a_capitalised_function_word():
    text = article("While Mardini waited, the convoy left.", "“It went well,” he said.")
    assert one(text)["speaker"] == "Mardini"


def test_acronym_resolves_to_its_expansion():
    text = article("The International Committee of the Red Cross (ICRC) sent buses.",
                   "“A third convoy left,” the ICRC said.")
    assert one(text, "direct")["speaker"] == "International Committee of the Red Cross"


@pytest.mark.parametrize("phrase", ["Texas Sen.", "House Speaker", "the director of the FBI", "9/11 widow",
                                    "a writer for The Atlantic", "59-year-old", "NBC’s", "one of the family's attorneys",
                                    "technical adviser to the American Mosquito Control Association"])
def test_a_role_says_who_someone_is(phrase):
    assert is_role(phrase)


@pytest.mark.parametrize("phrase", ["Times article hailed", "in particular", "sort", "Phil Lovas", '" he said',
                                    "white", "You can call", "Laurence H"])
def test_a_stray_clause_or_name_beside_a_mention_is_no_role(phrase):
    assert not is_role(phrase)


def test_a_speaker_role_is_only_a_role():
    found = quotes_of(article("The deal.", "Republican nominee Donald Trump, in particular, has sharply criticized "
                                           "long-standing free-trade deals."))
    assert [(q["speaker"], q["speaker_role"]) for q in found] == [("Donald Trump", None)]


# --- reported speech ----------------------------------------------------------------------------------

def test_indirect_in_a_title_case_headline():
    q = one("Tom Hart Says The Plan Is Dead\n\nNothing else.", "indirect")
    assert (q["text"], q["speaker"]) == ("The Plan Is Dead", "Tom Hart")


def test_contents_sharing_most_of_the_longer_one_are_the_same_report():
    from corpus_tool.stages.quotes.indirect import distinct
    first = (0, 10, None, "indirect", 1)
    assert distinct([first, (3, 20, None, "indirect", 1)]) == [first]  # 7 of 17 shared
    assert len(distinct([first, (4, 24, None, "indirect", 1)])) == 2  # 6 of 20 shared


def test_indirect_pronoun_resolves():
    text = article("Jane Roe spoke in Ohio.", "She said that the vote would be close.")
    assert one(text, "indirect")["speaker"] == "Jane Roe"


# --- transcripts -----------------------------------------------------------------------------------------

QUOTED_TRANSCRIPT = article(
    "On Sunday, Gov. Mike Pence spoke to Chris Wallace. Partial transcript as follows:",
    '"WALLACE: Will she be there tomorrow night?',
    '"PENCE: Well, look, they think this is an episode of “Shark Tank.” But this is America.',
    '"But the truth is that the campaign is about jobs.',
    '"(CROSSTALK.)',
    '"WALLACE: Governor, I want to try to get one more in.',
    '"PENCE: And that is why we will win."',
    "The debate is on Monday.")


def test_quoted_transcript_turns_are_their_labels_speech():
    found = quotes_of(QUOTED_TRANSCRIPT)
    turns = [(q["speaker"], q["text"]) for q in found if q["kind"] == "indirect"]
    assert turns == [
        ("Chris Wallace", "Will she be there tomorrow night?"),
        ("Mike Pence", "Well, look, they think this is an episode of “Shark Tank.” But this is America."),
        ("Mike Pence", "But the truth is that the campaign is about jobs."),  # the turn goes on
        ("Chris Wallace", "Governor, I want to try to get one more in."),
        ("Mike Pence", "And that is why we will win."),
    ]
    assert all(q["cue"] == ":" for q in found if q["kind"] == "indirect")


def test_quoted_transcript_marks_are_not_quotations_but_marks_inside_a_turn_are():
    found = quotes_of(QUOTED_TRANSCRIPT)
    assert [q["text"] for q in found if q["kind"] != "indirect"] == ["Shark Tank."]


def test_unquoted_transcript_reports_each_turn_once():
    text = article("Partial transcript as follows:",
                   "JAKE TAPPER: Do you think he has campaigned as a healer?",
                   "FALLIN: I think he is trying to campaign as a healer. I think that is his message.",
                   "TAPPER: Thank you, Governor.")
    found = quotes_of(text)
    assert [(q["speaker"], q["kind"]) for q in found] == [
        ("Jake Tapper", "indirect"), ("Fallin", "indirect"), ("Jake Tapper", "indirect")]


# --- robustness -----------------------------------------------------------------------------------------

def test_a_long_run_of_capitalised_words_still_ends_in_its_speaker():
    run = " ".join(["The Big Red Committee Members Of State"] * 60)  # no comma: read as one span back from the cue
    q = one(article(f"{run} chairman Tom Hart said the plan was dead."), "indirect")
    assert (q["speaker"], q["text"]) == ("Tom Hart", "the plan was dead")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Tom", "Hart", "the", "The", "of", "and", "&", "al-Assad", "von", "der", "Sen.",
                                 "J.", "O'Neil", "D’Souza", "AT&T", "(Tom", "x.Tom", "chairman", "2016", "Lee,",
                                 "\n", " "]), min_size=1, max_size=120))
def test_a_final_name_is_searched_from_where_it_can_start(words):
    text = " ".join(words)
    bounded = NAME_END.search(text, _name_bound(text, 0, len(text)), len(text))
    full = NAME_END.search(text, 0, len(text))
    assert (bounded and bounded.span()) == (full and full.span())


def test_empty_document():
    assert extract_quotes("", [], []) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["“", "”", '"', "‘", "’", "«", "»", "said", "Ann Lee", " ", "\n\n", ",", ".",
                                 "he", "according to", "the plan", "(ICRC)", ":", "—", "<b x=\"1\">",
                                 '\n\n"PENCE: ', "\n\nWALLACE: ", "(CROSSTALK.)"]),
                max_size=40))
def test_any_text_gives_valid_sorted_offsets(parts):
    text = "Headline\n\n" + "".join(parts)
    found = quotes_of(text)
    assert [q["start"] for q in found] == sorted(q["start"] for q in found)
    for q in found:
        assert 0 <= q["start"] < q["end"] <= len(text) and text[q["start"]:q["end"]] == q["text"]
        if q["speaker_start"] is not None:
            assert 0 <= q["speaker_start"] < q["speaker_end"] <= len(text)


# --- names -----------------------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["he", "He", "HIS", "she", "S", "ſ", "h", "e", "r", "self", "im", "K", "ı", "İ",
                                 "_", "1", "é", " ", ".", "’", "\n", "x"]), max_size=20),
       st.integers(0, 40), st.integers(0, 40))
def test_gendered_pronouns_match_as_a_plain_whole_word_regex(parts, lo, hi):
    """The fast regex of gendered pronouns (its first letters a plain class) finds what `\\b(?i:…)\\b` finds,
    from any position and up to any end."""
    plain = re.compile(r"\b(?i:%s)\b" % "|".join(f for f, (_, g) in PRONOUN_FORMS.items() if g))
    text = "".join(parts)
    assert [m.span() for m in GENDERED.finditer(text, lo, hi)] == [m.span() for m in plain.finditer(text, lo, hi)]
    assert [m.span() for m in GENDERED.finditer(text)] == [m.span() for m in plain.finditer(text)]
    fast, slow = GENDERED.match(text, lo), plain.match(text, lo)
    assert (fast and fast.span()) == (slow and slow.span())
