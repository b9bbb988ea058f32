"""Errors a user can cause. The CLI prints them as one line; `--debug` shows the traceback."""


class CorpusError(Exception):
    """A problem the user can fix; `exit_code` is what the command exits with."""

    exit_code = 2


class ConfigError(CorpusError):
    """Bad usage, pipeline file, parameter or plugin name: nothing was processed (exit code 2)."""


class InputError(CorpusError):
    """An input that cannot be read at all: a missing path, an empty folder (exit code 2)."""


class StdoutClosed(Exception):
    """Whoever read our standard output went away (`corpus read … | head`): stop quietly."""


class DocumentError(Exception):
    """One document cannot be processed; it is rejected with this reason and the rest go on."""
