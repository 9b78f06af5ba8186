"""The runners give the same results as the pipeline run in process."""

from __future__ import annotations

import pytest

from thucydides.config import Settings
from thucydides.errors import EmptyInputError
from thucydides.pipeline import Failure, Pipeline
from thucydides.records import Article, ArticleResult
from thucydides.runners import run_local

pytestmark = pytest.mark.slow

ARTICLES = [
    Article(
        id="r1", text="On Monday, the Libyan foreign minister met the Tunisian foreign minister in Tunis."
    ),
    Article(id="r2", text="Police arrested ten protesters in Tripoli on Sunday, the interior ministry said."),
    Article(id="r3", text="Rebels attacked an army base near Gao, killing four soldiers."),
]


def _by_id(outcomes: list[ArticleResult | Failure]) -> dict[str, list[tuple[str, int]]]:
    return {
        o.article.id: sorted((e.event_type, e.sentence_index) for e in o.events)
        for o in outcomes
        if isinstance(o, ArticleResult)
    }


@pytest.fixture(scope="module")
def expected(pipeline: Pipeline) -> dict[str, list[tuple[str, int]]]:
    return _by_id(list(pipeline.process_many(ARTICLES)))


def test_dask_runner_matches_the_pipeline(
    settings: Settings, expected: dict[str, list[tuple[str, int]]]
) -> None:
    pytest.importorskip("dask")
    from thucydides.runners.dask import run_dask

    items = [*ARTICLES, EmptyInputError("the input is empty", source="empty.txt")]
    outcomes = list(run_dask(items, settings=settings, scheduler="threads", chunk_size=2, window=2))
    assert _by_id(outcomes) == expected
    failures = [o for o in outcomes if isinstance(o, Failure)]
    assert [f.source for f in failures] == ["empty.txt"]


def test_local_pool_matches_the_pipeline(
    settings: Settings, expected: dict[str, list[tuple[str, int]]]
) -> None:
    outcomes = list(run_local(ARTICLES, settings=settings, workers=2))
    assert _by_id(outcomes) == expected
