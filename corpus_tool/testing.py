"""Helpers for testing plugins: run a stage on a text, check a document's spans, run the CLI.

    from corpus_tool.testing import check_document, invoke, run_stage

    doc = run_stage("quotes", "“Yes,” she said.", before=["segment"])
    check_document(doc)
"""
from __future__ import annotations

import subprocess
import sys
from typing import Any

from . import plugins
from .components import Stage
from .document import Document, check, span_fields


def make_document(text: str, id: str = "test", title: str | None = None, **fields: Any) -> Document:
    """A document as a reader would make it."""
    return {"id": id, "title": title, "text": text, "meta": {"source": "test"}, **fields}


def run_stage(stage: type[Stage] | Stage | str, text_or_doc: str | Document, *, before: list[str] = (),
              **params: Any) -> Document:
    """Run a stage (a class, an instance or a registered name) on a text or document and return it.

    `before` names stages to run first, with their defaults (e.g. ["segment"] for a stage that needs
    sentences). Parameters are validated exactly as from a pipeline file.
    """
    doc = make_document(text_or_doc) if isinstance(text_or_doc, str) else text_or_doc
    registry = plugins.load()
    for name in before:
        doc = registry.create("stage", name, {}, f"stage '{name}'").apply(doc)
    if isinstance(stage, str):
        stage = registry.create("stage", stage, params, f"stage '{stage}'")
    elif isinstance(stage, type):
        stage = stage(**params)
    return stage.apply(doc)


def check_document(doc: Document) -> None:
    """Assert that `doc` is a valid document whose every span lies inside its text."""
    problem = check(doc)
    assert problem is None, problem
    size = len(doc["text"])
    for field in span_fields(doc):
        for k, item in enumerate(doc[field]):
            start, end = item.get("start"), item.get("end")
            assert isinstance(start, int) and isinstance(end, int), f"{field}[{k}]: start and end must be integers"
            assert 0 <= start <= end <= size, f"{field}[{k}]: span {start}-{end} outside the text (length {size})"


def invoke(*args: str, input: str | bytes = "") -> subprocess.CompletedProcess:
    """Run `corpus ARGS…` in a fresh process (as a shell would) and return its result as text."""
    return subprocess.run([sys.executable, "-m", "corpus_tool", *map(str, args)], capture_output=True,
                          text=True, input=input.decode() if isinstance(input, bytes) else input)
