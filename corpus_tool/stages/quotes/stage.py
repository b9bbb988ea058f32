"""The `quotes` stage plugin, its `speakers` table and the `corpus speakers` command."""
from __future__ import annotations

from typing import Annotated, Any, Iterable, Literal

import click

from ... import __version__, plugins
from ...components import Stage, Table
from ...document import Document, read_documents
from ...hookspecs import hookimpl
from .speakers import COLUMNS, SpeakerModel

Kind = Literal["direct", "partial", "indirect", "mention"]


class Quotes(Stage):
    """Find quotations and reported speech, and who said them.

    Kinds: direct (a whole quoted statement), partial (a quoted fragment inside a sentence, including a
    name someone gives: "dubbed “…”", "known as “…”", the latter with no speaker), indirect (reported
    speech: "X said that …", "according to X, …") and mention (scare quotes, titles, nicknames nobody is
    said to give: never counted as speech). Quotations may span sentences and paragraphs. Each turn
    of a transcript ("PENCE: …", quoted paragraph by paragraph or not) is its labelled speaker's.

    Each speech item names who said it as an entity: `speaker` (the canonical name: "Ted Cruz" for
    "Texas Sen. Ted Cruz", "Cruz", "he"; "I"/"we" to the author a byline, the document's `meta.author`
    or a sign-off names; null when the text does not say, never a pronoun),
    `speaker_type` (person, organisation, group or unresolved), `speaker_gender` and
    `speaker_gender_evidence` (only from the text: an honorific, a coreferent pronoun or a gendered
    noun beside the name),
    `speaker_role` ("Texas Sen."), the mention as written (`speaker_start`/`speaker_end`), the
    `cue` ("said", "according to" …) and `rule`: the named rules that found, attributed and
    resolved it ("quotation-marks > cue > surname"; the rules in order are in sieves.py).
    """

    name = "quotes"
    version = __version__
    needs = ("paragraphs", "sentences")
    adds = ("quotes",)
    adds_offsets = True
    kinds: Annotated[list[Kind], "which kinds to keep"] = ["direct", "partial", "indirect", "mention"]
    aliases: Annotated[str, "a TOML file of known entities pinning speakers' names, ids, types and genders "
                            "(see pipelines/aliases.toml); relative to the working directory"] = ""

    def check(self) -> None:
        if not self.kinds:
            raise ValueError("kinds must name at least one of direct, partial, indirect, mention")
        if self.aliases:
            from .aliases import Aliases  # TOML and hashing: loaded for a run that gives a file, not for --help

            self._aliases = Aliases.load(self.aliases)
        else:
            self._aliases = None

    def data_version(self) -> str | None:
        return f"aliases.{self._aliases.digest}" if self._aliases else None

    def process(self, doc: Document) -> None:
        from .extract import extract_quotes  # the rules: loaded when the stage runs, not when it is listed

        keep = set(self.kinds)
        meta = doc.get("meta") if isinstance(doc.get("meta"), dict) else {}
        author = meta.get("author") if isinstance(meta.get("author"), str) else None
        quotes = extract_quotes(doc["text"], doc["paragraphs"], doc["sentences"], author)
        doc["quotes"] = [q for q in quotes if q["kind"] in keep]
        if self._aliases:
            self._aliases.pin(doc["quotes"])


class Speakers(Table):
    """One row per speaker entity across the corpus: canonical name, id, type, gender, counts by kind, documents.

    Columns: `speaker` (the canonical name), `speaker_id` (stable: the name's words joined by "-",
    or the id an aliases file pins), `type` and `gender` (what most of its items say; gender only from
    the text's own evidence or an aliases file), `quotations`, `direct`, `partial`, `indirect`,
    `documents`, `roles` and `variants` (every name and mention form seen, most frequent first,
    joined by " | "), `document_ids`. Names are unified across documents: "Trump" and "Donald J.
    Trump" are the row "Donald Trump" when the corpus has one fuller name ending with "Trump", or one
    quoted three times as often as any other ("Barack Obama", not "Michelle Obama"); "Bill Clinton"
    and "Hillary Clinton" stay apart, and where neither dominates "Clinton" alone stays its own row; unresolved
    speakers are no row. Runs and exports give every quotation the same `speaker` and `speaker_id`
    as this table (the document's own name, where different, stays as `speaker_name`), so
    `group by speaker` over the quotes equals it.
    """

    name = "speakers"
    columns = COLUMNS
    needs = ("quotes",)
    rewrites = True

    def add(self, doc: Document) -> Iterable[dict[str, Any]]:
        self._model().add(doc)
        return ()

    def finish(self) -> Iterable[dict[str, Any]]:
        return self._model().rows()

    def rewrite(self, doc: Document) -> Document:
        return self._model().canonical(doc)

    def _model(self) -> SpeakerModel:
        if not hasattr(self, "_speakers"):
            self._speakers = SpeakerModel()
        return self._speakers


@click.command("speakers")
@click.argument("files", nargs=-1)
@click.option("--escape-formulas", is_flag=True, help="Prefix cells starting with = + - @ with ' for spreadsheets.")
def speakers_command(files: tuple[str, ...], escape_formulas: bool) -> None:
    """Who is quoted across processed documents (JSONL from FILES or stdin), as CSV on stdout.

    One row per speaker entity, most quoted first: canonical name, id, type, gender, quotations,
    direct, partial and indirect counts, the number of documents, the roles and name variants seen
    and the document ids. The documents need `quotes`.
    """
    from ...runner import export

    writer = plugins.load().create("writer", "csv", {"table": "speakers", "escape_formulas": escape_formulas},
                                   "corpus speakers")
    rejected = export(read_documents(files or ["-"]), writer, "-",
                      on_rejected=lambda r: click.echo(f"rejected: {r.describe()}", err=True))
    if rejected:
        raise click.exceptions.Exit(1)


@hookimpl
def register_stages(register):
    register(Quotes)


@hookimpl
def register_tables(register):
    register(Speakers)


@hookimpl
def register_commands(cli):
    cli.add_command(speakers_command)
