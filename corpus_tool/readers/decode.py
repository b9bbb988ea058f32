"""Decoding input bytes as UTF-8, strictly by default, naming the byte offset of a bad sequence."""
from __future__ import annotations

from typing import IO, Iterator, Literal

from ..errors import DocumentError

Errors = Literal["strict", "replace"]
HINT = 'set the reader\'s encoding_errors = "replace" to accept it'


def _count_replaced(data: bytes) -> int:
    return data.decode("utf-8", errors="replace").count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")


def decode(data: bytes, errors: Errors, meta: dict) -> str:
    """UTF-8 text; invalid bytes raise (naming the byte offset) or are replaced and counted in `meta`."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if errors == "strict":
            raise DocumentError(f"invalid UTF-8 at byte {e.start}: {HINT}") from None
    meta["decode_errors"] = _count_replaced(data)
    return data.decode("utf-8-sig", errors="replace")


def decoded_lines(stream: IO[bytes], errors: Errors, meta: dict) -> Iterator[str]:
    """The stream's lines as text, decoded one at a time (bounded memory), like `decode`."""
    offset = 0
    for number, line in enumerate(stream):
        try:
            yield line.decode("utf-8-sig" if number == 0 else "utf-8")
        except UnicodeDecodeError as e:
            if errors == "strict":
                raise DocumentError(f"invalid UTF-8 at byte {offset + e.start}: {HINT}") from None
            meta["decode_errors"] = meta.get("decode_errors", 0) + _count_replaced(line)
            yield line.decode("utf-8", errors="replace")
        offset += len(line)
