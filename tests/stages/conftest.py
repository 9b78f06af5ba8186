"""Fixtures of the coder tests: the model and the coder, loaded once per test session."""

from __future__ import annotations

from typing import Any

import pytest

from thucydides.config import Settings
from thucydides.stages.coding import CodingStage
from thucydides.stages.nlp import load_model


@pytest.fixture(scope="session")
def nlp() -> Any:
    return load_model(Settings().model)


@pytest.fixture(scope="session")
def coder() -> CodingStage:
    return CodingStage.from_settings(Settings())
