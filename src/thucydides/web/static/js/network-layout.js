// Layout of the actor network: pure geometry, no DOM, deterministic (same data and panel
// size, same picture). After `reserveRoom` has sized what each node keeps free (a halo round
// its circle, and its label if there is room), four steps:
//
//   1. simulate   a small force layout: nodes repel, edges pull, and each node keeps a
//                 collision radius wide enough for its label;
//   2. fitToPanel scale the result so it fills the panel with every label inside;
//   3. separate   push apart any two node boxes (circle + label) that still overlap
//                 (separateOrThin: giving up labels, least busy actor first, if it jams);
//   4. placeLabels put each label on the side of its node where it covers no other label,
//                 no node and as few edges as possible (a label that fits nowhere is hidden).
//
// A node is {id, r, weight, size: {w, h}, x, y}; `reserveRoom` gives it a `halo` and a
// `label` ({w, h}, or null when there is no room for one). Boxes are {left, top, right, bottom}.

const MARGIN = 6; // kept free along the panel's edges
const GAP = 4; // kept free between two boxes
const LABEL_GAP = 3; // between a circle and its label
const HALO = 6; // reserved round every circle, so even the shortest edge shows its arrowhead
// Share of the panel the reserved boxes may fill: nodes alone, then nodes and labels. Much
// denser than this and pushing boxes apart jams (each push only moves another box into a
// third), so crowded networks get thinner halos and fewer labels instead.
const NODE_SHARE = 0.25;
const TOTAL_SHARE = 0.45;
const STEPS = 300;

// The sides a label may take, in order of preference. The layout reserves room for the
// first one ("below"), so that side is always free once `separate` has converged.
const SIDES = ["below", "right", "left", "above", "below-right", "below-left", "above-right", "above-left"];

/** Top-left corner of a w×h label at `side` of a circle of radius r, relative to its centre. */
function labelCorner(side, r, w, h) {
  const d = r * Math.SQRT1_2; // the circle's rim at 45°, where the diagonal sides start
  switch (side) {
    case "below":
      return { dx: -w / 2, dy: r + 1 };
    case "above":
      return { dx: -w / 2, dy: -r - 1 - h };
    case "right":
      return { dx: r + LABEL_GAP, dy: -h / 2 };
    case "left":
      return { dx: -r - LABEL_GAP - w, dy: -h / 2 };
    case "below-right":
      return { dx: d + 1, dy: d };
    case "below-left":
      return { dx: -d - 1 - w, dy: d };
    case "above-right":
      return { dx: d + 1, dy: -d - h };
    default: // above-left
      return { dx: -d - 1 - w, dy: -d - h };
  }
}

/** The box of a node's label at `side`, in panel coordinates. */
export function labelBox(node, side) {
  const { w, h } = node.label;
  const { dx, dy } = labelCorner(side, node.r, w, h);
  return { left: node.x + dx, top: node.y + dy, right: node.x + dx + w, bottom: node.y + dy + h };
}

function circleBox(node, pad = 0) {
  const r = node.r + pad;
  return { left: node.x - r, top: node.y - r, right: node.x + r, bottom: node.y + r };
}

/** The room a node reserves during layout: its circle and halo, plus its label below it. */
function nodeBox(node) {
  const circle = circleBox(node, node.halo);
  return node.label ? union(circle, labelBox(node, SIDES[0])) : circle;
}

function union(a, b) {
  return { left: Math.min(a.left, b.left), top: Math.min(a.top, b.top), right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom) };
}

function overlaps(a, b, gap = 0) {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

function inside(box, width, height) {
  return box.left >= MARGIN && box.top >= MARGIN && box.right <= width - MARGIN && box.bottom <= height - MARGIN;
}

/** Radius of the circle that holds a node and its label: what the force layout keeps apart. */
function collisionRadius(node) {
  return node.label ? Math.max(node.r, node.label.w / 2) + node.label.h / 2 : node.r + node.halo;
}

function area(box) {
  return (box.right - box.left + GAP) * (box.bottom - box.top + GAP);
}

/**
 * Step 0: how much room each node reserves. Halos shrink (6px down to 1px) until the
 * nodes fill at most NODE_SHARE of the panel; then labels are given, `first` (the selected
 * actor) and then the busiest actors, while everything fills at most TOTAL_SHARE.
 */
export function reserveRoom(nodes, width, height, first = null) {
  const panel = (width - 2 * MARGIN) * (height - 2 * MARGIN);
  const at = (node) => ({ ...node, x: 0, y: 0 });
  const nodesArea = (halo) => nodes.reduce((sum, node) => sum + area(circleBox(at(node), halo)), 0);
  let halo = HALO;
  while (halo > 1 && nodesArea(halo) > NODE_SHARE * panel) halo -= 1;
  let used = nodesArea(halo);
  const order = [...nodes].sort((a, b) => (b.id === first) - (a.id === first) || b.weight - a.weight || (a.id < b.id ? -1 : 1));
  for (const node of order) {
    node.halo = halo;
    node.label = null;
    const labelled = { ...at(node), label: node.size };
    const extra = area(union(circleBox(labelled, halo), labelBox(labelled, SIDES[0]))) - area(circleBox(labelled, halo));
    if (node.id !== first && used + extra > TOTAL_SHARE * panel) continue;
    used += extra;
    node.label = node.size;
  }
}

/** Step 3 and its fallback: separate, and while that jams, give up the least busy label. */
export function separateOrThin(nodes, width, height, keep = null) {
  const labelled = nodes.filter((node) => node.label && node.id !== keep).sort((a, b) => a.weight - b.weight || (a.id < b.id ? 1 : -1));
  while (!separate(nodes, width, height, labelled.length ? 100 : 300) && labelled.length) labelled.shift().label = null;
}

/**
 * Starting positions on an ellipse, node by node in the given order (the caller groups
 * connected actors together so they start as neighbours); a `pinned` node starts in the
 * middle and stays there, as the hub of its neighbours.
 */
function start(nodes, width, height, pinned) {
  const ring = nodes.filter((node) => node.id !== pinned);
  // start an eighth of a turn round: two actors start on a diagonal, not on one flat line
  const offset = Math.PI / 4;
  ring.forEach((node, i) => {
    const angle = offset + (2 * Math.PI * i) / Math.max(ring.length, 1);
    node.x = width / 2 + (Math.cos(angle) * width) / 3;
    node.y = height / 2 + (Math.sin(angle) * height) / 3;
  });
  for (const node of nodes) {
    if (node.id === pinned) {
      node.x = width / 2;
      node.y = height / 2;
    }
  }
}

/** Step 1: a force layout (repulsion, springs, collision, gravity), cooling as it goes. */
export function simulate(nodes, edges, { width, height, pinned = null }) {
  start(nodes, width, height, pinned);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const links = edges.map((e) => [byId.get(e.source), byId.get(e.target)]).filter(([a, b]) => a && b && a !== b);
  // the spacing each node would have if the nodes shared the panel evenly
  const spacing = Math.sqrt((width * height) / Math.max(nodes.length, 1)) * 0.6;
  for (const node of nodes) {
    node.vx = 0;
    node.vy = 0;
  }
  for (let step = 0; step < STEPS; step += 1) {
    const heat = 1 - step / STEPS;
    repel(nodes, spacing);
    pull(links, spacing);
    for (const node of nodes) {
      // a weak pull to the middle keeps loose groups (disconnected pairs) in the picture
      node.vx += (width / 2 - node.x) * 0.01;
      node.vy += (height / 2 - node.y) * 0.01;
      if (node.id === pinned) continue;
      const limit = 25 * heat + 1;
      node.x += Math.max(-limit, Math.min(limit, node.vx));
      node.y += Math.max(-limit, Math.min(limit, node.vy));
    }
    for (const node of nodes) {
      node.vx *= 0.5;
      node.vy *= 0.5;
    }
  }
}

/** Every pair repels (inverse distance); pairs whose collision circles meet are pushed apart hard. */
function repel(nodes, spacing) {
  for (let i = 0; i < nodes.length; i += 1) {
    for (let j = i + 1; j < nodes.length; j += 1) {
      const a = nodes[i];
      const b = nodes[j];
      // two nodes on the same spot part along a fixed, index-based direction (deterministic)
      const dx = a.x - b.x || Math.cos(i + j) * 0.1;
      const dy = a.y - b.y || Math.sin(i + j) * 0.1;
      const d = Math.max(Math.hypot(dx, dy), 0.1);
      let push = ((spacing * spacing) / (d * d)) * 0.05;
      const reach = collisionRadius(a) + collisionRadius(b) + GAP;
      if (d < reach) push += ((reach - d) / d) * 0.5;
      a.vx += dx * push;
      a.vy += dy * push;
      b.vx -= dx * push;
      b.vy -= dy * push;
    }
  }
}

/** Each edge is a spring whose rest length leaves room for the two labels. */
function pull(links, spacing) {
  for (const [a, b] of links) {
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const d = Math.max(Math.hypot(dx, dy), 0.1);
    const rest = spacing * 0.6 + collisionRadius(a) + collisionRadius(b);
    const force = ((d - rest) / d) * 0.04;
    a.vx += dx * force;
    a.vy += dy * force;
    b.vx -= dx * force;
    b.vy -= dy * force;
  }
}

/**
 * Step 2: move and stretch the layout so its boxes fill the panel.
 *
 * Node centres are mapped x' = W/2 + s·(x - mx) (mx: middle of the centres; the same in y
 * with its own scale). For a node right of the middle, its box's right edge x' + right
 * offset must stay within W - MARGIN, so s ≤ (W - MARGIN - W/2 - right offset) / (x - mx);
 * for a node left of it, likewise with its left edge. The largest s meeting every bound
 * fills the panel. Scaling up never makes two boxes overlap that did not before.
 */
export function fitToPanel(nodes, width, height) {
  const axis = (pos, lo, hi, extent) => {
    const values = nodes.map(pos);
    const mid = (Math.min(...values) + Math.max(...values)) / 2;
    let scale = Infinity;
    for (const node of nodes) {
      const box = nodeBox(node);
      const off = pos(node) - mid;
      // room on this side of the middle for the centre, after the box's overhang
      if (off > 0.5) scale = Math.min(scale, (extent / 2 - MARGIN - (hi(box) - pos(node))) / off);
      if (off < -0.5) scale = Math.min(scale, (extent / 2 - MARGIN - (pos(node) - lo(box))) / -off);
    }
    // a single column (or row) of nodes has nothing to stretch
    if (!Number.isFinite(scale)) scale = 1;
    return (value) => extent / 2 + Math.max(scale, 0) * (value - mid);
  };
  const toX = axis((n) => n.x, (b) => b.left, (b) => b.right, width);
  const toY = axis((n) => n.y, (b) => b.top, (b) => b.bottom, height);
  for (const node of nodes) {
    node.x = toX(node.x);
    node.y = toY(node.y);
  }
}

/**
 * Step 3: push overlapping boxes apart, each pair along the axis where they overlap least
 * (the shortest way out), and keep every box inside the panel. Returns true when no two
 * boxes overlap any more.
 */
export function separate(nodes, width, height, rounds = 300) {
  for (let round = 0; round < rounds; round += 1) {
    let moved = false;
    for (let i = 0; i < nodes.length; i += 1) {
      for (let j = i + 1; j < nodes.length; j += 1) {
        const a = nodeBox(nodes[i]);
        const b = nodeBox(nodes[j]);
        if (!overlaps(a, b, GAP)) continue;
        moved = true;
        const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left) + GAP;
        const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) + GAP;
        // the one whose box starts further left (or up) goes left (or up); ties by index
        const sign = (p, q) => (p < q ? -1 : p > q ? 1 : -1);
        if (overlapX < overlapY) {
          const s = sign(a.left + a.right, b.left + b.right) * (overlapX / 2 + 0.5);
          nodes[i].x += s;
          nodes[j].x -= s;
        } else {
          const s = sign(a.top + a.bottom, b.top + b.bottom) * (overlapY / 2 + 0.5);
          nodes[i].y += s;
          nodes[j].y -= s;
        }
      }
    }
    for (const node of nodes) keepInside(node, width, height);
    if (!moved) return true;
  }
  return false;
}

function keepInside(node, width, height) {
  const box = nodeBox(node);
  if (box.left < MARGIN) node.x += MARGIN - box.left;
  else if (box.right > width - MARGIN) node.x -= box.right - (width - MARGIN);
  if (box.top < MARGIN) node.y += MARGIN - box.top;
  else if (box.bottom > height - MARGIN) node.y -= box.bottom - (height - MARGIN);
}

/** How many of the sampled edge points fall in a box: how much of the edges a label would hide. */
function edgeCover(box, samples) {
  let hits = 0;
  for (const [x, y] of samples) if (x > box.left - 1 && x < box.right + 1 && y > box.top - 1 && y < box.bottom + 1) hits += 1;
  return hits;
}

/**
 * Step 4: choose each label's side, busiest actors first. A side is allowed when its box
 * stays inside the panel and clears every circle, every label already placed and the
 * reserved ("below") box of every label still to place; among those, the one hiding the
 * fewest edge points wins (ties: the order of SIDES). Sets node.side, or null when no side
 * is allowed (the label is then left out; its node keeps the full name as a tooltip).
 */
export function placeLabels(nodes, edgeSamples, width, height) {
  const circles = nodes.map((node) => [node, circleBox(node)]);
  const placed = [];
  const pending = new Set(nodes.filter((node) => node.label));
  const order = [...pending].sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1));
  for (const node of order) {
    pending.delete(node);
    let best = null;
    for (const [rank, side] of SIDES.entries()) {
      const box = labelBox(node, side);
      if (!inside(box, width, height)) continue;
      if (circles.some(([other, circle]) => other !== node && overlaps(box, circle, 1))) continue;
      if (placed.some((other) => overlaps(box, other, 1))) continue;
      if ([...pending].some((other) => overlaps(box, labelBox(other, SIDES[0]), 1))) continue;
      const cost = edgeCover(box, edgeSamples) * 10 + rank;
      if (!best || cost < best.cost) best = { side, box, cost };
    }
    node.side = best ? best.side : null;
    if (best) placed.push(best.box);
  }
}
