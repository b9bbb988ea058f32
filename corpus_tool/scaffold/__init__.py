"""`corpus new plugin NAME`: a ready plugin distribution (entry point, one stage, one test)."""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from string import Template

from .. import __version__
from ..errors import ConfigError

NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
FILES = {  # template -> path in the new distribution
    "pyproject.toml.tmpl": "pyproject.toml",
    "README.md.tmpl": "README.md",
    "plugin.py.tmpl": "$module/__init__.py",
    "test_plugin.py.tmpl": "tests/test_$module.py",
}


def new_plugin(name: str, folder: Path) -> Path:
    """Write the distribution `corpus-NAME` into `folder`; returns its path."""
    if not NAME.fullmatch(name):
        raise ConfigError(f"plugin name '{name}': use lower-case letters, digits and dashes, e.g. keyword-count")
    target = folder / f"corpus-{name}"
    if target.exists():
        raise ConfigError(f"{target} already exists: choose another name or folder")
    values = {
        "name": name,
        "module": "corpus_" + name.replace("-", "_"),
        "cls": "".join(part.capitalize() for part in name.split("-")),
        "version": __version__,
    }
    templates = resources.files(__package__) / "templates"
    for template, path in FILES.items():
        out = target / Template(path).substitute(values)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(Template(templates.joinpath(template).read_text(encoding="utf-8")).substitute(values), encoding="utf-8")
    return target
