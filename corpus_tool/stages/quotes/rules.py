"""The unit every quotes decision is made by: a named rule with its examples and its place in an order.

The quotes stage decides in three steps, as CoreNLP's quote-attribution sieves do: `find` (is this a
quotation or a report, and of which kind), `attribute` (which mention in the text said it) and
`resolve` (which person or organisation that mention stands for). The rules of every step are listed,
in order, in `sieves`. Within a step the rules are tried in their declared order (`first`); each acts
only on what the earlier ones left, and its name is stamped on the item; a rule that decides there is
nothing (no item, nobody's words) returns STOP, and the later ones are not tried. An output item's
`rule` names the rules that made it, one per step, joined by " > " ("quotation-marks > cue"), so an
error on evaluation data leads straight to its rules (`python benchmarks/quotes.py --by-rule`).

A rule's examples are its tests: `tests/test_rules.py` runs each example's text, an article's body
under a one-line headline, through `segment` and `quotes`, and checks that an item made by the rule
has the expected fields (`expect=None`: the rule makes no item of that text).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

STEPS = ("find", "attribute", "resolve")
SEPARATOR = " > "


class Stop:
    """What a rule returns when it decides that there is nothing (no item, no speaker): later rules are not
    tried."""

    def __repr__(self) -> str:
        return "STOP"


STOP = Stop()


@dataclass(frozen=True)
class Example:
    """A text, and fields an item the rule makes of it must have (`text`: the item's span as written);
    None when the rule must make nothing of it. The text is an article's body, put under a one-line
    headline, unless `article` says it is a whole article, its first line the headline."""

    text: str
    expect: dict[str, Any] | None
    article: bool = False


@dataclass(frozen=True)
class Rule:
    """One decision of one step: its name (stamped on items), what it does, and why it exists."""

    step: str
    name: str
    apply: Callable[..., Any]
    examples: tuple[Example, ...]

    @property
    def description(self) -> str:
        return " ".join((self.apply.__doc__ or "").split())


def rule(step: str, name: str, *examples: Example) -> Callable[[Callable], Rule]:
    """Make a function a rule of `step` named `name` (decorator); list it in its step's order to use it."""
    if step not in STEPS:
        raise ValueError(f"unknown step {step!r}: one of {', '.join(STEPS)}")

    def make(apply: Callable) -> Rule:
        return Rule(step, name, apply, examples)

    return make


def first(rules: Iterable[Rule], *args: Any) -> tuple[Rule | None, Any]:
    """The first of `rules` that decides on `args` (its `apply` returns something other than None), and
    what it returned (possibly STOP); (None, None) when none does."""
    for candidate in rules:
        found = candidate.apply(*args)
        if found is not None:
            return candidate, found
    return None, None


def chain(*names: str | None) -> str:
    """The `rule` field of an item from the names of the rules that made it, step by step."""
    return SEPARATOR.join([name for name in names if name])  # a list joins faster than a generator


def links(value: str) -> list[str]:
    """The rule names in an item's `rule` field, in step order."""
    return value.split(SEPARATOR) if value else []
