"""`corpus stats`: a quick overview of processed documents, as tables on the terminal.

Everything here follows from the document format: counts of every list annotation (by `kind` where
items have one), the documents where an annotation is empty, the longest documents, and the top rows
of every table plugins register (such as the quotes plugin's speakers).
"""
from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from typing import Callable, Iterable

from rich.console import Console
from rich.table import Table as RichTable

from ..document import Document, Rejected
from ..plugins import Registry

SHOWN = 10


class Overview:
    """Accumulates what `corpus stats` shows, one document at a time."""

    def __init__(self, registry: Registry) -> None:
        self.documents = self.characters = 0
        self.items: Counter = Counter()
        self.kinds: dict[str, Counter] = defaultdict(Counter)
        self.empty: dict[str, list[str]] = defaultdict(list)  # the first few documents where it is empty
        self.empties: Counter = Counter()
        self.longest: list[tuple[int, str]] = []
        self.tables = [entry.cls() for _, entry in sorted(registry.entries["table"].items())]

    def add(self, doc: Document) -> None:
        self.documents += 1
        self.characters += len(doc["text"])
        for key, value in doc.items():
            if not isinstance(value, list) or key == "stages":
                continue
            self.items[key] += len(value)
            self.kinds[key].update(item["kind"] for item in value if isinstance(item, dict) and "kind" in item)
            if not value:
                self.empties[key] += 1
                if len(self.empty[key]) < SHOWN:
                    self.empty[key].append(doc["id"])
        entry = (len(doc["text"]), doc["id"])
        (heapq.heappush if len(self.longest) < 5 else heapq.heappushpop)(self.longest, entry)
        for table in self.tables:
            table.add(doc)

    def show(self, console: Console) -> None:
        counts = RichTable("what", "count", title="corpus")
        counts.add_row("documents", f"{self.documents:,}")
        counts.add_row("characters", f"{self.characters:,}")
        for key in sorted(self.items):
            counts.add_row(key, f"{self.items[key]:,}")
            for kind, total in sorted(self.kinds[key].items()):
                counts.add_row(f"  {key}: {kind}", f"{total:,}")
        console.print(counts)
        for table in self.tables:
            rows = list(table.finish())[:SHOWN]
            if rows:
                shown = RichTable(*rows[0], title=f"top {table.name}")
                for row in rows:
                    shown.add_row(*(str(value) for value in row.values()))
                console.print(shown)
        for key in sorted(self.empties):
            more = f" (first {SHOWN})" if self.empties[key] > SHOWN else ""
            console.print(f"documents without {key}: {self.empties[key]}{more}: {', '.join(self.empty[key])}",
                          markup=False, highlight=False)
        if self.longest:
            longest = RichTable("document", "characters", title="longest documents")
            for size, doc_id in sorted(self.longest, reverse=True):
                longest.add_row(doc_id, f"{size:,}")
            console.print(longest)


def overview(items: Iterable[Document | Rejected], registry: Registry, console: Console,
             on_rejected: Callable[[Rejected], None]) -> int:
    """Print the overview of `items`; returns the number of rejected input lines."""
    summary, rejected = Overview(registry), 0
    for doc in items:
        if isinstance(doc, Rejected):
            rejected += 1
            on_rejected(doc)
        else:
            summary.add(doc)
    summary.show(console)
    return rejected
