"""Shared fixtures. Tests that load the spaCy model are marked ``slow`` and share
one pipeline per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from thucydides.config import Settings, load_settings
from thucydides.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings(environ={}, config_file=None)


@pytest.fixture(scope="session")
def pipeline(settings: Settings) -> Pipeline:
    """The full pipeline with every stage (loads the model once per session)."""
    return Pipeline(settings)


@pytest.fixture(scope="session")
def nlp_only_pipeline() -> Pipeline:
    """Clean + NLP only: no later stages."""
    return Pipeline(load_settings(environ={}, overrides={"stages": ""}))


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    return SEEDS
