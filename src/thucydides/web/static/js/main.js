// The dashboard: one set of filters, kept in the URL, drives every view (map, timeline,
// network, table); choosing an event opens its article with the evidence highlighted.

import { FILTER_KEYS, getJSON, postJSON, query } from "./api.js";
import { correctionFromForm, drawArticle, fillCorrectionForm } from "./article.js";
import { h, setTypeColours } from "./dom.js";
import { drawMap } from "./map.js";
import { drawNetwork } from "./network.js";
import { drawTable } from "./table.js";
import { drawTimeline } from "./timeline.js";

const PAGE = 25;
const $ = (selector) => document.querySelector(selector);

/** Everything the URL holds: the filters, the page, the sort, the interval, the open event. */
function readState() {
  const params = new URLSearchParams(location.search);
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ""]));
  return {
    filters,
    offset: Math.max(0, Number(params.get("offset")) || 0),
    sort: params.get("sort") || "-date",
    interval: params.get("interval") || "auto",
    event: params.get("event") || "",
  };
}

let state = readState();

function writeState(push = true) {
  const params = new URLSearchParams(query(state.filters));
  if (state.offset) params.set("offset", state.offset);
  if (state.sort !== "-date") params.set("sort", state.sort);
  if (state.interval !== "auto") params.set("interval", state.interval);
  if (state.event) params.set("event", state.event);
  const url = `${location.pathname}${params.size ? "?" + params : ""}`;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

/** Change some filters: back to the first page, URL updated, every view redrawn. */
function setFilters(changes) {
  state.filters = { ...state.filters, ...changes };
  state.offset = 0;
  writeState();
  refresh();
}

function showError(where, error) {
  const node = $(where);
  node.replaceChildren(h("p", { class: "error", text: String(error.message ?? error) }));
}

function syncForm() {
  const form = $("#filters");
  for (const key of FILTER_KEYS) if (form.elements[key]) form.elements[key].value = state.filters[key];
  $("#interval").value = state.interval;
  const chips = $("#active-filters");
  chips.replaceChildren(
    ...FILTER_KEYS.filter((k) => state.filters[k]).map((k) =>
      h("button", { type: "button", class: "chip", title: "Remove this filter", onclick: () => setFilters({ [k]: "" }) }, `${k}: ${state.filters[k]} ×`),
    ),
  );
}

async function loadMap() {
  try {
    const { points } = await getJSON("/api/locations", query(state.filters));
    $("#map-count").textContent = `${points.reduce((n, p) => n + p.count, 0)} located events at ${points.length} places`;
    await drawMap($("#map"), points, {
      onPick: (p) => setFilters({ bbox: [p.lon - 0.05, p.lat - 0.05, p.lon + 0.05, p.lat + 0.05].map((v) => v.toFixed(4)).join(",") }),
    });
  } catch (error) {
    showError("#map-count", error);
  }
}

function monthsBetween(first, last) {
  const [y0, m0] = first.split("-").map(Number);
  const [y1, m1] = last.split("-").map(Number);
  return (y1 - y0) * 12 + (m1 - m0) + 1;
}

async function loadTimeline() {
  try {
    let interval = state.interval === "auto" ? "month" : state.interval;
    const fetchSeries = async () => (await getJSON("/api/timeline", query(state.filters, { interval, by: "event_type" }))).series;
    let series = await fetchSeries();
    if (state.interval === "auto") {
      // months for long spans, weeks for a season or more, days for a few months
      const months = new Set(series.map((row) => row.period)).size;
      const span = months ? monthsBetween(series[0].period, series[series.length - 1].period) : 0;
      if (span <= 4) interval = "day";
      else if (span <= 24) interval = "week";
      if (interval !== "month") series = await fetchSeries();
    }
    $("#timeline-interval").textContent = state.interval === "auto" ? `(${interval})` : "";
    drawTimeline($("#timeline"), $("#legend"), series, {
      interval,
      onBrush: (since, until) => setFilters({ since: since ?? "", until: until ?? "" }),
    });
  } catch (error) {
    showError("#legend", error);
  }
}

async function loadNetwork() {
  try {
    const network = await getJSON("/api/network", query(state.filters, { limit: 60 }));
    drawNetwork($("#network"), $("#network-legend"), network, { selected: state.filters.actor, onPick: (node) => setFilters({ actor: node.id }) });
  } catch (error) {
    showError("#network-title", error);
  }
}

async function loadTable() {
  try {
    const page = await getJSON("/api/events", query(state.filters, { limit: PAGE, offset: state.offset, sort: state.sort }));
    // an estimated total is a lower bound: the server stopped counting there ("10,000+")
    const total = `${page.total.toLocaleString("en")}${page.total_is_estimate ? "+" : ""}`;
    $("#table-count").textContent = `${total} matching`;
    $("#page-info").textContent = page.events.length ? `${state.offset + 1}–${state.offset + page.events.length} of ${total}` : "";
    $("#prev").disabled = state.offset === 0;
    $("#next").disabled = !page.has_more;
    drawTable($("#events tbody"), page.events, { selected: state.event, onOpen: (event) => openEvent(event.id) });
    $("#export-link").href = `/api/export?${query(state.filters, { format: "csv" })}`;
  } catch (error) {
    showError("#table-count", error);
  }
}

let current = null;

async function openEvent(id, push = true) {
  state.event = id;
  writeState(push);
  for (const row of document.querySelectorAll("#events tbody tr")) row.classList.toggle("selected", row.dataset.id === id);
  try {
    const event = await getJSON(`/api/events/${encodeURIComponent(id)}`);
    const article = await getJSON(`/api/articles/${encodeURIComponent(event.article_id)}`);
    current = event;
    drawArticle($("#article-view"), article, event);
    fillCorrectionForm($("#correction"), event);
  } catch (error) {
    $("#article-view").hidden = false;
    showError("#article-text", error);
  }
}

function closeArticle() {
  $("#article-view").hidden = true;
  state.event = "";
  current = null;
  writeState();
}

async function submitCorrection(submit) {
  submit.preventDefault();
  const form = $("#correction");
  const status = $("#correction-status");
  if (!current) return;
  const token = form.elements.token.value.trim();
  sessionStorage.setItem("thucydides-token", token);
  localStorage.setItem("thucydides-author", form.elements.author.value.trim());
  const body = correctionFromForm(form, current);
  if (body.action === "edit" && !Object.keys(body.changes).length) {
    status.textContent = "Nothing changed: edit a field first.";
    return;
  }
  try {
    await postJSON(`/api/events/${encodeURIComponent(current.id)}/corrections`, body, token);
    status.textContent = "Saved.";
    status.className = "ok";
    await Promise.all([openEvent(current.id, false), loadTable(), loadMap(), loadTimeline(), loadNetwork()]);
    $("#correction-status").textContent = "Saved.";
  } catch (error) {
    status.textContent = `Not saved — ${error.message}`;
    status.className = "error";
  }
}

function refresh() {
  syncForm();
  document.body.dataset.loading = "true";
  Promise.all([loadMap(), loadTimeline(), loadNetwork(), loadTable()]).finally(() => {
    document.body.dataset.loading = "false";
  });
}

async function start() {
  const meta = await getJSON("/api/meta");
  setTypeColours(meta.event_types);
  const form = $("#filters");
  form.elements.type.append(...meta.event_types.map((t) => h("option", { value: t.code, title: t.definition, text: t.code })));
  form.elements.context.append(...meta.contexts.map((c) => h("option", { value: c, text: c })));
  $("#correction").elements.event_type.append(...meta.event_types.map((t) => h("option", { value: t.code, text: t.code })));
  $("#correction").elements.token.value = sessionStorage.getItem("thucydides-token") ?? "";
  $("#correction").elements.author.value = localStorage.getItem("thucydides-author") ?? "";
  if (!meta.corrections_enabled) $("#correction").hidden = true;

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(form);
    setFilters(Object.fromEntries(FILTER_KEYS.map((k) => [k, String(data.get(k) ?? "").trim()])));
  });
  form.elements.type.addEventListener("change", () => form.requestSubmit());
  form.elements.context.addEventListener("change", () => form.requestSubmit());
  $("#clear-filters").addEventListener("click", () => setFilters(Object.fromEntries(FILTER_KEYS.map((k) => [k, ""]))));
  $("#interval").addEventListener("change", (e) => {
    state.interval = e.target.value;
    writeState();
    loadTimeline();
  });
  $("#prev").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE);
    writeState();
    loadTable();
  });
  $("#next").addEventListener("click", () => {
    state.offset += PAGE;
    writeState();
    loadTable();
  });
  for (const button of document.querySelectorAll("th button[data-sort]")) {
    button.addEventListener("click", () => {
      const key = button.dataset.sort;
      state.sort = state.sort === `-${key}` ? key : `-${key}`;
      writeState();
      loadTable();
    });
  }
  $("#close-article").addEventListener("click", closeArticle);
  $("#correction").addEventListener("submit", submitCorrection);
  window.addEventListener("popstate", () => {
    state = readState();
    refresh();
    if (state.event) openEvent(state.event, false);
    else $("#article-view").hidden = true;
  });
  let resizing = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(refresh, 200);
  });
  refresh();
  if (state.event) openEvent(state.event, false);
}

start().catch((error) => {
  document.body.prepend(h("p", { class: "error banner", text: `The dashboard could not start: ${error.message}` }));
});
