"""Sentence scorers: each takes the candidate sentences' tokens, in document order, and returns one
score per sentence (higher is more central). Tokens are (stem, is_content) pairs from `text.tokens`."""
import math
from collections import Counter

Tokens = list[tuple[str, bool]]


def bags(sentences: list[Tokens]) -> list[Counter]:
    """The content-word counts of each sentence."""
    return [Counter(stem for stem, content in tokens if content) for tokens in sentences]


def tfidf(sentences: list[Tokens]) -> list[dict[str, float]]:
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


def pagerank(weights: list[list[float]], damping: float = 0.85, tol: float = 1e-6) -> list[float]:
    """Stationary scores of a random walk on a weighted graph (rows need not be normalised)."""
    n = len(weights)
    totals = [sum(row) for row in weights]
    rank = [1.0 / n] * n
    for _ in range(100):
        new = [(1 - damping) / n] * n
        for i, row in enumerate(weights):
            if totals[i]:
                share = damping * rank[i] / totals[i]
                for j, w in enumerate(row):
                    if w:
                        new[j] += share * w
            else:
                spread = damping * rank[i] / n
                new = [x + spread for x in new]
        done = sum(abs(a - b) for a, b in zip(new, rank, strict=True)) < tol
        rank = new
        if done:
            break
    return rank


def lead(sentences: list[Tokens]) -> list[float]:
    """The earlier, the better."""
    return [-float(i) for i in range(len(sentences))]


def luhn(sentences: list[Tokens], gap: int = 4) -> list[float]:
    """Luhn (1958): each sentence's densest cluster of significant words, scored significant words
    squared over the cluster's length; clusters break after `gap` other words. Significant: the content
    words among the ten most frequent of the document (ties kept), seen at least twice."""
    freq = Counter(stem for tokens in sentences for stem, content in tokens if content)
    ranked = sorted(freq.values(), reverse=True)
    cutoff = max(2, ranked[min(len(ranked), 10) - 1]) if ranked else 2
    significant = {word for word, count in freq.items() if count >= cutoff}
    scores = []
    for tokens in sentences:
        hits = [i for i, (stem, content) in enumerate(tokens) if content and stem in significant]
        best = 0.0
        start = 0
        for k in range(1, len(hits) + 1):
            if k == len(hits) or hits[k] - hits[k - 1] > gap + 1:
                count = k - start
                best = max(best, count * count / (hits[k - 1] - hits[start] + 1))
                start = k
        scores.append(best)
    return scores


def word_graph(sentences: list[Tokens], similarity) -> list[list[float]]:
    """The symmetric matrix of `similarity(words_i, words_j)` between the sentences' content-word sets."""
    sets = [set(bag) for bag in bags(sentences)]
    n = len(sets)
    weights = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            weights[i][j] = weights[j][i] = similarity(sets[i], sets[j])
    return weights


def overlap(a: set, b: set) -> float:
    """TextRank's similarity: shared words over the sum of the sets' log sizes."""
    norm = (math.log(len(a)) if len(a) > 1 else 0.0) + (math.log(len(b)) if len(b) > 1 else 0.0)
    return len(a & b) / norm if norm else 0.0


def set_cosine(a: set, b: set) -> float:
    """Shared words over the geometric mean of the sets' sizes."""
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def textrank(sentences: list[Tokens]) -> list[float]:
    """TextRank (Mihalcea and Tarau, 2004): PageRank over shared words normalised by sentence lengths."""
    return pagerank(word_graph(sentences, overlap))


def hybrid(sentences: list[Tokens]) -> list[float]:
    """Graph centrality (PageRank over the cosine of word sets, scaled to a maximum of 1) plus a lead
    prior of 1 / (1 + position): news puts the gist first, the graph finds what the article keeps
    returning to."""
    ranks = pagerank(word_graph(sentences, set_cosine))
    top = max(ranks)
    return [rank / top + 1 / (i + 1) for i, rank in enumerate(ranks)]


def lexrank(sentences: list[Tokens], threshold: float = 0.1) -> list[float]:
    """LexRank (Erkan and Radev, 2004): PageRank over TF-IDF cosine similarities above a threshold."""
    vectors = tfidf(sentences)
    n = len(vectors)
    weights = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            if cosine(vectors[i], vectors[j]) > threshold:
                weights[i][j] = weights[j][i] = 1.0
    return pagerank(weights)


def centroid(sentences: list[Tokens], keep: int = 20) -> list[float]:
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
