"""What the report's charts count, gathered document by document: memory grows with the number of
sources and days, not of documents."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ...document import Document
from .markup import KINDS

SPEECH = ("direct", "partial", "indirect")  # quotations of someone; a mention is nobody's speech
TYPES = ("person", "organisation", "group", "unresolved")
GENDERS = ("female", "male")
UNKNOWN = "unknown"  # a field the item does not have (older documents) or a value outside the known ones
ALL = "all"
DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
DAYS_SHOWN = 62  # spans up to two months are drawn day by day, longer ones month by month


def category(value: Any, known: tuple[str, ...]) -> str:
    """`value` when it is one of `known`, else "unknown"."""
    return value if value in known else UNKNOWN


@dataclass
class Tally:
    """Counts of the speech quotations (direct, partial, indirect) by source, speaker type, gender and day."""

    source_field: str
    documents: int = 0
    sentences: int = 0
    kinds: Counter = field(default_factory=Counter)  # every quotation shown, by kind (`other` for unknown kinds)
    per_document: Counter = field(default_factory=Counter)  # quotations in a document -> documents
    by_type: Counter = field(default_factory=Counter)  # (source, type) -> quotations
    by_gender: Counter = field(default_factory=Counter)  # (source, gender) -> quotations
    by_day: Counter = field(default_factory=Counter)  # (date, source) -> quotations
    undated: int = 0  # quotations in documents without a readable date

    def add(self, doc: Document, quotes: list[dict]) -> None:
        """Count one document and the quotations of it the report shows."""
        meta = doc.get("meta") if isinstance(doc.get("meta"), dict) else {}
        source = self.source(meta)
        day = _day(meta.get("date"))
        self.documents += 1
        self.sentences += len(doc["sentences"]) if isinstance(doc.get("sentences"), list) else 0
        speech = 0
        for quote in quotes:
            kind = quote.get("kind")
            self.kinds[kind if kind in KINDS else "other"] += 1
            if kind not in SPEECH:
                continue
            speech += 1
            self.by_type[source, category(quote.get("speaker_type"), TYPES)] += 1
            self.by_gender[source, category(quote.get("speaker_gender"), GENDERS)] += 1
        self.per_document[speech] += 1
        if day is None:
            self.undated += speech
        elif speech:
            self.by_day[day, source] += speech

    def source(self, meta: dict) -> str:
        """The document's source (publisher): the metadata field, or `no <field>`."""
        value = meta.get(self.source_field)
        return " ".join(value.split()) if isinstance(value, str) and value.strip() else f"no {self.source_field}"

    @property
    def quotations(self) -> int:
        return sum(self.kinds[kind] for kind in SPEECH)

    def sources(self, most: int) -> list[str]:
        """The `most` sources with most quotations (ties by name), or none when there is only one."""
        totals: Counter = Counter()
        for (source, _), n in self.by_type.items():
            totals[source] += n
        ranked = sorted(totals, key=lambda s: (-totals[s], s))
        return ranked[:most] if len(ranked) > 1 else []

    def shares(self, counts: Counter, categories: tuple[str, ...], sources: list[str]) -> list[tuple[str, list[int]]]:
        """(group, counts by category) for all quotations, then each of `sources`, then the other sources."""
        rows = [(ALL, [sum(n for (_, c), n in counts.items() if c == name) for name in categories])]
        rows += [(source, [counts[source, name] for name in categories]) for source in sources]
        others = [sum(n for (s, c), n in counts.items() if c == name and s not in sources) for name in categories]
        if sources and any(others):
            rows.append(("other sources", others))
        return rows

    def timeline(self, sources: list[str]) -> tuple[list[str], dict[str, list[int]]]:
        """Periods (days for short spans, else months) from the first to the last date, and the
        quotations in each by source (`sources`, then the rest together)."""
        if not self.by_day:
            return [], {}
        first, last = min(day for day, _ in self.by_day), max(day for day, _ in self.by_day)
        if (last - first).days < DAYS_SHOWN:
            periods = [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]
            period = date.isoformat
        else:
            periods = [f"{year:04d}-{month:02d}" for year in range(first.year, last.year + 1) for month in range(1, 13)
                       if (first.year, first.month) <= (year, month) <= (last.year, last.month)]
            period = lambda day: day.isoformat()[:7]  # noqa: E731
        names = sources or [ALL]
        series = {name: [0] * len(periods) for name in [*names, "other sources"]}
        where = {p: i for i, p in enumerate(periods)}
        for (day, source), n in self.by_day.items():
            name = source if source in names else (ALL if not sources else "other sources")
            series[name][where[period(day)]] += n
        return periods, {name: values for name, values in series.items() if any(values)}


def _day(value: Any) -> date | None:
    """The date a metadata value starts with (`2016-09-12`, `2016-09-12T08:00:00Z`), or None."""
    match = DAY.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None
