"""The HTTP API and the dashboard (FastAPI; OpenAPI at ``/docs`` and ``/openapi.json``).

::

    from thucydides.api import create_app
    app = create_app(settings)            # or create_app(store, token=...)

Read endpoints under ``/api`` (events, event, articles, actors, network, timeline,
breakdown, locations, export, meta), corrections under
``POST /api/events/{id}/corrections`` (token required), the dashboard at ``/``.
"""

from __future__ import annotations

from thucydides.api.app import create_app

__all__ = ["create_app"]
