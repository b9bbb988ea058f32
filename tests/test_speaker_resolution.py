"""Speakers as people inside a document (issue #13): the seed's speakers, and the issue's figures on PolNeAR
dev measured with its protocol (`corpus segment | corpus quotes`, `corpus speakers`, speakers_eval.py)."""
import csv
import io
import json
import subprocess
import sys

import pytest

from corpus_tool.testing import invoke, make_document, run_stage

SEED = "000_dcd1f4973ecb798f.txt"
NOT_YET = "issue 13's goal not reached yet (see its closing note)"


def corpus(*args: str, input: str) -> str:
    result = invoke(*args, input=input)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_seed_speakers_are_its_people(shared_data, shared_eval, tmp_path):
    text = (shared_data.parent / "seeds" / SEED).read_text(encoding="utf-8")
    doc = run_stage("quotes", text, before=["segment"])
    pred = tmp_path / "seed.jsonl"
    pred.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    checked = subprocess.run([sys.executable, str(shared_eval / "seed_check.py"), str(shared_data / "seed_gold.json"),
                              str(pred), "--json"], check=True, capture_output=True, text=True).stdout
    assert json.loads(checked)["speaker_right"] == 13
    speech = [q for q in doc["quotes"] if q["kind"] != "mention"]
    names = {q["speaker"] for q in speech}
    people = {"Robert Mardini", "Zouhir Al Shimale", "Bashar al-Assad", "International Committee of the Red Cross"}
    assert people <= names
    assert not names & {"Aleppo", "Fear", "Reports", "who", "they"}
    gender = {q["speaker"]: q["speaker_gender"] for q in speech if q["speaker_type"] == "person"}
    assert gender["Robert Mardini"] == gender["Bashar al-Assad"] == "male"
    described = [q for q in speech if q["speaker"] and q["speaker"].startswith("one ")]
    assert described and all(q["speaker_type"] == "person" for q in described)


@pytest.mark.parametrize("author, speaker", [
    ("Jane Q. Doe, Staff Writer", "Jane Doe"),  # the first writer, without initials and the role after her
    ("Jane Doe and John Roe", "Jane Doe"),
    ("Associated Press", None),  # an organisation is no "I"
    ("", None),
])
def test_i_is_the_author_the_metadata_names(author, speaker):
    doc = make_document("Why I vote\n\nI said that the vote matters.")
    doc["meta"]["author"] = author
    [item] = run_stage("quotes", doc, before=["segment"])["quotes"]
    assert item["speaker"] == speaker
    assert item["speaker_type"] == ("person" if speaker else "unresolved")


def test_a_byline_in_the_text_comes_before_the_metadata():
    doc = make_document("Why I vote\n\nBy Ann Lee\n\nI said that the vote matters.")
    doc["meta"]["author"] = "Jane Doe"
    assert [q["speaker"] for q in run_stage("quotes", doc, before=["segment"])["quotes"]] == ["Ann Lee"]


@pytest.fixture(scope="module")
def dev_figures(shared_data, shared_eval, tmp_path_factory) -> dict:
    """speakers_eval.py and quotes_eval.py on PolNeAR dev, through the issue's protocol."""
    gold = shared_data / "polnear" / "speakers_dev.jsonl"
    texts = "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n"
                    for d in map(json.loads, gold.read_text(encoding="utf-8").splitlines()))
    folder = tmp_path_factory.mktemp("speakers")
    docs, table = folder / "docs.jsonl", folder / "speakers.csv"
    docs.write_text(corpus("quotes", input=corpus("segment", input=texts)), encoding="utf-8")
    table.write_text(corpus("speakers", str(docs), input=""), encoding="utf-8")
    assert list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))

    def scored(*args) -> dict:
        out = subprocess.run([sys.executable, *map(str, args), "--json"], check=True, capture_output=True, text=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    quotes = scored(shared_eval / "quotes_eval.py", shared_data / "polnear" / "dev.jsonl", docs)
    return {**scored(shared_eval / "speakers_eval.py", gold, docs, "--speakers", table), "quotes": quotes}


@pytest.mark.eval
def test_no_pronoun_is_a_speaker(dev_figures):
    assert dev_figures["pronoun_speakers"] <= 0.005


@pytest.mark.eval
def test_pronouns_resolve_to_their_person(dev_figures):
    assert dev_figures["named_accuracy_by_pronoun"] >= 0.80


@pytest.mark.eval
def test_gender_from_the_text(dev_figures):
    assert dev_figures["gender_accuracy"] >= 0.95
    assert dev_figures["gender_coverage"] >= 0.80


@pytest.mark.eval
def test_quotations_found_as_before(dev_figures):
    direct, indirect = dev_figures["quotes"]["direct"], dev_figures["quotes"]["indirect"]
    assert direct["f1"] >= 0.952 and indirect["f1"] >= 0.573


@pytest.mark.eval
def test_quotation_speakers_as_before(dev_figures):
    direct = dev_figures["quotes"]["direct"]
    assert direct["speaker_accuracy"] >= 0.925 and direct["end_to_end_f1"] >= 0.881


def short_of(figures: dict, goals: dict[str, float], floors: dict[str, float]) -> list[str]:
    """The goals not reached (a figure over a goal is a maximum when the key starts with "max "); a figure
    under its floor fails at once."""
    def reached(key: str, bound: float) -> bool:
        name = key.removeprefix("max ")
        return figures[name] <= bound if key.startswith("max ") else figures[name] >= bound

    assert all(reached(key, bound) for key, bound in floors.items()), {k: figures[k.removeprefix("max ")] for k in floors}
    return [f"{key} {bound}: {figures[key.removeprefix('max ')]:.3f}" for key, bound in goals.items() if not reached(key, bound)]


# Issue 13's goals, and floors a little under what dev gave when the issue was left open: a change that
# drops below a floor fails; one between floor and goal is a goal not yet reached (xfail, with the figures).
@pytest.mark.eval
@pytest.mark.parametrize("goals, floors", [
    ({"named_accuracy": 0.85, "named_accuracy_by_name": 0.95}, {"named_accuracy": 0.83, "named_accuracy_by_name": 0.89}),
    ({"named_recall": 0.65}, {"named_recall": 0.61}),
    ({"max fragmentation": 1.3}, {"max fragmentation": 2.4}),
], ids=["named-accuracy", "named-recall", "fragmentation"])
def test_speakers_as_entities(dev_figures, goals, floors):
    missing = short_of(dev_figures, goals, floors)
    if missing:
        pytest.xfail(f"{NOT_YET}: " + "; ".join(missing))
