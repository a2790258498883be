"""Shared fixtures: the repository's sample corpus and the optional ../shared material."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PARALLEL = ROOT / "parallel"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """``../shared`` beside the repository; tests that need it skip cleanly without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared reference material is not present beside the repository")
    return SHARED


@pytest.fixture
def parallel() -> Path:
    return PARALLEL
