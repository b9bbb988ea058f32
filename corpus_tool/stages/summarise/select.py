"""Choosing sentences from scores: the length budget, redundancy control (MMR) and the cut."""
from .methods import cosine


def budget(
    count: int, sentences_n: int | None, words: int | None, ratio: float | None
) -> tuple[int | None, int | None]:
    """The summary's limit as (sentences, words) from at most one of the three ways to give it, for
    `count` candidate sentences; 3 sentences when none is given."""
    options = {"sentences_n": sentences_n, "words": words, "ratio": ratio}
    given = [name for name, value in options.items() if value is not None]
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
    """Indices by decreasing score, ties broken by position (the sort is stable, also in reverse)."""
    return sorted(range(len(scores)), key=scores.__getitem__, reverse=True)


def mmr_order(ranking: list[int], scores: list[float], vectors: list[dict], weight: float) -> list[int]:
    """Re-rank by maximal marginal relevance (Carbonell and Goldstein, 1998): repeatedly take the sentence
    with the best weight * relevance - (1 - weight) * its highest similarity to those already taken,
    relevance being the score scaled to [0, 1]; ties keep the ranking's order."""
    top = max(scores[i] for i in ranking)
    low = min(scores[i] for i in ranking)
    span = (top - low) or 1.0
    relevance = {i: (scores[i] - low) / span for i in ranking}
    place = {i: k for k, i in enumerate(ranking)}
    left = list(ranking)
    chosen: list[int] = []
    nearest = dict.fromkeys(ranking, 0.0)
    while left:
        best = max(left, key=lambda i: (weight * relevance[i] - (1 - weight) * nearest[i], -place[i]))
        left.remove(best)
        chosen.append(best)
        for i in left:
            nearest[i] = max(nearest[i], cosine(vectors[i], vectors[best]))
    return chosen


def take(ranking: list[int], lengths: list[int], sentences_n: int | None, words: int | None) -> list[int]:
    """The first `sentences_n` of the ranking, or those that fit in `words` taken in rank order (the
    best one if none fits), in document order."""
    if sentences_n is not None:
        return sorted(ranking[:sentences_n])
    chosen: list[int] = []
    total = 0
    for i in ranking:
        if total + lengths[i] <= words:
            chosen.append(i)
            total += lengths[i]
    return sorted(chosen or ranking[:1])
