"""Scale: the full news pipeline's throughput on one core, the speed-up of 2 workers, and peak memory
for a corpus and for one ten times larger.

    python benchmarks/scale.py [--mb 200] [--small-mb 20] [--repeat 2]

The corpus is JSONL built from ../shared/data/polnear texts (each article repeated with a new id).
Each measurement runs `corpus run` in its own process; peak memory is that process tree's largest
resident set (the driver's, or a worker's, whichever is larger), from wait4. The timed runs are
repeated, 1 and 2 workers in turn, and the fastest of each kept: this machine's other tenants slow
single runs by 10-20%.
"""
import argparse
import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

from benchenv import measured
from corpora import polnear_jsonl

PIPELINE = """
name = "news-scale"
[input]
reader = "jsonl"
path = "{corpus}"
[[stages]]
use = "normalise"
[[stages]]
use = "segment"
[[stages]]
use = "quotes"
[[stages]]
use = "summarise"
[[outputs]]
writer = "jsonl"
path = "documents.jsonl"
[[outputs]]
writer = "csv"
table = "documents"
path = "documents.csv"
[[outputs]]
writer = "csv"
table = "quotes"
path = "quotes.csv"
"""


def run(pipeline: Path, out: Path, *args: str) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one `corpus run`."""
    return measured([sys.executable, "-m", "corpus_tool", "--quiet", "run", str(pipeline), "-o", str(out), *args])


def digest(path: Path) -> str:
    """A file's hash, read in chunks (this process stays small: a child's peak RSS counts the pages
    it shared with us when it was forked)."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "blake2b").hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200, help="size of the large corpus (MB of text)")
    parser.add_argument("--small-mb", type=float, default=20, help="size of the corpus for the memory comparison")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs of each configuration (the fastest is kept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big, small = tmp / "big.jsonl", tmp / "small.jsonl"
        big_mb, small_mb = polnear_jsonl(big, args.mb)[1], polnear_jsonl(small, args.small_mb)[1]
        pipelines = {}
        for name, corpus in (("big", big), ("small", small)):
            pipelines[name] = tmp / f"{name}.toml"
            pipelines[name].write_text(PIPELINE.format(corpus=corpus))
        _, small_rss = run(pipelines["small"], tmp / "s1")
        ones, twos, outputs = [], [], set()
        for _ in range(args.repeat):
            for workers, times in ((1, ones), (2, twos)):
                out = tmp / f"w{workers}"
                times.append(run(pipelines["big"], out, "--workers", str(workers)))
                outputs.add(tuple(digest(out / f) for f in ("documents.jsonl", "documents.csv", "quotes.csv")))
                shutil.rmtree(out)  # a run's outputs and parts are about ten times the corpus
        (one, one_rss), (two, two_rss) = min(ones), min(twos)
        same = len(outputs) == 1
    print(f"full news pipeline (read > normalise > segment > quotes > summarise > jsonl + 2 csv), {big_mb:.0f} MB of text,"
          f" fastest of {args.repeat} runs\n")
    print(f"{'run':34} {'seconds':>8} {'MB/s':>7} {'peak RSS MB':>12}")
    print(f"{'1 worker, ' + f'{small_mb:.0f} MB corpus':34} {'':>8} {'':>7} {small_rss:12.0f}")
    print(f"{'1 worker, ' + f'{big_mb:.0f} MB corpus':34} {one:8.1f} {big_mb / one:7.2f} {one_rss:12.0f}")
    print(f"{'2 workers, ' + f'{big_mb:.0f} MB corpus':34} {two:8.1f} {big_mb / two:7.2f} {two_rss:12.0f}")
    print(f"\nthroughput on one core: {big_mb / one:.2f} MB/s (goal >= 2)")
    print(f"2 workers vs 1: {one / two:.2f}x (goal >= 1.8); outputs of every run identical: {same}")
    print(f"peak memory, {big_mb / small_mb:.0f}x the corpus: {one_rss / small_rss:.2f}x (goal <= 1.2)")


if __name__ == "__main__":
    main()
