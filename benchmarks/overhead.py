"""The runner's overhead: a no-op pipeline (jsonl reader -> jsonl writer, through the real runner)
against a bare loop of orjson loads/dumps over the same ~100 MB JSONL file.

    python benchmarks/overhead.py [--mb 100] [--rounds 3]

The runner does more than the loop: it maps records to documents, fingerprints each text for
incremental runs, writes each shard's part and marker (what makes --resume possible), then merges
the parts into the output (a kernel-side copy for JSONL).
"""
import argparse
import sys
import tempfile
import time
from pathlib import Path

import orjson
from corpora import polnear_jsonl

from corpus_tool import pipeline, runner

def bare(src: Path, dst: Path) -> float:
    started = time.perf_counter()
    with open(src, "rb") as f, open(dst, "wb") as out:
        for line in f:
            out.write(orjson.dumps(orjson.loads(line), option=orjson.OPT_APPEND_NEWLINE))
    return time.perf_counter() - started


def through_runner(src: Path, out_dir: Path) -> float:
    spec = pipeline.load(None, config={
        "input": {"reader": "jsonl", "path": str(src)},
        "outputs": [{"writer": "jsonl", "path": "docs.jsonl"}],
    }, output_dir=str(out_dir))
    started = time.perf_counter()
    runner.run(spec)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=100, help="size of the test file in MB")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each, interleaved; the best counts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "corpus.jsonl"
        size = polnear_jsonl(src, args.mb, fields=("title", "publisher", "date"))[0] * 1e6
        bare(src, tmp / "warm.jsonl")  # warm the page cache
        loops, ours = [], []
        for i in range(args.rounds):  # interleaved, so both see the same machine load
            loops.append(bare(src, tmp / "bare.jsonl"))
            ours.append(through_runner(src, tmp / f"run{i}"))
        loop, ours = min(loops), min(ours)
    mb = size / 1e6
    print(f"{mb:.0f} MB JSONL, best of {args.rounds} interleaved runs each, one core\n")
    print(f"{'':32} {'seconds':>8} {'MB/s':>8}")
    print(f"{'bare orjson loads/dumps loop':32} {loop:8.2f} {mb / loop:8.1f}")
    print(f"{'no-op pipeline (real runner)':32} {ours:8.2f} {mb / ours:8.1f}")
    print(f"\nratio (pipeline / bare loop): {loop / ours:.2f}  (goal >= 0.5)")


if __name__ == "__main__":
    sys.exit(main())
