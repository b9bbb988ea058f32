"""The speakers model: one entity per speaker across the corpus, its rules with their examples, the aliases file."""
import csv
import io
import re

import orjson
import pytest

from conftest import ROOT
from helpers import corpus
from corpus_tool.stages.quotes.aliases import Aliases
from corpus_tool.stages.quotes.speakers import SpeakerModel, name_key, without_initials


def doc(doc_id, *items, text=""):
    return {"id": doc_id, "text": text, "quotes": [{"kind": "direct", **item} for item in items]}


def rows_of(*docs):
    model = SpeakerModel()
    for d in docs:
        model.add(d)
    return model.rows()


def by_name(rows):
    return {row["speaker"]: row for row in rows}


@pytest.mark.parametrize("a, b", [
    ("Donald J. Trump", "donald  trump"),
    ("The ICRC", "ICRC"),
    ("Trump's", "Trump"),
    ("George H. W. Bush", "George Bush"),
    ("an aggressive - some", "an aggressive some"),
])
def test_name_keys_compare_case_punctuation_and_middle_initials_aside(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [
    ("one activist in a district", "one activist in district"),  # "a" is a word, not an initial
    ("Bill Clinton", "Hillary Clinton"),
    ("Donald Trump Jr.", "Donald Trump"),
])
def test_name_keys_keep_what_tells_names_apart(a, b):
    assert name_key(a) != name_key(b)


def test_shown_names_lose_their_middle_initials_only():
    assert without_initials("Donald J. Trump") == "Donald Trump"
    assert without_initials("one activist in a district") == "one activist in a district"
    assert without_initials("Ted Cruz") == "Ted Cruz"


def test_a_surname_joins_the_one_fuller_name_ending_with_it():
    rows = rows_of(doc("a", {"speaker": "Donald Trump"}, {"speaker": "Donald J. Trump"}),
                   doc("b", {"speaker": "Trump"}, {"speaker": "TRUMP"}))
    assert [(r["speaker"], r["speaker_id"], r["quotations"]) for r in rows] == [("Donald Trump", "donald-trump", 4)]
    assert rows[0]["variants"] == "Donald J. Trump | TRUMP | Trump"


def test_an_ambiguous_surname_stays_its_own_row_and_namesakes_stay_apart():
    rows = rows_of(doc("a", {"speaker": "Bill Clinton"}), doc("b", {"speaker": "Hillary Clinton"}),
                   doc("c", {"speaker": "Clinton"}))
    assert sorted((r["speaker"], r["speaker_id"]) for r in rows) == [
        ("Bill Clinton", "bill-clinton"), ("Clinton", "clinton"), ("Hillary Clinton", "hillary-clinton")]


def test_a_surname_joins_the_dominant_fuller_name_not_a_rarer_namesake():
    rows = rows_of(doc("a", *[{"speaker": "Barack Obama"}] * 3), doc("b", {"speaker": "Michelle Obama"}),
                   doc("c", {"speaker": "Obama"}))
    assert sorted((r["speaker"], r["quotations"]) for r in rows) == [("Barack Obama", 4), ("Michelle Obama", 1)]


def test_a_surname_stays_apart_when_no_fuller_name_dominates():
    rows = rows_of(doc("a", *[{"speaker": "Hillary Clinton"}] * 5), doc("b", *[{"speaker": "Bill Clinton"}] * 2),
                   doc("c", {"speaker": "Clinton"}))
    assert sorted(r["speaker"] for r in rows) == ["Bill Clinton", "Clinton", "Hillary Clinton"]


def test_a_surname_joins_the_one_fuller_name_of_its_gender():
    rows = rows_of(doc("a", *[{"speaker": "Hillary Clinton", "speaker_gender": "female"}] * 5),
                   doc("b", *[{"speaker": "Bill Clinton", "speaker_gender": "male"}] * 2),
                   doc("c", {"speaker": "Clinton", "speaker_gender": "male"}))
    assert sorted((r["speaker"], r["quotations"]) for r in rows) == [("Bill Clinton", 3), ("Hillary Clinton", 5)]


def test_a_noun_after_the_is_no_surname():
    rows = rows_of(doc("a", {"speaker": "Steven Law"}), doc("b", {"speaker": "the law"}))
    assert sorted(r["speaker"] for r in rows) == ["Steven Law", "the law"]


def person(name, role=None):
    return {"speaker": name, "speaker_type": "person", "speaker_role": role}


def test_a_description_joins_the_one_person_the_corpus_gives_that_role_in_its_documents():
    rows = rows_of(doc("a", person("Donald Trump", "Republican presidential nominee"),
                       person("Mike Pence", "Republican vice presidential nominee")),  # "vice": another role
                   doc("b", person("Donald Trump"), person("Mike Pence"), person("The Republican nominee")))
    assert [(r["speaker"], r["quotations"]) for r in rows] == [("Donald Trump", 3), ("Mike Pence", 2)]
    assert "The Republican nominee" in rows[0]["variants"].split(" | ")


def test_a_description_two_people_answer_stays_apart():
    rows = rows_of(doc("a", person("Donald Trump", "Republican presidential nominee"),
                       person("Mitt Romney", "Republican presidential nominee")),
                   doc("b", person("Donald Trump"), person("Mitt Romney"), person("the Republican nominee")))
    assert "the Republican nominee" in {r["speaker"] for r in rows}


def test_a_description_stays_apart_where_the_person_does_not_speak():
    rows = rows_of(doc("a", person("Donald Trump", "Republican presidential nominee")),
                   doc("b", person("the Republican nominee")))
    assert sorted(r["speaker"] for r in rows) == ["Donald Trump", "the Republican nominee"]


def test_an_organisation_is_no_surname():
    rows = rows_of(doc("a", {"speaker": "Thomson Reuters", "speaker_type": "organisation"}),
                   doc("b", {"speaker": "Reuters", "speaker_type": "organisation"}))
    assert sorted(r["speaker"] for r in rows) == ["Reuters", "Thomson Reuters"]


def test_unresolved_speakers_and_mentions_are_no_rows():
    rows = rows_of(doc("a", {"speaker": None}, {"speaker": "he", "speaker_type": "unresolved"},
                       {"speaker": "Ann Lee", "kind": "mention"}, {"speaker": "  "}))
    assert rows == []


def test_counts_roles_documents_in_corpus_order():
    rows = rows_of(
        {"id": "a", "quotes": [{"kind": "direct", "speaker": "Ann Lee", "speaker_role": "mayor"},
                               {"kind": "partial", "speaker": "ann  lee"},
                               {"kind": "mention", "speaker": None},
                               {"kind": "indirect", "speaker": "Bob Ray"}]},
        {"id": "b", "quotes": [{"kind": "indirect", "speaker": "Ann Lee", "speaker_role": "the mayor"},
                               {"kind": "direct", "speaker": "Ann Lee", "speaker_role": "the mayor"}]})
    ann = rows[0]
    assert [r["speaker"] for r in rows] == ["Ann Lee", "Bob Ray"]  # most quoted first
    assert (ann["quotations"], ann["direct"], ann["partial"], ann["indirect"]) == (4, 2, 1, 1)
    assert (ann["documents"], ann["document_ids"], ann["roles"]) == (2, "a b", "the mayor | mayor")


def test_type_and_gender_are_what_most_items_say():
    agree = [{"speaker": "Ann Lee", "speaker_gender": "female", "speaker_type": "person"}] * 2
    rows = by_name(rows_of(
        doc("a", *agree, {"speaker": "Ann Lee", "speaker_gender": "male"}, {"speaker": "Ann Lee"}),
        doc("b", {"speaker": "Sam Roe", "speaker_gender": "female"}, {"speaker": "Sam Roe", "speaker_gender": "male"}),
        doc("c", {"speaker": "Jo Bay"})))
    assert (rows["Ann Lee"]["type"], rows["Ann Lee"]["gender"]) == ("person", "female")  # 2 of 3: enough
    assert rows["Sam Roe"]["gender"] is None  # the text disagrees with itself
    assert (rows["Jo Bay"]["type"], rows["Jo Bay"]["gender"]) == (None, None)  # no evidence, no guess


def test_variants_are_names_and_mentions_as_written_but_no_pronoun_nor_a_form_two_rows_share():
    text = "Mr. Lee said. He said. The mayor said. The mayor said."
    lee = {"speaker": "Ann Lee", "speaker_start": 0, "speaker_end": 7}
    he = {"speaker": "Ann Lee", "speaker_start": 14, "speaker_end": 16}
    mayor = {"speaker": "Ann Lee", "speaker_start": 23, "speaker_end": 32}
    other = {"speaker": "Bo Ray", "speaker_start": 39, "speaker_end": 48}
    rows = by_name(rows_of(doc("a", lee, he, mayor, other, text=text)))
    assert rows["Ann Lee"]["variants"] == "Mr. Lee"
    assert rows["Bo Ray"]["variants"] == ""


def test_canonical_documents_carry_the_rows_names_and_ids_and_give_the_same_rows():
    docs = [doc("a", {"speaker": "Donald J. Trump"}, {"speaker": None}), doc("b", {"speaker": "Trump"})]
    model = SpeakerModel()
    for d in docs:
        model.add(d)
    before = model.rows()
    canonical = [model.canonical(orjson.loads(orjson.dumps(d))) for d in docs]
    assert [q.get("speaker") for d in canonical for q in d["quotes"]] == ["Donald Trump", None, "Donald Trump"]
    assert canonical[1]["quotes"][0] == {"kind": "direct", "speaker": "Donald Trump", "speaker_id": "donald-trump",
                                         "speaker_name": "Trump"}
    assert rows_of(*canonical) == before  # the model over its own output changes nothing
    again = SpeakerModel()
    for d in canonical:
        again.add(d)
    assert [again.canonical(orjson.loads(orjson.dumps(d))) for d in canonical] == canonical


def test_an_id_that_only_repeats_the_name_pins_nothing():
    rows = rows_of(doc("a", {"speaker": "Trump", "speaker_id": "trump"}), doc("b", {"speaker": "Donald Trump"}))
    assert [(r["speaker"], r["speaker_id"], r["quotations"]) for r in rows] == [("Donald Trump", "donald-trump", 2)]


def test_an_item_with_an_id_belongs_to_that_entity():
    rows = rows_of(doc("a", {"speaker": "Bashar al-Assad", "speaker_id": "Q44329", "speaker_name": "Assad"}),
                   doc("b", {"speaker": "Bashar al-Assad"}), doc("c", {"speaker": "Assad"}))
    assert [(r["speaker"], r["speaker_id"], r["quotations"]) for r in rows] == [("Bashar al-Assad", "Q44329", 3)]


# the aliases file

def test_the_example_aliases_file_pins_names_ids_types_and_genders():
    aliases = Aliases.load(str(ROOT / "pipelines" / "aliases.toml"))
    quotes = [{"kind": "direct", "speaker": "President Assad", "speaker_gender": None},
              {"kind": "indirect", "speaker": "ICRC"}, {"kind": "direct", "speaker": "Robert Mardini"}]
    aliases.pin(quotes)
    assert quotes == [
        {"kind": "direct", "speaker": "Bashar al-Assad", "speaker_id": "Q44329", "speaker_type": "person",
         "speaker_gender": "male", "speaker_gender_evidence": "aliases file"},
        {"kind": "indirect", "speaker": "International Committee of the Red Cross",
         "speaker_id": "international-committee-of-the-red-cross", "speaker_type": "organisation"},
        {"kind": "direct", "speaker": "Robert Mardini"}]


def test_the_seed_with_aliases_through_the_quotes_stage(capfd):
    news = ROOT / "pipelines" / "news.toml"
    docs = corpus("read", ROOT / "seeds", capfd=capfd).out
    docs = corpus("segment", stdin=corpus("normalise", stdin=docs, capfd=capfd).out, capfd=capfd).out
    result = corpus("quotes", "--aliases", ROOT / "pipelines" / "aliases.toml", stdin=docs, capfd=capfd)
    assert result.code == 0 and news.exists()
    seed = orjson.loads(result.out)
    assert any(q["speaker_id"] == "Q44329" for q in seed["quotes"] if q.get("speaker") == "Bashar al-Assad")
    assert "+aliases." in seed["stages"][-1]["version"]  # the file's content is part of the stage's version


@pytest.mark.parametrize("content, message", [
    ('[[entity]]\nname = "A B"\n\n[[entity]]\nname = "C"\ngendr = "male"\n',
     "aliases.toml:4: [[entity]]: unknown key 'gendr' (did you mean 'gender'?)"),
    ('[[entity]]\nvariants = ["B"]\n', "aliases.toml:1: [[entity]]: 'name' must be the entity's canonical name"),
    ('[[entity]]\nname = "A B"\ntype = "people"\n', "aliases.toml:1: [[entity]] 'A B': 'type' must be one of person"),
    ('[[entity]]\nname = "A B"\ngender = "f"\n', "aliases.toml:1: [[entity]] 'A B': 'gender' must be one of female"),
    ('[[entity]]\nname = "A B"\nvariants = "B"\n', "aliases.toml:1: [[entity]] 'A B': 'variants' must be a list"),
    ('[[entity]]\nname = "A B"\nid = 5\n', "aliases.toml:1: [[entity]] 'A B': 'id' must be a non-empty string"),
    ('[[entity]]\nname = "A B"\nvariants = ["B"]\n[[entity]]\nname = "C"\nvariants = ["b"]\n',
     "aliases.toml:4: [[entity]]: 'b' is already a name of the entity at"),
    ('[[entity]\n', "aliases.toml: not valid TOML: Expected ']]' at the end of an array declaration (at line 1"),
    ('name = "A"\n', "aliases.toml: expected only [[entity]] tables, found name"),
])
def test_a_bad_aliases_file_gets_one_line_naming_file_line_and_key(tmp_path, capfd, content, message):
    path = tmp_path / "aliases.toml"
    path.write_text(content)
    result = corpus("quotes", "--aliases", path, stdin="", capfd=capfd)
    assert result.code == 2 and message in result.err, result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err


def test_a_missing_aliases_file_is_named(tmp_path, capfd):
    result = corpus("quotes", "--aliases", tmp_path / "nowhere.toml", stdin="", capfd=capfd)
    assert result.code == 2 and "nowhere.toml: cannot read it" in result.err


# the command and the exports

def test_corpus_speakers_and_an_export_of_the_quotes_agree(tmp_path, capfd):
    docs = "\n".join(orjson.dumps(d).decode() for d in [
        doc("a", {"speaker": "Donald J. Trump"}, {"speaker": "Ann Lee"}), doc("b", {"speaker": "Trump"})])
    table = list(csv.DictReader(io.StringIO(corpus("speakers", stdin=docs, capfd=capfd).out, newline="")))
    quotes = list(csv.DictReader(io.StringIO(corpus("export", "csv", "--table", "quotes", stdin=docs, capfd=capfd).out,
                                             newline="")))
    grouped = {}
    for q in quotes:
        grouped[(q["speaker"], q["speaker_id"])] = grouped.get((q["speaker"], q["speaker_id"]), 0) + 1
    assert grouped == {(r["speaker"], r["speaker_id"]): int(r["quotations"]) for r in table}
    assert [q["speaker_name"] for q in quotes] == ["Donald J. Trump", "", "Trump"]


def test_one_model_groups_speakers():
    """No second grouping anywhere: no SQL over speakers, no other speaker key, one place that builds the model."""
    sources = {p: p.read_text(encoding="utf-8") for p in (ROOT / "corpus_tool").rglob("*.py")}
    grouping = re.compile(r"GROUP BY|PARTITION BY|speaker_key|def _key\(")  # the SQL and keys there were
    assert [p.name for p, text in sources.items() if grouping.search(text)] == []
    assert [p.name for p, text in sources.items() if "SpeakerModel()" in text] == ["stage.py"]


@pytest.mark.eval
def test_the_tables_variants_map_each_dev_speaker_to_its_row(shared_data, shared_eval, tmp_path, capfd):
    """The issue's protocol reads an item's row through the table's variants: on PolNeAR dev, that is
    the row the model put the item in, for every speech item."""
    import sys
    sys.path.insert(0, str(shared_eval))
    from speakers_eval import norm, read_table

    segmented = corpus("segment", shared_data / "polnear" / "dev.jsonl", capfd=capfd).out
    docs = [orjson.loads(line) for line in corpus("quotes", stdin=segmented, capfd=capfd).out.splitlines()]
    (tmp_path / "docs.jsonl").write_bytes(b"\n".join(orjson.dumps(d) for d in docs))
    (tmp_path / "speakers.csv").write_text(corpus("speakers", tmp_path / "docs.jsonl", capfd=capfd).out)
    variants, _ = read_table(tmp_path / "speakers.csv")
    model = SpeakerModel()
    for d in docs:
        model.add(d)
    items = [q for d in docs for q in d["quotes"] if q["kind"] != "mention" and model.entity_of(q)]
    assert len(items) > 1000
    assert [q["speaker"] for q in items if norm(variants.get(norm(q["speaker"]), q["speaker"]))
            != norm(model.entity_of(q).speaker)] == []


def test_fields_of_the_wrong_type_are_read_as_absent(capfd):
    doc = {"id": "h", "text": "abc", "quotes": [
        {"kind": "direct", "speaker": "Trump", "speaker_type": "person", "speaker_role": 5},
        {"kind": "direct", "speaker": "Lee", "speaker_type": ["x"], "speaker_gender": {"a": 1}}]}
    result = corpus("speakers", stdin=orjson.dumps(doc).decode() + "\n", capfd=capfd)
    assert result.code == 0, result.err
    rows = {row["speaker"]: row for row in csv.DictReader(io.StringIO(result.out))}
    assert rows["Trump"]["roles"] == "" and rows["Trump"]["type"] == "person"
    assert rows["Lee"]["type"] == "" and rows["Lee"]["gender"] == ""


def test_no_pronoun_form_is_a_variant_of_a_row(capfd):
    text = "John Smith spoke on Monday. “It is over,” him said. “It is not,” John Smith said."
    quotes = [{"kind": "direct", "speaker": "John Smith", "speaker_type": "person", "speaker_start": s, "speaker_end": s + n}
              for s, n in ((text.index("him"), 3), (text.rindex("John Smith"), 10))]
    out = corpus("speakers", stdin=orjson.dumps({"id": "a", "text": text, "quotes": quotes}).decode() + "\n", capfd=capfd).out
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["speaker"] == "John Smith" and "him" not in row["variants"].split(" | ")
