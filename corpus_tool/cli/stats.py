"""`corpus stats`: a quick overview of processed documents, as tables on the terminal."""
from __future__ import annotations

import heapq
from collections import Counter
from typing import Iterable

from rich.console import Console
from rich.table import Table as RichTable

from ..document import Document, Rejected
from ..plugins import Registry
from ..tables import open_table

SHOWN = 10


def overview(items: Iterable[Document | Rejected], registry: Registry, console: Console,
             on_rejected) -> int:
    """Print counts, top speakers, documents without quotations and the longest documents; returns
    the number of rejected input lines."""
    documents = characters = rejected = 0
    annotations: Counter = Counter()
    kinds: Counter = Counter()
    unquoted: list[str] = []
    unquoted_count = 0
    longest: list[tuple[int, str]] = []
    speakers = open_table("speakers", registry) if "speakers" in registry.entries["table"] else None
    for doc in items:
        if isinstance(doc, Rejected):
            rejected += 1
            on_rejected(doc)
            continue
        documents += 1
        characters += len(doc["text"])
        for key, value in doc.items():
            if isinstance(value, list) and key != "stages":
                annotations[key] += len(value)
        quotes = [q for q in doc.get("quotes") or [] if q.get("kind") != "mention"]
        kinds.update(q.get("kind") for q in doc.get("quotes") or [])
        if "quotes" in doc and not quotes:
            unquoted_count += 1
            if len(unquoted) < SHOWN:
                unquoted.append(doc["id"])
        entry = (len(doc["text"]), doc["id"])
        if len(longest) < 5:
            heapq.heappush(longest, entry)
        else:
            heapq.heappushpop(longest, entry)
        if speakers is not None:
            speakers.add(doc)

    counts = RichTable("what", "count", title="corpus")
    counts.add_row("documents", f"{documents:,}")
    counts.add_row("characters", f"{characters:,}")
    for key, total in sorted(annotations.items()):
        counts.add_row(key, f"{total:,}")
    for kind, total in sorted(kinds.items()):
        counts.add_row(f"  quotes: {kind}", f"{total:,}")
    console.print(counts)
    if speakers is not None:
        rows = list(speakers.finish())[:SHOWN]
        if rows:
            table = RichTable("speaker", "quotations", "direct", "partial", "indirect", "documents", title="top speakers")
            for row in rows:
                table.add_row(row["speaker"], *(str(row[k]) for k in ("quotations", "direct", "partial", "indirect", "documents")))
            console.print(table)
    if unquoted_count:
        more = f" (first {SHOWN})" if unquoted_count > SHOWN else ""
        console.print(f"documents without quotations: {unquoted_count}{more}: {', '.join(unquoted)}")
    if longest:
        table = RichTable("document", "characters", title="longest documents")
        for size, doc_id in sorted(longest, reverse=True):
            table.add_row(doc_id, f"{size:,}")
        console.print(table)
    return rejected
