"""Writer `parquet`: one table of the documents as Apache Parquet, typed (needs the parquet extra)."""
from __future__ import annotations

from itertools import islice
from typing import Annotated, Any, Literal

import orjson

from ..extras import require
from ..files import atomic_output
from ..hookspecs import hookimpl
from .spool import TableWriter

INT64 = range(-(2**63), 2**63)

# The kind of a column: None (only nulls so far), "bool", "int", "float", "str", or ("list", kind of the items).
Kind = Any


def _kind(value: Any) -> Kind:
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int" if value in INT64 else "str"
    if isinstance(value, float):
        return "float"
    if isinstance(value, list):
        kind = None
        for item in value:
            kind = _merge(kind, _kind(item))
        return ("list", kind)
    return "str"  # strings, and objects (written as JSON text)


def _merge(a: Kind, b: Kind) -> Kind:
    """One kind for values of kinds `a` and `b`: ints widen to floats, lists merge their items, else text."""
    if a is None or a == b:
        return b
    if b is None:
        return a
    if {a, b} == {"int", "float"}:
        return "float"
    if isinstance(a, tuple) and isinstance(b, tuple):
        return ("list", _merge(a[1], b[1]))
    return "str"


def _arrow_type(pa, kind: Kind):
    if isinstance(kind, tuple):
        return pa.list_(_arrow_type(pa, kind[1]))
    return {"bool": pa.bool_(), "int": pa.int64(), "float": pa.float64()}.get(kind, pa.string())


def _convert(kind: Kind, value: Any) -> Any:
    """`value` as Arrow takes it for a column of `kind`: in a text column, non-strings as JSON text."""
    if value is None:
        return None
    if kind == "str":
        return value if isinstance(value, str) else orjson.dumps(value).decode()
    if isinstance(kind, tuple):
        return [_convert(kind[1], item) for item in value]
    return value


def _pyarrow():
    return require("pyarrow", "parquet", "the parquet writer"), require("pyarrow.parquet", "parquet", "the parquet writer")


class ParquetWriter(TableWriter):
    """A table as Apache Parquet: `documents`, any list annotation (`sentences`, `quotes`, …) or a plugin's table.

    The same rows and columns as the csv writer, typed: a column of integers is int64, of numbers
    float64 (integers and floats mixed widen to float64), of booleans bool, of text string; a list of
    plain values is an Arrow list of its items' type (`summary.sentences` is list<int64>); objects,
    and any column whose values disagree (an int here, a string there), are strings, non-strings as
    JSON text, so nothing is lost and nothing crashes. A column with only nulls is string.

    Rows are spooled to a temporary file until every column and type is known, then written in row
    groups of `row_group_size`, so memory holds one row group, not the corpus. The file is written
    beside the target and renamed when complete. Needs a file (`-o x.parquet`), not stdout.
    """

    name = "parquet"
    streams = False
    row_group_size: Annotated[int, "rows per row group: what is held in memory while writing"] = 10_000
    compression: Annotated[Literal["zstd", "snappy", "gzip", "none"], "the column chunks' compression"] = "zstd"

    def check(self) -> None:
        if self.row_group_size < 1:
            raise ValueError(f"row_group_size must be at least 1, got {self.row_group_size}")

    def open(self, target: str) -> None:
        self._pa, self._pq = _pyarrow()
        super().open(target)
        self._kinds: dict[str, Kind] = {}

    def spool(self, row: dict[str, Any]) -> None:
        for column, value in row.items():
            self._kinds[column] = _merge(self._kinds.get(column), _kind(value))
        super().spool(row)

    def close(self) -> None:
        pa = self._pa
        with self.spooled() as (columns, rows), atomic_output(self._target) as out:
            kinds = [self._kinds.get(c) for c in columns]
            schema = pa.schema([(c, _arrow_type(pa, k)) for c, k in zip(columns, kinds)])
            with self._pq.ParquetWriter(out, schema, compression=self.compression) as writer:
                while batch := list(islice(rows, self.row_group_size)):
                    data = {c: [_convert(k, row.get(c)) for row in batch] for c, k in zip(columns, kinds)}
                    writer.write_table(pa.Table.from_pydict(data, schema=schema), row_group_size=self.row_group_size)


@hookimpl
def register_writers(register):
    register(ParquetWriter)
