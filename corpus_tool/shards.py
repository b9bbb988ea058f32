"""A shard: a run of consecutive input documents, processed by one task into its own part files.

`process_shard` is what every executor runs, in this process, in a worker process or on a Dask
worker: it writes the shard's documents and rejections, then its completion marker, and returns
the marker.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from . import executors
from .components import Stage, Writer
from .document import Document, Rejected, dumps
from .files import atomic_output

Key = list[str] | None


@dataclass
class Shard:
    index: int
    items: list[Document | Rejected]
    keys: list[Key]  # each input document's (id, content hash); None for a reader's rejection

    @property
    def digest(self) -> str:
        """Identifies the shard's input, to tell whether a marker left by an earlier attempt still fits."""
        import hashlib  # OpenSSL's start costs every command, and only a run needs it

        ids = [key or [item.source, item.reason] for key, item in zip(self.keys, self.items)]
        return hashlib.blake2b(orjson.dumps(ids), digest_size=16).hexdigest()


def text_key(doc: Document) -> list[str]:
    """A document's (id, content fingerprint) key, to recognise it in a later run.

    The fingerprint is the text's length and CRC-32: enough to tell an edited article from the same one.
    """
    text = doc["text"]
    return [doc["id"], f"{len(text):x}-{zlib.crc32(text.encode('utf-8', 'surrogatepass')):08x}"]


def paths(run_dir: Path, index: int) -> tuple[Path, Path, Path]:
    """The shard's documents, rejections and marker files."""
    stem = run_dir / f"{index:06d}"
    return stem.with_suffix(".jsonl"), Path(f"{stem}.rejected.jsonl"), stem.with_suffix(".json")


def read_marker(run_dir: Path, index: int) -> dict[str, Any] | None:
    try:
        return orjson.loads(paths(run_dir, index)[2].read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None


@dataclass
class Work:
    """What a worker does to a shard: the stages, then the writers that make their own parts (by key)."""

    stages: list[Stage]
    writers: dict[str, Writer]


_work_cache: dict[bytes, Work] = {}


def work_for(config: dict[str, Any]) -> Work:
    """The pipeline's stages and writers, built once per worker process and reused for every shard."""
    key = orjson.dumps(config, option=orjson.OPT_SORT_KEYS)
    if key not in _work_cache:
        from .pipeline import build_stages, writers

        _work_cache[key] = Work(build_stages(config), writers(config))
    return _work_cache[key]


def part_path(run_dir: Path, index: int, key: str) -> Path:
    """Where a writer's own part of a shard goes (see `Writer.write_part`)."""
    return run_dir / f"{index:06d}.{key}.part"


def process_shard(work: Work | dict, shard: Shard, run_dir: str, debug: bool = False,
                  keep: bool = False, parts: bool = True) -> dict[str, Any]:
    """Run the stages over a shard, write its parts and marker, and return the marker (with the
    documents themselves under "documents" when `keep`: in-process, they need not be read back).
    Without `parts`, writers make no parts of their own (the merge would not use them)."""
    if isinstance(work, dict):
        work = work_for(work)
    stages, writers = work.stages, {k: w for k, w in work.writers.items() if parts and makes_parts(w)}
    docs_path, rejected_path, marker_path = paths(Path(run_dir), shard.index)
    marker: dict[str, Any] = {
        "index": shard.index, "digest": shard.digest, "read": len(shard.items), "written": 0, "rejected": 0,
        "characters": 0, "stages": {stage.name: [0, 0.0] for stage in stages}, "keys": [], "parts": {},
    }
    kept = []
    with atomic_output(docs_path, durable=False) as out, atomic_output(rejected_path, durable=False) as rejects:
        for item, key in zip(shard.items, shard.keys):
            if not isinstance(item, Rejected):
                marker["characters"] += len(item["text"])
            result, times, line = executors.process(stages, item, debug)
            for stage, seconds in zip(stages, times):
                marker["stages"][stage.name][0] += 1
                marker["stages"][stage.name][1] += seconds
            if isinstance(result, Rejected):
                marker["rejected"] += 1
                rejects.write(dumps(result.to_json()))
            else:
                marker["written"] += 1
                marker["keys"].append(key)
                out.write(line)
                if keep or writers:
                    kept.append(result)
    for key, writer in writers.items():
        path = part_path(Path(run_dir), shard.index, key)
        try:
            info = writer.write_part(kept, path)
        except OSError as e:
            e.filename = e.filename or str(path)
            raise
        if info is not NotImplemented:
            marker["parts"][key] = info
    with atomic_output(marker_path, durable=False) as out:
        out.write(orjson.dumps(marker))
    return {**marker, "documents": kept} if keep else marker


def makes_parts(writer: Writer) -> bool:
    """Whether the writer may write its own parts (see `Writer.write_part`)."""
    return type(writer).write_part is not Writer.write_part
