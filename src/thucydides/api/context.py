"""What every request handler shares: the store, the settings, the write token, the ontology."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from fastapi import Request

from thucydides.api.security import check_read
from thucydides.config import Settings
from thucydides.ontology import Ontology
from thucydides.store import EDITABLE_FIELDS, INTERVALS, SERIES, SIDE_FIELDS, SORTS, Store

__all__ = ["Workbench", "workbench"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Workbench:
    """The state of one app: set once by ``create_app``, read by every request."""

    store: Store
    settings: Settings
    #: the write token; None disables corrections
    token: str | None
    ontology: Ontology = field(default_factory=Ontology.load)
    #: close the store when the app shuts down (the app opened it)
    owns_store: bool = False

    def meta(self) -> dict[str, Any]:
        """The vocabularies the dashboard draws its controls from."""
        onto = self.ontology
        return {
            "event_types": [
                {"code": t.code, "quad": t.quad, "definition": t.definition, "modes": list(t.modes)}
                for t in onto.types.values()
            ],
            "contexts": list(onto.contexts),
            "sectors": list(onto.sectors),
            "statuses": ["occurred", "planned", "hypothetical", "negated", "claimed"],
            "sorts": list(SORTS),
            "intervals": list(INTERVALS),
            "series": list(SERIES),
            "editable_fields": [*EDITABLE_FIELDS, *SIDE_FIELDS],
            "corrections_enabled": self.token is not None,
        }


def workbench(request: Request) -> Workbench:
    """FastAPI dependency: the app's :class:`Workbench`, after the read check."""
    bench = cast("Workbench", request.app.state.workbench)
    check_read(request, token=bench.token, public_read=bench.settings.api_public_read)
    return bench
