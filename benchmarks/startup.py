"""Start-up and full-pipeline speed against an earlier commit, side by side in one run.

    python benchmarks/startup.py [--against 7b7127d] [--runs 15] [--mb 10] [--repeat 3]

The earlier commit is installed once in its own environment (benchenv.at_commit); ours is the
`corpus` of the environment running this script. Start-up: `corpus --version`, `corpus --help` and a
filter's first document, each run `--runs` times, ours and theirs in turn, the median kept. Pipeline:
`benchmarks/scale.py`'s news pipeline with 1 worker on a PolNeAR corpus of `--mb` MB of text, run
`--repeat` times in turn, the fastest kept (this machine's other tenants slow single runs). Both
sides must give the same documents and tables (their digests are printed); `--help` differs since
the command line is built with click rather than typer.
"""
import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchenv import at_commit
from corpora import polnear_jsonl
from scale import PIPELINE, digest

FIRST_DOCUMENT = b'{"id":"a","text":"Hi."}\n'
COMMANDS = {  # label: (arguments, stdin)
    "corpus --version": (["--version"], b""),
    "corpus --help": (["--help"], b""),
    "a filter's first document": (["segment"], FIRST_DOCUMENT),
}
OUTPUTS = ("documents.jsonl", "documents.csv", "quotes.csv")
# As users run it: Python caches compiled modules (the earlier commit's were compiled when it was installed).
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], stdin: bytes) -> tuple[float, bytes]:
    """Seconds and stdout of one run, which must succeed."""
    started = time.perf_counter()
    done = subprocess.run(command, input=stdin, capture_output=True, env=ENV)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr.decode(errors='replace')}")
    return seconds, done.stdout


def startup(sides: dict[str, str], runs: int) -> dict[str, dict[str, tuple[float, str]]]:
    """For each command and side: the median seconds and the digest of its output."""
    times = {label: {side: [] for side in sides} for label in COMMANDS}
    outputs = {label: {side: set() for side in sides} for label in COMMANDS}
    for side, corpus in sides.items():  # a first run compiles and caches the modules
        timed([corpus, "--help"], b"")
    for _ in range(runs):
        for label, (arguments, stdin) in COMMANDS.items():
            for side, corpus in sides.items():
                seconds, out = timed([corpus, *arguments], stdin)
                times[label][side].append(seconds)
                outputs[label][side].add(hashlib.blake2b(out, digest_size=8).hexdigest())
    return {label: {side: (statistics.median(times[label][side]), "/".join(sorted(outputs[label][side])))
                    for side in sides} for label in COMMANDS}


def pipeline(sides: dict[str, str], megabytes: float, repeat: int) -> tuple[float, dict[str, tuple[float, str]]]:
    """The corpus's MB of text, and for each side the fastest run's seconds and its outputs' digests."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus.jsonl"
        text_mb = polnear_jsonl(corpus, megabytes)[1]
        spec = tmp / "news.toml"
        spec.write_text(PIPELINE.format(corpus=corpus))
        times = {side: [] for side in sides}
        digests = {side: set() for side in sides}
        for _ in range(repeat):
            for side, command in sides.items():
                out = tmp / side
                seconds, _ = timed([command, "--quiet", "run", str(spec), "-o", str(out), "--workers", "1"], b"")
                times[side].append(seconds)
                digests[side].add(" ".join(digest(out / name)[:12] for name in OUTPUTS))
                shutil.rmtree(out)
    return text_mb, {side: (min(times[side]), " | ".join(sorted(digests[side]))) for side in sides}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="7b7127d", help="the commit to compare with")
    parser.add_argument("--runs", type=int, default=15, help="runs of each start-up command per side (median kept)")
    parser.add_argument("--mb", type=float, default=10, help="MB of text in the pipeline's corpus (0: time start-up only)")
    parser.add_argument("--repeat", type=int, default=3, help="pipeline runs per side (fastest kept)")
    args = parser.parse_args()
    ours = Path(sys.executable).with_name("corpus")
    if not ours.exists():
        raise SystemExit(f"{ours} not found: run this with the project's environment (pip install -e .)")
    sides = {"ours": str(ours), args.against: str(at_commit(args.against))}
    theirs = args.against

    print(f"start-up, median of {args.runs} runs each, ours and {theirs} in turn\n")
    print(f"{'command':28} {'ours s':>8} {theirs + ' s':>12} {'ratio':>7}  outputs")
    for label, found in startup(sides, args.runs).items():
        (mine, my_out), (old, old_out) = found["ours"], found[theirs]
        same = "same" if my_out == old_out else f"differ: ours {my_out}, {theirs} {old_out}"
        print(f"{label:28} {mine:8.3f} {old:12.3f} {mine / old:6.2f}x  {same}")
    print("(goal: ratio <= 0.3)\n")
    if not args.mb:
        return

    text_mb, found = pipeline(sides, args.mb, args.repeat)
    (mine, my_out), (old, old_out) = found["ours"], found[theirs]
    print(f"full news pipeline, 1 worker, {text_mb:.1f} MB of text, fastest of {args.repeat} runs each, in turn\n")
    print(f"{'side':10} {'seconds':>8} {'MB/s':>7}  outputs ({', '.join(OUTPUTS)})")
    print(f"{'ours':10} {mine:8.2f} {text_mb / mine:7.2f}  {my_out}")
    print(f"{theirs:10} {old:8.2f} {text_mb / old:7.2f}  {old_out}")
    print(f"\nours vs {theirs}: {old / mine:.2f}x as fast (goal >= 1.3); outputs identical: {my_out == old_out}")


if __name__ == "__main__":
    main()
