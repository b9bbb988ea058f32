"""Every rule's examples are its tests: the text through `segment` and `quotes`, then an item made by the rule
with the expected fields (or none made by it, for `expect=None`)."""
import pytest

from corpus_tool.stages.quotes import sieves
from corpus_tool.stages.quotes.rules import links
from corpus_tool.testing import run_stage

EXAMPLES = [pytest.param(each, example, id=f"{each.step}:{each.name}:{k}")
            for each in sieves.RESOLVE for k, example in enumerate(each.examples)]


def made_by(each, example) -> list[dict]:
    doc = run_stage("quotes", example.text, before=["segment"])
    text = (example.expect or {}).get("text")
    return [q for q in doc["quotes"] if each.name in links(q.get("rule") or "")
            and (text is None or q["text"] == text)]


@pytest.mark.parametrize(("each", "example"), EXAMPLES)
def test_rule_example(each, example):
    found = made_by(each, example)
    if example.expect is None:
        assert found == []
        return
    assert found, f"{each.name} made no item of {example.text!r}"
    wanted = {key: value for key, value in example.expect.items() if key != "text"}
    assert any(all(q.get(key) == value for key, value in wanted.items()) for q in found), found


def test_every_resolve_rule_has_examples_and_a_unique_name():
    names = [each.name for each in sieves.RESOLVE]
    assert len(names) == len(set(names))
    assert all(each.step == "resolve" and each.examples and each.description for each in sieves.RESOLVE)
