"""Word lists shipped as data files beside a plugin's code: one entry a line, `#` starts a comment.

    ABBREVIATIONS = lexicon(__package__, "abbreviations.txt")   # reads PACKAGE/data/abbreviations.txt
"""
from importlib import resources


def lexicon(package: str, filename: str) -> list[str]:
    """The entries of `package`'s data/FILENAME, in file order, comments and blank lines left out."""
    text = resources.files(package).joinpath("data", filename).read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [entry for entry in entries if entry]
