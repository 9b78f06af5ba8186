// The actor network: who acts on whom. One arrow per (source, target, event type), coloured
// like the timeline, thicker with more events; labels never overlap (see network-layout.js).
// Click an actor (or press Enter on it) to filter every view by it; hover it to see its edges.

import { clear, h, s, size, typeColour } from "./dom.js";
import { fitToPanel, labelBox, placeLabels, reserveRoom, separateOrThin, simulate } from "./network-layout.js";

const LABEL_CHARS = 24; // longer names are cut, the full name stays in the tooltip
const PARALLEL_SPACING = 14; // between two curved edges joining the same pair of actors

/** A label as drawn: the name, cut with an ellipsis when long. */
function short(name) {
  return name.length > LABEL_CHARS ? `${name.slice(0, LABEL_CHARS - 1)}…` : name;
}

/** The nodes with their drawing data: total events (weight), circle radius, name. */
function prepareNodes(network) {
  const weight = new Map(network.nodes.map((node) => [node.id, 0]));
  for (const e of network.edges) {
    weight.set(e.source, (weight.get(e.source) ?? 0) + e.count);
    weight.set(e.target, (weight.get(e.target) ?? 0) + e.count);
  }
  const heaviest = Math.max(...weight.values(), 1);
  return network.nodes.map((node) => ({
    id: node.id,
    data: node,
    name: node.name || node.id,
    weight: weight.get(node.id) ?? 0,
    r: 5 + 7 * Math.sqrt((weight.get(node.id) ?? 0) / heaviest),
  }));
}

/** Size every label as the browser will draw it (a throwaway text element per label). */
function measureLabels(svg, nodes) {
  const probe = s("g", { class: "node", visibility: "hidden" });
  const texts = nodes.map((node) => probe.appendChild(s("text", { class: "label", text: short(node.name) })));
  svg.append(probe);
  nodes.forEach((node, i) => {
    const box = texts[i].getBBox();
    // a hidden panel measures nothing: fall back to an estimate of 6.5px a character
    const w = box.width || short(node.name).length * 6.5;
    const h = box.height || 14;
    node.size = { w: Math.ceil(w), h: Math.ceil(h) };
    node.ascent = box.height ? -box.y : 11; // from the label's top to its baseline
  });
  probe.remove();
}

/** Nodes ordered so that connected actors come together (breadth first from the busiest). */
function groupedOrder(nodes, edges, selected) {
  const neighbours = new Map(nodes.map((node) => [node.id, []]));
  for (const e of edges) {
    neighbours.get(e.source)?.push(e.target);
    neighbours.get(e.target)?.push(e.source);
  }
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const seeds = [...nodes].sort((a, b) => (b.id === selected) - (a.id === selected) || b.weight - a.weight || (a.id < b.id ? -1 : 1));
  const order = [];
  const seen = new Set();
  for (const seed of seeds) {
    const queue = [seed.id];
    while (queue.length) {
      const id = queue.shift();
      if (seen.has(id)) continue;
      seen.add(id);
      order.push(byId.get(id));
      queue.push(...neighbours.get(id).filter((next) => !seen.has(next)).sort());
    }
  }
  return order;
}

/**
 * Each edge as a quadratic curve a → c → b between node centres. A lone edge is straight
 * (c at the middle); edges sharing a pair of actors (both directions, several types) get
 * apexes spread evenly on either side of the straight line. A quadratic curve's apex lies
 * half way from the chord's middle to its control point, so the control point sits at
 * twice the wanted offset.
 */
function curves(nodes, edges) {
  const at = new Map(nodes.map((node) => [node.id, node]));
  const pairs = new Map();
  for (const e of edges) {
    if (!at.has(e.source) || !at.has(e.target) || e.source === e.target) continue;
    const key = [e.source, e.target].sort().join("\u0000");
    pairs.set(key, [...(pairs.get(key) ?? []), e]);
  }
  const out = [];
  for (const group of pairs.values()) {
    group.sort((p, q) => (p.source < q.source ? -1 : p.source > q.source ? 1 : p.event_type < q.event_type ? -1 : 1));
    // offsets are measured in one direction for the whole pair (from its first id to the other)
    const [first, second] = [group[0].source, group[0].target].sort();
    const p = at.get(first);
    const q = at.get(second);
    const length = Math.max(Math.hypot(q.x - p.x, q.y - p.y), 1);
    const normal = { x: -(q.y - p.y) / length, y: (q.x - p.x) / length };
    group.forEach((e, i) => {
      const offset = (i - (group.length - 1) / 2) * PARALLEL_SPACING * 2;
      const a = at.get(e.source);
      const b = at.get(e.target);
      const c = { x: (a.x + b.x) / 2 + normal.x * offset, y: (a.y + b.y) / 2 + normal.y * offset };
      out.push({ edge: e, a, b, c });
    });
  }
  return out;
}

function pointOn({ a, b, c }, t) {
  const u = 1 - t;
  return [u * u * a.x + 2 * u * t * c.x + t * t * b.x, u * u * a.y + 2 * u * t * c.y + t * t * b.y];
}

/** Points every few pixels along every edge: what a label should not cover. */
function samplePoints(paths) {
  const points = [];
  for (const path of paths) {
    const steps = Math.max(4, Math.ceil(Math.hypot(path.b.x - path.a.x, path.b.y - path.a.y) / 3));
    for (let i = 0; i <= steps; i += 1) points.push(pointOn(path, i / steps));
  }
  return points;
}

function unit(from, to) {
  const d = Math.max(Math.hypot(to.x - from.x, to.y - from.y), 0.01);
  return { x: (to.x - from.x) / d, y: (to.y - from.y) / d };
}

const f = (v) => v.toFixed(1);

/** Line width: 2px for a single event, up to 6px for the busiest edge. */
function strokeWidth(count, maxCount) {
  return maxCount > 1 ? 1.5 + 4.5 * Math.sqrt((count - 1) / (maxCount - 1)) : 2;
}

/**
 * One edge: the curve from the source's rim to the target's rim, ending in an arrowhead
 * whose tip touches the target (both along the curve's tangents at its ends), with a
 * wider invisible copy underneath so thin edges are easy to hover.
 */
function drawEdge(path, width, title) {
  const { a, b, c, edge } = path;
  const out = unit(a, c); // tangent leaving the source
  const into = unit(c, b); // tangent arriving at the target
  // the head grows with the line, but takes at most about half of a short edge
  const between = Math.hypot(b.x - a.x, b.y - a.y) - a.r - b.r;
  const head = Math.min(7 + 1.5 * width, Math.max(5, between * 0.45));
  const tip = { x: b.x - into.x * (b.r + 1), y: b.y - into.y * (b.r + 1) };
  const start = { x: a.x + out.x * (a.r + 1), y: a.y + out.y * (a.r + 1) };
  // the line stops inside the arrowhead, so its square end never pokes out of the tip
  const end = { x: tip.x - into.x * head * 0.7, y: tip.y - into.y * head * 0.7 };
  const d = `M ${f(start.x)} ${f(start.y)} Q ${f(c.x)} ${f(c.y)} ${f(end.x)} ${f(end.y)}`;
  const base = { x: tip.x - into.x * head, y: tip.y - into.y * head };
  const half = head * 0.42;
  const arrow = `M ${f(tip.x)} ${f(tip.y)} L ${f(base.x - into.y * half)} ${f(base.y + into.x * half)} L ${f(base.x + into.y * half)} ${f(base.y - into.x * half)} Z`;
  const colour = typeColour(edge.event_type);
  return s(
    "g",
    { class: "link", "data-source": edge.source, "data-target": edge.target, "data-type": edge.event_type, "data-count": edge.count },
    s("path", { class: "hit", d }),
    s("path", { class: "edge", d, stroke: colour, "stroke-width": f(width) }),
    s("path", { class: "arrow", d: arrow, fill: colour }),
    s("title", { text: title }),
  );
}

/** One actor: circle, label (if it has a place) and a tooltip with the full name. */
function drawNode(node, { selected, onPick, onFocus }) {
  const classes = ["node", node.id === selected ? "selected" : "", node.data.resolved ? "" : "unresolved"].filter(Boolean).join(" ");
  const pick = () => onPick(node.data);
  const group = s(
    "g",
    {
      class: classes,
      transform: `translate(${f(node.x)} ${f(node.y)})`,
      tabindex: 0,
      role: "button",
      "data-id": node.id,
      onclick: pick,
      onkeydown: (event) => {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        pick();
      },
      onmouseenter: () => onFocus(node.id),
      onmouseleave: () => onFocus(null),
      onfocus: () => onFocus(node.id),
      onblur: () => onFocus(null),
    },
    s("circle", { r: f(node.r) }),
    s("title", { text: [node.name, node.data.country, node.data.sector].filter(Boolean).join(" · ") }),
  );
  if (node.label && node.side) {
    const box = labelBox(node, node.side);
    const [x, y] = [box.left - node.x, box.top - node.y + node.ascent];
    group.append(s("text", { class: "label", x: f(x), y: f(y), "data-side": node.side, text: short(node.name) }));
  }
  return group;
}

/** Hovering an actor dims every edge not touching it. */
function focuser(svg) {
  return (id) => {
    svg.classList.toggle("focusing", id !== null);
    for (const link of svg.querySelectorAll(".link")) {
      link.classList.toggle("focus", id !== null && (link.dataset.source === id || link.dataset.target === id));
    }
  };
}

/** The legend under the network: one arrow per event type drawn, and what the width means. */
function drawLegend(legend, types, maxCount) {
  clear(legend);
  for (const type of types) {
    const colour = typeColour(type);
    const key = s("svg", { class: "arrow-key", width: 22, height: 10, viewBox: "0 0 22 10", "aria-hidden": "true" }, s("line", { x1: 1, y1: 5, x2: 14, y2: 5, stroke: colour, "stroke-width": 2 }), s("path", { d: "M 21 5 L 13 1 L 13 9 Z", fill: colour }));
    legend.append(h("span", { class: "key", "data-type": type }, key, type));
  }
  const counts = maxCount > 1 ? `1–${maxCount} events` : "1 event";
  legend.append(h("span", { class: "key width-key" }, `source → target; line width: ${counts}`));
}

/**
 * Draw ``{nodes, edges}`` into ``svg`` and its legend; ``onPick(node)`` is called when an
 * actor is clicked; ``selected`` (an actor id) is drawn as the hub in the middle.
 */
export function drawNetwork(svg, legend, network, { onPick, selected }) {
  const { width, height } = size(svg);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  clear(svg);
  if (!network.nodes.length) {
    clear(legend);
    svg.append(s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty", text: "No actor acts on another here" }));
    return;
  }
  const nodes = prepareNodes(network);
  measureLabels(svg, nodes);
  const pinned = nodes.some((node) => node.id === selected) ? selected : null;
  reserveRoom(nodes, width, height, pinned);
  const ordered = groupedOrder(nodes, network.edges, selected);
  simulate(ordered, network.edges, { width, height, pinned });
  fitToPanel(ordered, width, height);
  separateOrThin(ordered, width, height, pinned);
  const paths = curves(ordered, network.edges);
  placeLabels(ordered, samplePoints(paths), width, height);

  const maxCount = Math.max(...network.edges.map((e) => e.count), 1);
  const name = new Map(nodes.map((node) => [node.id, node.name]));
  const edges = paths.map((path) => {
    const e = path.edge;
    return drawEdge(path, strokeWidth(e.count, maxCount), `${name.get(e.source)} → ${name.get(e.target)}: ${e.event_type} ×${e.count}`);
  });
  const focus = focuser(svg);
  const circles = ordered.map((node) => drawNode(node, { selected, onPick, onFocus: focus }));
  svg.append(s("g", { class: "links" }, edges), s("g", { class: "nodes" }, circles));
  drawLegend(legend, [...new Set(network.edges.map((e) => e.event_type))].sort(), maxCount);
}

