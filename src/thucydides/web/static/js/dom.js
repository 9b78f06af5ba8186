// Building DOM and SVG safely: every piece of data goes in as text (textContent or an
// attribute), never as HTML.

const SVG_NS = "http://www.w3.org/2000/svg";

/** An HTML element with attributes and children (strings become text nodes). */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

/** An SVG element with attributes and children. */
export function s(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, String(value));
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Remove every child of a node. */
export function clear(node) {
  node.replaceChildren();
  return node;
}

/** The size an SVG is drawn at (its CSS box). */
export function size(svg) {
  const box = svg.getBoundingClientRect();
  return { width: Math.max(box.width, 200), height: Math.max(box.height, 120) };
}

// Event type colours: one hue per PLOVER quad, shades within it.
const QUAD_HUES = {
  verbal_cooperation: 150,
  material_cooperation: 205,
  verbal_conflict: 35,
  material_conflict: 0,
};

const colours = new Map();

/** Register the event types (from /api/meta) so each gets a stable colour. */
export function setTypeColours(types) {
  const byQuad = {};
  for (const t of types) (byQuad[t.quad] ??= []).push(t.code);
  for (const [quad, codes] of Object.entries(byQuad)) {
    const hue = QUAD_HUES[quad] ?? 270;
    codes.forEach((code, i) => colours.set(code, `hsl(${hue} 65% ${34 + (i * 40) / Math.max(codes.length, 2)}%)`));
  }
}

/** The colour of an event type. */
export function typeColour(code) {
  return colours.get(code) ?? "hsl(270 30% 50%)";
}

/** An actor as one line: its name (or text) and country/sector. */
export function actorLabel(actor) {
  const name = actor.name || actor.text || "?";
  const code = [actor.country, actor.sector].filter(Boolean).join("/");
  return code ? `${name} [${code}]` : name;
}
