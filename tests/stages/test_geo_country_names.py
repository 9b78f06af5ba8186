"""Country names shared by two countries resolve by the document's focus."""

from __future__ import annotations

import pytest

from thucydides.pipeline import Pipeline
from thucydides.records import Article

pytestmark = pytest.mark.slow


def _countries(pipeline: Pipeline, text: str, name: str) -> set[str | None]:
    result = pipeline.process(Article(id="t", text=text))
    return {m.place.country if m.place else None for m in result.places if m.text == name}


def test_congo_in_a_drc_story_is_the_drc(pipeline: Pipeline) -> None:
    text = (
        "Rebels said on Monday they had captured Goma, the largest city in the Democratic Republic of Congo. "
        "The government in Kinshasa said Congo would not negotiate with the rebels in North Kivu."
    )
    assert _countries(pipeline, text, "Congo") == {"CD"}


def test_congo_beside_brazzaville_is_the_republic(pipeline: Pipeline) -> None:
    text = "Fighting erupted in Brazzaville, the capital of Congo, on Monday."
    assert _countries(pipeline, text, "Congo") == {"CG"}
