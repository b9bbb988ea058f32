"""The run state kept in an output folder (`OUTPUT_DIR/.corpus/`): a lock, and the parts of each run.

    .corpus/lock                        the pid and host of the run using the folder
    .corpus/runs/000001/000000.jsonl    shard 0's documents, as the stages left them
    .corpus/runs/000001/000000.rejected.jsonl
    .corpus/runs/000001/000000.json     shard 0's completion marker: counts, times, (id, hash) keys
    .corpus/runs/000001/complete        written when every shard of run 1 is done

A shard's marker is written last, atomically, so a shard either has one or must be done again.
Outputs are merged from the parts of every kept run, in order, so they are identical whatever ran
the shards and however often the run was interrupted.
"""
from __future__ import annotations

import errno
import os
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path

import orjson

from .errors import ConfigError

STATE = ".corpus"


@dataclass
class Lock:
    """An exclusive claim on an output folder; a stale lock of a dead process is taken over."""

    path: Path

    def acquire(self) -> str | None:
        """Take the lock; returns a note when a stale lock was taken over.

        The claim is written to a temporary file first and then hard-linked to the lock's name, which
        fails if the lock exists: no other run can ever see a half-written lock."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise ConfigError(f"{self.path.parent.parent}: cannot use this output folder ({e.strerror})") from None
        claim = self.path.with_name(f"lock.{os.getpid()}")
        claim.write_bytes(orjson.dumps({"pid": os.getpid(), "host": socket.gethostname()}))
        note = None
        try:
            for _ in range(2):
                try:
                    os.link(claim, self.path)
                    return note
                except FileExistsError:
                    holder = self._holder()
                    if holder is None or _alive(holder):
                        who = f"pid {holder['pid']} on {holder['host']}" if holder else "a process"
                        raise ConfigError(
                            f"{self.path.parent.parent}: another run ({who}) is using this output folder; "
                            "wait for it, or choose another --output-dir"
                        ) from None
                    note = f"took over a stale lock left by pid {holder['pid']}"
                    self.path.unlink(missing_ok=True)
            raise ConfigError(f"{self.path}: could not take the lock; remove the file if no run is using the folder")
        finally:
            claim.unlink(missing_ok=True)

    def _holder(self) -> dict | None:
        try:
            return orjson.loads(self.path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return None

    def release(self) -> None:
        self.path.unlink(missing_ok=True)


def _alive(holder: dict) -> bool:
    if holder.get("host") != socket.gethostname():
        return True  # cannot tell for another machine: assume it runs
    try:
        os.kill(int(holder["pid"]), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OSError, ValueError, TypeError) as e:
        return getattr(e, "errno", None) == errno.EPERM
    return True


class Workdir:
    """The `.corpus` folder of one output folder."""

    def __init__(self, output_dir: Path) -> None:
        self.root = Path(output_dir) / STATE
        self.runs_dir = self.root / "runs"
        self.lock = Lock(self.root / "lock")

    def runs(self) -> list[Path]:
        """Run folders, oldest first."""
        if not self.runs_dir.is_dir():
            return []
        return sorted(p for p in self.runs_dir.iterdir() if p.is_dir() and p.name.isdigit())

    def fingerprint_of(self, run: Path) -> str | None:
        try:
            return (run / "pipeline").read_text()
        except OSError:
            return None

    def start(self, fingerprint: str, *, resume: bool, incremental: bool) -> tuple[Path, list[Path], str | None]:
        """The run folder to fill, the earlier runs whose parts stay, and a note for the log.

        Earlier parts made by other versions of the stages are not kept: their documents are done again."""
        runs = self.runs()
        kept = runs if incremental else []
        note = None
        for run in kept:
            if self.fingerprint_of(run) != fingerprint:
                moved = moved_stages(self.fingerprint_of(run), fingerprint)
                if moved is None:
                    raise ConfigError(
                        f"{self.root.parent}: the earlier runs here used a different pipeline (reader, input or "
                        "stages); run without --incremental to start over"
                    )
                kept, note = [], f"{moved} since the earlier runs: every document is done again"
                break
        last = runs[-1] if runs else None
        if resume and last is not None and not (last / "complete").exists():
            if self.fingerprint_of(last) == fingerprint:
                return last, [r for r in kept if r != last], f"resuming run {last.name}"
            moved = moved_stages(self.fingerprint_of(last), fingerprint)
            if moved is None:
                raise ConfigError(f"{last}: the interrupted run used a different pipeline; run without --resume")
            note = f"{moved} since the interrupted run: starting a new run"
        elif resume:
            note = "nothing to resume: starting a new run"
        for run in runs:  # an interrupted incremental run is redone, not kept half-done
            if run not in kept or not (run / "complete").exists():
                shutil.rmtree(run)
        kept = [r for r in kept if r.exists()]
        number = int(runs[-1].name) + 1 if runs else 1
        current = self.runs_dir / f"{number:06d}"
        current.mkdir(parents=True)
        (current / "pipeline").write_text(fingerprint)
        return current, kept, note


def moved_stages(before: str | None, now: str) -> str | None:
    """What differs between two run fingerprints (JSON: the input, and each stage's name, version and
    parameters) when only the stages' versions do, such as "quotes 0.1.0+1a -> 0.1.0+2b"; else None."""
    try:
        old, new = orjson.loads(before or ""), orjson.loads(now)
        pairs = list(zip(old["stages"], new["stages"], strict=True))
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None
    unversioned = [{k: v for k, v in stage.items() if k != "version"} for pair in pairs for stage in pair]
    if old["input"] != new["input"] or unversioned[0::2] != unversioned[1::2]:
        return None
    moved = [f"{a['name']} {a.get('version')} -> {b.get('version')}" for a, b in pairs if a.get("version") != b.get("version")]
    return f"the stages changed ({', '.join(moved)})" if moved else None
