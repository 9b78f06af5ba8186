"""The review layer: corrections folded into one override row per corrected event.

A correction is ``confirm``, ``reject`` or ``edit`` (with ``changes``, a mapping of
:data:`~thucydides.store.schema.EDITABLE_FIELDS` to new values). They apply in the
order they were made: a later ``confirm`` undoes an earlier ``reject``; edits
accumulate. The coder's row is never touched; :func:`refresh_overrides` rewrites
``event_overrides`` from the coder's row and the corrections whenever either changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final, Literal, get_args

from sqlalchemy import Connection, delete, select

from thucydides.errors import StoreError
from thucydides.records import DatePrecision, EventStatus
from thucydides.store import schema
from thucydides.store.rows import contexts_key

__all__ = ["ACTIONS", "Action", "fold", "refresh_overrides", "validate_changes"]

Action = Literal["confirm", "reject", "edit"]
ACTIONS: Final = get_args(Action)

_TEXT_FIELDS = ("event_type", "mode", "location_name", "location_admin1", "cameo_code", "acled_type")
_FLOAT_FIELDS = ("location_lat", "location_lon")


def _coerce(name: str, value: Any) -> Any:
    """Check one edited value and bring it to the column's Python type."""
    if value is None:
        if name in {"event_type", "contexts", "status", "date_precision"}:
            raise StoreError(f"correction cannot clear {name!r}; give a value")
        return None
    if name in _TEXT_FIELDS:
        if not isinstance(value, str) or not value.strip():
            raise StoreError(f"correction of {name!r} expects a non-empty string, got {value!r}")
        return value.strip()
    if name == "contexts":
        if isinstance(value, str) or not all(isinstance(v, str) for v in value):
            raise StoreError(f"correction of 'contexts' expects a list of strings, got {value!r}")
        return [v.strip() for v in value if v.strip()]
    if name == "status":
        if value not in get_args(EventStatus):
            raise StoreError(f"status must be one of {', '.join(get_args(EventStatus))}, got {value!r}")
        return value
    if name == "date_precision":
        if value not in get_args(DatePrecision):
            raise StoreError(
                f"date_precision must be one of {', '.join(get_args(DatePrecision))}, got {value!r}"
            )
        return value
    if name == "date_value":
        try:
            return value if isinstance(value, date) else date.fromisoformat(str(value))
        except ValueError:
            raise StoreError(f"date_value must be an ISO date (YYYY-MM-DD), got {value!r}") from None
    if name == "location_country":
        if not isinstance(value, str) or len(value) != 2:
            raise StoreError(f"location_country is an ISO alpha-2 code (LY), got {value!r}")
        return value.upper()
    try:
        return float(value) if name in _FLOAT_FIELDS else int(value)
    except (TypeError, ValueError):
        raise StoreError(f"correction of {name!r} expects a number, got {value!r}") from None


def validate_changes(action: str, changes: Mapping[str, Any] | None) -> dict[str, Any]:
    """Check a correction before it is stored; return its changes with JSON-ready values."""
    if action not in ACTIONS:
        raise StoreError(f"unknown correction action {action!r}; use one of: {', '.join(ACTIONS)}")
    changes = dict(changes or {})
    if action != "edit":
        if changes:
            raise StoreError(f"a {action!r} correction takes no changes; use action 'edit' to change fields")
        return {}
    if not changes:
        raise StoreError("an 'edit' correction needs at least one field change")
    unknown = sorted(set(changes) - set(schema.EDITABLE_FIELDS))
    if unknown:
        raise StoreError(
            f"cannot edit {', '.join(unknown)}; editable fields: {', '.join(schema.EDITABLE_FIELDS)}"
        )
    checked = {name: _coerce(name, value) for name, value in changes.items()}
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in checked.items()}


def fold(
    coder: Mapping[Any, Any], corrections: Iterable[Mapping[Any, Any]], *, published: date | None
) -> dict[str, Any] | None:
    """The override row for one event, or None when it has no corrections."""
    values = {name: coder[name] for name in schema.EDITABLE_FIELDS}
    rejected = edited = seen = False
    for correction in corrections:
        seen = True
        if correction["action"] == "reject":
            rejected = True
        elif correction["action"] == "confirm":
            rejected = False
        else:
            edited = True
            values.update({k: _coerce(k, v) for k, v in correction["changes"].items()})
    if not seen:
        return None
    review = "rejected" if rejected else "edited" if edited else "confirmed"
    return {
        "event_id": coder["id"],
        "review": review,
        **values,
        "contexts_key": contexts_key(values["contexts"]),
        "effective_date": values["date_value"] or published,
    }


def refresh_overrides(conn: Connection, event_ids: Iterable[str]) -> None:
    """Recompute ``event_overrides`` for these events from their corrections."""
    ids = list(dict.fromkeys(event_ids))
    if not ids:
        return
    ev, art, corr, ov = schema.events, schema.articles, schema.corrections, schema.event_overrides
    by_event: dict[str, list[Mapping[Any, Any]]] = {}
    for row in conn.execute(
        select(corr).where(corr.c.event_id.in_(ids)).order_by(corr.c.event_id, corr.c.id)
    ).mappings():
        by_event.setdefault(row["event_id"], []).append(row)
    conn.execute(delete(ov).where(ov.c.event_id.in_(ids)))
    if not by_event:
        return
    coder_rows = conn.execute(
        select(ev, art.c.published)
        .join_from(ev, art, art.c.id == ev.c.article_id)
        .where(ev.c.id.in_(list(by_event)))
    ).mappings()
    folded = (fold(coder, by_event[coder["id"]], published=coder["published"]) for coder in coder_rows)
    rows = [row for row in folded if row is not None]
    if rows:
        conn.execute(ov.insert(), rows)
