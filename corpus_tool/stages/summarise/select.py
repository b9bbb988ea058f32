"""Choosing sentences from scores: length budget, redundancy control (MMR) and quotation preference."""
from .methods import cosine


def budget(count: int, sentences_n: int | None, words: int | None, ratio: float | None) -> tuple[int | None, int | None]:
    """The summary's limit as (sentences, words) from exactly one of the three ways to give it."""
    given = [name for name, value in (("sentences_n", sentences_n), ("words", words), ("ratio", ratio)) if value is not None]
    if len(given) > 1:
        raise ValueError(f"give one length only, not {' and '.join(given)}")
    if sentences_n is not None:
        if sentences_n < 1:
            raise ValueError(f"sentences_n must be at least 1, not {sentences_n}")
        return sentences_n, None
    if words is not None:
        if words < 1:
            raise ValueError(f"words must be at least 1, not {words}")
        return None, words
    if ratio is not None:
        if not 0 < ratio <= 1:
            raise ValueError(f"ratio must be in (0, 1], not {ratio}")
        return max(1, round(ratio * count)), None
    return 3, None


def order(scores: list[float]) -> list[int]:
    """Indices by decreasing score, ties broken by position."""
    return sorted(range(len(scores)), key=lambda i: (-scores[i], i))


def mmr_order(ranking: list[int], scores: list[float], vectors: list[dict], weight: float) -> list[int]:
    """Re-rank by maximal marginal relevance: weight * relevance - (1 - weight) * max similarity to those chosen."""
    top = max(scores[i] for i in ranking)
    low = min(scores[i] for i in ranking)
    span = (top - low) or 1.0
    relevance = {i: (scores[i] - low) / span for i in ranking}
    left = list(ranking)
    chosen: list[int] = []
    nearest = dict.fromkeys(ranking, 0.0)
    while left:
        best = max(left, key=lambda i: (weight * relevance[i] - (1 - weight) * nearest[i], -left.index(i)))
        left.remove(best)
        chosen.append(best)
        for i in left:
            nearest[i] = max(nearest[i], cosine(vectors[i], vectors[best]))
    return chosen


def take(ranking: list[int], lengths: list[int], sentences_n: int | None, words: int | None) -> list[int]:
    """The first sentences of the ranking that fit the budget (at least one), in document order."""
    if sentences_n is not None:
        return sorted(ranking[:sentences_n])
    chosen: list[int] = []
    total = 0
    for i in ranking:
        if total + lengths[i] <= words:
            chosen.append(i)
            total += lengths[i]
    return sorted(chosen or ranking[:1])
