// The map: a Natural Earth world from the vendored world-atlas (no tiles, works offline)
// and one circle per located point, sized by its event count, coloured by its main type.

import { clear, s, size, typeColour } from "./dom.js";

const d3 = window.d3;
const topojson = window.topojson;
let countries = null;

async function world() {
  if (!countries) {
    const response = await fetch("/static/vendor/countries-50m.json");
    const topology = await response.json();
    countries = topojson.feature(topology, topology.objects.countries);
  }
  return countries;
}

function mainType(point) {
  return Object.entries(point.event_types).sort((a, b) => b[1] - a[1])[0][0];
}

/** The area to show: around the points (padded), or the whole world. */
function extent(points) {
  if (!points.length) return { type: "Sphere" };
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  const pad = 6;
  const [w, e] = [Math.max(-180, Math.min(...lons) - pad), Math.min(180, Math.max(...lons) + pad)];
  const [south, north] = [Math.max(-85, Math.min(...lats) - pad), Math.min(85, Math.max(...lats) + pad)];
  return {
    type: "Polygon",
    coordinates: [[[w, south], [w, north], [e, north], [e, south], [w, south]]],
  };
}

/**
 * Draw the map. ``onPick(point)`` is called when a point is clicked.
 */
export async function drawMap(svg, points, { onPick }) {
  const land = await world();
  const { width, height } = size(svg);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const projection = d3.geoNaturalEarth1().fitExtent([[8, 8], [width - 8, height - 8]], extent(points));
  const path = d3.geoPath(projection);
  const max = Math.max(1, ...points.map((p) => p.count));
  clear(svg).append(
    s("path", { class: "sphere", d: path({ type: "Sphere" }) }),
    s("path", { class: "graticule", d: path(d3.geoGraticule10()) }),
    s("g", { class: "countries" }, land.features.map((f) => s("path", { d: path(f) }, s("title", { text: f.properties.name })))),
    s(
      "g",
      { class: "points" },
      points.map((point) => {
        const [x, y] = projection([point.lon, point.lat]);
        const label = `${point.name ?? "?"}${point.country ? ", " + point.country : ""}: ${point.count} event(s) — ${Object.entries(point.event_types)
          .map(([t, n]) => `${t} ${n}`)
          .join(", ")}`;
        return s(
          "circle",
          {
            cx: x.toFixed(1),
            cy: y.toFixed(1),
            r: (4 + 14 * Math.sqrt(point.count / max)).toFixed(1),
            fill: typeColour(mainType(point)),
            class: "point",
            "data-name": point.name ?? "",
            tabindex: 0,
            onclick: () => onPick(point),
          },
          s("title", { text: label }),
        );
      }),
    ),
  );
}
