"""The issue's goals for quotations, scored once per session by the official scorers (../shared/eval)."""
import importlib.util

import pytest

from conftest import ROOT

pytestmark = pytest.mark.eval


@pytest.fixture(scope="module")
def figures(shared_data) -> dict:
    """Our figures on PolNeAR dev and the seed article, as benchmarks/quotes.py measures them (after
    `shared_data` has checked that ../shared is there)."""
    spec = importlib.util.spec_from_file_location("quotes_benchmark", ROOT / "benchmarks" / "quotes.py")
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    return benchmark.figures(*benchmark.ours(benchmark.load_documents("dev")))


def test_seed_all_quotations_found_with_their_speakers(figures):
    assert (figures["seed found"], figures["seed right"]) == ("13/13", "13/13")


@pytest.mark.parametrize("figure, goal", [("direct F1", 0.95), ("speaker acc", 0.90), ("e2e F1", 0.87),
                                          ("indirect F1", 0.55)])
def test_polnear_dev_reaches_the_goal(figures, figure, goal):
    assert figures[figure] >= goal
