"""Who may read, the security headers, CORS, the token helpers, the docs and the factory."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from workbench_data import LOOPBACK, TOKEN

from thucydides.api import create_app
from thucydides.api.security import CONTENT_SECURITY_POLICY, is_loopback, new_token, token_matches
from thucydides.config import Settings
from thucydides.store import Store

REMOTE = ("203.0.113.7", 40000)


def test_reads_from_other_hosts_need_public_read_or_the_token(store: Store) -> None:
    with TestClient(create_app(store, token=TOKEN), client=REMOTE) as remote:
        refused = remote.get("/api/events")
        assert refused.status_code == 403
        assert "api_public_read" in refused.json()["detail"]
        assert remote.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    public = Settings(api_public_read=True)
    with TestClient(create_app(store, settings=public, token=TOKEN), client=REMOTE) as remote:
        assert remote.get("/api/events").status_code == 200
        # public reads never open writes
        write = remote.post("/api/events/a-syria-e1/corrections", json={"action": "confirm", "author": "x"})
        assert write.status_code == 401


def test_security_headers_on_pages_and_data(client: TestClient) -> None:
    for path in ("/", "/api/events", "/static/app.css", "/docs"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "unsafe-eval" not in CONTENT_SECURITY_POLICY


def test_pages_carry_no_inline_script_or_remote_asset(client: TestClient) -> None:
    for path in ("/", "/docs"):
        html = client.get(path).text
        assert "<script>" not in html  # every script is a file (the CSP forbids inline ones)
        assert "http://" not in html
        assert "https://" not in html
    for asset in ("d3-geo.min.js", "topojson-client.min.js", "countries-50m.json", "swagger-ui-bundle.js"):
        assert client.get(f"/static/vendor/{asset}").status_code == 200


def test_cors_is_off_unless_configured(store: Store) -> None:
    origin = {"Origin": "https://analysis.example.org"}
    with TestClient(create_app(store, token=TOKEN), client=LOOPBACK) as client:
        assert "access-control-allow-origin" not in client.get("/api/events", headers=origin).headers
    allowed = Settings(api_cors_origins=("https://analysis.example.org",))
    with TestClient(create_app(store, settings=allowed), client=LOOPBACK) as client:
        headers = client.get("/api/events", headers=origin).headers
        assert headers["access-control-allow-origin"] == "https://analysis.example.org"


def test_openapi_describes_the_endpoints(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/events/{event_id}/corrections",
        "/api/articles/{article_id}",
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/network",
        "/api/timeline",
        "/api/breakdown",
        "/api/locations",
        "/api/export",
    ):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "type", "country", "since", "until", "bbox", "q", "limit", "offset", "sort"} <= params


def test_token_helpers() -> None:
    token = new_token()
    assert len(token) >= 40
    assert token != new_token()
    assert token_matches(token, token)
    assert not token_matches(token[:-1], token)
    assert not token_matches(None, token)
    assert not token_matches("", "")
    assert not token_matches("x", None)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("::1", True),
        ("10.0.0.1", False),
        ("testclient", False),
        (None, False),
    ],
)
def test_loopback(host: str | None, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_factory_opens_the_database_from_settings(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    with TestClient(create_app(Settings(db=url, api_token=TOKEN)), client=LOOPBACK) as client:
        body = client.get("/api/events").json()
        assert body["events"] == []
        assert body["total"] == 0
        assert client.get("/api/meta").json()["corrections_enabled"] is True
