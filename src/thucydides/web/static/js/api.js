// Talking to the HTTP API: filters in, JSON out, errors as readable messages.

/** The API's filter parameters, in the order the URL shows them. */
export const FILTER_KEYS = ["actor", "type", "mode", "context", "status", "country", "since", "until", "bbox", "q"];

/** A query string of the non-empty filters plus extra parameters. */
export function query(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]);
  for (const [key, value] of Object.entries(extra)) if (value !== null && value !== undefined) params.set(key, value);
  return params.toString();
}

async function failure(response) {
  let detail = response.statusText;
  try {
    const body = await response.json();
    detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
  } catch {
    /* not JSON: keep the status text */
  }
  return new Error(`${response.status}: ${detail}`);
}

/** GET a JSON endpoint. */
export async function getJSON(path, params = "") {
  const response = await fetch(params ? `${path}?${params}` : path, { headers: { Accept: "application/json" } });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** POST JSON with the API token. */
export async function postJSON(path, body, token) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
  if (!response.ok) throw await failure(response);
  return response.json();
}
