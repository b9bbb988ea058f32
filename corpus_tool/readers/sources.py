"""Turning a reader's source (a file, a folder, a glob or `-`) into the files to read."""
from __future__ import annotations

import glob
import os
from pathlib import Path

from ..errors import InputError


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
