"""Shared fixtures: the evaluation data lives in ../shared beside the checkout, never copied in."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of public evaluation data (../shared/data)."""
    path = SHARED / "data"
    if not path.is_dir():
        pytest.fail(f"evaluation data not found at {path}: clone the project beside shared/")
    return path


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """The folder of official scorers (../shared/eval)."""
    return SHARED / "eval"
