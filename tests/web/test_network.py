"""The actor network in headless Chromium: readable labels, arrows, legend, tooltips, picking.

Geometry is read from the page itself (client rectangles of the drawn elements), so these
tests fail when labels overlap each other, nodes or edges, when arrowheads or the legend
go missing, or when the layout stops using the panel.
"""

from __future__ import annotations

import json
import re
from itertools import combinations
from typing import Any

import pytest
from browser_support import Server, shoot
from playwright.sync_api import expect
from test_dashboard import loaded, open_dashboard

pytestmark = pytest.mark.browser

HOSTILE_NAME = '<img src=x onerror="window.pwned=1">Gang'

# Everything a test needs to know about the drawn network, in client (page) coordinates.
GEOMETRY = """() => {
  const svg = document.querySelector("#network");
  const rect = (el) => { const r = el.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const nodes = [...svg.querySelectorAll(".node")].map((g) => {
    const c = g.querySelector("circle").getBoundingClientRect();
    const label = g.querySelector("text");
    return {
      id: g.dataset.id,
      x: c.left + c.width / 2, y: c.top + c.height / 2,
      circle: rect(g.querySelector("circle")),
      label: label && label.textContent ? rect(label) : null,
      text: label ? label.textContent : null,
      title: g.querySelector(":scope > title").textContent,
    };
  });
  const links = [...svg.querySelectorAll(".link")].map((g) => {
    const edge = g.querySelector(".edge");
    const matrix = edge.getScreenCTM();
    const length = edge.getTotalLength();
    const points = [];
    for (let at = 0; at <= length; at += 2) {
      const p = edge.getPointAtLength(at).matrixTransform(matrix);
      points.push([p.x, p.y]);
    }
    const arrow = g.querySelector(".arrow");
    const tip = arrow.getAttribute("d").split(" ").slice(1, 3).map(Number);  // "M x y L ...": the tip
    const t = new DOMPoint(tip[0], tip[1]).matrixTransform(arrow.getScreenCTM());
    return {
      source: g.dataset.source, target: g.dataset.target, type: g.dataset.type,
      title: g.querySelector("title").textContent,
      width: Number(edge.getAttribute("stroke-width")),
      stroke: getComputedStyle(edge).stroke, arrowFill: getComputedStyle(arrow).fill,
      tip: [t.x, t.y], points,
    };
  });
  const legend = [...document.querySelectorAll("#network-legend .key[data-type]")].map((k) => ({
    type: k.dataset.type, colour: getComputedStyle(k.querySelector("line")).stroke, text: k.textContent,
  }));
  const timeline = Object.fromEntries([...document.querySelectorAll("#legend .key")].map((k) =>
    [k.textContent, getComputedStyle(k.querySelector("i")).backgroundColor]));
  return {panel: rect(svg), nodes, links, legend, timeline};
}"""


def geometry(page: Any) -> dict[str, Any]:
    return page.evaluate(GEOMETRY)


def intersect(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def contains(box: dict[str, float], x: float, y: float, inset: float = 1.0) -> bool:
    return box["left"] + inset < x < box["right"] - inset and box["top"] + inset < y < box["bottom"] - inset


def assert_labels_readable(geo: dict[str, Any], *, edges_too: bool) -> None:
    """No two labels intersect, no label covers another node, every label is in the panel;
    with ``edges_too``, no edge runs under a label either."""
    labelled = [n for n in geo["nodes"] if n["label"]]
    for a, b in combinations(labelled, 2):
        assert not intersect(a["label"], b["label"]), f"labels overlap: {a['text']!r} and {b['text']!r}"
    for node in labelled:
        for other in geo["nodes"]:
            if other["id"] != node["id"]:
                assert not intersect(node["label"], other["circle"]), (
                    f"{node['text']!r} covers {other['id']!r}"
                )
        box, panel = node["label"], geo["panel"]
        for side in ("left", "top"):
            assert panel[side] <= box[side], node["text"]
        for side in ("right", "bottom"):
            assert box[side] <= panel[side], node["text"]
        if edges_too:
            for link in geo["links"]:
                hidden = [p for p in link["points"] if contains(box, *p)]
                assert not hidden, f"{node['text']!r} covers the edge {link['title']!r}"


def assert_nodes_apart(geo: dict[str, Any]) -> None:
    """No two circles touch: every edge keeps room for its line and arrowhead."""
    for a, b in combinations(geo["nodes"], 2):
        assert not intersect(a["circle"], b["circle"]), f"{a['id']!r} and {b['id']!r} overlap"


def assert_arrows_point_at_targets(geo: dict[str, Any]) -> None:
    """Every edge ends in an arrowhead of its colour, whose tip is at the target's circle."""
    at = {n["id"]: n for n in geo["nodes"]}
    assert geo["links"]
    for link in geo["links"]:
        source, target = at[link["source"]], at[link["target"]]
        tip_x, tip_y = link["tip"]
        to_target = ((tip_x - target["x"]) ** 2 + (tip_y - target["y"]) ** 2) ** 0.5
        to_source = ((tip_x - source["x"]) ** 2 + (tip_y - source["y"]) ** 2) ** 0.5
        radius = (target["circle"]["right"] - target["circle"]["left"]) / 2
        assert to_target < to_source, link["title"]
        assert to_target <= radius + 3, link["title"]
        assert link["arrowFill"] == link["stroke"], link["title"]


def assert_legend_matches(geo: dict[str, Any]) -> None:
    """One legend key per event type drawn, in the timeline's colour for that type."""
    types = {link["type"] for link in geo["links"]}
    assert {key["type"] for key in geo["legend"]} == types
    for key in geo["legend"]:
        assert key["text"] == key["type"]
        assert key["colour"] == next(link["stroke"] for link in geo["links"] if link["type"] == key["type"])
        if key["type"] in geo["timeline"]:
            assert key["colour"] == geo["timeline"][key["type"]], key["type"]


def spread(geo: dict[str, Any]) -> tuple[float, float]:
    """How much of the panel's width and height the node centres span (0 to 1)."""
    xs = [n["x"] for n in geo["nodes"]]
    ys = [n["y"] for n in geo["nodes"]]
    panel = geo["panel"]
    return (max(xs) - min(xs)) / (panel["right"] - panel["left"]), (max(ys) - min(ys)) / (
        panel["bottom"] - panel["top"]
    )


def test_network_of_the_demo_data_is_readable(page: Any, server: Server) -> None:
    open_dashboard(page, server)
    geo = geometry(page)
    assert len(geo["nodes"]) == 7
    assert all(n["label"] for n in geo["nodes"])  # room for every name here
    assert_labels_readable(geo, edges_too=True)
    assert_arrows_point_at_targets(geo)
    assert_legend_matches(geo)
    assert {link["title"] for link in geo["links"]} == {
        "Paul Soler → Khalifa Haftar: SUPPORT ×1",
        "Khalifa Haftar → Paul Soler: CONSULT ×1",
        f"{HOSTILE_NAME} → Khalifa Haftar: ASSAULT ×1",
        "Russian Aerospace Forces → rebel positions: ASSAULT ×1",
        "the police → protesters: ASSAULT ×1",
    }
    wide, tall = spread(geo)
    assert wide > 0.5  # the layout uses the panel
    assert tall > 0.4
    # a long (here hostile) name is cut in the label, whole in the tooltip, and stays text
    hostile = next(n for n in geo["nodes"] if n["id"] == "Q-hostile")
    assert hostile["text"] == HOSTILE_NAME[:23] + "…"
    assert hostile["title"] == f"{HOSTILE_NAME} · LBY · REB"
    assert page.locator("#network img").count() == 0
    assert page.evaluate("window.pwned") is None
    assert page.problems == []
    shoot(page.locator("#network-view"), "network-all")


def test_network_of_one_actor_puts_it_in_the_middle(page: Any, server: Server) -> None:
    open_dashboard(page, server, "?actor=Q1161140")
    geo = geometry(page)
    assert {n["id"] for n in geo["nodes"]} == {"Q1161140", "Q-soler", "Q-hostile"}
    assert_labels_readable(geo, edges_too=True)
    assert_arrows_point_at_targets(geo)
    assert_legend_matches(geo)
    wide, tall = spread(geo)
    assert wide > 0.5  # no more collapsing onto one line in the middle
    assert tall > 0.4
    hub = next(n for n in geo["nodes"] if n["id"] == "Q1161140")
    panel = geo["panel"]
    assert abs(hub["x"] - (panel["left"] + panel["right"]) / 2) < 0.15 * (panel["right"] - panel["left"])
    assert page.locator("#network .node.selected").count() == 1
    # the two edges between Haftar and Soler (one each way) are drawn apart, not on top of each other
    pair = [link for link in geo["links"] if {link["source"], link["target"]} == {"Q1161140", "Q-soler"}]
    assert len(pair) == 2
    middle = [link["points"][len(link["points"]) // 2] for link in pair]
    assert ((middle[0][0] - middle[1][0]) ** 2 + (middle[0][1] - middle[1][1]) ** 2) ** 0.5 > 10
    shoot(page.locator("#network-view"), "network-one-actor")

    # hovering an actor dims the edges that do not touch it
    page.hover("#network .node[data-id='Q-soler'] circle")
    expect(page.locator("#network .link.focus")).to_have_count(2)
    assert "focusing" in (page.get_attribute("#network", "class") or "")

    # a label is part of its actor: clicking it filters too, and so does Enter on a focused actor
    page.click("#network .node[data-id='Q-soler'] text")
    expect(page).to_have_url(re.compile(r"[?&]actor=Q-soler(&|$)"))
    loaded(page)
    page.focus("#network .node[data-id='Q1161140']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]actor=Q1161140(&|$)"))
    expect(page.locator("#events tbody tr[data-id]")).to_have_count(3)


def crowded_network() -> dict[str, Any]:
    """A synthetic network denser than the demo: hubs, long and hostile names, many types."""
    names = [
        "Khalifa Haftar",
        "Government of National Unity",
        "Libyan National Army",
        "Wagner Group private military contractors",
        HOSTILE_NAME,
        "<script>alert(1)</script>",
        "United Nations Support Mission in Libya",
        "protesters",
        "the police",
        "Tripoli Revolutionaries Brigade",
        "Rada Special Deterrence Force",
        "House of Representatives",
        "Abdul Hamid Dbeibah",
        "Turkey",
        "Egypt",
        "United Arab Emirates",
        "Russia",
        "European Union",
        "Misrata militias",
        "Zintan brigades",
        "migrants",
        "journalists",
        "Tuareg fighters",
        "Tebu tribesmen",
    ]
    nodes = [
        {"id": f"N{i}", "name": name, "country": "LBY", "sector": "GOV", "resolved": i % 3 != 0}
        for i, name in enumerate(names)
    ]
    types = ["ASSAULT", "CONSULT", "SUPPORT", "COERCE", "ACCUSE", "AID"]
    edges = []
    for i in range(1, len(names)):
        hub = 0 if i % 3 else (1 if i % 2 else 2)
        edges.append(
            {"source": f"N{hub}", "target": f"N{i}", "event_type": types[i % len(types)], "count": 1 + i % 5}
        )
        if i % 4 == 0:
            edges.append(
                {
                    "source": f"N{i}",
                    "target": f"N{hub}",
                    "event_type": types[(i + 1) % len(types)],
                    "count": 1,
                }
            )
        if i % 5 == 0 and i + 1 < len(names):
            edges.append({"source": f"N{i}", "target": f"N{i + 1}", "event_type": "ASSAULT", "count": 7})
    return {"nodes": nodes, "edges": edges}


@pytest.mark.parametrize("viewport", [(1400, 1000), (800, 900)])
def test_crowded_network_keeps_labels_apart(page: Any, server: Server, viewport: tuple[int, int]) -> None:
    network = crowded_network()
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.route(
        re.compile(r".*/api/network(\?.*)?$"),
        lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(network)),
    )
    open_dashboard(page, server)
    geo = geometry(page)
    assert len(geo["nodes"]) == len(network["nodes"])
    labelled = [n for n in geo["nodes"] if n["label"]]
    assert len(labelled) >= 8  # the hubs at least
    assert {"N0", "N1", "N2"} <= {n["id"] for n in labelled}
    assert_labels_readable(geo, edges_too=False)
    assert_nodes_apart(geo)
    assert_arrows_point_at_targets(geo)
    assert_legend_matches(geo)
    # line width follows the count: the 7-event edges are the widest
    widest = max(link["width"] for link in geo["links"])
    assert {link["title"].rsplit("×", 1)[1] for link in geo["links"] if link["width"] == widest} == {"7"}
    assert min(link["width"] for link in geo["links"]) < widest / 2
    # every name is whole in a tooltip, and markup in names stays text
    assert {n["title"].split(" · ")[0] for n in geo["nodes"]} == {n["name"] for n in network["nodes"]}
    assert page.locator("#network img, #network script, #network-legend img").count() == 0
    assert page.evaluate("window.pwned") is None
    assert page.problems == []
    shoot(page.locator("#network-view"), f"network-crowded-{viewport[0]}")


def largest_network() -> dict[str, Any]:
    """As many edges as the dashboard asks for (60), nearly all between different actors."""
    edges = []
    for k in range(60):
        source, target = (k * 7) % 110, (k * 13 + 5) % 110
        edges.append(
            {
                "source": f"N{source}",
                "target": f"N{target}",
                "event_type": ["ASSAULT", "CONSULT", "AID"][k % 3],
                "count": 1 + k % 9,
            }
        )
    used = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    nodes = [{"id": key, "name": f"Actor {key} with a rather long name", "resolved": True} for key in used]
    return {"nodes": nodes, "edges": edges}


def test_largest_network_keeps_actors_apart(page: Any, server: Server) -> None:
    network = largest_network()
    page.route(
        re.compile(r".*/api/network(\?.*)?$"),
        lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(network)),
    )
    open_dashboard(page, server)
    geo = geometry(page)
    assert len(geo["nodes"]) == len(network["nodes"]) > 80
    assert any(n["label"] for n in geo["nodes"])  # the hubs keep their names
    assert_labels_readable(geo, edges_too=False)
    assert_nodes_apart(geo)
    assert_arrows_point_at_targets(geo)
    assert page.problems == []
    shoot(page.locator("#network-view"), "network-largest")
