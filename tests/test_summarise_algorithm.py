"""The summarisation algorithm: methods, length budgets, options, bad inputs and ROUGE on real data."""
import contextlib
import importlib.util
import io
import json

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tool.stages.segment.paragraphs import split_paragraphs
from corpus_tool.stages.segment.sentences import SentenceSplitter
from corpus_tool.stages.summarise.methods import METHODS
from corpus_tool.stages.summarise.summariser import summarise

SEED = next((ROOT / "seeds").glob("*.txt"))  # the seed as the project ships it
SPLITTER = SentenceSplitter()


def segment(text: str) -> tuple[list[dict], list[dict]]:
    """Paragraphs on blank lines (the first line is the title) and their sentences."""
    paragraphs = split_paragraphs(text, "blank", title=text.split("\n", 1)[0])
    sentences = [
        {"start": a, "end": b, "paragraph": i}
        for i, p in enumerate(paragraphs)
        for a, b in SPLITTER.split(text, p["start"], p["end"])
    ]
    return paragraphs, sentences


@pytest.fixture(scope="module")
def seed():
    text = SEED.read_text(encoding="utf-8")
    paragraphs, sentences = segment(text)
    return text, sentences, paragraphs


def body(seed) -> list[int]:
    text, sentences, paragraphs = seed
    return [i for i, s in enumerate(sentences) if paragraphs[s["paragraph"]]["kind"] == "body"]


@pytest.mark.parametrize("method", sorted(METHODS))
def test_each_method_gives_body_sentences_in_order(seed, method):
    text, sentences, paragraphs = seed
    chosen = summarise(text, sentences, paragraphs, method=method, sentences_n=3)
    assert len(chosen) == 3
    assert chosen == sorted(set(chosen))
    assert set(chosen) <= set(body(seed))


@pytest.mark.parametrize("method", sorted(METHODS))
def test_word_budget(seed, method):
    text, sentences, paragraphs = seed
    chosen = summarise(text, sentences, paragraphs, method=method, words=60)
    assert chosen
    assert sum(len(text[sentences[i]["start"]:sentences[i]["end"]].split()) for i in chosen) <= 60


@pytest.mark.parametrize("method", sorted(METHODS))
def test_ratio(seed, method):
    text, sentences, paragraphs = seed
    chosen = summarise(text, sentences, paragraphs, method=method, ratio=0.4)
    assert len(chosen) == round(0.4 * len(body(seed)))


def test_lead_skips_title_dateline_and_byline():
    text = "Big news today\n\nMonday, May 4, 2015\n\nBy Jane Smith\n\nThe first fact. The second fact.\n\nMore."
    paragraphs, sentences = segment(text)
    chosen = summarise(text, sentences, paragraphs, method="lead", sentences_n=2)
    assert [text[sentences[i]["start"]:sentences[i]["end"]] for i in chosen] == ["The first fact.", "The second fact."]


def test_default_is_deterministic(seed):
    text, sentences, paragraphs = seed
    runs = {tuple(summarise(text, sentences, paragraphs, ratio=0.3)) for _ in range(3)}
    assert len(runs) == 1


@pytest.mark.parametrize("method", sorted(METHODS))
def test_ties_go_to_the_earlier_sentence(method):
    text = "Title\n\n" + " ".join(["Rain fell on the town."] * 6)
    paragraphs, sentences = segment(text)
    assert summarise(text, sentences, paragraphs, method=method, sentences_n=2) == [1, 2]


def test_mmr_drops_repeats():
    text = ("Title\n\nThe council approved the new budget for schools. "
            "The council approved the new budget for schools. "
            "Teachers welcomed the budget for classrooms. Parents were not consulted.")
    paragraphs, sentences = segment(text)
    plain = summarise(text, sentences, paragraphs, method="textrank", sentences_n=2)
    diverse = summarise(text, sentences, paragraphs, method="textrank", sentences_n=2, mmr=0.5)
    assert plain == [1, 2]
    assert 1 in diverse and 2 not in diverse


def test_quotation_prefer_and_avoid(seed):
    text, sentences, paragraphs = seed
    prefer = summarise(text, sentences, paragraphs, sentences_n=3, quotation="prefer")
    avoid = summarise(text, sentences, paragraphs, sentences_n=3, quotation="avoid")
    assert all(text[sentences[i]["start"]] == "“" for i in prefer)
    assert not any(text[sentences[i]["start"]] == "“" for i in avoid)


def test_quotation_uses_quote_spans_when_given():
    text = "Title\n\nThe minister spoke on Monday. Taxes will rise next year. The market fell."
    paragraphs, sentences = segment(text)
    spans = [{"start": sentences[2]["start"], "end": sentences[2]["end"], "kind": "direct"}]
    chosen = summarise(text, sentences, paragraphs, method="lead", sentences_n=1, quotes=spans, quotation="prefer")
    assert chosen == [2]


WORDS = st.sampled_from(["rain", "town", "said", "the", "council", "budget", "“no”", "U.S.", "fell.", "2015", "by"])
PARAGRAPH = st.lists(WORDS, min_size=1, max_size=30).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(PARAGRAPH, min_size=1, max_size=6), st.sampled_from(sorted(METHODS)), st.integers(1, 5),
       st.sampled_from([None, 0.5]), st.sampled_from(["neutral", "prefer", "avoid"]))
def test_any_text_gives_sorted_body_indices(paragraphs_text, method, n, mmr, quotation):
    text = "\n\n".join(paragraphs_text)
    paragraphs, sentences = segment(text)
    chosen = summarise(text, sentences, paragraphs, method=method, sentences_n=n, mmr=mmr, quotation=quotation)
    assert chosen == sorted(set(chosen))
    assert len(chosen) <= n
    assert all(paragraphs[sentences[i]["paragraph"]]["kind"] == "body" for i in chosen)
    assert chosen == summarise(text, sentences, paragraphs, method=method, sentences_n=n, mmr=mmr, quotation=quotation)


def test_no_sentences_and_a_single_one():
    assert summarise("", [], []) == []
    text = "Only one sentence here."
    paragraphs, sentences = segment(text)
    paragraphs[0]["kind"] = "body"
    assert summarise(text, sentences, paragraphs, ratio=0.1) == [0]


def test_title_and_headings_only_give_nothing():
    text = "A headline\n\nA heading"
    paragraphs, sentences = segment(text)
    assert summarise(text, sentences, paragraphs) == []


@pytest.mark.parametrize(
    "options, message",
    [
        ({"method": "bert"}, "unknown summarisation method 'bert'"),
        ({"ratio": 0}, "ratio must be in (0, 1]"),
        ({"ratio": 1.5}, "ratio must be in (0, 1]"),
        ({"sentences_n": 0}, "sentences_n must be at least 1"),
        ({"words": 0}, "words must be at least 1"),
        ({"sentences_n": 2, "words": 40}, "give one length only"),
        ({"mmr": 0}, "mmr must be in (0, 1]"),
        ({"quotation": "only"}, "quotation must be one of"),
    ],
)
def test_bad_options_raise(seed, options, message):
    text, sentences, paragraphs = seed
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        summarise(text, sentences, paragraphs, **options)


def official_rouge(shared_eval, gold, docs: list[dict], tmp_path, **length) -> dict:
    """The official scorer's figures for the default method's summaries of `docs`."""
    lines = []
    for doc in docs:
        paragraphs, sentences = segment(doc["text"])
        chosen = summarise(doc["text"], sentences, paragraphs, **length)
        summary = " ".join(doc["text"][sentences[i]["start"]:sentences[i]["end"]] for i in chosen)
        lines.append(json.dumps({"id": doc["id"], "summary": {"text": summary}}))
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = importlib.util.spec_from_file_location("summarise_eval", shared_eval / "summarise_eval.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        scorer.main([str(gold), str(pred), "--json"])
    return json.loads(out.getvalue())


def load(path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# Floors stated when the summariser was released (hybrid measured 80.2/73.5/48.3 on bbc_summary then), not
# raised since: a change may trade a little ROUGE for something else without breaking CI.
@pytest.mark.eval
def test_bbc_rouge_at_40_percent(shared_data, shared_eval, tmp_path):
    gold = shared_data / "bbc_summary" / "valid.jsonl"
    result = official_rouge(shared_eval, gold, load(gold), tmp_path, ratio=0.4)
    assert result["missing"] == 0
    assert result["rouge1"] >= 79.5 and result["rouge2"] >= 72.5 and result["rougeL"] >= 47.5


@pytest.mark.eval
@pytest.mark.parametrize("n, floor", [(1, (48.5, 31.0, 41.0)), (3, (48.5, 29.5, 36.5))])
def test_gum_rouge(shared_data, shared_eval, tmp_path, n, floor):
    gold = shared_data / "ud_gum" / "news_train.jsonl"
    result = official_rouge(shared_eval, gold, load(gold), tmp_path, sentences_n=n)
    assert result["rouge1"] >= floor[0] and result["rouge2"] >= floor[1] and result["rougeL"] >= floor[2]
