"""The dashboard in headless Chromium: views, linked filters, evidence, corrections, escaping."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_support import Server, shoot
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ALL_EVENTS = 6


def open_dashboard(page: Any, server: Server, query: str = "") -> None:
    page.goto(f"{server.url}/{query}")
    page.wait_for_selector("#map .countries path")
    loaded(page)


def loaded(page: Any) -> None:
    """Wait until every view has drawn (the page's CSP forbids eval, so no wait_for_function)."""
    expect(page.locator("body")).to_have_attribute("data-loading", "false")


def rows(page: Any) -> list[str]:
    return page.eval_on_selector_all("#events tbody tr[data-id]", "els => els.map(e => e.dataset.id)")


def test_dashboard_loads_every_view(page: Any, server: Server) -> None:
    open_dashboard(page, server)
    assert page.locator("#map .countries path").count() > 200  # the offline world basemap
    assert page.locator("#map .point").count() == 4  # Benghazi, Khartoum, Aleppo, Tripoli
    assert page.locator("#timeline .bars rect").count() == ALL_EVENTS  # one event per day here
    assert page.locator("#network .node").count() == 7
    assert len(rows(page)) == ALL_EVENTS
    assert page.locator("#table-count").inner_text() == f"{ALL_EVENTS} matching"
    shoot(page, "dashboard")
    shoot(page.locator("#map-view"), "map")
    assert page.problems == []


def test_actor_filter_updates_map_timeline_network_and_table(page: Any, server: Server) -> None:
    open_dashboard(page, server)
    page.fill("#filters input[name=actor]", "Q1161140")
    page.click("#filters button[type=submit]")
    expect(page.locator("#events tbody tr[data-id]")).to_have_count(3)
    loaded(page)
    assert sorted(rows(page)) == ["a-hostile-e1", "a-libya-e1", "a-libya-e2"]
    assert page.locator("#map .point").count() == 2  # Benghazi and Tripoli
    assert page.locator("#timeline .bars rect").count() == 3
    assert page.locator("#network .node.selected").count() == 1
    assert "actor=Q1161140" in page.url
    shoot(page.locator("#timeline-view"), "timeline")
    shoot(page.locator("#network-view"), "network")

    # the filters live in the URL: a reload shows the same selection
    page.reload()
    expect(page.locator("#events tbody tr[data-id]")).to_have_count(3)
    assert page.input_value("#filters input[name=actor]") == "Q1161140"

    # clicking an actor in the network filters by it
    page.click("#network .node[data-id='Q-soler'] circle")
    expect(page).to_have_url(re.compile(r"[?&]actor=Q-soler(&|$)"))
    expect(page.locator("#events tbody tr[data-id]")).to_have_count(2)
    assert sorted(rows(page)) == ["a-libya-e1", "a-libya-e2"]


def test_timeline_brush_sets_the_date_range(page: Any, server: Server) -> None:
    open_dashboard(page, server)
    box = page.locator("#timeline .brush-overlay").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 1, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=5)
    page.mouse.up()
    expect(page).to_have_url(re.compile(r"[?&]until="))
    loaded(page)
    since = page.input_value("#filters input[name=since]")
    until = page.input_value("#filters input[name=until]")
    assert since == "2023-10-01"
    assert "2023-10-01" <= until < "2023-11-15"
    assert "a-sudan-e1" not in rows(page)
    assert "a-libya-e1" in rows(page)


def test_article_view_highlights_the_evidence(page: Any, server: Server) -> None:
    open_dashboard(page, server)
    page.click("#events tbody tr[data-id='a-libya-e2']")
    page.wait_for_selector("#article-view mark.current")
    assert page.inner_text("#article-view mark.current") == (
        "Paul Soler later praised Khalifa Haftar for his cooperation."
    )
    assert page.locator("#article-text .hl-evidence").count() >= 2  # the article's other event too
    assert "event=a-libya-e2" in page.url
    shoot(page.locator("#article-view"), "article")
    # the open event is in the URL too
    page.reload()
    page.wait_for_selector("#article-view mark.current")
    assert page.inner_text("#article-title") == "Envoy meets Haftar in Benghazi"


def test_correction_needs_the_token_and_persists(page: Any, server: Server) -> None:
    open_dashboard(page, server, "?event=a-sudan-e2")
    page.wait_for_selector("#article-view mark.current")
    form = "#correction"
    page.select_option(f"{form} select[name=action]", "edit")
    page.select_option(f"{form} select[name=event_type]", "COERCE")
    page.fill(f"{form} input[name=author]", "Analyst A")
    page.fill(f"{form} input[name=token]", "")
    page.click(f"{form} button[type=submit]")
    expect(page.locator("#correction-status")).to_have_text(re.compile("^Not saved"))
    assert "401" in page.inner_text("#correction-status")
    assert server.store.corrections("a-sudan-e2") == []

    page.fill(f"{form} input[name=token]", server.token)
    page.click(f"{form} button[type=submit]")
    expect(page.locator("#correction-status")).to_have_text("Saved.")
    stored = server.store.corrections("a-sudan-e2")
    assert [(c["action"], c["author"], c["changes"]["event_type"]) for c in stored] == [
        ("edit", "Analyst A", "COERCE")
    ]
    page.wait_for_selector("#audit li strong")
    assert "Analyst A" in page.inner_text("#audit")

    page.reload()
    page.wait_for_selector("#events tbody tr[data-id='a-sudan-e2']")
    row = page.inner_text("#events tbody tr[data-id='a-sudan-e2']")
    assert "COERCE" in row
    assert "edited" in row
    shoot(page.locator("#table-view"), "table")


def test_editing_sides_persists_and_shows_in_table_and_network(page: Any, server: Server) -> None:
    open_dashboard(page, server, "?event=a-sudan-e1")
    page.wait_for_selector("#article-view mark.current")
    form = "#correction"
    assert page.input_value(f"{form} input[name=sources]") == "the police"
    assert page.input_value(f"{form} input[name=targets]") == "protesters"
    assert page.locator("#network .node[data-id='the police']").count() == 1
    page.select_option(f"{form} select[name=action]", "edit")
    page.fill(f"{form} input[name=sources]", "Q-rus-af")
    page.fill(f"{form} input[name=targets]", "protesters, <i>Egyptian</i> troops")
    page.fill(f"{form} input[name=author]", "Analyst A")
    page.fill(f"{form} input[name=token]", server.token)
    page.click(f"{form} button[type=submit]")
    expect(page.locator("#correction-status")).to_have_text("Saved.")

    (stored,) = server.store.corrections("a-sudan-e1")
    assert set(stored["changes"]) == {"sources", "targets"}  # nothing else differed
    assert [a["actor_id"] for a in stored["changes"]["sources"]] == ["Q-rus-af"]
    assert [(a["text"], a["country"], a["sector"]) for a in stored["changes"]["targets"]] == [
        ("protesters", "SDN", "CVL"),  # the coder's actor, kept with its country and sector
        ("<i>Egyptian</i> troops", None, None),
    ]
    page.wait_for_selector("#audit li strong")
    assert "sources → Russian Aerospace Forces" in page.inner_text("#audit")
    assert "Russian Aerospace Forces" in page.inner_text("#event-summary")

    page.reload()
    page.wait_for_selector("#events tbody tr[data-id='a-sudan-e1']")
    loaded(page)
    row = page.inner_text("#events tbody tr[data-id='a-sudan-e1']")
    assert "Russian Aerospace Forces" in row
    assert "<i>Egyptian</i> troops" in row  # as text, never as markup
    assert "the police" not in row
    assert page.locator("#events tbody tr[data-id='a-sudan-e1'] i").count() == 0
    assert page.locator("#network .node[data-id='the police']").count() == 0
    assert page.locator("#network .node[data-id='<i>Egyptian</i> troops']").count() == 1
    assert page.locator("#network .node[data-id='Q-rus-af']").count() == 1
    assert page.problems == []
    page.click("#close-article")  # the article panel covers the network
    shoot(page.locator("#network-view"), "network-edited-sides")


def test_hostile_article_renders_as_text(page: Any, server: Server) -> None:
    open_dashboard(page, server, "?event=a-hostile-e1")
    page.wait_for_selector("#article-view mark.current")
    title = page.title()
    text = page.inner_text("#article-text")
    assert '<script>document.title="pwned"</script>' in text
    assert "onerror=" in text
    assert page.inner_text("#article-title").startswith("<script>")
    assert page.locator("#article-view img, #events img, #network img, #map img").count() == 0
    assert page.locator("#article-view script").count() == 0
    assert page.evaluate("window.pwned") is None
    assert title == page.title()
    assert "pwned" not in title
    assert '<img src=x onerror="window.pwned=1">Gang' in page.inner_text("#events tbody")
    shoot(page.locator("#article-view"), "article-hostile")
