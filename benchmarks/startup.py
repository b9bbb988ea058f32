"""Start-up and full-pipeline speed against an earlier commit, side by side in one run.

    python benchmarks/startup.py [--against 7b7127d] [--runs 21] [--mb 10] [--repeat 3]

Both sides are installed alike, each once in its own environment (benchenv.at_commit): the earlier
commit and ours (HEAD: commit before timing; an editable install would add its import hook to every
start). Start-up: `corpus --version`, `corpus --help` and a
filter's first document, each run `--runs` times, ours and theirs in turn, the median kept. Pipeline:
`benchmarks/scale.py`'s news pipeline with 1 worker on a PolNeAR corpus of `--mb` MB of text, run
`--repeat` times in turn, the fastest kept. Each figure is given as elapsed time and as CPU time (user +
system, as the OS accounts the finished process): on a machine shared with other work the CPU time is
the steadier of the two. Both sides must give the same documents and tables (their digests are
printed); `--help` differs since the command line is built with click rather than typer.
"""
import argparse
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
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


def timed(command: list[str], stdin: bytes) -> tuple[float, float, bytes]:
    """Elapsed and CPU seconds and the stdout of one run, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, input=stdin, capture_output=True, env=ENV)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr.decode(errors='replace')}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return seconds, cpu, done.stdout


def startup(sides: dict[str, str], runs: int) -> dict[str, dict[str, tuple[float, float, str]]]:
    """For each command and side: the median elapsed and CPU seconds, and the digest of its output."""
    found = {label: {side: ([], [], set()) for side in sides} for label in COMMANDS}
    for corpus in sides.values():  # a first run compiles and caches the modules
        timed([corpus, "--help"], b"")
    for _ in range(runs):
        for label, (arguments, stdin) in COMMANDS.items():
            for side, corpus in sides.items():
                seconds, cpu, out = timed([corpus, *arguments], stdin)
                walls, cpus, outputs = found[label][side]
                walls.append(seconds)
                cpus.append(cpu)
                outputs.add(hashlib.blake2b(out, digest_size=8).hexdigest())
    return {label: {side: (statistics.median(walls), statistics.median(cpus), "/".join(sorted(outputs)))
                    for side, (walls, cpus, outputs) in by_side.items()} for label, by_side in found.items()}


def pipeline(sides: dict[str, str], megabytes: float, repeat: int) -> tuple[float, dict[str, tuple[float, float, str]]]:
    """The corpus's MB of text, and for each side the least elapsed and CPU seconds and its outputs' digests."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus.jsonl"
        text_mb = polnear_jsonl(corpus, megabytes)[1]
        spec = tmp / "news.toml"
        spec.write_text(PIPELINE.format(corpus=corpus))
        found = {side: ([], [], set()) for side in sides}
        for _ in range(repeat):
            for side, command in sides.items():
                out = tmp / side
                seconds, cpu, _ = timed([command, "--quiet", "run", str(spec), "-o", str(out), "--workers", "1"], b"")
                walls, cpus, digests = found[side]
                walls.append(seconds)
                cpus.append(cpu)
                digests.add(" ".join(digest(out / name)[:12] for name in OUTPUTS))
                shutil.rmtree(out)
    return text_mb, {side: (min(walls), min(cpus), " | ".join(sorted(digests)))
                     for side, (walls, cpus, digests) in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="7b7127d", help="the commit to compare with")
    parser.add_argument("--ours", default="HEAD", help="our commit (committed work only: both sides are installed "
                                                      "alike, not as an editable install's extra import hook)")
    parser.add_argument("--runs", type=int, default=21, help="runs of each start-up command per side (median kept)")
    parser.add_argument("--mb", type=float, default=10, help="MB of text in the pipeline's corpus (0: time start-up only)")
    parser.add_argument("--repeat", type=int, default=3, help="pipeline runs per side (fastest kept)")
    args = parser.parse_args()
    theirs = args.against
    sides = {"ours": str(at_commit(args.ours)), theirs: str(at_commit(theirs))}

    print(f"start-up, median of {args.runs} runs each, ours and {theirs} in turn (goal: ours <= 0.3x)\n")
    print(f"{'command':26} {'ours s':>7} {theirs + ' s':>10} {'ratio':>6} {'ours CPU':>9} {theirs + ' CPU':>12} {'ratio':>6}  outputs")
    for label, found in startup(sides, args.runs).items():
        (wall, cpu, out), (old_wall, old_cpu, old_out) = found["ours"], found[theirs]
        same = "same" if out == old_out else f"differ: ours {out}, {theirs} {old_out}"
        print(f"{label:26} {wall:7.3f} {old_wall:10.3f} {wall / old_wall:5.2f}x {cpu:9.3f} {old_cpu:12.3f} "
              f"{cpu / old_cpu:5.2f}x  {same}")
    if not args.mb:
        return

    text_mb, found = pipeline(sides, args.mb, args.repeat)
    print(f"\nfull news pipeline, 1 worker, {text_mb:.1f} MB of text, best of {args.repeat} runs each, in turn"
          " (goal: ours >= 1.3x as fast)\n")
    print(f"{'side':10} {'seconds':>8} {'MB/s':>6} {'CPU s':>7} {'MB/CPU s':>9}  outputs ({', '.join(OUTPUTS)})")
    for side, (wall, cpu, out) in found.items():
        print(f"{side:10} {wall:8.2f} {text_mb / wall:6.2f} {cpu:7.2f} {text_mb / cpu:9.2f}  {out}")
    (wall, cpu, out), (old_wall, old_cpu, old_out) = found["ours"], found[theirs]
    print(f"\nours vs {theirs}: {old_wall / wall:.2f}x as fast elapsed, {old_cpu / cpu:.2f}x in CPU time; "
          f"outputs identical: {out == old_out}")


if __name__ == "__main__":
    main()
