"""The report's charts: matplotlib figures as inline SVG, text kept as text, byte-identical between runs.

matplotlib is imported when the first chart is drawn (the `report` extra), never with the plugin.
"""
from __future__ import annotations

import io
import re
from contextlib import contextmanager
from html import escape
from typing import Iterator

from ...extras import require

STYLE = {
    "svg.fonttype": "none",  # labels stay text: searchable, selectable, drawn with the reader's fonts
    "svg.hashsalt": "corpus-tool report",  # element ids from a fixed salt: the same SVG on every run
    "font.family": "sans-serif", "font.size": 10,
    "axes.spines.top": False, "axes.spines.right": False, "axes.edgecolor": "#8c959f",
    "axes.titlesize": 11, "axes.titleweight": "bold", "axes.titlelocation": "left",
    "legend.frameon": False, "legend.fontsize": 9,
}
COLOURS = ("#0b5cad", "#d97706", "#16a34a", "#7c3aed", "#dc2626", "#0891b2", "#a16207", "#db2777", "#4b5563",
           "#65a30d")
NAMED = {"person": "#0b5cad", "organisation": "#d97706", "group": "#16a34a", "unresolved": "#8c959f",
         "female": "#c2410c", "male": "#0369a1", "unknown": "#d0d7de", "other sources": "#9ca3af"}
WIDTH = 8.0  # inches: the page's column at 72 points an inch
SVG_ID = re.compile(r'( id="| xlink:href="#|url\(#)([^")]+)')  # an element id, and references to one
SVG_TAG = re.compile(r'<svg [^>]*?width="[^"]*" height="[^"]*" viewBox="([^"]*)"[^>]*>')


def colour(name: str, index: int) -> str:
    """A category's colour: fixed for speaker types and genders, else from the palette by position."""
    return NAMED.get(name, COLOURS[index % len(COLOURS)])


def bars(name: str, labels: list[str], values: list[int], groups: list[str], description: str) -> str:
    """Horizontal bars, largest on top, each labelled with its value and coloured by its group."""
    with _canvas(max(1.6, 0.6 + 0.28 * len(labels))) as (figure, ax):
        kinds = sorted(set(groups), key=groups.index)
        positions = range(len(labels))[::-1]
        drawn = ax.barh(list(positions), values, color=[colour(g, kinds.index(g)) for g in groups], height=0.7)
        ax.bar_label(drawn, labels=[f"{v:,}" for v in values], padding=3, fontsize=9)
        ax.set_yticks(list(positions), labels=labels)
        ax.set_xlim(0, max(values, default=1) * 1.12 or 1)
        ax.legend(handles=[_patch(kind, colour(kind, i)) for i, kind in enumerate(kinds)], loc="lower right")
        ax.set_xlabel("quotations")
        _whole_numbers(ax.xaxis)
        return _svg(figure, name, description)


def shares(name: str, groups: list[str], categories: list[str], counts: list[list[int]], description: str) -> str:
    """One 100% bar per group, split by category (`counts[group][category]`), with percentages and totals."""
    with _canvas(max(1.4, 0.9 + 0.32 * len(groups))) as (figure, ax):
        positions = list(range(len(groups)))[::-1]
        left = [0.0] * len(groups)
        totals = [sum(row) or 1 for row in counts]
        for c, part in enumerate(categories):
            if not any(row[c] for row in counts):
                continue  # not in the legend either
            widths = [100 * row[c] / total for row, total in zip(counts, totals)]
            drawn = ax.barh(positions, widths, left=left, color=colour(part, c), height=0.7, label=part)
            ax.bar_label(drawn, labels=[f"{w:.0f}%" if w >= 6 else "" for w in widths], label_type="center", fontsize=8,
                         color="white" if part not in ("unknown", "other sources") else "#1f2328")
            left = [a + b for a, b in zip(left, widths)]
        for y, row in zip(positions, counts):
            ax.text(101, y, f"{sum(row):,}", va="center", fontsize=8, color="#57606a")
        ax.set_yticks(positions, labels=groups)
        ax.set_xlim(0, 112)
        ax.set_xticks([0, 25, 50, 75, 100], labels=["0%", "25%", "50%", "75%", "100%"])
        ax.legend(loc="upper center", bbox_to_anchor=(0.45, -0.35 if len(groups) < 3 else -0.12), ncol=len(categories))
        return _svg(figure, name, description)


def timeline(name: str, periods: list[str], series: dict[str, list[int]], description: str) -> str:
    """Stacked columns: one per period, one colour per series; at most ~16 period labels shown."""
    with _canvas(3.2, grid="y") as (figure, ax):
        bottom = [0] * len(periods)
        for i, (source, values) in enumerate(series.items()):
            ax.bar(range(len(periods)), values, bottom=bottom, color=colour(source, i), width=0.8, label=source)
            bottom = [a + b for a, b in zip(bottom, values)]
        step, turned = max(1, -(-len(periods) // 16)), len(periods) > 8
        ax.set_xticks(list(range(0, len(periods), step)), labels=periods[::step], fontsize=8,
                      rotation=45 if turned else 0, ha="right" if turned else "center")
        ax.set_xlim(-0.6, len(periods) - 0.4)
        ax.set_ylabel("quotations")
        _whole_numbers(ax.yaxis)
        if len(series) > 1:
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
        return _svg(figure, name, description)


def columns(name: str, labels: list[str], values: list[int], description: str, xlabel: str, ylabel: str) -> str:
    """Vertical columns with their values on top (when they fit)."""
    with _canvas(2.8, grid="y") as (figure, ax):
        drawn = ax.bar(range(len(labels)), values, color=COLOURS[0], width=0.8)
        if len(labels) <= 32:
            ax.bar_label(drawn, labels=[f"{v:,}" if v else "" for v in values], padding=2, fontsize=7)
        turned = sum(map(len, labels)) > 70  # long labels would overlap
        ax.set_xticks(range(len(labels)), labels=labels, fontsize=8, rotation=45 if turned else 0,
                      ha="right" if turned else "center")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        _whole_numbers(ax.yaxis)
        return _svg(figure, name, description)


@contextmanager
def _canvas(height: float, grid: str = "x") -> Iterator[tuple]:
    """A figure of the column's width and `height` inches and its axes, drawn and saved with `STYLE`."""
    require("matplotlib", "report", "the report's charts")
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context(STYLE):
        figure = Figure(figsize=(WIDTH, height), layout="constrained")
        ax = figure.add_subplot()
        ax.grid(axis=grid, color="#eaeef2", linewidth=0.8)
        ax.set_axisbelow(True)
        yield figure, ax


def _whole_numbers(axis) -> None:
    """Ticks of counts at whole numbers only."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def _patch(name: str, fill: str):
    from matplotlib.patches import Patch

    return Patch(color=fill, label=name)


def _svg(figure, name: str, description: str) -> str:
    """The figure as an `<svg>` element that scales with the page, described for screen readers; its
    element ids start with `name`, so several charts can share a page."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    tag = SVG_TAG.search(svg)
    opening = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" class="chart" '
               f'viewBox="{tag.group(1)}" role="img" aria-label="{escape(description)}">')
    return opening + SVG_ID.sub(lambda m: f"{m.group(1)}{name}-{m.group(2)}", svg[tag.end():].strip())
