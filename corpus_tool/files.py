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
        raw = open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, expected a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    with raw, _decompress(raw, path.suffix) as stream:
        yield stream


@contextmanager
def atomic_output(path: str | Path, durable: bool = True) -> Iterator[IO[bytes]]:
    """Write binary data to `path` (or stdout for `-`), compressing by suffix.

    The data goes to a temporary file beside the target, renamed over it only when the block
    finishes without error, so a crash never leaves a half-written file under the final name.
    `durable` also syncs it to disk before the rename (proof against power loss, not just crashes).
    """
    if str(path) == "-":
        stdout = _Stdout()
        yield stdout
        stdout.flush()
        return
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise ConfigError(f"{path}: cannot write here ({e.strerror}); choose another output folder") from None
    try:
        with os.fdopen(fd, "wb") as raw:
            stream = _compress(raw, path.suffix)
            yield stream
            if stream is not raw:
                stream.close()
            raw.flush()
            if durable:
                os.fsync(raw.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
