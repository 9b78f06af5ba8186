"""The store: articles, events and reviews in SQLite or PostgreSQL (SQLAlchemy Core).

::

    from thucydides.store import EventFilter, Store

    with Store.open("sqlite:///thucydides.db") as store:
        run = store.start_run(coder_version="1")
        store.save(result, run_id=run)
        page = store.events(EventFilter(event_type="ASSAULT", country="LY"), limit=20)

Every query lives here (``query.py`` builds the filters and the corrected view,
``aggregates.py`` the time series and the network); the CLI, the exporters and the
HTTP API call these functions and never write SQL of their own.
"""

from __future__ import annotations

from thucydides.store.aggregates import BREAKDOWNS, INTERVALS, SERIES
from thucydides.store.core import DEFAULT_URL, TOTAL_CAP, Page, Store, Total
from thucydides.store.corrections import ACTIONS
from thucydides.store.query import SORTS, EventFilter, country_codes
from thucydides.store.schema import EDITABLE_FIELDS, SIDE_FIELDS

__all__ = [
    "ACTIONS",
    "BREAKDOWNS",
    "DEFAULT_URL",
    "EDITABLE_FIELDS",
    "INTERVALS",
    "SERIES",
    "SIDE_FIELDS",
    "SORTS",
    "TOTAL_CAP",
    "EventFilter",
    "Page",
    "Store",
    "Total",
    "country_codes",
]
