"""Running the `corpus` command in-process, as a user would from a shell."""
from __future__ import annotations

import io
import sys
from dataclasses import dataclass

from corpus_tool.cli.app import main


@dataclass
class Result:
    code: int
    out: str
    err: str


def corpus(*args: str, stdin: str | bytes = b"", capfd=None) -> Result:
    """Run `corpus ARGS…` with `stdin`; stdout and stderr are captured through `capfd`."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        capfd.readouterr()
        code = main([str(a) for a in args])
        sys.stdout.flush()
        captured = capfd.readouterr()
    finally:
        sys.stdin = saved
    return Result(code, captured.out, captured.err)
