"""The Python API, for notebooks and scripts: what the `corpus` command does, as functions.

    from corpus_tool import api

    api.run("pipelines/news.toml", overrides=["stages.summarise.sentences=5"])   # corpus run … --set …
    docs = api.process(["“We are ready,” the mayor said."], ["segment", "quotes"])  # corpus segment | corpus quotes
    docs = list(api.read("out/documents.jsonl"))                                    # processed documents
    speakers = api.table("speakers", "out/documents.jsonl")                         # a pandas DataFrame

It reuses the command's own parts (pipeline files, the plugin manager, the runner and the tables),
so a result here is the command's result. Tables need `pip install 'corpus-tool[notebook]'` (pandas).
"""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal

from . import executors, pipeline as pipelines, plugins, runner
from .components import Stage
from .document import Document, Rejected
from .errors import ConfigError, DocumentError
from .extras import require
from .tables import Rewrite, open_table
from .testing import make_document

OnError = Literal["raise", "skip"]
StageSpec = str | tuple[str, dict[str, Any]] | dict[str, Any]


def run(pipeline: str | Path, *, overrides: Iterable[str] = (), input: str | None = None, output_dir: str | None = None,
        plugins_dir: str | None = None, **options: Any) -> runner.Report:
    """Run a pipeline file, as `corpus run` does: `overrides` are `--set` assignments ("stages.summarise.sentences=5"),
    `options` the runner's (`workers`, `shard_size`, `limit`, `resume`, `incremental`, `on_error`, …)."""
    spec = pipelines.load(pipeline, overrides=list(overrides), input=input, output_dir=output_dir, plugins_dir=plugins_dir)
    return runner.run(spec, **options)


def process(documents: str | Document | Iterable[str | Document], stages: Iterable[StageSpec | Stage] = (
        "normalise", "segment", "quotes", "summarise"), *, on_error: OnError = "raise",
        plugins_dir: str | None = None) -> list[Document]:
    """Run stages on texts or documents (dicts with `id` and `text`); the processed documents, in order.

    A stage is a name ("segment"), a name and parameters (("summarise", {"sentences": 5})), a pipeline
    file's entry ({"use": "summarise", "sentences": 5}) or a Stage; the order is checked as in a
    pipeline. A text becomes a document with id `text-N`; documents given are left as they were. A document a stage cannot process raises
    DocumentError naming it, or with `on_error="skip"` is left out. A document without an `id` gets `text-N`."""
    _check(on_error)
    entries = [{"use": s} if isinstance(s, str) else {"use": s[0], **s[1]} if isinstance(s, tuple) else s for s in stages]
    made = iter(pipelines.build_stages({"stages": [e for e in entries if not isinstance(e, Stage)]},
                                       plugins.load(plugins_dir), "process"))
    built = [e if isinstance(e, Stage) else next(made) for e in entries]
    pipelines.check_order(built, "process")
    items = [documents] if isinstance(documents, (str, dict)) else documents
    done = []
    for n, item in enumerate(items, 1):
        if isinstance(item, str):
            doc = make_document(item, id=f"text-{n}", meta={})
        else:
            doc = copy.deepcopy(item)
            if isinstance(doc, dict):
                doc.setdefault("id", f"text-{n}")
        result, _, _ = executors.process(built, doc)
        if isinstance(result, Rejected):
            if on_error == "raise":
                raise DocumentError(result.describe())
            continue
        done.append(result)
    return done


def read(source: str | Path, reader: str = "documents", *, on_error: OnError = "raise", plugins_dir: str | None = None,
         **params: Any) -> Iterator[Document]:
    """The documents of a source, one at a time, as `corpus read --reader READER` gives them: processed
    documents (JSONL) by default, or any reader with its parameters (`read("seeds", "text")`)."""
    _check(on_error)
    instance = plugins.load(plugins_dir).create("reader", reader, params, f"reader '{reader}'")
    for item in instance.read(str(source)):
        if isinstance(item, Rejected):
            if on_error == "raise":
                raise DocumentError(item.describe())
            continue
        yield item


def table(name: str, documents: str | Path | Iterable[Document], *, plugins_dir: str | None = None):
    """A table of documents as a pandas DataFrame, with the columns `corpus export csv --table NAME` gives:
    `documents`, `speakers`, or any list annotation (`sentences`, `quotes`, …). `documents` is a file of
    processed documents or the documents themselves."""
    pandas = require("pandas", "notebook", "tables as DataFrames")
    registry = plugins.load(plugins_dir)
    view = open_table(name, registry)
    docs = read(documents, plugins_dir=plugins_dir) if isinstance(documents, (str, Path)) else documents
    rewrite = Rewrite.of(registry)
    if rewrite:  # the names the whole corpus gives its speakers, as `corpus export` writes them
        docs = runner.rewritten(docs, rewrite)
    rows = [row for doc in docs for row in view.add(doc)]
    rows += view.finish()
    columns = dict.fromkeys(view.columns)
    for row in rows:
        columns.update(dict.fromkeys(row))
    return pandas.DataFrame.from_records(rows, columns=list(columns))


def _check(on_error: str) -> None:
    if on_error not in ("raise", "skip"):
        raise ConfigError(f"on_error must be 'raise' or 'skip', got {on_error!r}")
