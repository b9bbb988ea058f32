"""Sentence segmentation: ours against pySBD, blingfire, syntok, NLTK punkt and spaCy's sentencizer.

    python benchmarks/segment.py

Every tool gets the same paragraphs (ours, split at blank lines, as the `segment` stage does) and
splits each into sentences. Prints one table: pySBD's 48 English Golden Rules passed exactly, the
boundary F1 on UD GUM news (official scorer, ../shared/eval/segment_eval.py), MB/s on a few MB of
PolNeAR news text on one core, and each tool's speed as a fraction of ours.
"""
import json
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from benchenv import ROOT, ensure

ensure("segment", ["pysbd==0.3.4", "blingfire==0.1.8", "syntok==1.4.4", "nltk==3.10.4", "spacy==3.8.18"])

from corpus_tool.stages.segment.paragraphs import split_paragraphs  # noqa: E402
from corpus_tool.stages.segment.stage import Segment  # noqa: E402

SHARED = ROOT.parent / "shared"
GOLDEN = SHARED / "data" / "golden_rules_en.jsonl"
GUM = SHARED / "data" / "ud_gum" / "news_train.jsonl"
NEWS = SHARED / "data" / "polnear" / "train.jsonl"
SCORER = SHARED / "eval" / "segment_eval.py"
NEWS_BYTES = 3_000_000


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def locate(text: str, sentences) -> list[tuple[int, int]]:
    """Spans of sentence strings found in order in text."""
    spans, pos = [], 0
    for sentence in sentences:
        sentence = sentence.strip()
        start = text.find(sentence, pos)
        if sentence and start >= 0:
            spans.append((start, start + len(sentence)))
            pos = start + len(sentence)
    return spans


def per_paragraph(split_one):
    """A document splitter from a paragraph splitter: split_one(paragraph) gives spans in the paragraph."""
    def split(text: str) -> list[tuple[int, int]]:
        spans = []
        for p in split_paragraphs(text):
            start = p["start"]
            spans += [(start + a, start + b) for a, b in split_one(text[start:p["end"]])]
        return spans
    return split


def tools() -> dict:
    """Name -> document splitter, ours first."""
    import blingfire
    import pysbd
    import spacy
    from nltk.tokenize.punkt import PunktSentenceTokenizer
    from syntok import segmenter

    stage = Segment()

    def ours(text):
        """The `segment` stage itself, as a pipeline runs it (paragraphs, sentences, provenance)."""
        doc = stage.apply({"id": "bench", "text": text})
        return [(s["start"], s["end"]) for s in doc["sentences"]]

    pysbd_en = pysbd.Segmenter(language="en", clean=False)
    punkt = PunktSentenceTokenizer()  # untrained: NLTK's pretrained English data is not on PyPI
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    def syntok_spans(paragraph):
        for para in segmenter.analyze(paragraph):
            for sentence in para:
                yield sentence[0].offset, sentence[-1].offset + len(sentence[-1].value)

    def spacy_split(text):
        paragraphs = split_paragraphs(text)
        docs = nlp.pipe(text[p["start"]:p["end"]] for p in paragraphs)
        return [(p["start"] + s.start_char, p["start"] + s.end_char)
                for p, doc in zip(paragraphs, docs) for s in doc.sents]

    return {
        "corpus-tool segment stage": ours,
        f"pySBD {version('pysbd')}": per_paragraph(lambda p: locate(p, pysbd_en.segment(p))),
        f"blingfire {version('blingfire')} (offsets)": per_paragraph(lambda p: blingfire.text_to_sentences_and_offsets(p)[1]),
        f"syntok {version('syntok')}": per_paragraph(lambda p: list(syntok_spans(p))),
        f"NLTK {version('nltk')} punkt, untrained*": per_paragraph(lambda p: list(punkt.span_tokenize(p))),
        f"spaCy {version('spacy')} sentencizer": spacy_split,
    }


def golden_rules(split) -> int:
    """How many of the Golden Rules come out exactly right."""
    passed = 0
    for rule in load(GOLDEN):
        text = rule["text"]
        got = [text[a:b].strip() for a, b in split(text)]
        passed += [s for s in got if s] == [s.strip() for s in rule["sentences"]]
    return passed


def gum_f1(split) -> float:
    """Within-paragraph boundary F1 on UD GUM news, by the official scorer."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        for doc in load(GUM):
            sentences = [{"start": a, "end": b} for a, b in split(doc["text"])]
            f.write(json.dumps({"id": doc["id"], "text": doc["text"], "sentences": sentences}) + "\n")
    try:
        out = subprocess.run([sys.executable, str(SCORER), str(GUM), f.name, "--json"],
                             check=True, capture_output=True, text=True).stdout
    finally:
        Path(f.name).unlink()
    return json.loads(out)["f1"]


def news_texts() -> list[str]:
    texts, size = [], 0
    for doc in load(NEWS):
        texts.append(doc["text"])
        size += len(doc["text"].encode("utf-8"))
        if size >= NEWS_BYTES:
            break
    return texts


def speed(split, texts: list[str]) -> float:
    """MB/s of CPU time (steadier than wall time on a shared machine): best of up to five runs,
    fewer when a run is long."""
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    split(texts[0])  # warm up
    best, total, runs = float("inf"), 0.0, 0
    while runs < 5 and total < 10.0:
        start = time.process_time()
        for text in texts:
            split(text)
        elapsed = time.process_time() - start
        best, total, runs = min(best, elapsed), total + elapsed, runs + 1
    return megabytes / best


def main() -> None:
    texts = news_texts()
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rows = [(name, golden_rules(split), gum_f1(split), speed(split, texts)) for name, split in tools().items()]
    ours = rows[0][3]
    print(f"news text: {len(texts)} PolNeAR articles, {megabytes:.1f} MB; one core")
    print(f"{'tool':30} {'Golden Rules':>12} {'UD GUM F1':>10} {'MB/s':>8} {'speed vs ours':>14}")
    for name, golden, f1, mbs in rows:
        print(f"{name:30} {golden:>9}/48 {f1:>10.3f} {mbs:>8.2f} {mbs / ours:>13.3f}x")
    print("* NLTK's pretrained English punkt model is not on PyPI (NLTK downloads it from its own data")
    print("  server), so punkt runs with its default, untrained parameters.")


if __name__ == "__main__":
    main()
