// The events table: one row per event with its evidence; click a row to read the article.

import { actorLabel, clear, h, typeColour } from "./dom.js";

function when(event) {
  if (event.date?.value) return event.date.value;
  if (event.date?.text) return `(${event.date.text})`;
  return event.effective_date ? `~${event.effective_date}` : "";
}

function where(event) {
  const place = event.location;
  if (!place) return "";
  return [place.name, place.country].filter(Boolean).join(", ");
}

/** Fill the table body; ``onOpen(event)`` is called when a row is chosen. */
export function drawTable(tbody, events, { onOpen, selected }) {
  clear(tbody);
  if (!events.length) {
    tbody.append(h("tr", {}, h("td", { colspan: 8, class: "empty", text: "No event matches these filters." })));
    return;
  }
  for (const event of events) {
    const kind = event.event_type + (event.mode ? ` / ${event.mode}` : "") + (event.status !== "occurred" ? ` (${event.status})` : "");
    const row = h(
      "tr",
      { "data-id": event.id, class: [event.id === selected ? "selected" : "", event.review ?? ""].join(" ").trim(), tabindex: 0 },
      h("td", { class: "nowrap", text: when(event) }),
      h("td", {}, h("span", { class: "type-dot", "data-colour": typeColour(event.event_type) }), kind),
      h("td", { text: event.sources.map(actorLabel).join("; ") }),
      h("td", { text: event.targets.map(actorLabel).join("; ") }),
      h("td", { text: where(event) }),
      h("td", { class: "evidence", text: event.evidence_text }),
      h("td", { class: "num", text: event.confidence.toFixed(2) }),
      h("td", { text: event.review ?? "" }),
    );
    row.addEventListener("click", () => onOpen(event));
    row.addEventListener("keydown", (e) => {
      if (e.key === "Enter") onOpen(event);
    });
    tbody.append(row);
  }
  for (const dot of tbody.querySelectorAll(".type-dot")) dot.style.background = dot.dataset.colour;
}
