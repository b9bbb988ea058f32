"""Every rule's examples, run through `segment` and `quotes`: the tests of the rules in sieves.py."""
import pytest

from corpus_tool.stages.quotes.rules import links
from corpus_tool.stages.quotes.sieves import ATTRIBUTE, FIND, RESOLVE
from corpus_tool.testing import check_document, make_document, run_stage

HEADLINE = "Headline"
EXAMPLES = [pytest.param(rule, example, id=f"{rule.name}-{n}")
            for rule in (*FIND, *ATTRIBUTE, *RESOLVE) for n, example in enumerate(rule.examples, 1)]


def quotes_of(body: str, article: bool = False) -> tuple[str, list[dict]]:
    """The text of an article with this body under a one-line headline (or of this whole article), and its
    items."""
    text = body if article else f"{HEADLINE}\n\n{body}"
    doc = run_stage("quotes", make_document(text, title=text.split("\n", 1)[0]), before=["segment"])
    check_document(doc)
    return text, doc["quotes"]


def fields(text: str, item: dict) -> dict:
    """The item's fields, with `mention`: its speaker as written."""
    start, end = item["speaker_start"], item["speaker_end"]
    return dict(item, mention=text[start:end] if start is not None else None)


@pytest.mark.parametrize("rule, example", EXAMPLES)
def test_rule_example(rule, example):
    text, items = quotes_of(example.text, example.article)
    made = [fields(text, q) for q in items if rule.name in links(q["rule"])]
    if example.expect is None:
        assert made == [], f"{rule.name} made {made}"
        return
    if "text" in example.expect:
        made = [q for q in made if q["text"] == example.expect["text"]]
    assert made, f"{rule.name} made no item{' ' + repr(example.expect['text']) if 'text' in example.expect else ''}:" \
                 f" {[(q['text'], q['rule']) for q in items]}"
    assert {key: made[0][key] for key in example.expect} == example.expect


def test_every_rule_has_an_example_that_makes_an_item():
    for rule in (*FIND, *ATTRIBUTE, *RESOLVE):
        assert any(example.expect is not None for example in rule.examples), rule.name


def test_rule_names_are_unique():
    names = [rule.name for rule in (*FIND, *ATTRIBUTE, *RESOLVE)]
    assert len(names) == len(set(names))


def test_every_item_records_its_rules_in_step_order():
    text, items = quotes_of("“Prices will fall,” Tom Hart said. “So will rents.”\n\nAnn Lee said the plan was dead.")
    assert [q["rule"] for q in items] == ["quotation-marks > cue > full-name",
                                          "quotation-marks > earlier-in-paragraph > full-name",
                                          "reported-speech > report-cue > full-name"]
