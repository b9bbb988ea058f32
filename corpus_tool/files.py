"""Opening inputs and outputs: `-` for stdin/stdout, compression by suffix, atomic writes."""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from .errors import ConfigError, InputError, StdoutClosed


BUFFER = 1 << 20  # large reads and writes: fewer system calls on big corpora


def _zstd():
    try:
        import zstandard
    except ImportError:
        raise ConfigError(".zst files need the zstandard extra: pip install 'corpus-tool[zstandard]'") from None
    return zstandard


def _decompress(raw: IO[bytes], suffix: str) -> IO[bytes]:
    if suffix == ".gz":
        return gzip.GzipFile(fileobj=raw)
    if suffix == ".bz2":
        return bz2.BZ2File(raw)
    if suffix == ".xz":
        return lzma.LZMAFile(raw)
    if suffix == ".zst":
        return io.BufferedReader(_zstd().ZstdDecompressor().stream_reader(raw, closefd=True))
    return raw


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
    with raw, _decompress(raw, path.suffix) as stream:
        yield stream


class Output:
    """A file written under a temporary name beside its target and renamed over it by `commit()`, so
    a crash never leaves a half-written file under the final name; `discard()` removes it. `-` is
    stdout. Compressed by the target's suffix. `durable` also syncs the data to disk before the rename
    (proof against power loss, not just crashes)."""

    def __init__(self, path: str | Path, durable: bool = True) -> None:
        self.durable = durable
        if str(path) == "-":
            self.path = None
            self.stream = _Stdout()
            return
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, self.temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        except OSError as e:
            raise ConfigError(f"{path}: cannot write here ({e.strerror}); choose another output folder") from None
        self.raw = os.fdopen(fd, "wb", buffering=BUFFER)
        self.stream = _compress(self.raw, self.path.suffix)

    def commit(self) -> None:
        if self.path is None:
            self.stream.flush()
            return
        try:
            if self.stream is not self.raw:
                self.stream.close()
            self.raw.flush()
            if self.durable:
                os.fsync(self.raw.fileno())
            self.raw.close()
            os.chmod(self.temporary, 0o644)
            os.replace(self.temporary, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        if self.path is not None:
            self.raw.close()
            Path(self.temporary).unlink(missing_ok=True)


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
    """Standard output, raising StdoutClosed (not a broken-pipe error) when its reader goes away."""

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        try:
            return sys.stdout.buffer.write(data)
        except BrokenPipeError:
            raise StdoutClosed from None

    def flush(self) -> None:
        try:
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            raise StdoutClosed from None


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
