"""Text repair and tidying, each step counted."""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from typing import Callable

# What mojibake looks like: a UTF-8 lead byte read as Latin-1/cp1252 (Â..ô) followed by a
# continuation byte read the same way, MacRoman's √ lead, C1 controls, lossy U+FFFD, surrogates, or
# terminal escapes. Text without any is left to our own steps, which spares the common case
# (clean text with curly quotes and accents) ftfy's slower line-by-line analysis.
CP1252_CONTINUATION = "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
SUSPECT = re.compile(rf"[\xc2-\xf4\u221a][{CP1252_CONTINUATION}]|[\x80-\x9f\x1b\ufffd\ud800-\udfff]")
SUSPECT_START = re.compile(r"[\xc2-\xf4\u221a\x80-\x9f\x1b\ufffd\ud800-\udfff]")  # where SUSPECT can match: a faster scan
LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b-\u200d\u2060\ufeff\u00ad]")
ODD_SPACE_CHARACTERS = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
ODD_SPACES = re.compile(f"[{ODD_SPACE_CHARACTERS}]")
SPACE_RUNS = re.compile(r" {2,}")
TRAILING = re.compile(r" +$", re.MULTILINE)
BLANK_RUNS = re.compile(r"\n{3,}")
# Any character LINE_BREAKS or INVISIBLE would match: one scan for both, which rarely find anything.
STRAY = re.compile(r"[\r\u2028\u2029\x85\x0b\x0c\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b-\u200d\u2060\ufeff\u00ad]")
MAX_PASSES = 4
REVEALING = ("mojibake_repaired", "invisible_removed", "unicode_normalised")  # steps after which to look again
LINES = re.compile(r".*\n|.+")  # as ftfy.fix_text cuts text: each line with its "\n"
FOLDS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"',
                       "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-"})


def _sub(pattern: re.Pattern, replacement: str, text: str, counts: Counter, key: str) -> str:
    text, n = pattern.subn(replacement, text)
    counts[key] += n
    return text


def _suspect(text: str) -> bool:
    """Whether SUSPECT matches, searched for from the first character a match can start with."""
    if text.isascii():  # a constant-time test
        return "\x1b" in text
    start = SUSPECT_START.search(text)
    return start is not None and SUSPECT.search(text, start.start()) is not None


class Normaliser:
    """Normalises text with fixed options; `__call__` returns the new text and what it changed."""

    def __init__(self, form: str = "NFC", unescape_html: bool = False, fold_punctuation: bool = False) -> None:
        self.form = form
        self.unescape_html = unescape_html
        self.fold_punctuation = fold_punctuation

    @functools.cached_property
    def _repair(self) -> Callable[[str], str]:
        """ftfy.fix_text limited to repairing encoding damage (the other steps are ours, so they can be
        counted); ftfy (about 40 ms of start-up) is imported at the first text that may need it."""
        import ftfy

        return functools.partial(ftfy.fix_text, config=ftfy.TextFixerConfig(
            unescape_html=self.unescape_html, fix_latin_ligatures=False, fix_character_width=False,
            uncurl_quotes=False, fix_line_breaks=False, remove_control_chars=False, normalization=None,
            explain=False,
        ))

    def __call__(self, text: str, counts: Counter | None = None) -> tuple[str, Counter]:
        """Apply every step, again while a step that can expose work for an earlier one changed
        something (a removed control character or a composed letter can reveal mojibake), so
        normalising twice changes nothing."""
        counts = Counter() if counts is None else counts
        for _ in range(MAX_PASSES):
            before = [counts[key] for key in REVEALING]
            text = self._pass(text, counts)
            if [counts[key] for key in REVEALING] == before:
                break
        return text, counts

    def _fix_mojibake(self, text: str) -> str:
        """ftfy.fix_text(text), which repairs each line on its own, called only on the lines it may change."""
        return "".join(self._repair(line) if self._may_fix(line) else line for line in LINES.findall(text))

    def _may_fix(self, line: str) -> bool:
        """False when ftfy, with our options, surely leaves the line as it is: ASCII, without a terminal
        escape, and without "&" when unescaping HTML."""
        return not line.isascii() or "\x1b" in line or (self.unescape_html and "&" in line)

    def _pass(self, text: str, counts: Counter) -> str:
        """One round of every step; steps whose pattern a quicker test rules out are skipped."""
        if _suspect(text) or (self.unescape_html and "&" in text):
            fixed = self._fix_mojibake(text)
            counts["mojibake_repaired"] += fixed != text
            text = fixed
        if STRAY.search(text):
            text = _sub(LINE_BREAKS, "\n", text, counts, "line_breaks")
            text = _sub(INVISIBLE, "", text, counts, "invisible_removed")
        formed = unicodedata.normalize(self.form, text)
        counts["unicode_normalised"] += formed != text
        text = formed
        if self.fold_punctuation:
            folded = text.translate(FOLDS)
            counts["punctuation_folded"] += sum(a != b for a, b in zip(text, folded))
            text = folded
        if any(space in text for space in ODD_SPACE_CHARACTERS):  # a search for each is quicker than one scan for all
            text = _sub(ODD_SPACES, " ", text, counts, "odd_spaces")
        if "  " in text:
            text = _sub(SPACE_RUNS, " ", text, counts, "space_runs_collapsed")
        if " \n" in text or text.endswith(" "):
            text = _sub(TRAILING, "", text, counts, "trailing_spaces_trimmed")
        if "\n\n\n" in text:
            text = _sub(BLANK_RUNS, "\n\n", text, counts, "blank_lines_merged")
        stripped = text.strip("\n ")
        counts["ends_trimmed"] += stripped != text
        return stripped
