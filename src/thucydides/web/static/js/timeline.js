// The timeline: stacked bars of events per period, one colour per event type; drag across
// it to pick a date range (brushing), double-click to clear it.

import { clear, h, s, size, typeColour } from "./dom.js";

const DAY = 86400000;
const STEP = { day: 1, week: 7, month: 30.44 };

function toTime(iso) {
  return Date.parse(`${iso}T00:00:00Z`);
}

function isoDate(time) {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * Draw the series (``[{period, value, count}]``). ``onBrush(since, until)`` receives the
 * picked range (ISO dates), or two nulls when it is cleared.
 */
export function drawTimeline(svg, legend, series, { interval, onBrush }) {
  const { width, height } = size(svg);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  clear(svg);
  clear(legend);
  const margin = { left: 36, right: 12, top: 8, bottom: 22 };
  if (!series.length) {
    svg.append(s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty", text: "No dated events" }));
    return;
  }
  const periods = new Map();
  for (const row of series) {
    const slot = periods.get(row.period) ?? [];
    slot.push(row);
    periods.set(row.period, slot);
  }
  const step = STEP[interval] * DAY;
  const times = [...periods.keys()].map(toTime);
  const t0 = Math.min(...times);
  const t1 = Math.max(...times) + step;
  const top = Math.max(...[...periods.values()].map((rows) => rows.reduce((n, r) => n + r.count, 0)));
  const x = (t) => margin.left + ((t - t0) / (t1 - t0)) * (width - margin.left - margin.right);
  const y = (n) => height - margin.bottom - (n / top) * (height - margin.top - margin.bottom);
  const barWidth = Math.max(1, x(t0 + step) - x(t0) - 1);

  const bars = s("g", { class: "bars" });
  for (const [period, rows] of periods) {
    let base = 0;
    for (const row of rows) {
      const y0 = y(base);
      const y1 = y(base + row.count);
      bars.append(
        s(
          "rect",
          { x: x(toTime(period)).toFixed(1), y: y1.toFixed(1), width: barWidth.toFixed(1), height: (y0 - y1).toFixed(1), fill: typeColour(row.value), "data-type": row.value },
          s("title", { text: `${period}: ${row.value} ${row.count}` }),
        ),
      );
      base += row.count;
    }
  }
  const axis = s("g", { class: "axis" });
  axis.append(s("line", { x1: margin.left, x2: width - margin.right, y1: height - margin.bottom, y2: height - margin.bottom }));
  const ticks = Math.min(6, Math.max(2, Math.floor(width / 120)));
  for (let i = 0; i <= ticks; i += 1) {
    const t = t0 + ((t1 - t0) * i) / ticks;
    axis.append(s("text", { x: x(t), y: height - 6, "text-anchor": i === 0 ? "start" : i === ticks ? "end" : "middle", text: isoDate(t) }));
  }
  axis.append(s("text", { x: margin.left - 4, y: margin.top + 10, "text-anchor": "end", text: String(top) }));
  axis.append(s("text", { x: margin.left - 4, y: height - margin.bottom, "text-anchor": "end", text: "0" }));

  const selection = s("rect", { class: "brush-selection", y: margin.top, height: height - margin.top - margin.bottom, width: 0, visibility: "hidden" });
  const overlay = s("rect", { class: "brush-overlay", x: margin.left, y: margin.top, width: width - margin.left - margin.right, height: height - margin.top - margin.bottom });
  svg.append(bars, axis, selection, overlay);

  const toTimeAt = (clientX) => {
    const box = svg.getBoundingClientRect();
    const px = ((clientX - box.left) / box.width) * width;
    const clamped = Math.min(Math.max(px, margin.left), width - margin.right);
    return t0 + ((clamped - margin.left) / (width - margin.left - margin.right)) * (t1 - t0);
  };
  let start = null;
  overlay.addEventListener("pointerdown", (event) => {
    start = toTimeAt(event.clientX);
    overlay.setPointerCapture(event.pointerId);
    selection.setAttribute("visibility", "visible");
    selection.setAttribute("x", x(start));
    selection.setAttribute("width", 0);
  });
  overlay.addEventListener("pointermove", (event) => {
    if (start === null) return;
    const now = toTimeAt(event.clientX);
    selection.setAttribute("x", x(Math.min(start, now)));
    selection.setAttribute("width", Math.abs(x(now) - x(start)));
  });
  overlay.addEventListener("pointerup", (event) => {
    if (start === null) return;
    const end = toTimeAt(event.clientX);
    const [a, b] = [Math.min(start, end), Math.max(start, end)];
    start = null;
    if (x(b) - x(a) < 3) {
      selection.setAttribute("visibility", "hidden");
      return;
    }
    onBrush(isoDate(a), isoDate(b - 1));
  });
  overlay.addEventListener("dblclick", () => onBrush(null, null));

  const types = [...new Set(series.map((r) => r.value))].sort();
  legend.append(...types.map((t) => h("span", { class: "key" }, h("i", { "data-colour": typeColour(t) }), t)));
  for (const swatch of legend.querySelectorAll("i")) swatch.style.background = swatch.dataset.colour;
}
