"""Speakers as entities (issue 13): ours by the issue's protocol and textacy's speaker tokens, side by
side on PolNeAR dev; then the speed of segment + quotes + the speakers step against commit 7b7127d.

    python benchmarks/speakers.py [--rounds N]

Ours runs as users run it, in this project's environment:
    corpus segment dev.jsonl | corpus quotes > docs.jsonl; corpus speakers docs.jsonl > speakers.csv
then ../shared/eval/speakers_eval.py (with --speakers speakers.csv) and quotes_eval.py score it.
The peer, textacy 0.13's direct_quotations on en_core_web_sm 3.6 (its speaker tokens as given, no
table), runs in benchmarks/.venv-quotes through a subprocess of this script (`--peer`). Speed: the
`corpus` commands of HEAD and of 7b7127d, each installed in its own environment the same way (see
benchenv.at_commit; an editable install starts slower), run the protocol in alternation, N rounds;
the table shows the median CPU seconds of their processes and the ratio, on dev (84 articles: the
issue's figure, where start-up weighs most) and on train (840 articles: the throughput a corpus
sees). Commit before timing.
"""
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchenv  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "data" / "polnear" / "dev.jsonl"
GOLD = SHARED / "data" / "polnear" / "speakers_dev.jsonl"
TRAIN = SHARED / "data" / "polnear" / "train.jsonl"
BASELINE = "7b7127d"
FIGURES = [  # (label, speakers_eval key or quotes_eval path, goal)
    ("named accuracy", "named_accuracy", ">= 0.85"),
    ("... source is the name", "named_accuracy_by_name", ">= 0.95"),
    ("... source is a pronoun", "named_accuracy_by_pronoun", ">= 0.80"),
    ("... source is a description", "named_accuracy_by_description", "as high as the text allows"),
    ("named recall", "named_recall", ">= 0.65"),
    ("pronoun speakers", "pronoun_speakers", "<= 0.005"),
    ("fragmentation", "fragmentation", "<= 1.3"),
    ("gender accuracy", "gender_accuracy", ">= 0.95"),
    ("gender coverage", "gender_coverage", ">= 0.80"),
    ("quotes: direct F1", ("direct", "f1"), "not lower"),
    ("quotes: speaker accuracy", ("direct", "speaker_accuracy"), "not lower"),
    ("quotes: end-to-end F1", ("direct", "end_to_end_f1"), "not lower"),
    ("quotes: indirect F1", ("indirect", "f1"), "not lower"),
]


def peer(out: str) -> None:
    """In benchmarks/.venv-quotes: textacy's quotations of every dev article, as documents, into `out`."""
    from quotes import textacy_quotations

    run = textacy_quotations()  # moves this process into the peer's venv (benchenv.ensure)
    with open(DEV, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as w:
        for line in f:
            doc = json.loads(line)
            w.write(json.dumps({"id": doc["id"], "text": doc["text"], "quotes": run(doc["text"])}) + "\n")


def protocol(corpus: Path, folder: Path, texts: Path = DEV) -> float:
    """The issue's protocol with one `corpus` command, into `folder`; the CPU seconds (user + system) its
    processes took, steadier than wall time on a machine others share."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(f"'{corpus}' segment '{texts}' | '{corpus}' quotes > '{folder}/docs.jsonl' && "
                   f"'{corpus}' speakers '{folder}/docs.jsonl' > '{folder}/speakers.csv'",
                   shell=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def scores(docs: Path, speakers: Path | None) -> dict:
    table = ["--speakers", str(speakers)] if speakers else []
    return {**_score("speakers_eval.py", GOLD, docs, table), "quotes": _score("quotes_eval.py", DEV, docs)}


def _score(scorer: str, gold: Path, docs: Path, more: list[str] = ()) -> dict:
    out = subprocess.run([sys.executable, str(SHARED / "eval" / scorer), str(gold), str(docs), *more, "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def figure(result: dict | None, key) -> str:
    if result is None:
        return "-"
    value = result["quotes"][key[0]][key[1]] if isinstance(key, tuple) else result[key]
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def main(rounds: int) -> None:
    ours_cmd = Path(sys.executable).parent / "corpus"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "ours").mkdir()
        protocol(ours_cmd, tmp / "ours")
        ours = scores(tmp / "ours" / "docs.jsonl", tmp / "ours" / "speakers.csv")
        textacy, error = None, None
        try:
            subprocess.run([sys.executable, __file__, "--peer", str(tmp / "peer.jsonl")], check=True)
            textacy = scores(tmp / "peer.jsonl", None)
        except (subprocess.CalledProcessError, OSError) as exc:  # the peer's failure goes in the table
            error = f"textacy not measured: {exc}"
        print(f"PolNeAR dev ({ours['documents']} articles), the issue's protocol")
        print(f"{'figure':30}{'corpus-tool':>13}{'textacy 0.13':>14}   goal")
        for label, key, goal in FIGURES:
            print(f"{label:30}{figure(ours, key):>13}{figure(textacy, key):>14}   {goal}")
        if error:
            print(error)

        old_cmd, new_cmd = benchenv.at_commit(BASELINE), benchenv.at_commit("HEAD")  # both installed alike
        for label, texts in (("PolNeAR dev", DEV), ("PolNeAR train", TRAIN)):
            times: dict[str, list[float]] = {"ours": [], BASELINE: []}
            for r in range(rounds):  # interleaved, the order alternating, so both see the same machine
                order = [("ours", new_cmd), (BASELINE, old_cmd)]
                for name, cmd in order if r % 2 == 0 else reversed(order):
                    folder = tmp / f"speed-{name}"
                    folder.mkdir(exist_ok=True)
                    times[name].append(protocol(cmd, folder, texts))
            now, then = statistics.median(times["ours"]), statistics.median(times[BASELINE])
            print(f"\nsegment + quotes + speakers on {label}, median of {rounds} interleaved rounds")
            print(f"{'system':30}{'CPU s':>10}{'speed':>10}")
            print(f"{'corpus-tool at ' + BASELINE:30}{then:>10.2f}{'1.00x':>10}")
            print(f"{'corpus-tool at HEAD':30}{now:>10.2f}{then / now:>9.2f}x   goal >= 0.8x")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--peer"]:
        peer(sys.argv[2])
    else:
        main(int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 5)
