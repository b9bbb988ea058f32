"""Soak: a large corpus through the news pipeline with 2 workers, killed at random points (SIGKILL and
SIGTERM in turn) and resumed each time, against one uninterrupted run of the same corpus.

    python benchmarks/soak.py [--gb 1] [--kills 5] [--seed 14] [--shard-size 500]

The corpus is JSONL built from ../shared/data/polnear texts (each article repeated with a new id);
the pipeline is pipelines/news.toml, its input switched to that file. SIGKILL goes to the whole
process group (the out-of-memory killer, a power cut: nothing can clean up), SIGTERM to the main
process only (cron's `timeout`, systemd's stop: the run stops cleanly). Each attempt runs for a
random share of the uninterrupted run's time, then the next resumes it with --resume; a last
--resume finishes. Peak memory is each run's process tree's largest resident set, from wait4.
"""
import argparse
import hashlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpora import polnear_jsonl

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT / "pipelines" / "news.toml"


def start(corpus: Path, out: Path, shard_size: int, *args: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "corpus_tool", "--quiet", "run", str(NEWS), "--input", str(corpus),
               "--set", "input.reader=jsonl", "-o", str(out), "--workers", "2", "--shard-size", str(shard_size), *args]
    return subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)


def finish(child: subprocess.Popen) -> tuple[int, float, str]:
    """Exit code, peak RSS (MB) and stderr of a run that is ending."""
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, usage.ru_maxrss / 1024, stderr


def gone(group: int) -> None:
    """Wait until no process of a killed run's group is left (its workers die with it)."""
    while True:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def digests(out: Path) -> dict[str, str]:
    """Every output file's hash (run.json, which holds times, aside)."""
    found = {}
    for path in sorted(p for p in out.iterdir() if p.is_file() and p.name != "run.json"):
        with open(path, "rb") as f:
            found[path.name] = hashlib.file_digest(f, "blake2b").hexdigest()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gb", type=float, default=1.0, help="size of the corpus (GB of text)")
    parser.add_argument("--kills", type=int, default=5, help="interruptions before the last --resume")
    parser.add_argument("--seed", type=int, default=14, help="seed of the random kill points")
    parser.add_argument("--shard-size", type=int, default=500, help="documents per shard (smaller for a small --gb)")
    args = parser.parse_args()
    chance = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus.jsonl"
        text_mb = polnear_jsonl(corpus, args.gb * 1000)[1]
        rows = []  # (what, seconds, exit code, peak RSS MB, note)
        started = time.perf_counter()
        code, whole_rss, err = finish(start(corpus, tmp / "whole", args.shard_size))
        whole = time.perf_counter() - started
        if code != 0:
            raise SystemExit(f"the uninterrupted run failed ({code}): {err}")
        rows.append(("uninterrupted", whole, code, whole_rss, ""))
        series = peak = 0.0
        for attempt in range(args.kills):
            kind = (signal.SIGKILL, signal.SIGTERM)[attempt % 2]
            after = chance.uniform(0.05, 0.2) * whole
            started = time.perf_counter()
            child = start(corpus, tmp / "soaked", args.shard_size, *(["--resume"] if attempt else []))
            time.sleep(after)
            signalled = time.perf_counter()
            if kind == signal.SIGKILL:
                os.killpg(child.pid, signal.SIGKILL)
            else:
                os.kill(child.pid, signal.SIGTERM)  # not Popen.send_signal, which may reap the child first
            code, rss, err = finish(child)
            gone(child.pid)
            seconds = time.perf_counter() - started
            stopped = time.perf_counter() - signalled
            expected = -signal.SIGKILL if kind == signal.SIGKILL else 128 + signal.SIGTERM
            if code == 0:
                raise SystemExit(f"attempt {attempt + 1} finished before its {kind.name}: give a larger --gb")
            if code != expected or (kind == signal.SIGTERM and "run again with --resume" not in err):
                raise SystemExit(f"attempt {attempt + 1}: exit {code}, expected {expected}: {err}")
            note = f"{kind.name} after {after:.1f}s" + (f", stopped {stopped:.1f}s later" if kind == signal.SIGTERM else "")
            rows.append((f"attempt {attempt + 1} ({'--resume' if attempt else 'new run'})", seconds, code, rss, note))
            series, peak = series + seconds, max(peak, rss)
        started = time.perf_counter()
        code, rss, err = finish(start(corpus, tmp / "soaked", args.shard_size, "--resume"))
        seconds = time.perf_counter() - started
        if code != 0:
            raise SystemExit(f"the last --resume failed ({code}): {err}")
        rows.append(("last --resume", seconds, code, rss, "finishes the run"))
        series, peak = series + seconds, max(peak, rss)
        same = digests(tmp / "whole") == digests(tmp / "soaked")
        names = ", ".join(digests(tmp / "whole"))
    print(f"news pipeline (normalise > segment > quotes > summarise > jsonl + 4 csv), {text_mb:.0f} MB of text, "
          f"2 workers, shards of {args.shard_size} documents, {args.kills} interruptions (seed {args.seed})\n")
    print(f"{'run':30} {'seconds':>8} {'exit':>5} {'peak RSS MB':>12}  note")
    for what, seconds, code, rss, note in rows:
        print(f"{what:30} {seconds:8.1f} {code:5d} {rss:12.0f}  {note}")
    print(f"\ninterrupted series vs uninterrupted: {series:.1f}s vs {whole:.1f}s ({series / whole:.2f}x); "
          f"peak RSS {peak:.0f} vs {whole_rss:.0f} MB ({peak / whole_rss:.2f}x)")
    print(f"final outputs byte-identical to the uninterrupted run's ({names}): {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
