"""Who a speaker mention stands for, inside one document: the resolve step's rules for names.

`Resolver.resolve` tries the resolve rules (`sieves.RESOLVE`) in their order on a mention; the first that
decides gives a `Resolution`: the canonical name (or None), the type (person, organisation, group,
unresolved), the gender and its evidence from the text, the role written with the mention, and the rule's
name. Names: an acronym introduced in brackets takes its expansion ("the ICRC"), several people together
are a group, "the Trump campaign" is "Donald Trump campaign", a surname or "Mr. Obama" takes the fuller
name the document gives (agreeing in gender), and a full name is cleaned of titles and initials.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .attribution import CUES, NAME_END
from .lexicon import words
from .names import (ENTOURAGE, HONORIFIC_WEIGHT, PERSON_WORDS, POSSESSIVE, PRONOUN_FORMS, ROLE_LINKS, ROLE_WORDS, RUN,
                    Parts, People, initials, is_name_word, is_organisation, is_role, take_apart)
from .rules import Example, rule

ACRONYM = re.compile(r"\(([A-Z][A-Za-z&.]*[A-Z]\.?)\)")
ACRONYM_NAME = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][A-Z&]+")
DETERMINERS = words("determiners")
NOT_SPEAKERS = frozenset(w.lower() for w in words("content_nouns") | words("speech_nouns"))
JOINED = re.compile(r"\s+(?:and|&)\s+")
SPACE = re.compile(r"\s+")
ACRONYM_CHARS = 150  # how far before "(ICRC)" its expansion may start
FOLLOWING_CHARS = 20  # how far after a possessive mention its noun ("campaign") is looked for
HEADLINE_WORDS = 4  # a headline in title case: this many words at least, more than this share capitalised
HEADLINE_SHARE = 0.7
VERB_ENDINGS = ("s", "ing")  # "Preys", "Calls", "Speaking" (and plurals: "Critics")


def title_cased(line: str) -> bool:
    """Whether a line is a headline in title case: most of its words, and four at least, capitalised."""
    found = line.split()
    return len(found) >= HEADLINE_WORDS and sum(w[:1].isupper() for w in found) > HEADLINE_SHARE * len(found)


class Resolution(NamedTuple):
    """Who a mention stands for, and the rule that decided it."""

    name: str | None
    type: str  # person | organisation | group | unresolved
    gender: str | None = None
    gender_evidence: str | None = None
    role: str | None = None
    rule: str | None = None


UNRESOLVED = Resolution(None, "unresolved")


class Form(NamedTuple):
    """What a mention's words are wherever they stand, read once per distinct text (a document writes "Trump"
    and "he" again and again): spaces normalised, the pronoun, the name taken apart."""

    text: str
    pronoun: tuple[str, str | None] | None  # (kind, gender) when a pronoun or relative ("he", "who", "their")
    parts: Parts
    is_role_word: bool  # one capitalised word that names a role ("Judge", "King"): a surname only where the
    # document names someone with it ("Sen. Angus King")
    is_name_or_role: bool
    is_name: bool  # ends with a name ("Sen. Ted Cruz", "the ICRC"), not a pronoun or description


@lru_cache(maxsize=1 << 15)
def form_of(written: str) -> Form:
    """The form of a mention as written."""
    text = SPACE.sub(" ", written.strip())
    pronoun = PRONOUN_FORMS.get(text.lower())
    parts = take_apart(text)
    name = parts.name
    is_role_word = parts.gender is None and " " not in name and name.lower().rstrip(".") in ROLE_WORDS
    last = text.split()[-1:] or [""]
    is_name_or_role = (not pronoun and is_name_word(POSSESSIVE.sub("", last[0].strip(",."))) and bool(name)
                       and is_name_word(name) and not _described(text))
    return Form(text, pronoun, parts, is_role_word, is_name_or_role, is_name_or_role and not is_role_word)


def _described(text: str) -> bool:
    """Whether a mention opening with a determiner describes someone by a noun and what follows it ("a
    spokeswoman for Hillary Clinton", "the editorial board of the Washington Post")."""
    tokens = text.split()
    if not tokens or tokens[0].lower() not in DETERMINERS:
        return False
    return any(a[:1].islower() and a.lower() not in DETERMINERS and b in ROLE_LINKS
               for a, b in zip(tokens[1:], tokens[2:]))


class Mention:
    """A speaker mention as the attribution found it: where it starts, the role written beside it, and the
    fields of its `Form` (`mention.parts`)."""

    __slots__ = ("start", "role", "text", "pronoun", "parts", "is_role_word", "is_name_or_role", "is_name")

    def __init__(self, start: int, written: str, role: str | None = None):
        self.start = start
        self.role = role
        self.text, self.pronoun, self.parts, self.is_role_word, self.is_name_or_role, self.is_name = form_of(written)


class Resolver:
    """Resolves the speaker mentions of one document in document order, remembering each for later ones."""

    def __init__(self, doc, rules, author: str | None = None):
        """`author`: the writer the document's metadata names, if any (see `pronouns.author`)."""
        self.doc = doc
        self.author = author
        self.text = doc.text
        self.rules = rules
        self.history: list[tuple[int, Resolution]] = []
        self.persons_said: dict[str, int] = {}  # each person who spoke -> where last, least recent first
        self._people: People | None = None
        self._acronyms: dict[str, str] | None = None
        self._decided: dict[tuple, Resolution] = {}  # a mention decided once (pronouns look at subjects again)
        self.found: dict[str, object] = {}  # what rules read once per document (the author)

    @property
    def people(self) -> People:
        if self._people is None:
            first = self.doc.paragraphs[0]
            headline = first.get("kind") == "title" or title_cased(self.text[first["start"]:first["end"]])
            self._people = People(self.text, self.doc.sentences, self.doc.quoted, first["end"] if headline else 0)
        return self._people

    def sentence_start(self, offset: int) -> int:
        return self.doc.sentence_at(offset)["start"]

    def acronyms(self) -> dict[str, str]:
        """Acronym -> expansion, for every "Full Name (ACRONYM)" in the text: the words before the bracket
        whose initials it is ("Alliance to Reclaim Our Schools (AROS)"), else the name before it."""
        if self._acronyms is None:
            self._acronyms = {}
            for m in ACRONYM.finditer(self.text):
                before = self.text[max(0, m.start() - ACRONYM_CHARS):m.start()].split()
                letters = m.group(1).replace(".", "")
                name = next((" ".join(before[k:]) for k in range(len(before) - 1, -1, -1)
                             if before[k][:1].isupper() and initials(" ".join(before[k:])) == letters), None)
                if name is None:
                    full = NAME_END.search(self.text, max(0, m.start() - ACRONYM_CHARS), m.start())
                    name = take_apart(full.group()).name if full else ""
                if len(name.split()) > 1:
                    self._acronyms.setdefault(m.group(1), name)
        return self._acronyms

    def extended(self, start: int, end: int) -> int:
        """The end of a mention, past the rest of a person's name the attribution cut ("Rep. G" of "Rep. G.K.
        Butterfield", "Prime Minister Theresa" of "Theresa May")."""
        last = self.text.rfind(" ", start, end) + 1
        run = RUN.match(self.text, last)
        if run is None or run.end() <= end:
            return end
        whole = take_apart(self.text[last:run.end()]).name
        if not whole.startswith(self.text[last:end]):
            return end
        return run.end() if not self.text[end].isspace() or whole in self.people.first else end

    def resolve(self, start: int, end: int, role: str | None = None) -> Resolution:
        """Who text[start:end] stands for; remembered for the mentions after it."""
        found = self.decide(Mention(start, self.text[start:self.extended(start, end)], role))
        if found.type == "person" and role:
            self.people.add_role(start, role, found.name)
        self.history.append((start, found))
        if found.type == "person":
            self.persons_said.pop(found.name, None)
            self.persons_said[found.name] = start
        return found

    def decide(self, mention: Mention) -> Resolution:
        """The first rule's resolution of a mention, with the evidence of a person's gender read so far."""
        key = (mention.start, mention.text, mention.role)
        if key not in self._decided:
            self._decided[key] = self._first_rule(mention)
        return self._decided[key]

    def _first_rule(self, mention: Mention) -> Resolution:
        for each in self.rules:
            found = each.apply(self, mention)
            if found is not None:
                gender, evidence = found.gender, found.gender_evidence
                if found.type == "person" and gender is None:
                    gender, evidence = self.people.gender_of(found.name)
                role = found.role or mention.role
                return Resolution(found.name, found.type, gender, evidence, role if role and is_role(role) else None,
                                  each.name)
        return Resolution(None, "unresolved", role=mention.role)

    def with_genders(self, items: list[dict]) -> list[dict]:
        """The items, each person's gender from all the text's evidence, read to the document's end (a
        pronoun resolved after a person's first item shows the gender too)."""
        for item in items:
            gender = self.people.gender_of(item["speaker"]) if item["speaker_type"] == "person" else (None, None)
            if gender[0]:
                item["speaker_gender"], item["speaker_gender_evidence"] = gender
        return items

    def name_at(self, start: int, end: int) -> Resolution:
        """What the words text[start:end] stand for (the same rules), without remembering them."""
        return self.decide(Mention(start, self.text[start:end]))


@rule("resolve", "acronym", Example(
    "The International Committee of the Red Cross (ICRC) sent buses.\n\n“A third convoy left,” the ICRC said.",
    {"text": "A third convoy left,", "speaker": "International Committee of the Red Cross",
     "speaker_type": "organisation"}))
def acronym(resolver: Resolver, mention: Mention) -> Resolution | None:
    """An acronym stands for what the text introduces it for in brackets ("the ICRC"), else for the
    organisation it names whose initials it is ("the IMF", "the I.R.S.")."""
    name = mention.parts.name if mention.is_name else ""
    if not ACRONYM_NAME.fullmatch(name):
        return None
    expansion = resolver.acronyms().get(name) or resolver.people.expansion(name)
    return Resolution(expansion, "organisation") if expansion else None


@rule("resolve", "several-people", Example(
    "The debate.\n\nDonald Trump met Hillary Clinton.\n\nTrump and Clinton said that the debate would go ahead.",
    {"speaker": "Donald Trump and Hillary Clinton", "speaker_type": "group"}))
def several_people(resolver: Resolver, mention: Mention) -> Resolution | None:
    """Several people named together are a group, named by their names ("Trump and Clinton")."""
    joined = list(JOINED.finditer(mention.text)) if mention.is_name else []
    if not joined or is_organisation(mention.parts.name):
        return None
    bounds = [0, *(k for m in joined for k in m.span()), len(mention.text)]
    pieces = [Mention(mention.start, mention.text[a:b]) for a, b in zip(bounds[::2], bounds[1::2])]
    if not all(piece.is_name for piece in pieces):
        return None
    names = [resolver.decide(piece) for piece in pieces]
    if not all(found.type == "person" for found in names):
        return None
    return Resolution(" and ".join(found.name for found in names), "group")


@rule("resolve", "entourage", Example(
    "Donald Trump spoke in Ohio.\n\nThe Trump campaign said that the polls were wrong.",
    {"speaker": "Donald Trump campaign", "speaker_type": "organisation"}), Example(
    "Hillary Clinton spoke in Ohio.\n\nThe Clinton team said that the polls were wrong.",
    {"speaker": "Hillary Clinton campaign"}), Example(
    "Hillary Clinton spoke in Ohio.\n\nThe Clinton camp said the polls were wrong. The campaign said it would win.",
    {"text": "it would win", "speaker": "Hillary Clinton campaign"}), Example(
    "Race.\n\nHillary Clinton spoke in Ohio.\n\nClinton’s team said that the debate would go ahead.",
    {"speaker": "Hillary Clinton campaign", "speaker_type": "organisation"}))
def entourage(resolver: Resolver, mention: Mention) -> Resolution | None:
    """A person's campaign (team, camp) is an organisation named after the person's full name ("the Trump
    campaign", "Clinton's team", "her campaign", a mention "Clinton's" before "campaign"); "the campaign" is
    the last campaign that spoke."""
    words_ = mention.text.split()
    if len(words_) == 2 and words_[0].lower() == "the" and words_[1] in ENTOURAGE:  # "the campaign"
        return next((Resolution(found.name, "organisation") for _, found in reversed(resolver.history)
                     if found.type == "organisation" and found.name.endswith(" " + ENTOURAGE[words_[1]])), None)
    if words_ and words_[-1] in ENTOURAGE:
        owner, noun = POSSESSIVE.sub("", " ".join(words_[:-1])), ENTOURAGE[words_[-1]]
    elif POSSESSIVE.search(mention.text) and (following := _word_after(resolver, mention)) in ENTOURAGE:
        owner, noun = POSSESSIVE.sub("", mention.text), ENTOURAGE[following]
    else:
        return None
    owner = Mention(mention.start, owner)
    found = resolver.decide(owner) if owner.text and (owner.is_name or owner.pronoun) else None
    return Resolution(f"{found.name} {noun}", "organisation") if found and found.type == "person" else None


def _names_alone(resolver: Resolver, mention: Mention) -> bool:
    """Whether a mention is a whole noun phrase, not the modifier of a noun after it ("The Obama
    administration"): no lower-case word follows, or a cue does ("The Hill reported")."""
    after = _word_after(resolver, mention)
    return not after[:1].islower() or after in CUES


def _word_after(resolver: Resolver, mention: Mention) -> str:
    """The word right after a mention, without a comma or full stop ("campaign," → "campaign"); "" if none."""
    after = mention.start + len(mention.text)
    following = resolver.text[after:after + FOLLOWING_CHARS].split(None, 1)
    return following[0].strip(",.") if following else ""


@rule("resolve", "surname", Example(
    "Robert Mardini spoke to reporters.\n\n“It went well,” Mardini said.",
    {"text": "It went well,", "speaker": "Robert Mardini", "speaker_type": "person"}), Example(
    "The visit.\n\nHillary Clinton and Bill Clinton arrived.\n\n“We are ready,” Mrs. Clinton said.",
    {"text": "We are ready,", "speaker": "Hillary Clinton", "speaker_gender": "female",
     "speaker_gender_evidence": "Mrs."}), Example(
    "The vote.\n\nSen. Angus King spoke on Monday. “Yes,” King said.", {"text": "Yes,", "speaker": "Angus King"}),
    Example("Transcript.\n\nWALLACE: Will you debate him again?\n\nPENCE: We will see.",
            {"mention": "WALLACE", "speaker": "Wallace", "speaker_type": "person"}),
    Example("The vote.\n\nSenators met on Capitol Hill on Monday.\n\n“The bill is dead,” The Hill reported.",
            {"speaker": "Hill", "speaker_type": "organisation"}),
    Example("The visit.\n\nHillary Clinton and Bill Clinton arrived.\n\nThe Clintons said that they were ready.",
            {"speaker": "Clintons", "speaker_type": "group"}),
    Example(
    "The visit.\n\nThe first lady, Michelle Obama, arrived.\n\n“We are ready,” Mr. Obama said.",
    {"text": "We are ready,", "speaker": "Obama", "speaker_gender": "male"}), Example(
    "The talks resumed.\n\nReports say that the deal is close.", {"speaker": None, "speaker_type": "unresolved"}),
    Example("Why not Trump.\n\nPreys on our worst fears, and calls people “losers.”",
            {"text": "losers.", "speaker": None, "speaker_type": "unresolved"}))
def surname(resolver: Resolver, mention: Mention) -> Resolution | None:
    """One name word ("Mardini", "Mr. Obama", a transcript's "PENCE") stands for the fuller name the document
    gives with it, agreeing with an honorific's gender; after "the" (where no person the text shows of a gender
    has it), an organisation ("The Hill", "the Post": not "Capitol Hill") or a group ("the Democrats", "the
    Clintons"); else for itself ("WALLACE:" a person, "Wallace";
    "Republicans": a group; "Reports":
    nobody; nor a capitalised word ending like a verb that opens its sentence and that the text writes nowhere
    else: "Preys on our fears" in a list, "Speaking on radio", "Critics")."""
    parts = mention.parts
    if not mention.is_name_or_role or len(parts.words) != 1:
        return None
    people = resolver.people
    word = parts.name
    full = people.full_name(word, parts.gender)
    if mention.is_role_word and not (full and mention.text[:1].isupper()):
        return None  # "the Judge", "the Republican": descriptions; "King", "Rep. King" after "Sen. Angus King": a name
    if (mention.text.split()[0] in ("The", "the") and len(mention.text.split()) == 2 and not word.isupper()
            and not (full and people.gender(full)) and _names_alone(resolver, mention)):
        if word.endswith("s") and (word[:-1].lower() in ROLE_WORDS or people.full_name(word[:-1])):
            return Resolution(word, "group")  # "the Democrats", "the Clintons"
        return Resolution(people.organisations.get(word, word), "organisation")  # "The Hill": not "Capitol Hill"
    if not full and word.isupper():  # a transcript's "PENCE"
        full = people.full_name(word.capitalize(), parts.gender)
    if full:
        if parts.gender:  # "Mrs. Clinton": Hillary Clinton's gender from now on
            people.note_gender(full, parts.gender, parts.evidence, HONORIFIC_WEIGHT, resolved=True)
        return Resolution(_as_name(full, resolver, mention), "person", parts.gender, parts.evidence, parts.role)
    if _as_name(word, resolver, mention) != word:
        return Resolution(word.title(), "person")  # a transcript's "WALLACE:" that the text names no further
    if is_organisation(word):  # "ICRC"; "Police" after "the Charlotte-Mecklenburg Police Department"
        found = people.organisations.get(word) or (not ACRONYM_NAME.fullmatch(word)
                                                   and people.organisation_with(word.lower(), mention.start))
        return Resolution(found or word, "organisation")
    if word.lower() in NOT_SPEAKERS:
        return UNRESOLVED
    if word.endswith("s") and word[:-1].lower() in ROLE_WORDS:
        return Resolution(word, "group")
    if (word.endswith(VERB_ENDINGS) and mention.text == word and resolver.sentence_start(mention.start) == mention.start
            and resolver.text.count(word) == 1 and word not in people.organisations):
        return UNRESOLVED  # a verb opening a list item ("Preys on our fears", "Calls men names")
    return Resolution(people.organisations.get(word, word), "person", parts.gender, parts.evidence, parts.role)


@rule("resolve", "full-name", Example(
    "The debate went on.\n\n“We will win,” said Texas Sen. Ted Cruz.",
    {"text": "We will win,", "speaker": "Ted Cruz", "speaker_role": "Texas Sen."}), Example(
    "The debate went on.\n\nWhat Mr. Barack Obama said was that “we will win.”",
    {"speaker": "Barack Obama", "speaker_gender": "male", "speaker_gender_evidence": "Mr."}), Example(
    "The race tightened.\n\nDonald J. Trump said that he would win.",
    {"speaker": "Donald Trump", "speaker_type": "person", "speaker_gender": "male"}), Example(
    "The race tightened.\n\n“We will win,” said Jennifer Palmieri, the campaign’s spokeswoman.",
    {"speaker": "Jennifer Palmieri", "speaker_gender": "female", "speaker_gender_evidence": "spokeswoman"}), Example(
    "The poll.\n\n“The race is close,” wrote Cameron Easley for Morning Consult.", {"speaker": "Cameron Easley"}))
def full_name(resolver: Resolver, mention: Mention) -> Resolution | None:
    """A name of two words or more is itself without titles, roles, initials and a leading "The", or the
    fuller name the document gives it ("Guajardo Villarreal" → "Ildefonso Guajardo Villarreal"); a run of
    capitalised words too long for a person's name is a headline, nobody."""
    parts = mention.parts
    if not mention.is_name or len(parts.words) < 2:
        return None
    if is_organisation(parts.name):
        return Resolution(parts.name, "organisation", role=parts.role)
    if len(parts.words) > PERSON_WORDS or any(w.lower() in PRONOUN_FORMS for w in parts.words):
        return UNRESOLVED  # a headline or a clause ("Veto Power Impedes Peace Efforts"), not a name
    full = resolver.people.full_name(parts.words[-1], parts.gender)
    name = full if full and full.lower().endswith(parts.name.lower()) else parts.name
    return Resolution(_as_name(name, resolver, mention), "person", parts.gender, parts.evidence, parts.role)


def _as_name(name: str, resolver: Resolver, mention: Mention) -> str:
    """A transcript's label in capitals as a name is written ("JAKE TAPPER:" → "Jake Tapper"), else `name`."""
    end = mention.start + len(mention.text)
    label = mention.text.isupper() and len(mention.text) > 1 and resolver.text.startswith(":", end)
    return name.title() if label and name.isupper() else name
