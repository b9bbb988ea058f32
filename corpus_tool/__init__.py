"""corpus-tool: turn folders of news articles into analysable data.

Plugin authors need only what this module exports: the base classes and `hookimpl`.
"""

__version__ = "0.1.0"

from .components import Reader, Stage, Table, Writer  # noqa: E402
from .document import Document, Rejected  # noqa: E402
from .errors import DocumentError  # noqa: E402
from .hookspecs import hookimpl  # noqa: E402

__all__ = ["Document", "DocumentError", "Reader", "Rejected", "Stage", "Table", "Writer", "hookimpl", "__version__"]
