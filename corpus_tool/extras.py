"""Optional dependencies: imported when first needed, with the extra to install when missing."""
from __future__ import annotations

import importlib
from types import ModuleType

from .errors import ConfigError


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """`module` imported, or a ConfigError saying which extra of corpus-tool provides it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ConfigError(f"{purpose} needs {module.split('.')[0]}: pip install 'corpus-tool[{extra}]'") from None
