"""Speaker names from mentions: pronouns, surnames, acronyms, titles.

A pronoun takes the nearest compatible speaker already resolved (or, failing one, the nearest person
named before it); a surname takes the first fuller name ending with it ("Mardini" → "Robert Mardini", a transcript's
"PENCE" → "Mike Pence");
an acronym introduced in brackets takes its expansion ("the ICRC" → "International Committee of the
Red Cross"); titles are dropped ("Sen. Ted Cruz" → "Ted Cruz"); descriptions stay as written.
"""
import re

from .attribution import NAME_BODY, NAME_END, clause_subject, mention_before
from .lexicon import alternation, pronouns, words

TITLES = words("titles")
ORGANISATION_WORDS = words("organisation_words")
ACRONYM = re.compile(r"\(([A-Z][A-Za-z&.]*[A-Z]\.?)\)")
NAME = re.compile(rf"(?<![\w’'\-]){NAME_BODY}")
# the lookbehind follows the first letter so that the regex engine skips ahead to capitals
PERSON_NAME = re.compile(r"[A-Z](?<![\w’'\-].)[a-z][\w’'\-]*"
                         r"(?:[^\S\n]+(?:[a-z]{1,3}-)?[A-Z][a-z][\w’'\-]*){1,2}(?![\w’'\-])")
POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
SPACE = re.compile(r"\s+")
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}  # "his claim" is his, as "he said"
FUNCTION_START = re.compile(rf"^(?:{alternation(w.capitalize() for w in words('stopwords'))})\s+")


def _words(name: str) -> list[str]:
    return name.split()


def is_organisation(name: str) -> bool:
    """Whether a resolved name looks like an organisation rather than a person."""
    parts = _words(name)
    return bool(parts) and (not ORGANISATION_WORDS.isdisjoint(parts) or (len(parts) == 1 and parts[0].isupper()))


def _fuller(mention: str) -> tuple[str, str] | None:
    """(last word, name) for a name of two words or more ("Sen. Ted Cruz" → ("Cruz", "Ted Cruz"))."""
    if len(mention.split(None, 1)) < 2:
        return None
    name = _strip_name(mention)
    parts = _words(name)
    return (parts[-1], name) if len(parts) > 1 and parts[0].lower() not in ("a", "an") else None


def _follows_name_word(text: str, at: int) -> bool:
    """Whether text[at] may start the last word of a NAME match of two words or more: spaces within a
    line before it, and before them the end of a word or a name's "Sen.", "&", "O'"."""
    before = at
    while before > 0 and text[before - 1].isspace() and text[before - 1] != "\n":
        before -= 1
    return 0 < before < at and (text[before - 1].isalnum() or text[before - 1] in "_’'-.&")


def _strip_name(mention: str) -> str:
    """A mention without leading "the", titles and a possessive ending, spaces normalised."""
    parts = _words(POSSESSIVE.sub("", mention.strip()))
    if parts and parts[0].lower() == "the":
        parts = parts[1:]
    while len(parts) > 1 and parts[0] in TITLES:
        parts = parts[1:]
    return " ".join(parts)


class Resolver:
    """Resolves the speaker mentions of one document, in document order."""

    def __init__(self, text: str):
        self.text = text
        self.history: list[tuple[int, str, bool]] = []  # (offset, name, is_person)
        self._acronyms: dict[str, str] | None = None
        self._full: dict[str, str] = {}
        self._names: dict[str, str] = {}
        # NAME never spans a comma or a line break, PERSON_NAME never a line break: they are read a clause or a
        # line at a time, in the parts of the text a lookup needs
        self._clause_names: dict[tuple[int, int], list[tuple[str, str]]] = {}
        self._line_people: dict[tuple[int, int], list[tuple[int, str]]] = {}

    def acronyms(self) -> dict[str, str]:
        """Acronym -> expansion, for every "Full Name (ACRONYM)" in the text."""
        if self._acronyms is None:
            self._acronyms = {}
            for m in ACRONYM.finditer(self.text):
                full = NAME_END.search(self.text, max(0, m.start() - 150), m.start())
                if full and len(_words(_strip_name(full.group()))) > 1:
                    self._acronyms.setdefault(m.group(1), _strip_name(full.group()))
        return self._acronyms

    def full_name(self, short: str) -> str:
        """The first fuller name in the text ending with the one-word name `short`."""
        if short not in self._full:
            self._full[short] = next((name for clause in self._clauses_with(short)
                                      for last, name in self._fuller_names(*clause) if last == short), short)
        return self._full[short]

    def _line(self, at: int) -> tuple[int, int]:
        """(start, end) of the line of the text that holds offset `at` (or ends there)."""
        end = self.text.find("\n", at)
        return self.text.rfind("\n", 0, at) + 1, len(self.text) if end < 0 else end

    def _clauses_with(self, word: str):
        """(start, end) of each part of the text between commas and line breaks where `word` may end a name of
        two words or more, in order."""
        text = self.text
        at = text.find(word)
        while at >= 0:
            if not _follows_name_word(text, at):
                at = text.find(word, at + 1)
                continue
            start = max(text.rfind(",", 0, at), text.rfind("\n", 0, at)) + 1
            end = min((k for k in (text.find(",", at), text.find("\n", at)) if k >= 0), default=len(text))
            yield start, end
            at = text.find(word, max(end, at + 1))

    def _fuller_names(self, start: int, end: int) -> list[tuple[str, str]]:
        """(last word, name) for the names of two words or more in text[start:end], a clause."""
        if (start, end) not in self._clause_names:
            found = (_fuller(m.group()) for m in NAME.finditer(self.text, start, end))
            self._clause_names[start, end] = [item for item in found if item]
        return self._clause_names[start, end]

    def person_before(self, offset: int, since: int = 0) -> str | None:
        """The last person-like name (two or three capitalised words) in text[since:offset]."""
        at = offset - 1
        while at >= since:  # line by line, backwards
            start, end = self._line(at)
            found = [name for begin, name in self._people(start, end) if since <= begin < offset]
            if found:
                return found[-1]
            at = start - 1
        return None

    def _people(self, start: int, end: int) -> list[tuple[int, str]]:
        """(offset, name) for the person-like names in text[start:end], a line, without a capitalised
        function word before them ("When Trump" → "Trump")."""
        if (start, end) not in self._line_people:
            found = ((m.start(), FUNCTION_START.sub("", m.group()))
                     for m in PERSON_NAME.finditer(self.text, start, end))
            self._line_people[start, end] = [(at, name) for at, name in found
                                             if not is_organisation(name) and name.split()[0] not in TITLES]
        return self._line_people[start, end]

    def resolve(self, start: int, end: int, sentence_start: int) -> str:
        """The name a speaker mention text[start:end] stands for; recorded for later pronouns.

        "he"/"she" first takes a person named earlier in its own sentence: its subject ("Trump took to
        Twitter … what he called …"), else the last full name before it."""
        mention = self.text[start:end]
        lowered = mention.lower()
        kind = pronouns().get(POSSESSIVE_PRONOUNS.get(lowered, lowered))
        if kind is None:
            name = self._name(mention)
        else:
            local = self._sentence_person(start, sentence_start) if kind == "person" else None
            name = local or self._antecedent(start, kind) or mention
        self.remember(start, name)
        return name

    def _sentence_person(self, start: int, sentence_start: int) -> str | None:
        """A person named in text[sentence_start:start]: the clause's subject, else the last full name."""
        subject = clause_subject(self.text, sentence_start, start)
        if subject and subject[0][1] <= start:
            mention = self.text[subject[0][0]:subject[0][1]]
            if _strip_name(mention)[:1].isupper() and mention.lower() not in pronouns():
                name = self._name(mention)
                if not is_organisation(name):
                    return name
        local = self.person_before(start, sentence_start)
        return self._name(local) if local else None

    def remember(self, start: int, name: str) -> None:
        self.history.append((start, name, not is_organisation(name) and name[:1].isupper()))

    def _name(self, mention: str) -> str:
        """The name a mention other than a pronoun stands for, looked up once for each way it is written."""
        if mention not in self._names:
            self._names[mention] = self._lookup(mention)
        return self._names[mention]

    def _lookup(self, mention: str) -> str:
        stripped = _strip_name(mention)
        if not stripped[:1].isupper():
            return SPACE.sub(" ", mention.strip())
        acronym = self.acronyms().get(stripped)
        if acronym:
            return acronym
        if len(_words(stripped)) == 1:
            full = self.full_name(stripped)
            if full == stripped and stripped.isupper():  # a transcript's "PENCE" → "Mike Pence"
                full = self.full_name(stripped.capitalize())
                return full if full != stripped.capitalize() else stripped
            return full
        return stripped

    def _antecedent(self, start: int, kind: str) -> str | None:
        if kind == "self":
            return None
        if kind == "relative":  # "X, who" / "X who"
            end = start
            while end > 0 and self.text[end - 1] in " ,":
                end -= 1
            name = NAME_END.search(self.text, max(0, end - 150), end) if end else None
            if name:
                return self._name(name.group())
            lo = max(0, end - 150)
            lo = max(lo, *(self.text.rfind(mark, lo, end) + 1 for mark in ".?!\n\"“”"))  # in its sentence
            found = mention_before(self.text, lo, end) if end > lo else None  # "a campaign aide who"
            mention = SPACE.sub(" ", self.text[slice(*found[0])]) if found else ""
            return mention if mention and not mention.startswith("that ") else None
        for offset, name, person in reversed(self.history):
            if offset < start and (kind == "any" or person == (kind == "person")):
                return name
        return self.person_before(start) if kind == "person" else None
