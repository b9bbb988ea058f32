"""Speakers as entities across a corpus: the one model behind the `speakers` table and the canonical
`speaker` and `speaker_id` that every output's quotation rows carry.

Each document names its speakers as well as the document allows ("Trump", "Donald J. Trump"); the
model groups those names into entities with the corpus in view, by these rules, in order:

1. An item whose `speaker_id` is not the one its `speaker` would get (an id an aliases file gave,
   such as a Wikidata QID) belongs to that entity, whose name is the item's `speaker`; so do the
   names documents gave such items, where only one entity has them. An id this model gave pins
   nothing: each corpus groups its names afresh, whatever exports they went through.
   The name a document gave an item is its `speaker_name` if this step renamed it, else `speaker`.
2. Names are compared by `name_key`: case, punctuation, spacing, a leading "the", a possessive "'s"
   and middle initials aside ("Donald J. Trump" is "Donald Trump").
3. A one-word name of a person joins the one fuller person name of the corpus ending with it ("Trump"
   joins "Donald Trump", "Assad" joins "Bashar al-Assad"), fuller names of the other gender than its
   items show left aside. When several end with it, it joins the dominant one: quoted at least three
   times as often as any other ("Obama" joins "Barack Obama" quoted 17 times, not "Michelle Obama"
   quoted 5 times); when none dominates ("Bill Clinton", "Hillary Clinton" both often quoted) it
   stays its own row.
4. A definite description a document could not pair with a name ("the Republican presidential
   nominee") joins the one person whose roles in the corpus answer it ("Republican presidential
   nominee Donald Trump" elsewhere), if that person speaks in every document the description does;
   else it stays its own row ("the Vermont senator" when no senator from Vermont has that role).

Unresolved items (no `speaker`, or `speaker_type` "unresolved") are no entity's. Memory grows with
the number of distinct names, not with the documents' texts.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .lexicon import alternation, person_pronouns, words

KINDS = ("direct", "partial", "indirect")
COLUMNS = ("speaker", "speaker_id", "type", "gender", "quotations", *KINDS, "documents", "roles", "variants",
           "document_ids")
# The share of an entity's gendered items that must agree for the entity to have that gender.
GENDER_AGREEMENT = 2 / 3
# How many times as often as any other fuller name ending with a one-word name one of them must be quoted
# for the one-word name to join it.
DOMINANCE = 3
_PARTICLE = re.compile(rf"^(?:{alternation(words('name_particles'))})-")  # "al-Assad" ends with "Assad"
_INITIAL = re.compile(r"[^\W\d_]\.?")  # "J." or "J"
_POSSESSIVE = re.compile(r"'s\b")
_PUNCTUATION = re.compile(r"[^\w\s-]")


def _tidy(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=1 << 16)  # a corpus names the same speakers again and again
def name_key(name: str) -> tuple[str, ...]:
    """The words a name is compared by: "The Donald J. Trump's" and "donald trump" have one key."""
    text = unicodedata.normalize("NFKC", without_initials(name)).casefold().replace("’", "'")
    words = [w.strip("-") for w in _PUNCTUATION.sub(" ", _POSSESSIVE.sub("", text)).split() if w.strip("-")]
    if words[:1] == ["the"] and len(words) > 1:
        words = words[1:]
    return tuple(words) or (text,)  # (punctuation only: as it is)


def without_initials(name: str) -> str:
    """A name as shown, its middle initials dropped: "Donald J. Trump" -> "Donald Trump"."""
    words = _tidy(name).split()
    if len(words) <= 2:
        return " ".join(words)
    middle = [w for w in words[1:-1] if not (w[0].isupper() and _INITIAL.fullmatch(w))]
    return " ".join([words[0], *middle, words[-1]])


def slug(key: tuple[str, ...]) -> str:
    """The `speaker_id` derived from a name's key: "donald-trump"."""
    return "-".join(key)


@dataclass
class _Name:
    """What the corpus says about one name (or one pinned entity): counts by kind, forms, evidence."""

    kinds: Counter = field(default_factory=Counter)
    forms: Counter = field(default_factory=Counter)  # the names documents give, and mentions as written
    names: Counter = field(default_factory=Counter)  # the names documents give
    roles: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    genders: Counter = field(default_factory=Counter)
    pinned: Counter = field(default_factory=Counter)  # the entity's name on items pinned to it
    documents: list[int] = field(default_factory=list)  # positions of the documents, in corpus order

    def update(self, other: _Name) -> None:
        for mine, theirs in ((self.kinds, other.kinds), (self.forms, other.forms), (self.names, other.names),
                             (self.roles, other.roles), (self.types, other.types), (self.genders, other.genders),
                             (self.pinned, other.pinned)):
            mine.update(theirs)
        self.documents = sorted(set(self.documents) | set(other.documents))


@dataclass
class Entity:
    """One row of the speakers table: a canonical name, a stable id and what the corpus says of it."""

    speaker: str
    speaker_id: str
    key: tuple[str, ...]
    seen: _Name = field(default_factory=_Name)

    @property
    def type(self) -> str | None:
        types = [(n, t) for t, n in self.seen.types.items() if t and t != "unresolved"]
        return max(types, key=lambda nt: (nt[0], nt[1]))[1] if types else None

    @property
    def gender(self) -> str | None:
        """The gender most of the items' own evidence gives, if it agrees enough; else None."""
        return _agreed_gender(self.seen.genders)

    @property
    def quotations(self) -> int:
        return sum(self.seen.kinds.values())


class SpeakerModel:
    """Speakers of a corpus as entities: `add` each document in order, then `rows()` (the table) and
    `canonical(doc)` (a document's items with the entity's name and id)."""

    def __init__(self) -> None:
        self._names: dict[tuple[str, ...], _Name] = {}  # names documents give, by key
        self._pinned: dict[str, _Name] = {}  # entities items are pinned to, by id
        self._documents: list[str] = []  # the ids of documents with a speaker, in corpus order
        self._pending: str | None = None  # the id of the document being added, until it has a speaker
        self._entities: dict[str, Entity] | None = None
        self._of_key: dict[tuple[str, ...], Entity] = {}

    def add(self, doc: dict) -> None:
        """Take one document's speech items ({"id", "text", "quotes": [...]})."""
        self._start(str(doc.get("id", "")))
        text = doc.get("text") if isinstance(doc.get("text"), str) else ""
        for item in doc.get("quotes") or []:
            start, end = (item.get("speaker_start"), item.get("speaker_end")) if isinstance(item, dict) else (0, 0)
            self._take(item, text[start:end] if isinstance(start, int) and isinstance(end, int) else "")

    def _start(self, doc_id: str) -> None:
        self._entities = None
        self._pending = doc_id

    def _take(self, item: dict, mention: str) -> None:
        name = _own_name(item)
        if name is None or item.get("kind") not in KINDS:
            return
        pin = _pin(item)
        if pin:
            seen = self._pinned.setdefault(pin, _Name())
            seen.pinned[_tidy(item["speaker"])] += 1
        else:
            seen = self._names.setdefault(name_key(name), _Name())
        seen.kinds[item["kind"]] += 1
        seen.names[name] += 1
        seen.forms[name] += 1
        mention = _tidy(mention)
        if mention and mention != name and mention.casefold() not in person_pronouns():  # "him" is no variant
            seen.forms[mention] += 1
        if isinstance(item.get("speaker_role"), str) and item["speaker_role"].strip():
            seen.roles[_tidy(item["speaker_role"])] += 1
        kind = item.get("speaker_type")
        seen.types[kind if isinstance(kind, str) else None] += 1
        if item.get("speaker_gender") in ("female", "male"):
            seen.genders[item["speaker_gender"]] += 1
        if self._pending is not None:
            self._documents.append(self._pending)
            self._pending = None
        position = len(self._documents) - 1
        if not seen.documents or seen.documents[-1] != position:
            seen.documents.append(position)

    def entities(self) -> dict[str, Entity]:
        """The corpus's entities by id (computed once per state of the corpus)."""
        if self._entities is None:
            self._entities, self._of_key = self._resolve()
        return self._entities

    def _resolve(self) -> tuple[dict[str, Entity], dict[tuple[str, ...], Entity]]:
        entities: dict[str, Entity] = {}
        of_key: dict[tuple[str, ...], Entity] = {}

        def admit(name: str, speaker_id: str, key: tuple[str, ...], seen: _Name) -> None:
            entity = entities.setdefault(speaker_id, Entity(name, speaker_id, key))
            entity.seen.update(seen)
            of_key.setdefault(key, entity)

        for pin in sorted(self._pinned):
            seen = self._pinned[pin]
            name = _most_common(seen.pinned, seen.forms)
            admit(name, pin, name_key(name), seen)
        given = {pin: sorted({name_key(n) for n in seen.names}) for pin, seen in sorted(self._pinned.items())}
        claims = Counter(key for keys in given.values() for key in keys)
        for pin, keys in given.items():  # the names documents gave pinned items, where only one entity has them
            for key in keys:
                if claims[key] == 1:
                    of_key.setdefault(key, entities[pin])
        for key in sorted(k for k in self._names if len(k) > 1):
            seen = self._names[key]
            if key in of_key:
                of_key[key].seen.update(seen)
            else:
                admit(without_initials(_most_common(seen.names, seen.forms)), slug(key), key, seen)
        ending = _by_last_word(of_key)
        for key in sorted(k for k in self._names if len(k) == 1):
            seen = self._names[key]
            fuller = ending.get(key[0], [])
            if key in of_key:
                of_key[key].seen.update(seen)
            elif (joined := _fuller_name(seen, fuller)) is not None:
                joined.seen.update(seen)
                of_key[key] = joined
            else:
                admit(_most_common(seen.names, seen.forms), slug(key), key, seen)
        _pair_descriptions(entities, of_key)
        return entities, of_key

    def entity_of(self, item: dict) -> Entity | None:
        """The entity an item's speaker belongs to, or None (unresolved, or not a name of this corpus)."""
        name = _own_name(item)
        if name is None:
            return None
        entities = self.entities()
        pin = _pin(item)
        if pin:
            return entities.get(pin)
        return self._of_key.get(name_key(name))

    def canonical(self, doc: dict) -> dict:
        """The document with each resolved item's `speaker` the entity's name and `speaker_id` its id; the
        name the document gave, where different, is kept as `speaker_name` (in place; returns `doc`)."""
        for item in doc.get("quotes") or []:
            if not isinstance(item, dict):
                continue
            entity = self.entity_of(item)
            if entity is None:
                continue
            own = _own_name(item)
            if own != entity.speaker:
                item["speaker_name"] = own
            item["speaker"] = entity.speaker
            item["speaker_id"] = entity.speaker_id
        return doc

    def rows(self) -> list[dict[str, Any]]:
        """One flat row per entity (see COLUMNS), most quoted first; roles and variants, most frequent
        first, are joined by " | ", document ids by " ". The variants map every name to its row: a
        mention form (by `name_key`) that is another row's name, or two rows' form, is neither's."""
        entities = sorted(self.entities().values(), key=lambda e: (-e.quotations, e.speaker.casefold(),
                                                                  e.speaker_id))
        named = {name_key(n): e for e in entities for n in [*e.seen.names, e.speaker]}  # the model's own mapping
        claims = Counter(key for e in entities for key in {name_key(f) for f in e.seen.forms})
        rows = []
        for e in entities:
            variants = [f for f, _ in _by_count(e.seen.forms)
                        if f != e.speaker and _variant(name_key(f), e, named, claims)]
            rows.append({
                "speaker": e.speaker, "speaker_id": e.speaker_id, "type": e.type, "gender": e.gender,
                "quotations": e.quotations, **{kind: e.seen.kinds[kind] for kind in KINDS},
                "documents": len(e.seen.documents), "roles": " | ".join(r for r, _ in _by_count(e.seen.roles)),
                "variants": " | ".join(variants),
                "document_ids": " ".join(self._documents[p] for p in e.seen.documents),
            })
        return rows


def _agreed_gender(genders: Counter) -> str | None:
    """The gender most of the evidence gives, if it agrees enough (GENDER_AGREEMENT); else None."""
    if not genders:
        return None
    gender, count = max(genders.items(), key=lambda gc: (gc[1], gc[0]))
    return gender if count >= GENDER_AGREEMENT * sum(genders.values()) else None


def _fuller_name(seen: _Name, fuller: list[Entity]) -> Entity | None:
    """The entity a one-word person name joins among the fuller person names ending with it (rule 3): the
    only one whose gender does not contradict its items' evidence, else the one quoted DOMINANCE times as
    often as any other; None for an organisation's or a group's name, or when none dominates."""
    if seen.types.most_common(1)[0][0] in ("organisation", "group") or all(n.split()[-1][:1].islower() for n in seen.names):
        return None  # nor "the law", "The day": a noun, no surname
    gender = _agreed_gender(seen.genders)
    agreeing = [e for e in fuller if gender is None or e.gender in (None, gender)]
    if len(agreeing) <= 1:
        return agreeing[0] if agreeing else None
    top, second = sorted(agreeing, key=lambda e: (-e.quotations, e.speaker_id))[:2]
    return top if top.quotations >= DOMINANCE * second.quotations else None


def _pair_descriptions(entities: dict[str, Entity], of_key: dict[tuple[str, ...], Entity]) -> None:
    """Rule 4: each row of a definite description ("The Republican presidential nominee") joins the one
    person entity with a role answering it that speaks in every document the description does."""
    from .names import answers, role_words  # the rules' lexicon, read only by a corpus with descriptions

    descriptions = [e for e in entities.values() if _definite_description(e.speaker)]
    if not descriptions:
        return
    speaking: dict[int, list[Entity]] = {}  # document -> the people with a role who speak in it
    for e in entities.values():
        if e.type == "person" and e.seen.roles and not _definite_description(e.speaker):
            for document in e.seen.documents:
                speaking.setdefault(document, []).append(e)
    roles: dict[str, list] = {}  # each candidate's roles as role_words reads them, and its documents, read once
    documents_of: dict[str, set[int]] = {}

    def answering(candidate: Entity, wanted) -> bool:
        if candidate.speaker_id not in roles:
            roles[candidate.speaker_id] = [r for r in map(role_words, candidate.seen.roles) if r]
        return any(answers(wanted, role) for role in roles[candidate.speaker_id])

    def speaks_in(candidate: Entity, documents: set[int]) -> bool:
        if candidate.speaker_id not in documents_of:
            documents_of[candidate.speaker_id] = set(candidate.seen.documents)
        return documents <= documents_of[candidate.speaker_id]

    joined: dict[str, Entity] = {}
    for entity in descriptions:
        wanted = role_words(entity.speaker)
        if not wanted or not entity.seen.documents:
            continue
        documents = set(entity.seen.documents)
        found = [e for e in speaking.get(entity.seen.documents[0], ()) if answering(e, wanted) and speaks_in(e, documents)]
        if len(found) == 1:
            found[0].seen.update(entity.seen)
            joined[entity.speaker_id] = found[0]
            del entities[entity.speaker_id]
    for key, owner in of_key.items():
        if owner.speaker_id in joined and entities.get(owner.speaker_id) is not owner:
            of_key[key] = joined[owner.speaker_id]


def _definite_description(name: str) -> bool:
    """Whether a name is a definite description: "the" and lower-case words after it ("the FBI director")."""
    words = name.split()
    return len(words) > 1 and words[0].lower() == "the" and words[-1].islower()


def _variant(key: tuple[str, ...], entity: Entity, named: dict, claims: Counter) -> bool:
    """Whether a form with this key is a variant of `entity`: its name, or a form no other row has."""
    owner = named.get(key)
    return owner is entity or (owner is None and claims[key] == 1)


def _own_name(item: dict) -> str | None:
    """The name the item's document gives its speaker (before this step), or None if unresolved."""
    if not isinstance(item, dict) or item.get("speaker_type") == "unresolved":
        return None
    name = item.get("speaker_name") or item.get("speaker")
    return _tidy(name) or None if isinstance(name, str) else None


def _pin(item: dict) -> str | None:
    """The entity the item is pinned to: its `speaker_id`, unless that is only the one its `speaker` would
    get (so ids this model gave pin nothing, and another corpus may group the names otherwise)."""
    pin, speaker = item.get("speaker_id"), item.get("speaker")
    if isinstance(pin, str) and pin and isinstance(speaker, str) and pin != slug(name_key(speaker)):
        return pin
    return None


def _by_count(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def _most_common(names: Counter, forms: Counter) -> str:
    """The name given most often (then seen most often as a form, then alphabetically first)."""
    return min(names, key=lambda n: (-names[n], -forms[n], n))


def _by_last_word(of_key: dict[tuple[str, ...], Entity]) -> dict[str, list[Entity]]:
    """Entities of names of two words or more that may be a person's, by their name's last word."""
    ending: dict[str, list[Entity]] = {}
    for key, entity in of_key.items():
        if len(key) > 1 and entity.type not in ("organisation", "group"):
            for last in {key[-1], _PARTICLE.sub("", key[-1])}:
                found = ending.setdefault(last, [])
                if entity not in found:
                    found.append(entity)
    return ending
