"""The report's overview page: figures and charts, each chart with the numbers it draws as a table."""
from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any

from . import charts
from .tally import ALL, GENDERS, TYPES, UNKNOWN, Tally

COLUMNS = 24  # the most columns in the chart of quotations per document


def overview(tally: Tally, speakers: list[dict[str, Any]], links: list[str], top: int, most_sources: int) -> str:
    """The overview's body; `speakers` are the speakers table's rows (with `type`), `links` their pages."""
    figures = [("documents", tally.documents), ("sentences", tally.sentences), ("quotations", tally.quotations),
               ("speakers", len(speakers))]
    cells = "".join(f'<div class="figure" id="n-{name}"><b>{n:,}</b> {name[:-1] if n == 1 else name}</div>'
                    for name, n in figures)
    kinds = " ".join(f'<span class="legend q-{kind}">{escape(kind)}</span> {n:,}'
                     for kind, n in sorted(tally.kinds.items(), key=lambda item: (-item[1], item[0])))
    parts = ['<section class="overview" id="overview">\n<h2>Overview</h2>\n', f'<div class="figures">{cells}</div>\n',
             f'<p class="kinds">Quotations and mentions by kind: {kinds}</p>\n' if kinds else "", "</section>\n"]
    sources = tally.sources(most_sources)
    if speakers and top:
        parts.append(_top(speakers[:top], links))
    if tally.quotations:
        by = f" and by {escape(tally.source_field)}" if sources else ""
        type_rows = tally.shares(tally.by_type, (*TYPES, UNKNOWN), sources)
        parts.append(_shares("types", f"Quotations by speaker type{by}", type_rows, (*TYPES, UNKNOWN)))
        gender_rows = tally.shares(tally.by_gender, (*GENDERS, UNKNOWN), sources)
        parts.append(_shares("genders", f"Quotations by speaker gender{by} (as the text shows it)", gender_rows,
                             (*GENDERS, UNKNOWN), note=_women(gender_rows[0][1])))
        parts.append(_timeline(tally, sources))
    parts.append(_per_document(tally))
    return "".join(parts)


def _chart(name: str, title: str, svg: str, table: str, note: str = "") -> str:
    numbers = (f'<details><summary>The numbers</summary>\n<table class="data" id="t-{name}">{table}</table>\n</details>\n'
               if table else "")
    return f'<section class="chart" id="c-{name}">\n<h2>{title}</h2>\n{note}' + (f"<figure>{svg}</figure>\n" if svg else "") \
        + numbers + "</section>\n"


def _table(head: list[str], rows: list[list[Any]]) -> str:
    def cell(value: Any, tag: str) -> str:
        return f"<{tag}>{value:,}</{tag}>" if isinstance(value, int) else f"<{tag}>{value}</{tag}>"

    return ("<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead>\n<tbody>"
            + "".join("<tr>" + cell(row[0], "th") + "".join(cell(v, "td") for v in row[1:]) + "</tr>\n" for row in rows)
            + "</tbody>")


def _top(rows: list[dict[str, Any]], links: list[str]) -> str:
    names = [str(row["speaker"]) for row in rows]
    counts = [row.get("quotations", 0) for row in rows]
    svg = charts.bars("top", names, counts, [row["type"] for row in rows],
                      "Top speakers by quotations: " + ", ".join(f"{name} {n}" for name, n in zip(names, counts)))
    table = _table(["speaker", "type", "gender", "quotations", "documents"],
                   [[f'<a href="{link}">{escape(name)}</a>', escape(row["type"]), escape(row["gender"]), n,
                     row.get("documents", 0)] for name, n, row, link in zip(names, counts, rows, links)])
    return _chart("top", f"Top {len(rows)} speakers", svg, table)


def _shares(name: str, title: str, rows: list[tuple[str, list[int]]], categories: tuple[str, ...], note: str = "") -> str:
    groups = [group for group, _ in rows]
    svg = charts.shares(name, groups, list(categories), [counts for _, counts in rows], title)
    table = _table(["", *categories, "quotations"], [[escape(group), *counts, sum(counts)] for group, counts in rows])
    return _chart(name, title, svg, table, note)


def _women(counts: list[int]) -> str:
    """The share of women among the quotations whose speaker's gender the text shows."""
    female, male = counts[0], counts[1]
    if not female + male:
        return '<p class="note">The texts show no speaker\'s gender.</p>\n'
    return (f'<p class="note" id="women">Women: <b>{100 * female / (female + male):.1f}%</b> of the {female + male:,} '
            "quotations whose speaker's gender the text shows.</p>\n")


def _timeline(tally: Tally, sources: list[str]) -> str:
    periods, series = tally.timeline(sources)
    undated = (f'<p class="note">{tally.undated:,} quotations in documents without a date '
               f"(<code>meta.date</code>) are not drawn.</p>\n" if tally.undated else "")
    if not periods:
        return _chart("time", "Quotations over time", "", "", undated) if undated else ""
    unit = "day" if len(periods[0]) == 10 else "month"
    svg = charts.timeline("time", periods, series, f"Quotations per {unit}")
    table = _table([unit, *(s if s != ALL else "quotations" for s in series)],
                   [[period, *(values[i] for values in series.values())] for i, period in enumerate(periods)])
    return _chart("time", f"Quotations per {unit}" + (f" by {escape(tally.source_field)}" if sources else ""), svg,
                  table, undated)


def _per_document(tally: Tally) -> str:
    if not tally.documents:
        return ""
    labels, values = bins(tally.per_document)
    svg = charts.columns("per-document", labels, values, "Documents by number of quotations", "quotations in a document",
                         "documents")
    table = _table(["quotations", "documents"], [[label, value] for label, value in zip(labels, values)])
    return _chart("per-document", "Quotations per document", svg, table)


def bins(counts: Counter) -> tuple[list[str], list[int]]:
    """(label, documents) of at most ~`COLUMNS` equal ranges of quotations per document up to the 99th
    percentile, and one for the documents beyond it (`N+`)."""
    documents, seen, top = sum(counts.values()), 0, 0
    for top in sorted(counts):
        seen += counts[top]
        if seen >= 0.99 * documents:
            break
    width = -(-(top + 1) // COLUMNS)
    ranges = [(start, start + width - 1) for start in range(0, top + 1, width)]
    labels = [str(a) if a == b else f"{a}–{b}" for a, b in ranges]
    values = [sum(counts[n] for n in range(a, b + 1)) for a, b in ranges]
    beyond = ranges[-1][1] + 1
    if max(counts) >= beyond:
        labels.append(f"{beyond}+")
        values.append(sum(d for n, d in counts.items() if n >= beyond))
    return labels, values
