"""Turning a reader's source (a file, a folder, a glob or `-`) into the files to read."""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..files import FORMATS as COMPRESSED


def expand(source: str, pattern: str) -> tuple[Path, list[Path]]:
    """The root (ids are relative to it) and the sorted files of a file, folder (recursive) or glob."""
    path = Path(source)
    if path.is_file():
        return path.parent, [path]
    if path.is_dir():
        files = sorted(p for p in path.rglob(pattern) if p.is_file())
        if not files:
            raise InputError(f"{source}: no files matching '{pattern}' in this folder")
        return path, files
    if glob.has_magic(source):
        files = sorted(Path(p) for p in glob.glob(source, recursive=True) if os.path.isfile(p))
        if not files:
            raise InputError(f"{source}: no files match this pattern")
        return Path(os.path.commonpath([str(p.parent) for p in files])), files
    raise InputError(f"{source}: no such file or folder")


@dataclass(frozen=True)
class Input:
    """One file to read: its path (or `-`), the id it gives (its path relative to the input folder,
    without format and compression suffixes) and the `meta.source` it is known by (that path under
    the folder's name, the same wherever the corpus lies)."""

    path: Path | str
    id: str
    source: str


def inputs(source: str, pattern: str) -> Iterator[Input]:
    """The files of a source, or stdin for `-`."""
    if source == "-":
        yield Input("-", "stdin", "<stdin>")
        return
    root, files = expand(source, pattern)
    for path in files:
        relative = path.relative_to(root)
        name = relative.name[: -len(relative.suffix)] if relative.suffix in COMPRESSED else relative.name
        stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
        yield Input(path, (relative.parent / stem).as_posix(), (Path(root.resolve().name) / relative).as_posix())
