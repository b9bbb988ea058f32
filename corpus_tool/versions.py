"""The version a stage records in documents and run folders, made to move whenever the stage's output
can: `--resume` and `--incremental` trust it to tell parts made by other code apart.

- a built-in stage: the package version plus a digest of the stage's package (its code and its data
  files, such as lexicons), since the package version does not move with every change;
- a stage from an installed distribution: its declared version and the distribution's;
- a stage from a local plugin file: its declared version plus a digest of the file.

Digests are computed when a run first records a version, once per process, never at import.
"""
from __future__ import annotations

import functools
import hashlib
import sys
from pathlib import Path

from . import __version__

DIGEST_SIZE = 5  # bytes: ten hex digits


def behaviour_version(cls: type, origin: str) -> str:
    """The recorded version of a stage class registered from `origin` (see `plugins.Entry`)."""
    if origin == "built-in":
        return f"{__version__}+{_package_digest(cls.__module__)}"
    if origin.startswith("file "):
        path = Path(origin.removeprefix("file "))
        return f"{cls.version}+{_digest([path], path.parent)}"
    return f"{cls.version} ({origin})"


@functools.cache
def _package_digest(module: str) -> str:
    """The digest of the folder of a built-in stage's module (its package: code and data), or of the
    module's file alone when it lies in the core's own folder."""
    path = Path(sys.modules[module].__file__)
    if path.parent == Path(__file__).parent:
        return _digest([path], path.parent)
    return _digest(sorted(_shipped(path.parent)), path.parent)


def _shipped(package: Path):
    """The files of a package that make its behaviour: its modules and its data files (templates, word
    lists), not an editor's swap file, a cache or anything hidden."""
    for path in package.rglob("*"):
        parts = path.relative_to(package).parts
        if (path.is_file() and "__pycache__" not in parts and not any(part.startswith(".") for part in parts)
                and (path.suffix == ".py" or len(parts) > 1)):
            yield path


def _digest(files: list[Path], root: Path) -> str:
    """A short hash of the files' names (relative to `root`) and contents."""
    digest = hashlib.blake2b(digest_size=DIGEST_SIZE)
    for path in files:
        data = path.read_bytes()
        digest.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()
