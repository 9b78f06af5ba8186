"""Words matching very many events: a sorted page probes each event it walks in the FTS5
index (``Plan.probe_text``) and gives the page of the plain plans (every hit looked up, or
every event tested against a list of the hits), with corrections and rejections."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from store_factory import bulk_result, libya_result, sudan_result

from thucydides.store import EventFilter, Store, core, query

PLANS = {
    "plain": query.Plan(),
    "listed": query.Plan(dense_text=True),
    "probed": query.Plan(dense_text=True, probe_text=True),
}
WORDS = ["police gas", "Khartoum", "haftar", "tear protesters wednesday", "nowhere"]
SORTS = ["-date", "date", "-confidence", "confidence", "id", "-id"]


@pytest.fixture
def reviewed(store: Store) -> Store:
    """Sixteen events: twelve alike (the police fired tear gas), of two types; a reviewer
    made one a CONSULT and rejected another."""
    store.save(libya_result())
    store.save(sudan_result())
    for i in range(14):
        kind = "PROTEST" if i % 3 else "ASSAULT"
        store.save(bulk_result(i, day=date(2024, 1, 1) + timedelta(days=i % 5), event_type=kind))
    edit = {"event_type": "CONSULT", "date_value": "2024-02-01", "date_precision": "day"}
    store.add_correction("a-bulk-0003-e1", action="edit", author="ana", changes=edit)
    store.add_correction("a-bulk-0004-e1", action="reject", author="ana")
    return store


def page(store: Store, f: EventFilter, *, plan: query.Plan, sort: str, limit: int = 5) -> list[str]:
    view = query.effective_events(f, search=store.search, plan=plan, sort=sort, top=limit)
    stmt = select(view.c.id).order_by(*query.order_by(view, sort)).limit(limit)
    with store.engine.connect() as conn:
        return list(conn.execute(stmt).scalars())


def counted(store: Store, f: EventFilter, *, plan: query.Plan) -> int:
    view = query.effective_events(f, search=store.search, plan=plan)
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(view)).scalar_one())


@pytest.mark.parametrize("include_rejected", [False, True])
@pytest.mark.parametrize("event_type", [None, "PROTEST", "CONSULT", ("ASSAULT", "CONSULT")])
@pytest.mark.parametrize("words", WORDS)
def test_probed_words_give_the_plain_pages_and_counts(
    reviewed: Store, words: str, event_type: str | tuple[str, ...] | None, include_rejected: bool
) -> None:
    f = EventFilter(text=words, event_type=event_type, include_rejected=include_rejected)
    for sort in SORTS:
        for limit in (3, 20):
            pages = {
                name: page(reviewed, f, plan=plan, sort=sort, limit=limit) for name, plan in PLANS.items()
            }
            assert pages["probed"] == pages["listed"] == pages["plain"], (sort, limit)
    counts = {name: counted(reviewed, f, plan=plan) for name, plan in PLANS.items()}
    assert counts["probed"] == counts["listed"] == counts["plain"]


def test_probed_words_see_rejections_and_edits(reviewed: Store) -> None:
    probed = PLANS["probed"]
    everything = page(reviewed, EventFilter(text="police gas"), plan=probed, sort="-date", limit=50)
    assert "a-bulk-0004-e1" not in everything  # rejected
    assert everything[0] == "a-bulk-0003-e1"  # its date moved to February
    consults = page(reviewed, EventFilter(text="police gas", event_type="CONSULT"), plan=probed, sort="id")
    assert consults == ["a-bulk-0003-e1"]
    rejected = EventFilter(text="police gas", include_rejected=True)
    assert "a-bulk-0004-e1" in page(reviewed, rejected, plan=probed, sort="id", limit=50)


def test_store_pages_with_every_words_plan_agree(reviewed: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    filters = [EventFilter(text=w, event_type=t) for w in WORDS for t in (None, "PROTEST")]

    def pages() -> list[list[str]]:
        return [[r["id"] for r in reviewed.events(f, limit=4, sort=s).rows] for f in filters for s in SORTS]

    plain = pages()
    monkeypatch.setattr(core, "_DENSE_TEXT", 1)  # every word is dense: the hits are listed
    assert pages() == plain
    monkeypatch.setattr(core, "_PROBE_TEXT", 0)  # and probed whenever any is estimated
    monkeypatch.setattr(query, "_SAMPLE", 1)
    monkeypatch.setattr(query, "_SAMPLE_BOUND", 1 << 62)  # the sample is every hit
    if reviewed.search == "fts5":
        assert reviewed._plan(filters[0], sorted_page=True, top=5).probe_text
    assert pages() == plain


def test_words_plan_follows_the_estimated_hits(reviewed: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    if reviewed.search != "fts5":
        pytest.skip("the FTS5 plans only")
    f = EventFilter(text="police gas")
    with reviewed.engine.connect() as conn:
        assert query.fts_sampled_hits(conn, "nowhere") == 0
        monkeypatch.setattr(query, "_SAMPLE", 1)
        monkeypatch.setattr(query, "_SAMPLE_BOUND", 1 << 62)
        assert query.fts_sampled_hits(conn, "police gas") == 15  # every hit, the rejected one too
    monkeypatch.setattr(core, "_DENSE_TEXT", 1)
    monkeypatch.setattr(core, "_PROBE_TEXT", 1)
    # 15 hits of 16 events: a page of 1 walks about one event, a page of 100 every one
    assert reviewed._plan(f, sorted_page=True, top=1).probe_text
    assert not reviewed._plan(f, sorted_page=True, top=100).probe_text
    assert not reviewed._plan(f, sorted_page=False, top=None).probe_text
    assert not reviewed._plan(f, sorted_page=False, top=10_001).probe_text
