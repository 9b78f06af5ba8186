// The OpenAPI explorer, from the vendored swagger-ui (no CDN; no inline script under our CSP).
window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
