"""The command line."""
import sys

from .app import main as _main


def main() -> None:
    """Console-script entry point."""
    sys.exit(_main())
