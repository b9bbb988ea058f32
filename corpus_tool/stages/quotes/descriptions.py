"""Resolve rules for descriptions ("the FBI director", "a campaign aide", "officials"): the name set beside
them, the person an earlier role names, else the description itself as an unnamed person or group."""
from __future__ import annotations

import re

from .attribution import NAME_BODY, NAME_END, NAME_START, SP
from .lexicon import alternation, words
from .names import ABBREVIATIONS, ORGANISATION_WORDS, PRONOUN_FORMS, ROLE_WORDS, role_words
from .resolution import NOT_SPEAKERS, UNRESOLVED, Mention, Resolution, Resolver
from .rules import Example, rule

QUOTE_MARKS = "“”\"‘’'"
FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|My|our|Our|me|us)\b")
INDEFINITE = words("indefinites")
ROLE_HEADS = ROLE_WORDS | ORGANISATION_WORDS | frozenset(ABBREVIATIONS.values())
CONTRACTION = re.compile(r"[’'](?:t|ll|d|ve|re|m)$")
CLAUSE_WORDS = words("auxiliaries") | frozenset(PRONOUN_FORMS) - words("determiners")
APPOSED_BEFORE = re.compile(r",\s*$")
APPOSED_AFTER = re.compile(r",\s*")
APPOSITION_CHARS = 60
# "the IMF report", "Ivana Trump's brief": a name, a possessive, up to two words and a document its author speaks in
POSSESSIVE_END = re.compile(r"[’']s?$")
AUTHORED = re.compile(rf"(?:(?:[Tt]he|[Aa]n?){SP})?({NAME_BODY}){SP}(?:[a-z][\w-]*{SP}){{0,2}}"
                      rf"(?:{alternation(words('document_nouns'))})")


def _description(mention: Mention) -> bool:
    return not mention.pronoun and not mention.is_name


@rule("resolve", "headline-label", Example(
    "Aleppo: Mass displacement begins\n\nThe evacuation went on.", {"speaker": None, "speaker_type": "unresolved"},
    article=True),
    Example("Trump: I will win the debate\n\nThe race tightened.", None, article=True))
def headline_label(resolver: Resolver, mention: Mention) -> Resolution | None:
    """A name opening the headline before a colon labels the story ("Aleppo: Mass displacement begins"):
    nobody speaks, unless what follows is quoted or in the first person ("Trump: I will win")."""
    colon = mention.start + len(mention.text)
    if not resolver.text.startswith(":", colon):
        return None
    index = resolver.doc.sentence_at(mention.start)["paragraph"]
    paragraph = resolver.doc.paragraphs[index]
    if not (index == 0 or paragraph.get("kind") == "title"):
        return None
    rest = resolver.text[colon + 1:paragraph["end"]]
    spoken = any(mark in rest for mark in QUOTE_MARKS) or FIRST_PERSON.search(rest)  # "Trump: I will win"
    return UNRESOLVED if not spoken and not resolver.text[paragraph["start"]:mention.start].strip() else None


@rule("resolve", "apposition", Example(
    "The rule was challenged.\n\n“It is illegal,” the attorney general of Oklahoma, Scott Pruitt, said.",
    {"speaker": "Scott Pruitt", "speaker_type": "person"}), Example(
    "The rule was challenged.\n\nAnother critic, Laurence H. Tribe, said that it was illegal.",
    {"speaker": "Laurence Tribe"}))
def apposition(resolver: Resolver, mention: Mention) -> Resolution | None:
    """A description set beside a name between commas stands for that name ("Scott Pruitt, the attorney
    general, said", "Another critic, Laurence H. Tribe, said")."""
    if not _description(mention):
        return None
    text = resolver.text
    comma = text.find(",", mention.start, mention.start + len(mention.text) + APPOSITION_CHARS)
    end = mention.start + len(mention.text) if comma < 0 else comma
    before = APPOSED_BEFORE.search(text, max(0, mention.start - 2), mention.start)
    name = NAME_END.search(text, max(0, mention.start - APPOSITION_CHARS), before.start()) if before else None
    if name is None:
        after = APPOSED_AFTER.match(text, end)
        name = NAME_START.match(text, after.end()) if after else None
        name = name if name and text.startswith(",", name.end()) else None
    found = resolver.name_at(*name.span()) if name else None
    return found if found and found.type == "person" and found.name in resolver.people.first else None


@rule("resolve", "role-holder", Example(
    "James Comey, the FBI director, spoke.\n\nThe FBI director said that the case was closed.",
    {"speaker": "James Comey", "speaker_type": "person"}), Example(
    "The race tightened after Republican presidential nominee Donald Trump spoke.\n\n"
    "The Republican nominee said that he would win.", {"speaker": "Donald Trump"}), Example(
    "The race tightened after Republican nominee Donald Trump spoke.\n\nThe GOP nominee said that he would win.",
    {"speaker": "Donald Trump"}), Example(
    "The deal.\n\nSen. Lindsey Graham (R-S.C.) spoke on Monday.\n\nThe South Carolina senator said that the deal "
    "was dead.", {"speaker": "Lindsey Graham"}), Example(
    "Vice President Joe Biden spoke.\n\nThe president said that the law would pass.", None), Example(
    "Growth.\n\nThe International Monetary Fund met.\n\nThe fund said that growth would slow.",
    {"speaker": "International Monetary Fund", "speaker_type": "organisation"}), Example(
    "The shooting.\n\nThe Jupiter Police Department opened an inquiry.\n\nLater, police said that the man was armed.",
    {"speaker": "Jupiter Police Department", "speaker_type": "organisation"}))
def role_holder(resolver: Resolver, mention: Mention) -> Resolution | None:
    """A definite description (not "a spokesman": someone new) stands for the person a role the text gives
    answers ("the FBI director" after "James Comey, the FBI director", "the Vermont senator" after "Vermont
    Sen. Bernie Sanders" or "Sen. Bernie Sanders (I-Vt.)"), or "the commission", "police" for the organisation
    named with that word."""
    if not _description(mention) or mention.text.split()[0].lower() in INDEFINITE:
        return None
    found = role_words(mention.text)
    if found is None or found[1] not in ROLE_HEADS:  # "the report", "the move": no role, nobody to look up
        return None
    name = resolver.people.role_holder(mention.text, mention.start)
    if name:
        return Resolution(name, "person", role=mention.text)
    words_ = mention.text.lower().split()
    bare = len(words_) == 2 and words_[0] == "the" or words_ == [w for w in words_ if w in ORGANISATION_WORDS]
    organisation = resolver.people.organisation_with(words_[-1], mention.start) if bare else None
    return Resolution(organisation, "organisation") if organisation else None


@rule("resolve", "document-author", Example(
    "Growth.\n\nThe International Monetary Fund (IMF) met.\n\n“Growth will slow,” the IMF report said.",
    {"speaker": "International Monetary Fund", "speaker_type": "organisation"}), Example(
    "The divorce.\n\nIvana Trump filed papers.\n\nIvana Trump's brief argued that the deal was void.",
    {"speaker": "Ivana Trump", "speaker_type": "person"}), Example(
    "Growth.\n\nThe annual report said that growth would slow.", None))
def document_author(resolver: Resolver, mention: Mention) -> Resolution | None:
    """A document named by its author ("the IMF report", "Ivana Trump's brief", "a Pew survey") speaks for
    that author: an organisation, or a person the text names as one, by a possessive or with a gender ("the
    Trump release"); a name before a document otherwise is an organisation's ("a Bloomberg poll")."""
    found = AUTHORED.fullmatch(mention.text)
    if found is None:
        return None
    name = POSSESSIVE_END.sub("", found.group(1))
    author = resolver.name_at(mention.start + found.start(1), mention.start + found.start(1) + len(name))
    possessive = name != found.group(1)
    if author.type == "organisation" or author.type == "person" and resolver.people.is_person(author.name) and (
            possessive or resolver.people.gender(author.name)):
        return author  # "Ivana Trump's brief", "the Trump release"
    if author.type == "person" and resolver.people.is_person(author.name):
        return Resolution(name, "organisation")  # "a Bloomberg poll", "the Morning Consult poll"
    return None  # "Early polls", "a June poll"


@rule("resolve", "description", Example(
    "The talks resumed.\n\n“We stayed,” said one activist in a besieged district.",
    {"text": "We stayed,", "speaker": "one activist in a besieged district", "speaker_type": "person"}), Example(
    "The talks resumed.\n\nSenior officials said that the deal held.",
            {"speaker": "Senior officials", "speaker_type": "group"}),
    Example("The talks resumed.\n\nHis position could be said to be that the deal held.",
            {"speaker": None, "speaker_type": "unresolved"}), Example(
    "The talks resumed.\n\n“We will win,” said a spokeswoman for Hillary Clinton.",
    {"speaker": "a spokeswoman for Hillary Clinton", "speaker_type": "person"}))
def description(resolver: Resolver, mention: Mention) -> Resolution | None:
    """A description nothing resolves is an unnamed speaker as written: a group when plural ("officials"), an
    organisation ("the company"), else a person; a clause ("his position could be", "I shouldn't"), a word
    that is no noun phrase ("be") or a thing said ("reports") is nobody."""
    if not _description(mention):
        return None
    tokens = [w.strip(",.").lower() for w in mention.text.split()]
    found = role_words(mention.text)
    if (found is None or any(w in CLAUSE_WORDS or CONTRACTION.search(w) for w in tokens) or found[1] in NOT_SPEAKERS
            or mention.text.endswith("-") or (len(tokens) == 1 and not tokens[0].endswith("s"))):
        return UNRESOLVED  # "be", "require", "I shouldn't", "her newly-"
    head = found[1]
    if head in ORGANISATION_WORDS:
        return Resolution(mention.text, "organisation")
    plural = head.endswith("s") and not head.endswith(("ss", "us", "is"))
    return Resolution(mention.text, "group" if plural else "person")
