// The article view: the cleaned text with the evidence highlighted, the event's coding,
// the review form and the audit trail. The text is split at span boundaries and each
// piece inserted as a text node: nothing from the article is ever parsed as HTML.

import { actorLabel, clear, h } from "./dom.js";

/**
 * Pieces of ``[from, to)`` cut at every boundary of ``spans`` (clipped to the range),
 * each with the spans covering it.
 */
export function segments(from, to, spans) {
  const cuts = new Set([from, to]);
  for (const span of spans) {
    if (span.end <= from || span.start >= to) continue;
    cuts.add(Math.max(from, span.start));
    cuts.add(Math.min(to, span.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [start, end] = [points[i], points[i + 1]];
    if (start < end) out.push({ start, end, covers: spans.filter((span) => span.start <= start && span.end >= end) });
  }
  return out;
}

/** The paragraphs of the text (separated by blank lines), as ``[start, end)`` ranges. */
function paragraphs(text) {
  const out = [];
  const blank = /\n[ \t]*\n\s*/g;
  let at = 0;
  for (const match of text.matchAll(blank)) {
    if (match.index > at) out.push([at, match.index]);
    at = match.index + match[0].length;
  }
  if (at < text.length) out.push([at, text.length]);
  return out;
}

function label(covers) {
  return covers.map((span) => `${span.kind}: ${span.label ?? ""}`).join(" · ");
}

/** Text with actor and place mentions underlined, inside ``[from, to)``. */
function mentionNodes(text, from, to, mentions) {
  return segments(from, to, mentions).map((piece) => {
    const part = text.slice(piece.start, piece.end);
    if (!piece.covers.length) return document.createTextNode(part);
    const classes = [...new Set(piece.covers.map((span) => `hl-${span.kind}`))].join(" ");
    return h("span", { class: classes, title: label(piece.covers) }, part);
  });
}

/** The article as paragraphs: evidence sentences marked (the open event's as <mark>), mentions inside them. */
function paragraphNodes(article, eventId) {
  const evidence = article.highlights.filter((span) => span.kind === "evidence");
  const mentions = article.highlights.filter((span) => span.kind !== "evidence");
  return paragraphs(article.text).map(([from, to]) => {
    const paragraph = h("p");
    for (const piece of segments(from, to, evidence)) {
      const inner = mentionNodes(article.text, piece.start, piece.end, mentions);
      if (!piece.covers.length) {
        paragraph.append(...inner);
        continue;
      }
      const current = piece.covers.some((span) => span.event_id === eventId);
      paragraph.append(h(current ? "mark" : "span", { class: current ? "hl-evidence current" : "hl-evidence", title: label(piece.covers) }, inner));
    }
    return paragraph;
  });
}

function summary(event) {
  const rows = [
    ["Event", `${event.event_type}${event.mode ? " / " + event.mode : ""} (${event.status})`],
    ["Who", event.sources.map(actorLabel).join("; ") || "—"],
    ["To whom", event.targets.map(actorLabel).join("; ") || "—"],
    ["Where", event.location ? [event.location.name, event.location.country].filter(Boolean).join(", ") : "—"],
    ["When", event.date?.value ? `${event.date.value} (${event.date.precision})` : event.date?.text ? `${event.date.text} (no date)` : "—"],
    ["Codes", [event.cameo_code && `CAMEO ${event.cameo_code}`, event.acled_type && `ACLED ${event.acled_type}`].filter(Boolean).join(" · ") || "—"],
    ["Review", event.review ? `${event.review}${event.corrected_fields.length ? " — " + event.corrected_fields.join(", ") : ""}` : "not reviewed"],
  ];
  return h("dl", {}, rows.flatMap(([k, v]) => [h("dt", { text: k }), h("dd", { text: v })]));
}

/** Show the article with the given event's evidence highlighted. */
export function drawArticle(view, article, event) {
  view.hidden = false;
  view.querySelector("#article-title").textContent = article.title || article.id;
  const meta = [article.source, article.published && `published ${article.published}`, article.url].filter(Boolean).join(" · ");
  view.querySelector("#article-meta").textContent = meta;
  clear(view.querySelector("#event-summary")).append(summary(event));
  const body = clear(view.querySelector("#article-text"));
  body.append(...paragraphNodes(article, event.id));
  const mark = body.querySelector("mark.current");
  if (mark) body.scrollTop = Math.max(0, mark.offsetTop - body.offsetTop - body.clientHeight / 3);
  const audit = clear(view.querySelector("#audit"));
  const trail = event.corrections ?? [];
  if (!trail.length) audit.append(h("li", { class: "empty", text: "No correction yet." }));
  for (const c of trail) {
    const what = Object.entries(c.changes ?? {}).map(([k, v]) => `${k} → ${changeText(v)}`).join(", ");
    audit.append(h("li", {}, h("strong", { text: c.action }), ` by ${c.author} at ${c.created_at}`, what ? ` (${what})` : "", c.note ? ` — “${c.note}”` : ""));
  }
}

/** A changed value as the audit trail shows it (a side: its actors' names, "; "-separated). */
function changeText(value) {
  if (!Array.isArray(value)) return String(value);
  return value.map((item) => (item && typeof item === "object" ? item.name || item.text || item.actor_id : String(item))).join("; ") || "none";
}

/** How the side fields name an actor: its id when registered, else its text. */
export function sideLabel(actor) {
  return actor.actor_id || actor.text;
}

/** The side field's value for a list of actors. */
function sideValue(actors) {
  return actors.map(sideLabel).join(", ");
}

/**
 * The actors a side field names (comma-separated ids or names), or null when it still
 * names the event's actors. An entry naming one of them keeps that actor (its text, and
 * for an unregistered one its country and sector); any other goes to the server as typed,
 * which takes it for an actor id, else an actor's name, else an unresolved actor's text.
 */
export function sideFromField(value, actors) {
  const items = value.split(",").map((item) => item.trim()).filter(Boolean);
  if (items.join(", ") === sideValue(actors)) return null;
  const known = new Map(actors.map((a) => [sideLabel(a), a]));
  return items.map((item) => {
    const actor = known.get(item);
    if (!actor) return item;
    if (actor.actor_id) return { actor_id: actor.actor_id, text: actor.text };
    const ref = { text: actor.text };
    if (actor.country) ref.country = actor.country;
    if (actor.sector) ref.sector = actor.sector;
    return ref;
  });
}

/** Preset the review form from the event (the edit fields show its current values). */
export function fillCorrectionForm(form, event) {
  form.elements.event_type.value = event.event_type;
  form.elements.mode.value = event.mode ?? "";
  form.elements.date_value.value = event.date?.value ?? "";
  form.elements.location_name.value = event.location?.name ?? "";
  form.elements.location_lat.value = event.location?.lat ?? "";
  form.elements.location_lon.value = event.location?.lon ?? "";
  form.elements.location_country.value = event.location?.country ?? "";
  form.elements.sources.value = sideValue(event.sources);
  form.elements.targets.value = sideValue(event.targets);
  form.querySelector("#correction-status").textContent = "";
}

/** The correction the form describes: only the fields that differ from the event. */
export function correctionFromForm(form, event) {
  const f = form.elements;
  const body = { action: f.action.value, author: f.author.value.trim(), note: f.note.value.trim() || null };
  if (body.action !== "edit") return body;
  const changes = {};
  const differs = (name, value, current) => {
    if (value !== "" && value !== String(current ?? "")) changes[name] = value;
  };
  differs("event_type", f.event_type.value, event.event_type);
  if (f.mode.value !== (event.mode ?? "")) changes.mode = f.mode.value || null;
  differs("date_value", f.date_value.value, event.date?.value);
  differs("location_name", f.location_name.value.trim(), event.location?.name);
  if (f.location_lat.value !== "" && Number(f.location_lat.value) !== event.location?.lat) changes.location_lat = Number(f.location_lat.value);
  if (f.location_lon.value !== "" && Number(f.location_lon.value) !== event.location?.lon) changes.location_lon = Number(f.location_lon.value);
  differs("location_country", f.location_country.value.trim().toUpperCase(), event.location?.country);
  if (changes.date_value) changes.date_precision = "day";
  for (const side of ["sources", "targets"]) {
    const actors = sideFromField(f[side].value, event[side]);
    if (actors !== null) changes[side] = actors;
  }
  body.changes = changes;
  return body;
}
