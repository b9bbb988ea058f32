"""Sentence scorers: each takes the candidate sentences' words, in document order, and returns one
score per sentence (higher is more central). Words are the lower-case words from `text.span_words`."""
import math
from collections import Counter
from itertools import chain, count

import numpy as np

from .text import content_stem, content_stems

Words = list[str]

def bags(sentences: list[Words]) -> list[Counter]:
    """The content-word counts of each sentence."""
    return [Counter(content_stems(words)) for words in sentences]


def tfidf(sentences: list[Words]) -> list[dict[str, float]]:
    """TF-IDF vectors of the sentences, each sentence counted as a document for IDF."""
    counts = bags(sentences)
    df = Counter(word for bag in counts for word in bag)
    n = len(counts)
    idf = {word: math.log((n + 1) / (d + 0.5)) for word, d in df.items()}
    return [{word: tf * idf[word] for word, tf in bag.items()} for bag in counts]


def cosine(u: dict[str, float], v: dict[str, float]) -> float:
    """Cosine similarity of two sparse vectors."""
    if len(u) > len(v):
        u, v = v, u
    dot = sum(weight * v[word] for word, weight in u.items() if word in v)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(w * w for w in u.values()) * sum(w * w for w in v.values()))


def pagerank(weights, damping: float = 0.85, tol: float = 1e-6, steps: int = 100, batch: int = 8) -> list[float]:
    """Stationary scores of a random walk on a weighted graph (rows need not be normalised; a sentence
    with no edges spreads its rank evenly), by power iteration from uniform scores: the first iterate
    that moved by less than `tol` (L1), else the one after `steps`. Iterates are checked `batch` at a
    time, which takes fewer numpy calls than checking each."""
    weights = np.asarray(weights, dtype=float)
    n = len(weights)
    totals = weights.sum(axis=1)
    dangling = totals == 0
    transition = damping * weights / np.where(dangling, 1.0, totals)[:, None]
    dangling = dangling.nonzero()[0]
    teleport = (1 - damping) / n
    ranks = np.empty((steps + 1, n))
    ranks[0] = 1.0 / n
    for start in range(0, steps, batch):
        stop = min(start + batch, steps)
        for k in range(start, stop):
            rank = ranks[k]
            if len(dangling):
                teleport = (1 - damping + damping * np.add.reduce(rank[dangling])) / n
            np.add(rank.dot(transition), teleport, out=ranks[k + 1])
        moved = np.add.reduce(np.abs(ranks[start + 1:stop + 1] - ranks[start:stop]), axis=1)
        settled = (moved < tol).nonzero()[0]
        if len(settled):
            return ranks[start + 1 + settled[0]].tolist()
    return ranks[steps].tolist()


def lead(sentences: list[Words]) -> list[float]:
    """The earlier, the better."""
    return [-float(i) for i in range(len(sentences))]


def luhn(sentences: list[Words], gap: int = 4) -> list[float]:
    """Luhn (1958): each sentence's densest cluster of significant words, scored significant words
    squared over the cluster's length; clusters break after `gap` other words. Significant: the content
    words among the ten most frequent of the document (ties kept), seen at least twice."""
    freq = Counter(chain.from_iterable(map(content_stems, sentences)))
    ranked = sorted(freq.values(), reverse=True)
    cutoff = max(2, ranked[min(len(ranked), 10) - 1]) if ranked else 2
    significant = {word for word, count in freq.items() if count >= cutoff}
    scores = []
    for words in sentences:
        hits = [i for i, stem in enumerate(map(content_stem, words)) if stem in significant]
        best = 0.0
        start = 0
        for k in range(1, len(hits) + 1):
            if k == len(hits) or hits[k] - hits[k - 1] > gap + 1:
                count = k - start
                best = max(best, count * count / (hits[k - 1] - hits[start] + 1))
                start = k
        scores.append(best)
    return scores


def incidence(sentences: list[Words]) -> np.ndarray:
    """The boolean matrix of sentences × content stems (True where the sentence has the stem)."""
    stems = list(map(content_stems, sentences))
    column = dict(zip(dict.fromkeys(chain.from_iterable(stems)), count()))
    found = np.fromiter(map(column.__getitem__, chain.from_iterable(stems)), dtype=np.intp)
    matrix = np.zeros((len(sentences), len(column)), dtype=bool)
    matrix[np.repeat(np.arange(len(sentences)), list(map(len, stems))), found] = True
    return matrix


def shared_counts(matrix: np.ndarray, block: int = 1 << 22) -> np.ndarray:
    """For a boolean matrix, how many columns each pair of rows has both True in.

    Counted on rows packed eight columns to a byte (AND, bit count, sum), in blocks of rows of at most
    about `block` bytes of pairs: exact, and cheaper at these sizes than a matrix product (einsum's, or
    BLAS's, whose threads cost more than they bring)."""
    packed = np.packbits(matrix, axis=1)
    n = len(packed)
    rows = max(1, block // max(1, packed.size))
    shared = np.empty((n, n), dtype=np.uint32)
    for start in range(0, n, rows):
        both = packed[start:start + rows, None, :] & packed[None, :, :]
        np.bitwise_count(both, out=both).sum(axis=2, dtype=np.uint32, out=shared[start:start + rows])
    return shared


def word_graph(sentences: list[Words], similarity) -> np.ndarray:
    """The symmetric matrix of `similarity(shared, size_i, size_j)` between the sentences' content-word
    sets (zero for pairs sharing no word, and on the diagonal). Shared words are counted over the words
    found in two sentences or more."""
    matrix = incidence(sentences)
    shared = shared_counts(matrix[:, matrix.sum(axis=0) > 1])
    sizes = matrix.sum(axis=1, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        weights = similarity(shared, sizes[:, None], sizes[None, :])
    weights[(shared == 0) | ~np.isfinite(weights)] = 0.0
    np.fill_diagonal(weights, 0.0)
    return weights


def overlap(shared: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """TextRank's similarity: shared words over the sum of the sets' log sizes."""
    return shared / (np.log(np.maximum(a, 1)) + np.log(np.maximum(b, 1)))


def set_cosine(shared: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Shared words over the geometric mean of the sets' sizes."""
    return shared / np.sqrt(a * b)


def textrank(sentences: list[Words]) -> list[float]:
    """TextRank (Mihalcea and Tarau, 2004): PageRank over shared words normalised by sentence lengths."""
    return pagerank(word_graph(sentences, overlap))


def hybrid(sentences: list[Words]) -> list[float]:
    """Graph centrality (PageRank over the cosine of word sets, scaled to a maximum of 1) plus a lead
    prior of 1 / (1 + position): news puts the gist first, the graph finds what the article keeps
    returning to."""
    ranks = pagerank(word_graph(sentences, set_cosine))
    top = max(ranks) or 1.0
    return [rank / top + 1 / (i + 1) for i, rank in enumerate(ranks)]


def lexrank(sentences: list[Words], threshold: float = 0.1) -> list[float]:
    """LexRank (Erkan and Radev, 2004): PageRank over TF-IDF cosine similarities above a threshold."""
    vectors = tfidf(sentences)
    n = len(vectors)
    weights = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            if cosine(vectors[i], vectors[j]) > threshold:
                weights[i][j] = weights[j][i] = 1.0
    return pagerank(weights)


def centroid(sentences: list[Words], keep: int = 20) -> list[float]:
    """Centroid (Radev et al., 2004): cosine of each sentence with the document's top TF-IDF words."""
    vectors = tfidf(sentences)
    total = Counter()
    for vector in vectors:
        total.update(vector)
    center = dict(sorted(total.items(), key=lambda item: (-item[1], item[0]))[:keep])
    return [cosine(vector, center) for vector in vectors]


METHODS = {
    "hybrid": hybrid,
    "lead": lead,
    "luhn": luhn,
    "textrank": textrank,
    "lexrank": lexrank,
    "centroid": centroid,
}
