"""Known entities from the user: an aliases file pins speakers' names to entities.

    # one table per entity; only `name` is required
    [[entity]]
    name = "Bashar al-Assad"                 # the canonical name every output shows
    variants = ["Assad", "President Assad"]  # further names the documents give it
    id = "Q44329"                            # its speaker_id (e.g. a Wikidata QID); default: from the name
    type = "person"                          # person | organisation | group
    gender = "male"                          # female | male

Names are compared as the speakers model compares them (`name_key`: case, punctuation and middle
initials aside). A speaker given one of an entity's names gets its name, `speaker_id` and type; its
gender too where the text shows none (recorded as `speaker_gender_evidence` "aliases file").
"""
from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ...params import did_you_mean
from .speakers import name_key, slug

KEYS = ("name", "variants", "id", "type", "gender")
TYPES = ("person", "organisation", "group")
GENDERS = ("female", "male")


@dataclass(frozen=True)
class Alias:
    """One known entity."""

    name: str
    id: str
    type: str | None = None
    gender: str | None = None


class Aliases:
    """The entities of an aliases file, by the keys of their names."""

    def __init__(self, entities: dict[tuple[str, ...], Alias], digest: str) -> None:
        self.entities = entities
        self.digest = digest  # of the file's content, so the stage's version follows it

    @classmethod
    def load(cls, path: str) -> Aliases:
        """Read and check an aliases file; a mistake raises ValueError naming the file, line and key."""
        try:
            data = Path(path).read_bytes()
        except OSError as e:
            raise ValueError(f"aliases file {path}: cannot read it ({e.strerror}); give a TOML file") from None
        try:
            config = tomllib.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise ValueError(f"aliases file {path}: not valid TOML: {e}") from None
        if config.keys() - {"entity"} or not isinstance(config.get("entity", []), list):
            raise ValueError(f"aliases file {path}: expected only [[entity]] tables, found "
                             f"{', '.join(sorted(config.keys() - {'entity'})) or 'entity = …'}")
        lines = [n for n, line in enumerate(data.decode("utf-8").splitlines(), 1) if line.strip() == "[[entity]]"]
        entities: dict[tuple[str, ...], Alias] = {}
        where_of: dict[tuple[str, ...], str] = {}
        for index, table in enumerate(config.get("entity", [])):
            where = f"{path}:{lines[index] if index < len(lines) else '?'}: [[entity]]"
            alias, names = _entity(table, where)
            for name in names:
                key = name_key(name)
                if key in entities and entities[key] != alias:
                    raise ValueError(f"{where}: '{name}' is already a name of the entity at {where_of[key]}; "
                                     "give each name to one entity")
                entities[key] = alias
                where_of[key] = where.rsplit(":", 1)[0]
        return cls(entities, hashlib.sha256(data).hexdigest()[:12])

    def pin(self, quotes: list[dict]) -> None:
        """Give each quotation whose speaker is a known entity's name that entity (in place)."""
        for item in quotes:
            name = item.get("speaker")
            alias = self.entities.get(name_key(name)) if isinstance(name, str) and name.strip() else None
            if alias is None:
                continue
            item["speaker"], item["speaker_id"] = alias.name, alias.id
            if alias.type:
                item["speaker_type"] = alias.type
            if alias.gender and not item.get("speaker_gender"):
                item["speaker_gender"], item["speaker_gender_evidence"] = alias.gender, "aliases file"


def _entity(table: object, where: str) -> tuple[Alias, list[str]]:
    """One [[entity]] table checked: the alias and every name it pins."""
    if not isinstance(table, dict):
        raise ValueError(f"{where}: expected a table of {', '.join(KEYS)}")
    for key in table:
        if key not in KEYS:
            raise ValueError(f"{where}: unknown key '{key}'{did_you_mean(key, KEYS)}")
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{where}: 'name' must be the entity's canonical name, a non-empty string")
    where = f"{where} '{name}'"
    variants = table.get("variants", [])
    if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
        raise ValueError(f"{where}: 'variants' must be a list of names, e.g. [\"Assad\", \"President Assad\"]")
    for key, allowed in (("type", TYPES), ("gender", GENDERS)):
        if table.get(key) is not None and table[key] not in allowed:
            raise ValueError(f"{where}: '{key}' must be one of {', '.join(allowed)}, got {table[key]!r}")
    entity_id = table.get("id", slug(name_key(name)))
    if not isinstance(entity_id, str) or not entity_id.strip():
        raise ValueError(f"{where}: 'id' must be a non-empty string such as a Wikidata QID")
    return Alias(" ".join(name.split()), entity_id, table.get("type"), table.get("gender")), [name, *variants]
