from __future__ import annotations

from pathlib import Path

import pytest

from thucydides.errors import EmptyInputError
from thucydides.pipeline import Failure, Pipeline
from thucydides.readers import read_paths
from thucydides.records import Article, ArticleResult

pytestmark = pytest.mark.slow


def test_paragraphs_are_sentence_boundaries(nlp_only_pipeline: Pipeline) -> None:
    text = (
        "Troops enter the capital as the government flees\n\n"
        "The army said troops entered the capital on Sunday."
    )
    result = nlp_only_pipeline.process(Article(id="x", text=text))
    assert [s.text for s in result.sentences] == [
        "Troops enter the capital as the government flees",
        "The army said troops entered the capital on Sunday.",
    ]
    for sentence in result.sentences:
        assert result.text[sentence.start : sentence.end] == sentence.text


def test_stream_keeps_going_past_bad_inputs(nlp_only_pipeline: Pipeline) -> None:
    items = [
        Article(id="a", text="The minister met the envoy."),
        EmptyInputError("the input is empty", source="empty.txt"),
        Article(id="b", text="Police arrested two protesters."),
    ]
    outcomes = list(nlp_only_pipeline.process_many(items, batch_size=2))
    assert sorted(type(o).__name__ for o in outcomes) == ["ArticleResult", "ArticleResult", "Failure"]
    failure = next(o for o in outcomes if isinstance(o, Failure))
    assert failure.source == "empty.txt"
    assert failure.error_class == "EmptyInputError"


def test_seed_sentences_carry_no_furniture(nlp_only_pipeline: Pipeline, seeds_dir: Path) -> None:
    results = [
        o for o in nlp_only_pipeline.process_many(read_paths([seeds_dir])) if isinstance(o, ArticleResult)
    ]
    assert len(results) == 2
    for result in results:
        title = result.article.title or ""
        for sentence in result.sentences:
            assert title[:30] not in sentence.text
            assert "Show More" not in sentence.text
            assert "Back to top" not in sentence.text
