// The actor network: who acts on whom. Edges by event type, thicker with more events;
// a small force layout (deterministic: same data, same picture). Click an actor to filter.

import { clear, s, size, typeColour } from "./dom.js";

/** Positions for the nodes: start on a circle, then relax springs and repulsion. */
function layout(nodes, edges, width, height) {
  const n = nodes.length;
  const at = new Map(
    nodes.map((node, i) => [
      node.id,
      { x: width / 2 + (Math.cos((2 * Math.PI * i) / n) * width) / 3, y: height / 2 + (Math.sin((2 * Math.PI * i) / n) * height) / 3, vx: 0, vy: 0 },
    ]),
  );
  const ideal = Math.min(width, height) / Math.max(2, Math.sqrt(n) + 1);
  for (let step = 0; step < 300; step += 1) {
    const cool = 1 - step / 300;
    const points = [...at.values()];
    for (let i = 0; i < points.length; i += 1) {
      for (let j = i + 1; j < points.length; j += 1) {
        const a = points[i];
        const b = points[j];
        const dx = a.x - b.x || 0.01;
        const dy = a.y - b.y || 0.01;
        const d2 = Math.max(dx * dx + dy * dy, 1);
        const push = (ideal * ideal) / d2;
        a.vx += dx * push * 0.02;
        a.vy += dy * push * 0.02;
        b.vx -= dx * push * 0.02;
        b.vy -= dy * push * 0.02;
      }
    }
    for (const edge of edges) {
      const a = at.get(edge.source);
      const b = at.get(edge.target);
      if (!a || !b || a === b) continue;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const d = Math.max(Math.hypot(dx, dy), 1);
      const pull = ((d - ideal) / d) * 0.05;
      a.vx += dx * pull;
      a.vy += dy * pull;
      b.vx -= dx * pull;
      b.vy -= dy * pull;
    }
    for (const p of points) {
      // a gentle pull to the middle (stronger vertically, the panel being wide) keeps loose pairs in view
      const gravity = 0.02;
      p.vx += (width / 2 - p.x) * gravity;
      p.vy += ((height / 2 - p.y) * gravity * width) / height;
      p.x = Math.min(width - 30, Math.max(30, p.x + Math.max(-20, Math.min(20, p.vx)) * cool));
      p.y = Math.min(height - 16, Math.max(16, p.y + Math.max(-20, Math.min(20, p.vy)) * cool));
      p.vx *= 0.5;
      p.vy *= 0.5;
    }
  }
  return at;
}

function short(label) {
  return label.length > 28 ? `${label.slice(0, 27)}…` : label;
}

/** Draw ``{nodes, edges}``; ``onPick(node)`` is called when an actor is clicked. */
export function drawNetwork(svg, network, { onPick, selected }) {
  const { width, height } = size(svg);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  clear(svg);
  const { nodes, edges } = network;
  if (!nodes.length) {
    svg.append(s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty", text: "No actor acts on another here" }));
    return;
  }
  const at = layout(nodes, edges, width, height);
  const weight = new Map(nodes.map((node) => [node.id, 0]));
  for (const e of edges) {
    weight.set(e.source, weight.get(e.source) + e.count);
    weight.set(e.target, weight.get(e.target) + e.count);
  }
  const maxCount = Math.max(...edges.map((e) => e.count));
  const maxWeight = Math.max(...weight.values(), 1);
  const radius = (id) => 5 + 7 * Math.sqrt(weight.get(id) / maxWeight);
  const types = [...new Set(edges.map((e) => e.event_type))];
  const defs = s(
    "defs",
    {},
    types.map((t, i) =>
      s("marker", { id: `arrow-${i}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, markerUnits: "userSpaceOnUse", orient: "auto" }, s("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: typeColour(t) })),
    ),
  );
  // parallel edges (same pair, several types) are bent apart
  const seen = new Map();
  const lines = edges.map((e) => {
    const a = at.get(e.source);
    const b = at.get(e.target);
    const key = [e.source, e.target].sort().join("\u0000");
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    const bend = k * 18;
    const length = Math.max(Math.hypot(b.x - a.x, b.y - a.y), 1);
    const mx = (a.x + b.x) / 2 - ((b.y - a.y) / length) * bend;
    const my = (a.y + b.y) / 2 + ((b.x - a.x) / length) * bend;
    // stop at the target's rim, so the arrow head shows
    const back = Math.max(Math.hypot(b.x - mx, b.y - my), 1);
    const gap = radius(e.target) + 2;
    const ex = b.x - ((b.x - mx) / back) * gap;
    const ey = b.y - ((b.y - my) / back) * gap;
    return s(
      "path",
      {
        class: "edge",
        d: `M ${a.x.toFixed(1)} ${a.y.toFixed(1)} Q ${mx.toFixed(1)} ${my.toFixed(1)} ${ex.toFixed(1)} ${ey.toFixed(1)}`,
        stroke: typeColour(e.event_type),
        "stroke-width": (1 + 5 * (e.count / maxCount)).toFixed(1),
        "marker-end": `url(#arrow-${types.indexOf(e.event_type)})`,
        "data-type": e.event_type,
      },
      s("title", { text: `${e.event_type} × ${e.count}` }),
    );
  });
  // label the busiest actors (and the selected one); the rest say who they are on hover
  const labelled = new Set(
    [...nodes].sort((a, b) => weight.get(b.id) - weight.get(a.id)).slice(0, 18).map((node) => node.id),
  );
  if (selected) labelled.add(selected);
  const circles = nodes.map((node) => {
    const p = at.get(node.id);
    const label = node.name || node.id;
    const text = labelled.has(node.id) ? short(label) : "";
    return s(
      "g",
      { class: `node${node.id === selected ? " selected" : ""}${node.resolved ? "" : " unresolved"}`, transform: `translate(${p.x.toFixed(1)} ${p.y.toFixed(1)})`, tabindex: 0, "data-id": node.id, onclick: () => onPick(node) },
      s("circle", { r: radius(node.id).toFixed(1) }),
      // labels point away from the middle, so they stay inside the picture
      p.x > width * 0.6
        ? s("text", { x: -radius(node.id) - 3, y: 4, "text-anchor": "end", text })
        : s("text", { x: radius(node.id) + 3, y: 4, text }),
      s("title", { text: [label, node.country, node.sector].filter(Boolean).join(" · ") }),
    );
  });
  svg.append(defs, s("g", { class: "edges" }, lines), s("g", { class: "nodes" }, circles));
}
