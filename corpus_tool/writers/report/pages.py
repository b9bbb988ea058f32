"""The report's folder and the frame of its pages: head, navigation, pager.

The folder is built under a temporary name beside its target and renamed into place at the end, so
an interrupted run leaves the previous report as it was.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from html import escape
from importlib.resources import files
from pathlib import Path

from ...errors import ConfigError
from ...files import commit_later

CSP = "default-src 'none'; style-src 'unsafe-inline'"  # nothing fetched, nothing run
NAV = (("index.html", "Overview"), ("speakers/0001.html", "Speakers"), ("documents/0001.html", "Documents"))
WINDOW = 4  # pages linked on either side of the current one


def page_name(number: int) -> str:
    return f"{number:04d}.html"


class Folder:
    """The report's folder, written under a temporary name until `commit()`."""

    def __init__(self, target: str) -> None:
        if target == "-":
            raise ConfigError("the report is a folder of pages, not a stream: give one with -o FOLDER")
        self.target = Path(target)
        if self.target.exists() and not _replaceable(self.target):
            raise ConfigError(f"{self.target}: exists and is not a report folder (no index.html): choose another path")
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:  # a path that cannot be a folder: a usage error
            raise ConfigError(f"{target}: cannot write here ({e.strerror}); choose another folder") from None
        try:
            self.path = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent))
        except OSError as e:  # a folder that refuses it (permission, full disk): the environment, named (exit 3)
            e.filename = str(self.target)
            raise
        self.css = files(__package__).joinpath("templates", "report.css").read_text(encoding="utf-8")

    def write(self, relative: str, title: str, body: str, report_title: str) -> None:
        """A page of the report: `body` in the common frame; `relative` is its path in the folder."""
        path = self.path / relative
        path.parent.mkdir(exist_ok=True)
        up = "../" * relative.count("/")
        section = relative.split("/")[0]
        links = " ".join(f'<a href="{up}{href}"' + (' aria-current="page"' if href.split("/")[0] == section else "")
                         + f">{label}</a>" for href, label in NAV)
        heading = escape(report_title) if title == report_title else f"{escape(report_title)}: {escape(title)}"
        path.write_text(
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{heading}</title>\n<style>\n{self.css}</style>\n</head>\n<body>\n"
            f'<header class="page"><h1>{escape(report_title)}</h1>\n<nav>{links}</nav></header>\n<main>\n'
            f"{body}</main>\n</body>\n</html>\n", encoding="utf-8", newline="")

    def commit(self) -> None:
        """Put the new folder in place, with a run's other outputs when in one (see `files.commit_later`)."""
        os.chmod(self.path, 0o755)
        if not commit_later(self):
            self.rename()

    def rename(self) -> None:
        """Put the new folder in place of the target (and of an earlier report there)."""
        old = None
        if self.target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent))
            os.replace(self.target, old / "report")
        os.replace(self.path, self.target)
        if old is not None:
            shutil.rmtree(old)

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _replaceable(path: Path) -> bool:
    """An empty folder, or an earlier report (a folder with index.html), may be replaced."""
    return path.is_dir() and (not any(path.iterdir()) or (path / "index.html").is_file())


def pager(number: int, count: int) -> str:
    """Links to the first, previous, nearby, next and last pages of `count`, from page `number`."""
    if count <= 1:
        return ""
    shown = sorted({1, count, *range(max(1, number - WINDOW), min(count, number + WINDOW) + 1)})
    links, last = [], 0
    if number > 1:
        links.append(f'<a href="{page_name(number - 1)}" rel="prev">‹ previous</a>')
    for n in shown:
        if n > last + 1:
            links.append('<span class="gap">…</span>')
        links.append(f'<b aria-current="page">{n}</b>' if n == number else f'<a href="{page_name(n)}">{n}</a>')
        last = n
    if number < count:
        links.append(f'<a href="{page_name(number + 1)}" rel="next">next ›</a>')
    return f'<nav class="pager">{" ".join(links)}</nav>\n'
