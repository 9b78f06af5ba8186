"""Relative dates against the publication date; never invented without one."""

from __future__ import annotations

from datetime import date

import pytest

from thucydides.records import Article, Event
from thucydides.stages.base import DocState
from thucydides.stages.dates import DateStage, resolve_date_text

PUBLISHED = date(2020, 6, 23)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("On Monday", date(2020, 6, 22), "day"),
        ("on Tuesday", date(2020, 6, 23), "day"),
        ("On Sunday", date(2020, 6, 21), "day"),
        ("last Tuesday", date(2020, 6, 16), "day"),
        ("yesterday", date(2020, 6, 22), "day"),
        ("today", date(2020, 6, 23), "day"),
        ("last week", date(2020, 6, 15), "week"),
        ("earlier this month", date(2020, 6, 1), "month"),
        ("last year", date(2019, 1, 1), "year"),
        ("on 5 June", date(2020, 6, 5), "day"),
        ("December 10, 2016", date(2016, 12, 10), "day"),
    ],
)
def test_relative_and_explicit_dates(text: str, value: date, precision: str) -> None:
    got = resolve_date_text(text, PUBLISHED)
    assert got is not None
    assert (got.value, got.precision, got.text) == (value, precision, text)


def test_without_publication_date_nothing_is_invented() -> None:
    weekday = resolve_date_text("On Sunday", None)
    assert weekday is not None
    assert (weekday.value, weekday.precision) == (None, "weekday-only")
    for text in ("yesterday", "on 5 June", "last week"):
        got = resolve_date_text(text, None)
        assert got is None or got.value is None, text
    absolute = resolve_date_text("June 5, 2020", None)
    assert absolute is not None
    assert absolute.value == date(2020, 6, 5)


def test_durations_and_ages_are_not_dates() -> None:
    assert resolve_date_text("three years", PUBLISHED) is None
    assert resolve_date_text("62-year-old", PUBLISHED) is None


def _state(nlp, text: str, verb: str, published: date | None) -> DocState:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    token = next(t for t in doc if t.text == verb)
    event = Event(
        id="e1",
        article_id="a",
        sentence_index=0,
        evidence_text=token.sent.text,
        evidence_span=(token.sent.start_char, token.sent.end_char),
        event_type="CONSULT",
    )
    return DocState(
        article=Article(id="a", text=text, published=published),
        text=text,
        doc=doc,
        events=[event],
        anchors={"e1": token.i},
    )


@pytest.fixture(scope="module")
def date_nlp():  # type: ignore[no-untyped-def]
    from thucydides.config import Settings
    from thucydides.stages.nlp import load_model

    return load_model(Settings().model)


@pytest.mark.slow
def test_stage_reads_the_sentence_date_with_its_preposition(date_nlp) -> None:  # type: ignore[no-untyped-def]
    text = "On Monday, Al-Sarraj, Townsend and Norland met in the coastal city of Zuwara."
    state = _state(date_nlp, text, "met", PUBLISHED)
    DateStage()(state)
    when = state.events[0].date
    assert (when.value, when.precision, when.text, when.basis) == (
        date(2020, 6, 22),
        "day",
        "On Monday",
        "relative-to-published",
    )
    state = _state(date_nlp, text, "met", None)
    DateStage()(state)
    when = state.events[0].date
    assert (when.value, when.precision, when.text) == (None, "weekday-only", "On Monday")


@pytest.mark.slow
def test_event_without_date_gets_the_publication_date(date_nlp) -> None:  # type: ignore[no-untyped-def]
    state = _state(date_nlp, "The two leaders met in Tripoli.", "met", PUBLISHED)
    DateStage()(state)
    when = state.events[0].date
    assert (when.value, when.precision, when.basis) == (PUBLISHED, "day", "published")
    state = _state(date_nlp, "The two leaders met in Tripoli.", "met", None)
    DateStage()(state)
    assert state.events[0].date.value is None
