"""Errors a user can cause. The CLI prints them as one line; `--debug` shows the traceback."""
from __future__ import annotations

import errno

# What to do about an operating-system error, by errno (the rest say the system's own words).
_ADVICE = {
    errno.ENOSPC: "no space left on the device: free some space",
    errno.EDQUOT: "disk quota exceeded: free some space or raise the quota",
    errno.EFBIG: "file too large for this file system or the process's file size limit: raise the limit",
    errno.EACCES: "permission denied: make it writable for this user",
    errno.EPERM: "operation not permitted: make it writable for this user",
    errno.ENOENT: "no longer exists (removed while running?): restore the folder",
    errno.EROFS: "read-only file system: remount it writable or choose another output folder",
    errno.EIO: "input/output error: check the disk",
}


class CorpusError(Exception):
    """A problem the user can fix; `exit_code` is what the command exits with."""

    exit_code = 2


class ConfigError(CorpusError):
    """Bad usage, pipeline file, parameter or plugin name: nothing was processed (exit code 2)."""


class InputError(CorpusError):
    """An input that cannot be read at all: a missing path, an empty folder (exit code 2)."""


class EnvironmentFailure(CorpusError):
    """The machine failed the command: a full disk, a permission, a folder gone, a worker lost (exit code 3)."""

    exit_code = 3


def environment_failure(error: OSError, then: str = "") -> EnvironmentFailure:
    """One line naming the file an operating-system error hit and what to do about it (and `then`)."""
    advice = _ADVICE.get(error.errno) or (error.strerror or str(error) or type(error).__name__).lower()
    return EnvironmentFailure(f"{error.filename}: {advice}{then}" if error.filename else f"{advice}{then}")


class StdoutClosed(Exception):
    """Whoever read our standard output went away (`corpus read … | head`): stop quietly."""


class DocumentError(Exception):
    """One document cannot be processed; it is rejected with this reason and the rest go on."""


class DamagedInput(DocumentError):
    """An input file whose bytes stop making sense part-way (truncated or corrupt compression): what
    came before is kept, the rest of the file is rejected with this reason."""


class Interrupted(BaseException):
    """SIGINT or SIGTERM: stop cleanly and exit with 128 + the signal's number. A BaseException (like
    KeyboardInterrupt), so that no per-document handler takes it for a document's failure."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.hint = ""  # what to do next, set by whoever knows (the runner: --resume)
