"""The command line."""
import sys

from .. import __version__

FLAGS = ("--quiet", "-q", "--debug")  # the global options without a value, which may come before --version


def show_version() -> None:
    print(f"corpus-tool {__version__}")


def main() -> None:
    """Console-script entry point. `corpus --version` is answered before plugins and the commands load."""
    argv = sys.argv[1:]
    while argv and argv[0] in FLAGS:
        argv = argv[1:]
    if argv[:1] == ["--version"]:
        show_version()
        sys.exit(0)
    from .app import main as run_command

    sys.exit(run_command())
