"""Names as written and the canonical names they stand for, and the people a document names.

A mention's name is what is left without opening function words ("What Mr. Obama"), titles and roles
("Massachusetts Sen.", "Wells Fargo CEO": the role), a place or an employer after it ("of New York", "for
Morning Consult"; not in "Physicians for Human Rights"), middle initials and
suffixes ("Donald J. Trump" → "Donald Trump"), a leading "The" and a possessive ending. `People` indexes the
names of a document by their last word, with the gender the text itself shows for each (an honorific, or
a pronoun in a sentence that names nobody else) and the roles it gives them.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .attribution import PARTICLE, SP
from .lexicon import alternation, keyed, person_pronouns, words

ORGANISATION_WORDS = frozenset(w.lower() for w in words("organisation_words"))
ENTOURAGE = keyed("entourage_nouns")
ROLE_WORDS = frozenset(w.lower().rstrip(".") for w in words("titles") | words("roles"))
OPENERS = frozenset(w.lower() for w in words("name_openers") | words("stopwords") | words("determiners")
                    | words("prepositions"))
SUFFIXES = words("name_suffixes")
ABBREVIATIONS = keyed("title_abbreviations")
ROLE_MODIFIERS = words("role_modifiers")
TIME_WORDS = words("time_words")
HONORIFICS = {form.lower(): gender for form, gender in keyed("honorifics").items()}
GENDERED_NOUNS = {form.lower().rstrip("."): gender for name in ("honorifics", "gendered_nouns")
                  for form, gender in keyed(name).items()}
PRONOUN_FORMS = person_pronouns()
CASE_BLIND_EXTRAS = "\u0130\u0131\u017f\u212a"  # İ ı ſ K (Kelvin): case-blind, they match i, i, s, k (re.IGNORECASE)


def any_case_words(forms) -> re.Pattern:
    r"""A regex of the lower-case `forms` as whole words in any case, matching what `\b(?i:he|his|she)\b` does
    but opening with a plain class of the letters they can start with, so that the engine skips ahead to those
    (a leading `\b` or case-blind letter makes it try every position):
    `[HShs…](?<!\w.)(?i:(?<=h)(?:e|is)|(?<=s)he)\b`."""
    by_first: dict[str, list[str]] = defaultdict(list)
    for form in forms:
        by_first[form[0]].append(form[1:])
    letters = {*by_first, *(c.upper() for c in by_first), *CASE_BLIND_EXTRAS}
    rests = "|".join(f"(?<={re.escape(first)}){alternation(rest)}" for first, rest in sorted(by_first.items()))
    return re.compile(rf"[{re.escape(''.join(sorted(letters)))}](?<!\w.)(?i:{rests})\b")


GENDERED = any_case_words(f for f, (_, g) in PRONOUN_FORMS.items() if g)
AGE = re.compile(r"\b\d+-year-old\b")
STATES = keyed("state_abbreviations")
DESIGNATION = re.compile(r"[^\S\n]*\((?:[DRI]-)?([A-Z][\w.]*)\)")  # a lawmaker's "(R-S.C.)", "(D-Calif.)", "(Vt.)"
PERSON_NOUNS = ROLE_WORDS | frozenset(GENDERED_NOUNS)
APPOSITION_OPENERS = frozenset({"a", "an", "the", "one"})  # "a writer for The Atlantic", "one of the attorneys"
PLACE_LINKS = frozenset({"of", "from", "in", "at"})  # "Charles Rangel of New York", not in organisations
PLACE_WORDS = frozenset({"the", "in", "at", "near"})
ROLE_LINKS = PLACE_LINKS | {"for", "with", "who", "that", "on"}  # "the director of the FBI"
PARTICLES = re.compile(rf"{PARTICLE}")
INITIAL = re.compile(r"[A-Z]\.?")
CAPITALISED = re.compile(r"(?:[a-z]{1,3}-)?[A-Z]")
PARTICLE_PREFIX = re.compile(r"^[a-z]{1,3}-(?=[A-Z])")
ACRONYM_WORD = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][A-Z&]+")
PLACE_ABBREVIATION = re.compile(r"[A-Z]\.[A-Z]\.")  # two dotted letters abbreviate a place, not an organisation
ASIDE = re.compile(r"\([^()]*\)")
POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
NAME_WORD = r"(?:[a-z]{1,3}-)?(?:(?:[A-Z]\.){2,3}|[A-Z][a-z]{0,2}\.(?=[^\S\n][A-Z])|[A-Z][\w’'\-]*)"
# NAME_WORD opening a run, its capital first so that the regex engine skips ahead to capitals
FIRST_WORD = r"[A-Z](?<![\w’'\-.].)(?:\.(?:[A-Z]\.){1,2}|[a-z]{0,2}\.(?=[^\S\n][A-Z])|[\w’'\-]*)"
RUN = re.compile(rf"{FIRST_WORD}(?:{SP}(?:(?:{PARTICLE}|of(?:{SP}the)?){SP})?{NAME_WORD})*")
APPOSITION_AFTER = re.compile(r",\s+(?:the|a|an)\s+([^,.;:()“”\"\n]{3,80}?)\s*[,.;]")
APPOSITION_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+([^,.;:()“”\"\n]{3,80})$")
EMPTY: dict = {}  # what a name without counts reads (never written)
PERSON_WORDS = 4  # a longer run of capitalised words is a headline or a title, not a person's name
ROLE_CHARS = 90  # how far before a name its role or apposition is looked for
PREMODIFIERS = 4  # how many words before a name may be its role
HONORIFIC_WEIGHT = 10  # "Mrs. Clinton" outweighs the pronouns read around her name
# "Clinton said she …", "Trump says that he …": the pronoun subject of what a person reports
REPORTED = re.compile(r"[^\S\n]+(?:[a-z]+[^\S\n]+)?(?:%s)[^\S\n]+(?:that[^\S\n]+)?(he|she)\b"
                      % alternation(f for f in keyed("cue_verbs") if " " not in f))


@dataclass(slots=True)
class Parts:
    """A name mention taken apart: the name, the role written with it, and an honorific's gender. Shared through
    `take_apart`'s cache: never assign to one (not frozen, as a frozen dataclass is slow to make and a corpus
    makes one for every new name)."""

    name: str
    role: str | None
    gender: str | None
    evidence: str | None
    words: tuple[str, ...]


@lru_cache(maxsize=1 << 15)
def surname_key(word: str) -> str:
    """A last name as looked up: without a lower-case particle joined to it ("al-Assad" → "Assad")."""
    return PARTICLE_PREFIX.sub("", word).replace("’", "'")


@lru_cache(maxsize=1 << 15)  # the same words again and again
def is_name_word(word: str) -> bool:
    """Whether a word can end a name: capitalised ("Mardini", "al-Assad") or an acronym."""
    return CAPITALISED.match(word) is not None and word.lower() not in OPENERS


@lru_cache(maxsize=1 << 15)
def is_organisation(name: str) -> bool:
    """Whether a name is an organisation's: an organisation word ("Committee", "campaign") or an acronym."""
    parts = name.split()
    return bool(parts) and (any(w.lower() in ORGANISATION_WORDS or w in ENTOURAGE for w in parts)
                            or (len(parts) == 1 and ACRONYM_WORD.fullmatch(parts[0]) is not None))


@lru_cache(maxsize=1 << 15)
def _role_word(word: str) -> bool:
    return word.lower().rstrip(".,") in ROLE_WORDS or word.lower() in HONORIFICS


@lru_cache(maxsize=1 << 15)
def _content_word(word: str) -> bool:
    """A lower-case word that can premodify a name as its role ("presidential", "59-year-old"), not a function
    word."""
    return (word[:1].islower() or word[:1].isdigit()) and word.lower() not in OPENERS and not PARTICLES.fullmatch(word)


def _of_role(tokens: list[str], k: int) -> bool:
    """Whether tokens[k] ends a role linked by "of" ("Secretary of State", "Speaker of the House")."""
    link = k - 2 if tokens[k - 1:k] == ["of"] else k - 3 if tokens[max(0, k - 2):k] == ["of", "the"] else -1
    return link >= 0 and _role_word(tokens[link])


@lru_cache(maxsize=1 << 15)  # a corpus writes the same names again and again
def take_apart(mention: str) -> Parts:
    """The name, role and honorific of a mention ("Texas Sen. Ted Cruz" → "Ted Cruz", "Texas Sen.")."""
    written = ASIDE.sub(" ", mention) if "(" in mention else mention
    tokens = [t for w in written.split() if (t := w.strip(",;:"))]
    if tokens:
        tokens[-1] = POSSESSIVE.sub("", tokens[-1])
    while len(tokens) > 1 and (tokens[0].lower() in OPENERS or tokens[0].endswith("ing")):
        tokens = tokens[1:]
    cut = next((k for k, t in enumerate(tokens) if k and t in PLACE_LINKS or k > 1 and t == "for"), None)
    if cut and not is_organisation(" ".join(tokens[:cut])) and not _role_word(tokens[cut - 1]):
        tokens = tokens[:cut]
    split = 0
    for k, token in enumerate(tokens[:-1]):
        if token.lower() in PRONOUN_FORMS:  # "Yep. He"
            split = k + 1
        elif is_name_word(tokens[k + 1]) and (POSSESSIVE.search(token) or (  # "NBC’s Dante Chinni"
                (_role_word(token) or _content_word(token) or _of_role(tokens, k))  # "Texas Sen. Ted Cruz"
                and not is_organisation(" ".join(tokens[k + 1:])))):
            split = k + 1
    role, name = tokens[:split], tokens[split:]
    name = [t for t in name if t not in SUFFIXES] or name
    if len(name) > 2:  # middle initials ("Donald J. Trump"), never the first word ("G.K. Butterfield")
        name = [name[0], *(t for t in name[1:-1] if not INITIAL.fullmatch(t)), name[-1]]
    honorific = next((t for t in reversed(role) if t.lower() in HONORIFICS), None) if role else None
    name = " ".join(name)
    return Parts(name, " ".join(role) or None, HONORIFICS.get(honorific.lower()) if honorific else None, honorific,
                 tuple(name.split()))


ORGANISATION, PERSON, SURNAME, OTHER = "organisation", "person", "surname", "other"  # what a run can name


@dataclass(slots=True)
class RunForm:
    """What a run of capitalised words names wherever it stands: its parts, its kind (an organisation, a
    person's name of two words or more, a word that may be a surname, or other), the surname it is looked up
    by, whether it spans several words ("Mr. Obama") and whether it is a time word ("Tuesday"). Shared through
    `run_form`'s cache: never assign to one (see `Parts`)."""

    parts: Parts
    kind: str
    key: str
    spaced: bool
    time: bool


@lru_cache(maxsize=1 << 15)  # a corpus writes the same runs again and again
def run_form(run: str) -> RunForm | None:
    """A run's form as `People` indexes it; None for an opening function word or a pronoun ("The", "He")."""
    lowered = run.lower()
    if lowered in OPENERS or lowered in PRONOUN_FORMS:
        return None
    parts = take_apart(run)
    key = surname_key(parts.words[-1]) if parts.words else ""
    if is_organisation(parts.name):
        kind = OTHER if PLACE_ABBREVIATION.fullmatch(parts.name) else ORGANISATION  # "U.S.", "N.Y."
    elif 1 < len(parts.words) <= PERSON_WORDS:
        kind = PERSON
    elif len(parts.words) == 1 and not _role_word(parts.name) and is_name_word(parts.name) and (
            parts.name.lower() not in PRONOUN_FORMS):
        kind = SURNAME
    else:
        kind = OTHER
    return RunForm(parts, kind, key, " " in run, parts.name in TIME_WORDS)


def initials(name: str) -> str:
    """The capitals of a name's words, its linking words left out ("Internal Revenue Service" → "IRS")."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


@dataclass(frozen=True, slots=True)
class RolePair:
    """A role the text gives a person ("Republican presidential nominee" for "Donald Trump"), in lower case."""

    offset: int
    words: frozenset[str]
    head: str
    name: str


@lru_cache(maxsize=1 << 12)
def _head_forms(head: str) -> tuple[str, ...]:
    """How a role's head can be written, in lower case: itself and the abbreviations written out as it."""
    return (head, *(form for form, full in ABBREVIATIONS.items() if full == head))


@lru_cache(maxsize=1 << 12)
def is_role(phrase: str) -> bool:
    """Whether a phrase written with a name says who they are: a title or role ("Sen.", "House Speaker", "the
    director of the FBI"), a gendered noun ("9/11 widow"), an apposition ("a writer for The Atlantic"), an age
    ("59-year-old") or an employer's possessive ("NBC’s"); not a stray clause or name ("Times article hailed",
    "in particular", "Phil Lovas")."""
    if phrase.split()[0].lower() in APPOSITION_OPENERS or phrase.endswith(("’s", "'s")) or AGE.search(phrase):
        return True
    found = role_words(phrase)
    return found is not None and not found[0].isdisjoint(PERSON_NOUNS)


@lru_cache(maxsize=1 << 14)  # descriptions and roles repeat across a corpus
def role_words(phrase: str) -> tuple[frozenset[str], str] | None:
    """The content words of a role or description, lower case, abbreviated titles written out ("Sen." →
    "senator"), and its head: the last before a linking word ("director" in "the director of the FBI")."""
    tokens = [w.lower() for w in phrase.split()]
    tokens = [ABBREVIATIONS.get(t, POSSESSIVE.sub("", t.strip(",.’'"))) for t in tokens]
    tokens = [t for t in tokens if t]
    cut = next((k for k, t in enumerate(tokens) if k and t in ROLE_LINKS), len(tokens))
    core = [t for t in tokens[:cut] if t not in OPENERS]
    return (frozenset(core), core[-1]) if core else None


def _with_head(head: str, phrases: list[tuple[int, str, str]]) -> list[RolePair]:
    """The role-name pairs of (offset, phrase, person) whose phrase is a role with this head."""
    return [RolePair(offset, *found, name) for offset, phrase, name in phrases
            if (found := role_words(phrase)) and found[1] == head]


def _answers(wanted: frozenset[str], role: frozenset[str]) -> bool:
    """Whether a role answers a description of the same head: one holds all the other's words ("the
    Republican nominee" and "Republican presidential nominee"), and the role has no word that makes it
    another role ("vice president" does not answer "the president")."""
    return (wanted <= role or role <= wanted and len(role) > 1) and not (role - wanted) & ROLE_MODIFIERS


def answers(description: tuple[frozenset[str], str], role: tuple[frozenset[str], str]) -> bool:
    """Whether a role answers a description, both as `role_words` reads them: the same head, see `_answers`."""
    return description[1] == role[1] and _answers(description[0], role[0])


class People:
    """The names of one document: persons by last word, organisations by last word, genders, roles."""

    def __init__(self, text: str, sentences: list[dict], quoted, since: int = 0):
        """`since`: where the text after its headline starts (a headline's capitals are no names)."""
        self.text = text
        self.persons: dict[str, dict[str, int]] = defaultdict(dict)  # last word -> full name -> times written
        self.organisations: dict[str, str] = {}
        self.first: dict[str, int] = {}
        # name -> (gender, evidence as written) -> weight (plain dicts: a Counter is slow to make, and there are many)
        self.evidence: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
        self.resolved_evidence: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
        self._genders: dict[tuple[str, bool], tuple[str | None, str | None]] = {}
        self._initials: dict[str, str] | None = None  # initials -> the first organisation with them
        self._named: list[tuple[int, int, str, str | None]] = []  # (start, end, person, title) for roles
        self._roles: dict[str, list[RolePair]] = {}  # head -> role-name pairs around the names, read when needed
        self._role_index: tuple | None = None  # see `_index_roles`, made when a role is first looked up
        self._added: list[tuple[int, str, str]] = []  # (offset, role, person) given beside mentions
        self.occurrences: list[tuple[int, str]] = []  # (offset, canonical person name), in text order
        self.organisation_occurrences: list[tuple[int, str]] = []
        self.named_alone: set[str] = set()  # one-word names written inside a sentence ("While Mardini waited")
        surnames = self._index_runs(since)
        self._headline_names(since, {form.key for _, form in surnames})
        self._index_surnames(surnames)
        self.occurrences.sort()
        self._reported_genders(quoted)
        self._pronoun_genders(sentences, quoted)

    def _index_runs(self, since: int) -> list[tuple[int, RunForm]]:
        """Index the runs of capitalised words after `since`: organisations, persons named in full, one-word
        names written inside a sentence; the runs that may be surnames, returned for `_index_surnames`."""
        found = [(m.start(), m.end(), form) for m in RUN.finditer(self.text, since) if (form := run_form(m[0]))]
        names = {form.parts.name for _, _, form in found if form.kind == PERSON}
        canonical = {name: self._shortest(name, names) for name in names}
        surnames = []
        self.ends = ends = {}  # where the runs end that name persons
        for start, end, form in found:
            kind, parts = form.kind, form.parts
            if kind == SURNAME:  # the most frequent kind first
                ends[start] = end
                surnames.append((start, form))
                if parts.name in self.named_alone or form.time:
                    continue
                alone = form.spaced or not self._sentence_start(start)  # "While Mardini", not "Crops"
                if alone and not self._place_like(start, parts):
                    self.named_alone.add(parts.name)
            elif kind == ORGANISATION:
                self.organisations.setdefault(parts.words[-1], parts.name)
                self.organisation_occurrences.append((start, parts.name))
            elif kind == PERSON and not self._place_like(start, parts):
                ends[start] = end
                name = canonical[parts.name]
                counts = self.persons[form.key]
                counts[name] = counts.get(name, 0) + 1
                self.first.setdefault(name, start)
                self.occurrences.append((start, name))
                gender, evidence = (parts.gender, parts.evidence) if parts.gender else self._gendered_role(start, end)
                if gender:
                    self.note_gender(name, gender, evidence, HONORIFIC_WEIGHT)
                self._named.append((start, end, name, parts.role))
        return surnames

    def _index_surnames(self, surnames: list[tuple[int, RunForm]]) -> None:
        """The persons a document's one-word names stand for, where it names them in full or alone ("President
        Obama"), in text order."""
        chosen: dict[tuple[str, str | None], str | None] = {}  # (surname, gender) -> name, till a gender is noted
        for start, form in surnames:  # "Mrs. Clinton": the one Clinton she can be, if any
            parts, key = form.parts, form.key
            if (key, parts.gender) in chosen:
                name = chosen[key, parts.gender]
            else:
                agreeing = [name for name in self.persons.get(key, ()) if self.gender(name) in (None, parts.gender)]
                noted = parts.gender and len(agreeing) <= 1
                if noted:
                    self.note_gender(agreeing[0] if agreeing else parts.name, parts.gender, parts.evidence,
                                     HONORIFIC_WEIGHT)
                    chosen.clear()
                name = self.full_name(key, parts.gender) if agreeing else None
                if not noted:
                    chosen[key, parts.gender] = name
            if name is None and (parts.name in self.named_alone or parts.gender):
                name = parts.name
            if name:  # "President Obama"
                self.occurrences.append((start, name))
                self._named.append((start, start + len(parts.name), name, parts.role))

    def _headline_names(self, end: int, surnames: set[str]) -> None:
        """People the headline names in full whose surname the text then uses alone ("Hillary Clinton" in the
        headline, "Clinton" after it); the headline's other capitals are no names."""
        for m in RUN.finditer(self.text, 0, end):
            parts = take_apart(m.group())
            key = surname_key(parts.words[-1]) if parts.words else ""
            if 1 < len(parts.words) < PERSON_WORDS and key in surnames and key not in self.persons:
                self.persons[key] = {parts.name: 1}
                self.first.setdefault(parts.name, m.start())

    def _sentence_start(self, start: int) -> bool:
        before = self.text[max(0, start - 3):start].rstrip(" “\"'‘")
        return not before or before[-1] in ".!?:\n"

    def _place_like(self, start: int, parts: Parts) -> bool:
        """Whether a name without a title stands where places do: after "the", "in", "at" ("the Middle
        East", "in New York"), not "the Rev. Al Sharpton"."""
        if parts.role is not None or start < 2 or self.text[start - 1] != " ":
            return False
        return self.text[self.text.rfind(" ", max(0, start - 8), start - 1) + 1:start - 1] in PLACE_WORDS

    @staticmethod
    def _shortest(name: str, names: set[str]) -> str:
        """The shortest name of two words or more ending `name` that the text also writes alone ("Universe
        Alicia Machado" → "Alicia Machado")."""
        parts = name.split()
        return next((" ".join(parts[k:]) for k in range(len(parts) - 2, 0, -1) if " ".join(parts[k:]) in names), name)

    def _role_phrases(self, start: int, end: int, role: str | None) -> list[str]:
        """The phrases around a person's name that may give their role: its title ("FBI Director James Comey"),
        the words before it ("Republican presidential nominee Donald Trump"), an apposition ("James Comey,
        the FBI director," or "the FBI director, James Comey,") and a lawmaker's state ("Sen. Lindsey Graham
        (R-S.C.)": "South Carolina Sen.")."""
        text = self.text
        phrases = [role] if role else []
        line = text[max(0, start - ROLE_CHARS):start]
        before = line.rsplit("\n", 1)[-1].split()
        if line[-1:] == " " and before:  # the words right before the name, back to a function word
            kept = []
            for word in reversed(before[-PREMODIFIERS:]):
                if word.lower() in OPENERS or not word[-1:].isalnum():
                    break
                kept.insert(0, word)
            if kept and (_role_word(kept[-1]) or kept[-1][:1].islower()):
                phrases.append(" ".join(kept))
            if before[-1].endswith(","):  # "the FBI director, James Comey"
                previous = APPOSITION_BEFORE.search(line.rstrip().rstrip(","))
                if previous:
                    phrases.append(previous.group(1))
        after = self._apposition_after(end)
        if after:
            phrases.append(after.group(1))
        designation = DESIGNATION.match(text, end) if role and text.startswith((" (", "("), end) else None
        if designation and designation[1] in STATES:  # "Sen. Lindsey Graham (R-S.C.)": the South Carolina senator
            phrases.append(f"{STATES[designation[1]]} {role}")
        return phrases

    def _gendered_role(self, start: int, end: int) -> tuple[str | None, str | None]:
        """(gender, noun) where a role beside a name is a gendered noun ("the first lady, Michelle Obama",
        "his wife, Melania Trump", "spokeswoman Jennifer Palmieri"), else (None, None)."""
        for phrase in self._role_phrases(start, end, None):
            found = role_words(phrase)
            if found and found[1] in GENDERED_NOUNS:
                return GENDERED_NOUNS[found[1]], found[1]
        return None, None

    def _apposition_after(self, end: int) -> re.Match | None:
        return APPOSITION_AFTER.match(self.text, end) if self.text.startswith(",", end) else None

    def _may_give(self, head: str) -> set[int]:
        """The indices in `_named` of the names whose surroundings write a role's head or an abbreviation written
        out as it (any case): in the ROLE_CHARS before the name, in its title or in an apposition after it; all
        of them when lower case moves the text's offsets. A quick test that spares reading the others' roles."""
        if self._role_index is None:
            self._role_index = self._index_roles()
        lowered, starts, order, beside = self._role_index
        if lowered is None:
            return set(range(len(self._named)))
        forms = _head_forms(head)
        found = {k for k, words in beside if any(form in words for form in forms)}
        for form in forms:
            at = lowered.find(form)
            while at >= 0:  # the names starting right after it, ROLE_CHARS at most
                found.update(order[bisect_left(starts, at + len(form)):bisect_right(starts, at + ROLE_CHARS)])
                at = lowered.find(form, at + 1)
        return found

    def _index_roles(self) -> tuple[str | None, list[int], list[int], list[tuple[int, str]]]:
        """For `_may_give`: the text in lower case (None when that moves its offsets), the starts of the names in
        `_named` in order and their indices there, and (index, title and apposition in lower case) of the names
        written with either."""
        lowered = self.text.lower()
        if len(lowered) != len(self.text):
            return None, [], [], []
        order = sorted(range(len(self._named)), key=lambda k: self._named[k][0])
        beside = []
        for k, (_, end, _, title) in enumerate(self._named):
            after = self._apposition_after(end)
            if title or after:
                apposition = lowered[slice(*after.span(1))] if after else ""
                beside.append((k, f"{title.lower() if title else ''}\0{apposition}"))
        return lowered, [self._named[k][0] for k in order], order, beside

    def add_role(self, offset: int, phrase: str, name: str) -> None:
        """A role the text gives a person beside a mention ("X, a role, said")."""
        self._added.append((offset, phrase, name))

    def role_pairs(self, head: str) -> list[RolePair]:
        """The role-name pairs whose role has this head: those around the names in text order (read the first
        time the head is looked up), then those added."""
        if head not in self._roles:
            giving = self._may_give(head)
            around = [(start, phrase, name) for k, (start, end, name, title) in enumerate(self._named) if k in giving
                      for phrase in self._role_phrases(start, end, title)]
            self._roles[head] = _with_head(head, around)
        return self._roles[head] + _with_head(head, self._added)

    def full_name(self, last: str, gender: str | None = None) -> str | None:
        """The person's name ending with the word `last` that agrees with `gender`: the most named one, the
        first named on a tie."""
        counts = self.persons.get(surname_key(last), EMPTY)
        if len(counts) == 1:
            name = next(iter(counts))
            return name if gender is None or self.gender(name) in (None, gender) else None
        candidates = [name for name in counts if gender is None or self.gender(name) in (None, gender)]
        if not candidates:
            return None
        return min(candidates, key=lambda name: (-counts[name], self.first[name]))

    def is_person(self, name: str | None) -> bool:
        """Whether the document shows `name` to be a person's: written in full, or given a gender."""
        return name in self.first or name in self.evidence or name in self.named_alone

    def note_gender(self, name: str, gender: str, evidence: str, weight: int = 1, resolved: bool = False) -> None:
        """Record the text's evidence of a person's gender (an honorific outweighs pronouns); `resolved`: a
        pronoun resolved to them, which counts for their gender but not for resolving other pronouns (so that
        one wrong resolution cannot lead the next ones)."""
        into = self.resolved_evidence if resolved else self.evidence
        counts = into[name]
        counts[gender, evidence] = counts.get((gender, evidence), 0) + weight
        self._genders.pop((name, True), None)
        self._genders.pop((name, False), None)

    def gender_of(self, name: str, resolved: bool = True) -> tuple[str | None, str | None]:
        """(gender, its most frequent evidence) that most of the evidence shows, else (None, None)."""
        if (name, resolved) not in self._genders:
            self._genders[name, resolved] = self._weigh(name, resolved)
        return self._genders[name, resolved]

    def _weigh(self, name: str, resolved: bool) -> tuple[str | None, str | None]:
        found = self.evidence.get(name, EMPTY)
        if resolved and name in self.resolved_evidence:
            found = dict(found)
            for key, weight in self.resolved_evidence[name].items():
                found[key] = found.get(key, 0) + weight
        if not found:
            return None, None
        weights: dict[str, int] = {}
        for (gender, _), weight in found.items():
            weights[gender] = weights.get(gender, 0) + weight
        most = max(weights.values())
        leading = [gender for gender, weight in weights.items() if weight == most]
        if len(leading) > 1:  # a tie
            return None, None
        gender = leading[0]
        return gender, max((k for k in found if k[0] == gender), key=lambda k: (found[k], k[1]))[1]

    def gender(self, name: str) -> str | None:
        """The gender the text shows, pronouns resolved to the person aside."""
        return self.gender_of(name, resolved=False)[0]

    def role_holder(self, description: str, before: int) -> str | None:
        """The person a role names that answers the description (see `_answers`): of those with the fewest
        words the description lacks, the last before it, else the first ("the Republican nominee" after
        "Republican presidential nominee Donald Trump")."""
        found = role_words(description)
        if found is None:
            return None
        wanted, head = found
        matches = [pair for pair in self.role_pairs(head) if _answers(wanted, pair.words)]
        if not matches:
            return None
        extra = min(len(pair.words - wanted) for pair in matches)
        closest = [pair for pair in matches if len(pair.words - wanted) == extra]
        earlier = [pair for pair in closest if pair.offset < before]
        return (earlier[-1] if earlier else closest[0]).name

    def persons_before(self, offset: int, since: int = 0) -> Iterator[str]:
        """Persons named in text[since:offset], nearest first."""
        k = bisect_left(self.occurrences, (offset, ""))
        while k > 0 and self.occurrences[k - 1][0] >= since:
            k -= 1
            yield self.occurrences[k][1]

    def expansion(self, acronym: str) -> str | None:
        """The organisation the document names whose initials are the acronym ("IMF", "I.R.S.")."""
        if self._initials is None:
            self._initials = {}
            for _, name in self.organisation_occurrences:
                self._initials.setdefault(initials(name), name)
        return self._initials.get(acronym.replace(".", ""))

    def organisation_with(self, head: str, before: int) -> str | None:
        """The organisation named last before `before` (else first) with the word `head` in its name ("the
        commission": "Commission on Presidential Debates")."""
        found = [(at, name) for at, name in self.organisation_occurrences if head in name.lower().split()]
        earlier = [name for at, name in found if at < before]
        return earlier[-1] if earlier else (found[0][1] if found else None)

    def organisation_before(self, offset: int, since: int) -> str | None:
        """The last organisation named in text[since:offset]."""
        k = bisect_left(self.organisation_occurrences, (offset, ""))
        found = self.organisation_occurrences[k - 1] if k else None
        return found[1] if found and found[0] >= since else None

    def _reported_genders(self, quoted) -> None:
        """A person's gender from the pronoun subject of what they report: "Clinton said she …", "Trump
        says that he …"."""
        for start, name in self.occurrences:
            found = REPORTED.match(self.text, self.ends[start])
            if found and not quoted(found.start(1)):
                self.note_gender(name, PRONOUN_FORMS[found.group(1)][1], found.group(1))

    def _pronoun_genders(self, sentences: list[dict], quoted) -> None:
        """A person's gender from gendered pronouns after their name in a sentence that names nobody else, or
        opening the next sentence when that names nobody ("Mardini said … He had just been briefed")."""
        occurrences, previous = self.occurrences, set()
        for sentence in sentences:
            start = sentence["start"]
            k = bisect_left(occurrences, (start, ""))
            end = bisect_left(occurrences, (sentence["end"], ""), k)
            named = {name for _, name in occurrences[k:end]} if end > k else set()
            if len(named) == 1:
                self._pronoun_gender(next(iter(named)), occurrences[k][0], sentence["end"], quoted)
            if len(previous) == 1:
                opening = GENDERED.match(self.text, start)
                if opening and opening.group()[:1].isupper():
                    self._pronoun_gender(next(iter(previous)), start, opening.end(), quoted)
            previous = named

    def _pronoun_gender(self, name: str, start: int, end: int, quoted) -> None:
        pronouns = [m for m in GENDERED.finditer(self.text, start, end) if not quoted(m.start())]
        genders = {PRONOUN_FORMS[m.group().lower()][1] for m in pronouns}
        if len(genders) == 1:
            self.note_gender(name, genders.pop(), pronouns[0].group().lower())
