"""Summaries: our methods against sumy's on bbc_summary (40% of the sentences) and GUM news (1 and 3).

    python benchmarks/summarise.py

ROUGE-1/2/L F-measure from the official scorer (../shared/eval/summarise_eval.py); documents/s count
segmentation (ours: paragraphs on blank lines, the first line as title, our sentence splitter; sumy:
pySBD on each paragraph, the first one a heading) and summarising, not scoring. sumy gets a plain regex
word tokenizer, so it needs no NLTK data.
"""
import contextlib
import importlib.util
import io
import json
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchenv import ROOT, ensure  # noqa: E402

ensure("summarise", ["sumy", "pysbd", "rouge-score"])

import pysbd  # noqa: E402
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence  # noqa: E402
from sumy.nlp.stemmers import Stemmer  # noqa: E402
from sumy.summarizers.lex_rank import LexRankSummarizer  # noqa: E402
from sumy.summarizers.lsa import LsaSummarizer  # noqa: E402
from sumy.summarizers.luhn import LuhnSummarizer  # noqa: E402
from sumy.summarizers.text_rank import TextRankSummarizer  # noqa: E402
from sumy.utils import ItemsCount, get_stop_words  # noqa: E402

from corpus_tool.stages.segment.paragraphs import split_paragraphs  # noqa: E402
from corpus_tool.stages.segment.sentences import SentenceSplitter  # noqa: E402
from corpus_tool.stages.summarise.methods import METHODS  # noqa: E402
from corpus_tool.stages.summarise.summariser import DEFAULT_METHOD, summarise  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
_spec = importlib.util.spec_from_file_location("summarise_eval", ROOT.parent / "shared" / "eval" / "summarise_eval.py")
SCORER = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(SCORER)
BBC = DATA / "bbc_summary" / "valid.jsonl"
GUM = DATA / "ud_gum" / "news_train.jsonl"
SUMY = {"luhn": LuhnSummarizer, "lexrank": LexRankSummarizer, "textrank": TextRankSummarizer, "lsa": LsaSummarizer}


class WordTokenizer:
    """The word tokenizer sumy's sentences call (sumy's own needs NLTK data)."""

    language = "english"

    @staticmethod
    def to_words(sentence: str) -> list[str]:
        return re.findall(r"[^\W_]+", sentence)


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def ours(method: str, length: dict):
    """A summariser: text -> summary text, with our segmentation."""
    splitter = SentenceSplitter()

    def run(text: str) -> str:
        paragraphs = split_paragraphs(text, "blank", title=text.split("\n", 1)[0])
        sentences = [
            {"start": a, "end": b, "paragraph": i}
            for i, p in enumerate(paragraphs)
            for a, b in splitter.split(text, p["start"], p["end"])
        ]
        chosen = summarise(text, sentences, paragraphs, method=method, **length)
        return " ".join(text[sentences[i]["start"]:sentences[i]["end"]] for i in chosen)

    return run


def sumy(name: str, count):
    """A summariser: text -> summary text, with pySBD sentences; name "lead" takes the first ones."""
    segmenter = pysbd.Segmenter(language="en", clean=False)
    tokenizer = WordTokenizer()
    summarizer = None
    if name != "lead":
        summarizer = SUMY[name](Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")

    def run(text: str) -> str:
        blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
        document = ObjectDocumentModel([
            Paragraph([Sentence(s, tokenizer, is_heading=k == 0) for s in segmenter.segment(block) if s.strip()])
            for k, block in enumerate(blocks)
        ])
        chosen = summarizer(document, count) if summarizer else ItemsCount(count)(document.sentences)
        return " ".join(str(s) for s in chosen)

    return run


def measure(run, docs: list[dict], gold: Path) -> tuple[dict, float]:
    """Official ROUGE of `run` over `docs`, and its documents/s."""
    start = time.perf_counter()
    texts = [run(d["text"]) for d in docs]
    rate = len(docs) / (time.perf_counter() - start)
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        lines = (json.dumps({"id": d["id"], "summary": {"text": t}}) for d, t in zip(docs, texts, strict=True))
        pred.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            SCORER.main([str(gold), str(pred), "--json"])
    return json.loads(out.getvalue()), rate


def row(label: str, scores: dict, rate: float | None = None) -> str:
    speed = f"{rate:9.0f}" if rate is not None else ""
    return f"{label:22s} {scores['rouge1']:6.2f} {scores['rouge2']:6.2f} {scores['rougeL']:6.2f} {speed}"


def main() -> None:
    bbc, gum = load(BBC), load(GUM)
    methods = [DEFAULT_METHOD, *sorted(m for m in METHODS if m != DEFAULT_METHOD)]
    print(f"bbc_summary valid: {len(bbc)} documents, 40% of the sentences")
    print(f"{'method':22s} {'R-1':>6s} {'R-2':>6s} {'R-L':>6s} {'docs/s':>9s}")
    rates = {}
    for method in methods:
        scores, rates[f"ours {method}"] = measure(ours(method, {"ratio": 0.4}), bbc, BBC)
        star = " (default)" if method == DEFAULT_METHOD else ""
        print(row(f"ours {method}{star}", scores, rates[f"ours {method}"]), flush=True)
    for name in ["lead", *SUMY]:
        scores, rates[f"sumy {name}"] = measure(sumy(name, "40%"), bbc, BBC)
        print(row(f"sumy {name}", scores, rates[f"sumy {name}"]), flush=True)
    fastest = max((r, k) for k, r in rates.items() if k.startswith("sumy ") and k != "sumy lead")
    default = rates[f"ours {DEFAULT_METHOD}"]
    print(f"speed: ours {DEFAULT_METHOD} {default:.0f} docs/s = {default / fastest[0]:.1f}x {fastest[1]} "
          f"(the fastest sumy method, {fastest[0]:.0f} docs/s)")
    print()
    print(f"GUM news: {len(gum)} documents, best of the human one-sentence summaries")
    print(f"{'method':22s} {'R-1':>6s} {'R-2':>6s} {'R-L':>6s}   (1 sentence | 3 sentences)")
    for method in methods:
        one, _ = measure(ours(method, {"sentences_n": 1}), gum, GUM)
        three, _ = measure(ours(method, {"sentences_n": 3}), gum, GUM)
        print(f"{row(f'ours {method}', one)}   | {row('', three).strip()}", flush=True)
    for name in ["lead", *SUMY]:
        one, _ = measure(sumy(name, 1), gum, GUM)
        three, _ = measure(sumy(name, 3), gum, GUM)
        print(f"{row(f'sumy {name}', one)}   | {row('', three).strip()}", flush=True)


if __name__ == "__main__":
    main()
