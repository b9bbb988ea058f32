"""A local plugin: word counts and reading time per document.

Drop a file like this into a plugins directory (`corpus --plugins-dir plugins …`, or
`plugins_dir = "plugins"` in a pipeline file) and its stage appears in `corpus plugins`, in
pipelines and as a `corpus reading-time` filter, with no change to corpus-tool itself.
"""
import re
from typing import Annotated

from corpus_tool import Stage, hookimpl

WORD = re.compile(r"\w+(?:[-'’]\w+)*")


class ReadingTime(Stage):
    """Count words and estimate the minutes a reader needs for each document.

    Adds `metrics` with `words`, `characters` and `reading_minutes` (title included).
    """

    name = "reading-time"
    version = "1.0"
    adds = ("metrics",)
    words_per_minute: Annotated[int, "reading speed of an adult reading news"] = 238

    def check(self):
        if self.words_per_minute <= 0:
            raise ValueError("words_per_minute must be positive")

    def process(self, doc):
        words = len(WORD.findall(doc["text"]))
        doc["metrics"] = {
            **(doc.get("metrics") or {}),
            "words": words,
            "characters": len(doc["text"]),
            "reading_minutes": round(words / self.words_per_minute, 1),
        }


@hookimpl
def register_stages(register):
    register(ReadingTime)
