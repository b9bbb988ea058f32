"""Benchmark corpora built from ../shared/data/polnear texts, each article repeated with a new id."""
from pathlib import Path

import orjson

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def polnear_jsonl(path: Path, megabytes: float, fields: tuple[str, ...] = ("title",)) -> tuple[float, float]:
    """Write JSONL documents ({"id", "text", and `fields`}) until the text reaches `megabytes`;
    returns the file's and the text's size in MB."""
    articles = [orjson.loads(line) for line in (SHARED / "polnear" / "train.jsonl").read_bytes().splitlines()]
    file_size = text_size = n = 0
    with open(path, "wb") as out:
        while text_size < megabytes * 1e6:
            article = articles[n % len(articles)]
            line = orjson.dumps({"id": f"{n:07d}", "text": article["text"], **{f: article[f] for f in fields}}) + b"\n"
            out.write(line)
            file_size += len(line)
            text_size += len(article["text"].encode())
            n += 1
    return file_size / 1e6, text_size / 1e6
