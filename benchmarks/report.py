"""The report at scale: commit 7b7127d's single HTML file against today's folder of pages, side by side.

    python benchmarks/report.py [--copies 1,10,40]

PolNeAR train (840 articles) is segmented and its quotations found once (by the working tree);
corpora of COPIES times it (each article again with a new id) are then exported with `corpus export
report` by the old command and by ours in turn, each in its own process. For each: seconds, peak
resident memory (wait4), the largest page and the whole output in MB, and the number of pages. The
old command is installed once in benchmarks/.venv-at-… (benchenv.at_commit).
"""
import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson

from benchenv import at_commit, measured
from corpora import SHARED

OLD = "7b7127d"


def export(corpus: str, documents: Path, target: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one `corpus export report`."""
    return measured([corpus, "--quiet", "export", "report", "-o", str(target), str(documents)])


def processed(work: Path) -> list[bytes]:
    """PolNeAR train, segmented and with its quotations, as JSON lines."""
    ours = str(Path(sys.executable).with_name("corpus"))
    steps = [[ours, "read", "--reader", "jsonl", str(SHARED / "polnear" / "train.jsonl")], [ours, "segment"], [ours, "quotes"]]
    data = b""
    for step in steps:
        data = subprocess.run(step, input=data, capture_output=True, check=True).stdout
    return data.splitlines()


def corpus_of(lines: list[bytes], copies: int, path: Path) -> int:
    """`copies` times the documents, each copy with new ids; how many documents."""
    with open(path, "wb") as out:
        for copy in range(copies):
            for line in lines:
                doc = orjson.loads(line)
                doc["id"] = f"{copy}-{doc['id']}"
                out.write(orjson.dumps(doc) + b"\n")
    return copies * len(lines)


def sizes(target: Path) -> tuple[float, float, int]:
    """The largest page and the whole output in MB, and the number of pages."""
    pages = [target] if target.is_file() else list(target.rglob("*.html"))
    return max(p.stat().st_size for p in pages) / 1e6, sum(p.stat().st_size for p in pages) / 1e6, len(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", default="1,10,40", help="corpus sizes, in copies of PolNeAR train")
    args = parser.parse_args()
    commands = {f"{OLD} (one file)": str(at_commit(OLD)), "ours (folder)": str(Path(sys.executable).with_name("corpus"))}
    work = Path(tempfile.mkdtemp(prefix="report-bench-"))
    try:
        lines = processed(work)
        rows = []
        for copies in (int(c) for c in args.copies.split(",")):
            documents = work / "documents.jsonl"
            count = corpus_of(lines, copies, documents)
            for name, command in commands.items():  # in turn, on the same corpus
                target = work / ("report.html" if "one file" in name else "report")
                seconds, rss = export(command, documents, target)
                rows.append((count, name, seconds, rss, *sizes(target)))
                shutil.rmtree(target) if target.is_dir() else target.unlink()
    finally:
        shutil.rmtree(work)
    print(f"{'documents':>9}  {'report':<22}{'seconds':>8}{'peak MB':>9}{'largest page MB':>17}{'total MB':>10}{'pages':>7}"
          f"{'largest page vs old':>21}")
    for count, name, seconds, rss, largest, total, pages in rows:
        old = next(r for r in rows if r[0] == count and "one file" in r[1])
        print(f"{count:>9,}  {name:<22}{seconds:>8.1f}{rss:>9.0f}{largest:>17.2f}{total:>10.1f}{pages:>7,}"
              f"{largest / old[4]:>20.3f}x")


if __name__ == "__main__":
    main()
