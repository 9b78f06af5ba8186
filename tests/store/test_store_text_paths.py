"""Full-text filters: the "dense words" page plan and capped totals give the same answers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from store_factory import bulk_result, sudan_result

from thucydides.store import EventFilter, Store, core


@pytest.fixture
def many(store: Store) -> Store:
    for i in range(12):
        store.save(bulk_result(i, day=date(2024, 1, 1) + timedelta(days=i)))
    store.save(sudan_result())
    return store


def page_ids(store: Store, f: EventFilter, **options: object) -> list[str]:
    return [r["id"] for r in store.events(f, limit=5, **options).rows]  # type: ignore[arg-type]


def test_dense_words_walk_the_date_index_with_the_same_result(
    many: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    word = next(iter(many.events(limit=1).rows[0]["evidence_text"].split()))
    f = EventFilter(text=word)
    expected = {s: page_ids(many, f, sort=s) for s in ("-date", "date", "id")}
    assert expected["-date"]
    monkeypatch.setattr(core, "_DENSE_TEXT", 1)  # every word counts as dense
    assert {s: page_ids(many, f, sort=s) for s in ("-date", "date", "id")} == expected


def test_text_total_is_capped_and_counts_rejections(many: Store) -> None:
    word = next(iter(many.events(limit=1).rows[0]["evidence_text"].split()))
    f = EventFilter(text=word)
    n = many.count_events(f)
    assert n >= 3
    assert many.total(f, cap=n) == core.Total(count=n, is_estimate=False)
    assert many.total(f, cap=n - 1) == core.Total(count=n - 1, is_estimate=True)
    many.add_correction(many.events(f, limit=1).rows[0]["id"], action="reject", author="ana")
    assert many.total(f, cap=n - 1) == core.Total(count=n - 1, is_estimate=False)


def test_words_with_other_filters_count_among_the_first_hits(many: Store) -> None:
    word = next(iter(many.events(limit=1).rows[0]["evidence_text"].split()))
    hits = many.count_events(EventFilter(text=word))
    f = EventFilter(text=word, event_type="PROTEST")
    n = many.count_events(f)
    assert 3 <= n < hits
    assert many.total(f, cap=hits) == core.Total(count=n, is_estimate=False)
    if many.search != "fts5":
        return
    capped = many.total(f, cap=hits - 1)  # only the first hits - 1 hits are looked at
    assert capped.is_estimate
    assert n - 1 <= capped.count <= n  # a lower bound, off by at most the hit left out
