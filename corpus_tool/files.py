"""Opening inputs and outputs: `-` for stdin/stdout, compression by suffix, atomic writes."""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import shutil
import sys
import tempfile
import zlib
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import IO, Iterator

from .errors import ConfigError, DamagedInput, InputError, StdoutClosed
from .extras import require


BUFFER = 1 << 20  # large reads and writes: fewer system calls on big corpora
FORMATS = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd"}  # compression by suffix
CHUNK = 1 << 16  # compressed bytes decompressed at a time
# What decompressors raise on damaged data (zstd's own error is added when it is used).
DAMAGE = (EOFError, OSError, ValueError, zlib.error, lzma.LZMAError)


def _zstd():
    return require("zstandard", "zstandard", "reading or writing .zst files")


def _decompress(raw: IO[bytes], suffix: str) -> IO[bytes]:
    if suffix == ".gz":
        return gzip.GzipFile(fileobj=raw)
    if suffix == ".bz2":
        return bz2.BZ2File(raw)
    if suffix == ".xz":
        return lzma.LZMAFile(raw)
    if suffix == ".zst":
        return io.BufferedReader(_Zstd(raw), BUFFER)
    return raw


class _Zstd(io.RawIOBase):
    """zstd frames, one after another; unlike zstandard's stream reader, a file that ends inside a
    frame (truncated) is an error, not a quiet end."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.frame = _zstd().ZstdDecompressor().decompressobj()
        self.started = False  # whether any input was read
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.pending:
            if self.frame.eof:  # the next frame starts with what the last one left over, if anything
                if not (data := self.frame.unused_data or self.raw.read(CHUNK)):
                    return 0
                self.frame = _zstd().ZstdDecompressor().decompressobj()
            elif not (data := self.raw.read(CHUNK)):
                if self.started:
                    raise EOFError("the file ends inside a zstd frame")
                return 0  # an empty file
            self.started = True
            self.pending = self.frame.decompress(data)
        size = min(len(buffer), len(self.pending))
        buffer[:size], self.pending = self.pending[:size], self.pending[size:]
        return size


class _Checked(io.RawIOBase):
    """A decompressing stream whose failures name the file, the format and how far it was read."""

    def __init__(self, stream: IO[bytes], path: Path) -> None:
        self.stream, self.path, self.position = stream, path, 0
        self.format = FORMATS[path.suffix]
        self.errors = DAMAGE + ((_zstd().ZstdError,) if path.suffix == ".zst" else ())

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            data = self.stream.read1(len(buffer))  # one step at a time: what precedes the damage comes first
        except self.errors as e:
            reason = " ".join(str(e).split()) or type(e).__name__
            raise DamagedInput(f"damaged {self.format} data after byte {self.position} of its content ({reason}): "
                               "the file is truncated or corrupt") from None
        buffer[: len(data)] = data
        self.position += len(data)
        return len(data)


def _compress(raw: IO[bytes], suffix: str) -> IO[bytes]:
    if suffix == ".gz":
        return gzip.GzipFile(fileobj=raw, mode="wb", mtime=0)
    if suffix == ".bz2":
        return bz2.BZ2File(raw, mode="wb")
    if suffix == ".xz":
        return lzma.LZMAFile(raw, mode="wb")
    if suffix == ".zst":
        return _zstd().ZstdCompressor().stream_writer(raw, closefd=False)
    return raw


@contextmanager
def open_input(path: str | Path) -> Iterator[IO[bytes]]:
    """Open a file (or `-` for stdin) for binary reading, decompressing by suffix."""
    if str(path) == "-":
        yield sys.stdin.buffer
        return
    path = Path(path)
    try:
        raw = open(path, "rb", buffering=BUFFER)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, expected a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    try:
        if path.suffix not in FORMATS:
            with raw:
                yield raw
            return
        with raw, _decompress(raw, path.suffix) as stream:
            yield io.BufferedReader(_Checked(stream, path), BUFFER)
    except OSError as e:  # a read that failed (a disk error, a file gone): say which file
        if e.filename is None:
            e.filename = str(path)
        raise


class Output:
    """A file written under a temporary name beside its target and renamed over it by `commit()`, so
    a crash never leaves a half-written file under the final name; `discard()` removes it. `-` is
    stdout. Compressed by the target's suffix. `durable` also syncs the data to disk before the rename
    (proof against power loss, not just crashes), and holds the rename back until the end of an
    enclosing `commit_together()`; a run's parts are not durable. Write errors name the target."""

    def __init__(self, path: str | Path, durable: bool = True) -> None:
        self.durable = durable
        if str(path) == "-":
            self.path = None
            self.stream = STDOUT
            return
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:  # a path that cannot be a folder: a usage error
            raise ConfigError(f"{path}: cannot write here ({e.strerror}); choose another output folder") from None
        try:
            if self.path.exists() and not self.path.is_file():  # a device or a pipe (/dev/null, a FIFO)
                if self.path.is_dir():
                    raise ConfigError(f"{path}: is a folder; give the path of a file to write")
                fd, self.temporary = os.open(self.path, os.O_WRONLY), None  # written as it is, never replaced
            else:
                fd, self.temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                                      dir=self.path.parent)
        except OSError as e:  # a folder that refuses the file (permission, full disk): the environment
            e.filename = str(self.path)
            raise
        self.raw = io.BufferedWriter(_NamedFile(fd, self.path), BUFFER)
        self.stream = _compress(self.raw, self.path.suffix)

    def commit(self) -> None:
        if self.path is None:
            self.stream.flush()
            return
        try:
            if self.stream is not self.raw:
                self.stream.close()
            self.raw.flush()
            if self.temporary is None:  # a device or a pipe: nothing to sync or rename
                self.raw.close()
                return
            if self.durable:
                os.fsync(self.raw.fileno())
            self.raw.close()
            os.chmod(self.temporary, 0o644)
            if not (self.durable and commit_later(self)):
                self.rename()
        except BaseException as e:
            if isinstance(e, OSError) and e.filename in (None, self.temporary):
                e.filename = str(self.path)
            self.discard()
            raise

    def rename(self) -> None:
        """Put the committed file in its place."""
        os.replace(self.temporary, self.path)

    def discard(self) -> None:
        if self.path is not None:
            if self.temporary is not None:
                Path(self.temporary).unlink(missing_ok=True)
            try:
                self.raw.close()
            except OSError:  # what was still buffered cannot be written either (a full disk)
                pass


_together: ContextVar[list | None] = ContextVar("together", default=None)


def commit_later(output) -> bool:
    """Hold back putting `output` in place (its `rename()`; `discard()` if the block fails) until the
    enclosing `commit_together()` ends; False outside one."""
    together = _together.get()
    if together is None:
        return False
    together.append(output)
    return True


@contextmanager
def commit_together() -> Iterator[None]:
    """Durable outputs committed in the block are renamed into place together when it ends normally,
    and removed when it raises: a failed run leaves every previous output as it was."""
    committed: list = []  # Outputs, and folders such as the report's
    token = _together.set(committed)
    try:
        yield
    except BaseException:
        for output in committed:
            output.discard()
        raise
    finally:
        _together.reset(token)
    for output in committed:
        output.rename()


class _NamedFile(io.FileIO):
    """A file whose write errors name `target`, the file it becomes (a plain write names none)."""

    def __init__(self, fd: int, target: Path) -> None:
        super().__init__(fd, "wb")
        self.target = target

    def write(self, data) -> int:
        try:
            return super().write(data)
        except OSError as e:
            e.filename = e.filename or str(self.target)
            raise


def copy_file(path: Path, target: IO[bytes], start: int = 0, size: int | None = None) -> None:
    """`size` bytes (all, when None) of the file at `path` from `start` into `target`: in the kernel
    when `target` is a plain file, else through Python."""
    size = path.stat().st_size - start if size is None else size
    with open(path, "rb") as source:
        if isinstance(target, io.BufferedWriter):
            target.flush()
            try:
                while size > 0:
                    copied = os.copy_file_range(source.fileno(), target.fileno(), size, start)
                    if not copied:
                        return
                    start, size = start + copied, size - copied
                return
            except OSError:  # not a regular file (stdout, a pipe): copy through Python
                pass
        source.seek(start)
        while size > 0 and (chunk := source.read(min(size, BUFFER))):
            target.write(chunk)
            size -= len(chunk)


@contextmanager
def atomic_output(path: str | Path, durable: bool = True) -> Iterator[IO[bytes]]:
    """An `Output` as a block: committed when the block ends normally, discarded when it raises."""
    output = Output(path, durable)
    try:
        yield output.stream
    except BaseException:
        output.discard()
        raise
    output.commit()


class _Stdout(io.RawIOBase):
    """Standard output, raising StdoutClosed (not a broken-pipe error) when its reader goes away, and
    naming itself in other write errors (a full disk)."""

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        return _to_stdout(sys.stdout.buffer.write, data)

    def flush(self) -> None:
        _to_stdout(sys.stdout.buffer.flush)


def _to_stdout(operation, *args):
    try:
        return operation(*args)
    except BrokenPipeError:
        raise StdoutClosed from None
    except OSError as e:
        e.filename = e.filename or "<stdout>"
        raise


STDOUT = _Stdout()


@contextmanager
def text_output(path: str | Path, newline: str | None = None) -> Iterator[IO[str]]:
    """`atomic_output` as UTF-8 text."""
    with atomic_output(path) as raw:
        wrapper = io.TextIOWrapper(raw, encoding="utf-8", newline=newline, write_through=True)
        try:
            yield wrapper
            wrapper.flush()
        finally:
            wrapper.detach()


def remove_temporary(path: Path) -> None:
    """A temporary beside an output (`.NAME.*.tmp`: a file, or a folder such as a report's being built)
    that a killed process left behind."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
