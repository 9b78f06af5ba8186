"""Corrections: an analyst confirms, rejects or edits an event (token required): its
type, mode, contexts, status, date, place, and its sides (sources and targets).

The coder's output is never changed: each correction is appended to the store's
audit trail (who, when, what) and every read and export sees the corrected view.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import BaseModel, Field

from thucydides.api.context import Workbench, workbench
from thucydides.api.security import check_write
from thucydides.errors import StoreError
from thucydides.store import SIDE_FIELDS

__all__ = ["CorrectionIn", "router"]

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["corrections"])

Bench = Annotated[Workbench, Depends(workbench)]


class CorrectionIn(BaseModel):
    """One reviewer's decision about one event."""

    action: Literal["confirm", "reject", "edit"]
    author: str = Field(min_length=1, max_length=200, description="Who made the correction.")
    changes: dict[str, Any] = Field(
        default_factory=dict,
        description=(
            "For 'edit': new values by field (event_type, mode, contexts, status, date_value, "
            "date_precision, location_name, location_lat, location_lon, location_country, ...), "
            "and the sides: 'sources' and/or 'targets', each a list of actors replacing the "
            'coder\'s actors of that side. An actor is {"actor_id": "Q123"} (a registered '
            "actor, see GET /api/actors; name, country and sector come from it), "
            '{"text": "Egyptian troops", "country": "EGY", "sector": "MIL"} (an actor '
            "outside the knowledge base; country and sector optional, the sector a PLOVER code), "
            "or a string: a registered actor's id, else the name of one registered actor, else "
            "an unresolved actor's text. [] empties a side; an event keeps an actor on some side."
        ),
        examples=[
            {"event_type": "COERCE", "date_value": "2023-11-14"},
            {
                "sources": [{"actor_id": "Q1161140"}],
                "targets": [{"text": "Egyptian troops", "country": "EGY", "sector": "MIL"}],
            },
        ],
    )
    note: str | None = Field(default=None, max_length=4000, description="Why, for the audit trail.")


def _writer(request: Request, bench: Bench) -> Workbench:
    check_write(request, token=bench.token)
    return bench


Writer = Annotated[Workbench, Depends(_writer)]


def _checked_changes(bench: Workbench, *, event: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Check edited codes against the PLOVER ontology; keep the CAMEO code in step with the type."""
    onto = bench.ontology
    out = dict(changes)
    if "event_type" in out:
        if not isinstance(out["event_type"], str) or out["event_type"].strip().upper() not in onto.types:
            raise StoreError(
                f"unknown PLOVER event type {out['event_type']!r}; use one of: {', '.join(onto.event_types)}"
            )
        out["event_type"] = out["event_type"].strip().upper()
    kind = out.get("event_type", event["event_type"])
    mode = out.get("mode", event["mode"] if "event_type" not in out else None)
    if "event_type" in out and "mode" not in out and not onto.is_valid_mode(kind, event["mode"]):
        out["mode"] = None  # the old mode means nothing for the new type
        mode = None
    if isinstance(mode, str) and not onto.is_valid_mode(kind, mode):
        modes = ", ".join(onto.modes(kind)) or "none"
        raise StoreError(f"{kind} has no mode {mode!r}; its modes: {modes}")
    contexts = out.get("contexts")
    if isinstance(contexts, list):
        unknown = [c for c in contexts if c not in onto.context_definitions]
        if unknown:
            raise StoreError(f"unknown PLOVER contexts {unknown}; use any of: {', '.join(onto.contexts)}")
    if ("event_type" in out or "mode" in out) and "cameo_code" not in out:
        out["cameo_code"] = onto.cameo_for(kind, out.get("mode", mode))
    _check_sectors(bench, out)
    return out


def _check_sectors(bench: Workbench, changes: dict[str, Any]) -> None:
    """Check the sectors of actors put on a side against the PLOVER ontology."""
    sectors = bench.ontology.sectors
    for name in SIDE_FIELDS:
        refs = changes.get(name)
        for ref in refs if isinstance(refs, list) else []:
            sector = ref.get("sector") if isinstance(ref, dict) else None
            if isinstance(sector, str) and sector.strip().upper() not in sectors:
                raise StoreError(
                    f"unknown PLOVER sector {sector!r} in {name!r}; use one of: {', '.join(sectors)}"
                )


@router.post(
    "/events/{event_id}/corrections",
    status_code=status.HTTP_201_CREATED,
    summary="Confirm, reject or edit an event (needs the API token)",
)
def add_correction(bench: Writer, *, event_id: str, correction: CorrectionIn) -> dict[str, Any]:
    """Append a correction to the audit trail; return it and the event as now corrected."""
    event = bench.store.event(event_id)
    if event is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no event {event_id!r} in this database")
    changes = (
        _checked_changes(bench, event=event, changes=correction.changes)
        if correction.action == "edit"
        else {}
    )
    if correction.action != "edit" and correction.changes:
        raise StoreError(f"a {correction.action!r} correction takes no changes; use action 'edit'")
    saved = bench.store.add_correction(
        event_id, action=correction.action, author=correction.author, changes=changes, note=correction.note
    )
    logger.info("correction %s of %s by %s", correction.action, event_id, correction.author)
    return {"correction": saved, "event": bench.store.event(event_id)}


@router.get("/events/{event_id}/corrections", summary="The audit trail of one event")
def event_corrections(bench: Bench, *, event_id: str) -> dict[str, Any]:
    """Corrections of the event, oldest first."""
    return {"corrections": bench.store.corrections(event_id)}


@router.get("/corrections", summary="The audit trail of every event")
def all_corrections(bench: Bench, *, limit: Annotated[int, Query(ge=1, le=10000)] = 1000) -> dict[str, Any]:
    """Every correction, oldest first."""
    return {"corrections": bench.store.corrections(limit=limit)}
