"""Resolve rules for pronouns and relatives: "he"/"she" by agreement and salience, "I"/"we" to a named
author, "who" to the phrase before it; what none of them can resolve stays unresolved, never a name."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import islice

from .attribution import NAME_END, clause_subject, mention_before
from .names import PERSON_WORDS, is_name_word, is_organisation, take_apart
from .resolution import UNRESOLVED, Mention, Resolution, Resolver
from .rules import Example, rule

RELATIVE_CHARS = 150  # how far before "who" its antecedent may start
SENTENCE_MARKS = ".?!\n\"“”"
BYLINE = re.compile(r"(?:By|BY|by)[^\S\n]+([A-Z][\w.’'\-]*(?:[^\S\n]+[A-Z][\w.’'\-]*){1,3})[^\S\n]*$")
SIGN_OFF = re.compile(r"[―—–-]+[^\S\n]*([A-Z][\w.’'\-]*(?:[^\S\n]+[A-Z][\w.’'\-]*){1,3})[^\S\n]*$")
BIO = re.compile(r"([A-Z][\w.’'\-]*(?:[^\S\n]+[A-Z][\w.’'\-]*){1,3})[^\S\n]+is[^\S\n]+(?:an?|the)?[^\S\n]*[a-z]")
BYLINE_PARAGRAPHS = 3
AUTHORS = re.compile(r"\s*(?:[,;|/&]|\band\b)\s*")  # between the writers a metadata field lists
SENTENCES_BACK = 20  # how far back a pronoun's antecedent is looked for sentence by sentence
SALIENT = 50  # the most recent people a pronoun may still stand for, among its speakers and among those named


def _kind(mention: Mention) -> str | None:
    return mention.pronoun[0] if mention.pronoun else None


def author(resolver: Resolver) -> str | None:
    """The writer the document names: a byline ("By Jane Doe") in its first paragraphs, else the person its
    metadata names first (the html reader's `author`), else a sign-off as its last paragraph ("— Jane Doe",
    "Jane Doe is a columnist …"); read once."""
    if "author" not in resolver.found:
        resolver.found["author"] = _author(resolver)
    return resolver.found["author"]


def _author(resolver: Resolver) -> str | None:
    paragraphs = resolver.doc.paragraphs
    for para in paragraphs[:BYLINE_PARAGRAPHS]:
        found = BYLINE.match(resolver.text, para["start"], para["end"])
        if found:
            return resolver.name_at(*found.span(1)).name
    if resolver.author and _person_named(resolver.author):
        return _person_named(resolver.author)
    last = paragraphs[-1] if paragraphs else None
    signed = last and SIGN_OFF.match(resolver.text, last["start"], last["end"])
    if signed:
        return resolver.name_at(*signed.span(1)).name
    bio = last and BIO.match(resolver.text, last["start"], last["end"])
    found = resolver.name_at(*bio.span(1)) if bio else None
    # a writer's line names a person the piece itself does not name ("Jane Doe is a columnist in Ohio."), not
    # an organisation or someone the story is about ("The Pentagon is a building …", "Donald Trump is …")
    if (found and found.type == "person" and found.name and len(found.name.split()) > 1
            and resolver.text.find(found.name, 0, last["start"]) < 0):
        return found.name
    return None


def _person_named(authors: str) -> str | None:
    """The first writer a metadata field names, if a person's name ("By Jane Q. Doe, Staff Writer" → "Jane
    Doe"); None for an organisation ("Associated Press") or anything else."""
    name = take_apart(AUTHORS.split(authors.strip(), 1)[0]).name
    found = name.split()
    if 1 < len(found) <= PERSON_WORDS and all(is_name_word(w) for w in found) and not is_organisation(name):
        return name
    return None


@rule("resolve", "author", Example(
    "Why I vote\n\nBy Jane Doe\n\nI said that the vote matters.",
    {"speaker": "Jane Doe", "speaker_type": "person"}), Example(
    "Why I vote\n\nI said that the vote matters.\n\nJane Doe is a columnist in Ohio.",
    {"speaker": "Jane Doe"}), Example(
    "Why I vote\n\nI said that the vote matters to all.\n\nThe Pentagon is a building in Virginia.",
    {"speaker": None, "speaker_type": "unresolved"}), Example(
    "The race\n\nDonald Trump spoke. I said that he would win.\n\nDonald Trump is the Republican nominee.",
    {"text": "he would win", "speaker": None, "speaker_type": "unresolved"}), Example(
    "Why we vote\n\n“It matters,” I said.", {"text": "It matters,", "speaker": None, "speaker_type": "unresolved"}))
def self_reference(resolver: Resolver, mention: Mention) -> Resolution | None:
    """"I" or "we" is the document's author where it names one (a byline, its metadata's author, a sign-off);
    else nobody."""
    if _kind(mention) != "self":
        return None
    name = author(resolver)
    return Resolution(name, "person") if name else UNRESOLVED


@rule("resolve", "relative", Example(
    "The race tightened.\n\nRobert Mardini, who said that the convoy had left, waited.",
    {"speaker": "Robert Mardini"}), Example(
    "The plan was backed by a local farmer who told reporters that “prices will fall.”",
    {"text": "prices will fall.", "speaker": "a local farmer"}), Example(
    "The rule was challenged.\n\nThe suit was filed by Scott Pruitt, the attorney general of Oklahoma, who said "
    "that it was illegal.", {"speaker": "Scott Pruitt"}), Example(
    "The emails.\n\nJohn Bentel, a tech staffer at the State Department who told his staff that the server "
    "was approved, left.", {"speaker": "John Bentel", "speaker_type": "person"}))
def relative(resolver: Resolver, mention: Mention) -> Resolution | None:
    """"who" stands for the mention just before it ("Mardini, who said", "Scott Pruitt, the attorney general
    of Oklahoma, who said"), or for the person named before an organisation there ("John Bentel, a staffer at
    the State Department who told"), else the name before it; else nobody."""
    if _kind(mention) != "relative":
        return None
    text, end = resolver.text, mention.start
    while end > 0 and text[end - 1] in " ,":
        end -= 1
    lo = max(0, end - RELATIVE_CHARS)
    clause = max(lo, *(text.rfind(mark, lo, end) + 1 for mark in SENTENCE_MARKS))  # in its sentence
    found = mention_before(text, clause, end) if end > clause else None
    if found and not text.startswith("that ", found[0][0]):
        before = resolver.name_at(*found[0])
        if before.type == "organisation" and mention.text.lower().startswith("who"):  # a person's "who"
            person = next(resolver.people.persons_before(found[0][0], clause), None)
            return Resolution(person, "person") if person else before
        return before
    name = NAME_END.search(text, lo, end) if end else None
    return resolver.name_at(*name.span()) if name else UNRESOLVED


def _candidates(resolver: Resolver, mention: Mention):
    """Persons a "he"/"she" may stand for, most salient first: the subject of its own sentence (outside the
    quotation: "“Hillary has nobody,” he said" is not Hillary's), the subject
    of the sentence before when that sentence follows the last person who spoke (a newcomer: "“…,” Merkley
    said. Hillary Clinton was more circumspect. She called …"), the speakers before it (the turns of the
    quotations), the people named before it in its sentence, then sentence by sentence backwards the first
    person named (the subject, as a rule) and the others, nearest first; names inside quotations aside.
    Only names the document shows to be people count (see `People.is_person`)."""
    start, text, people, doc = mention.start, resolver.text, resolver.people, resolver.doc
    sentence = resolver.sentence_start(start)
    subject = clause_subject(text, sentence, start)
    if (subject and subject[0][1] <= start and text[subject[0][0]:subject[0][1]][:1].isupper()
            and not doc.quoted(subject[0][0])):  # "“… Hillary has nobody,” he said": he is not Hillary
        yield resolver.name_at(*subject[0]).name
    k = bisect_right(doc.sentence_starts, sentence) - 1
    said = resolver.persons_said[next(reversed(resolver.persons_said))] if resolver.persons_said else None
    if said is not None and k > 0 and doc.sentences[k - 1]["start"] > said:
        previous = doc.sentences[k - 1]
        found = clause_subject(text, previous["start"], previous["end"])
        if found and text[found[0][0]:found[0][1]][:1].isupper() and not doc.quoted(found[0][0]):
            yield resolver.name_at(*found[0]).name
    yield from islice(reversed(resolver.persons_said), SALIENT)  # each speaker once, most recent first
    yield from reversed(_named_outside_quotes(resolver, sentence, start))
    for previous in reversed(doc.sentences[max(0, k - SENTENCES_BACK):k]):
        named = _named_outside_quotes(resolver, previous["start"], previous["end"])
        yield from named[:1] + named[:0:-1]
    yield from islice(_distinct(people.persons_before(doc.sentences[max(0, k - SENTENCES_BACK)]["start"])),
                      SALIENT)


def _distinct(names: Iterator[str]) -> Iterator[str]:
    """Each name once, in order."""
    seen: set[str] = set()
    for name in names:
        if name not in seen:
            seen.add(name)
            yield name


def _named_outside_quotes(resolver: Resolver, start: int, end: int) -> list[str]:
    """Persons named in text[start:end] outside quotations, in text order."""
    occurrences = resolver.people.occurrences
    k = bisect_left(occurrences, (start, ""))
    found = []
    while k < len(occurrences) and occurrences[k][0] < end:
        if not resolver.doc.quoted(occurrences[k][0]):
            found.append(occurrences[k][1])
        k += 1
    return found


@rule("resolve", "personal-pronoun", Example(
    "The race tightened.\n\nRobert Mardini spoke to reporters.\n\n“We go on,” he said.",
    {"text": "We go on,", "speaker": "Robert Mardini", "speaker_gender": "male", "speaker_gender_evidence": "he"}),
    Example("The race tightened.\n\nMrs. Ann Lee met John Roe.\n\n“We go on,” she said.",
            {"text": "We go on,", "speaker": "Ann Lee", "speaker_gender": "female"}),
    Example("The hearing.\n\n“It is a scandal,” Jeff Merkley said.\n\nJohn Roe was more careful. "
            "“We will see,” he said.", {"text": "We will see,", "speaker": "John Roe"}),
    Example("The hearing.\n\n“It is a scandal,” Jeff Merkley said.\n\n“We will see,” he said.",
            {"text": "We will see,", "speaker": "Jeff Merkley"}),
    Example("The song.\n\nAnn Lee spoke.\n\n“John Roe has nothing. John Roe has nobody,” she said.",
            {"text": "John Roe has nothing. John Roe has nobody,", "speaker": "Ann Lee"}),
    Example("The race tightened.\n\n“We go on,” he said.",
            {"text": "We go on,", "speaker": None, "speaker_type": "unresolved"}))
def personal_pronoun(resolver: Resolver, mention: Mention) -> Resolution | None:
    """"he"/"she" stands for the most salient person it agrees with in gender; the pronoun is evidence of
    that person's gender."""
    if _kind(mention) != "person":
        return None
    gender = mention.pronoun[1]
    people = resolver.people
    tried: set[str | None] = set()  # a name fails or passes alike however often it comes
    name = next((name for name in _candidates(resolver, mention) if name not in tried and not tried.add(name)
                 and people.is_person(name) and people.gender(name) in (None, gender)), None)
    if name is None:
        return UNRESOLVED
    people.note_gender(name, gender, mention.text.lower(), resolved=True)
    return Resolution(name, "person")


@rule("resolve", "plural-pronoun", Example(
    "The talks resumed.\n\nThe United Nations said the deal held. “We are hopeful,” they said.",
    {"text": "We are hopeful,", "speaker": "United Nations", "speaker_type": "organisation"}), Example(
    "The talks resumed.\n\n“We are hopeful,” they said.", {"text": "We are hopeful,", "speaker": None}))
def plural_pronoun(resolver: Resolver, mention: Mention) -> Resolution | None:
    """"they" stands for the last organisation or group that spoke in its paragraph or the one before, else
    the last organisation named there."""
    if _kind(mention) != "plural":
        return None
    return _last_speaker(resolver, mention, ("organisation", "group"))


@rule("resolve", "it", Example(
    "The talks resumed.\n\nThe United Nations said the deal held. It said that the talks would go on.",
    {"speaker": "United Nations", "speaker_type": "organisation"}))
def thing_pronoun(resolver: Resolver, mention: Mention) -> Resolution | None:
    """"it" stands for the last organisation that spoke in its paragraph or the one before, else the last
    organisation named there."""
    if _kind(mention) != "thing":
        return None
    return _last_speaker(resolver, mention, ("organisation",))


def _last_speaker(resolver: Resolver, mention: Mention, types: tuple[str, ...]) -> Resolution:
    """The last speaker of one of `types` in the mention's paragraph or the one before, else the last
    organisation named there."""
    doc = resolver.doc
    paragraph = doc.sentence_at(mention.start)["paragraph"]
    for offset, found in reversed(resolver.history):
        if doc.sentence_at(offset)["paragraph"] < paragraph - 1:
            break
        if found.type in types:
            return Resolution(found.name, found.type)
    since = doc.paragraphs[max(0, paragraph - 1)]["start"]
    name = resolver.people.organisation_before(mention.start, since)
    return Resolution(name, "organisation") if name else UNRESOLVED


@rule("resolve", "nobody-in-particular", Example(
    "The talks resumed.\n\n“It is over,” someone said.", {"text": "It is over,", "speaker": None,
                                                          "speaker_type": "unresolved"}))
def nobody_in_particular(resolver: Resolver, mention: Mention) -> Resolution | None:
    """"you", "someone", "this" and the other pronouns stand for nobody the text names."""
    return UNRESOLVED if mention.pronoun else None
