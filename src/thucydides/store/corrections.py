"""The review layer: corrections folded into one override row per corrected event.

A correction is ``confirm``, ``reject`` or ``edit`` (with ``changes``, a mapping of
:data:`~thucydides.store.schema.EDITABLE_FIELDS` and
:data:`~thucydides.store.schema.SIDE_FIELDS` to new values). They apply in the
order they were made: a later ``confirm`` undoes an earlier ``reject``; edits
accumulate, and a later edit of a field or a side replaces an earlier one. The
coder's rows are never touched; :func:`refresh_overrides` rewrites
``event_overrides`` and the ``review`` layer of ``event_actors`` from the coder's
row and the corrections whenever either changes.

An edited side (``sources`` or ``targets``) is a list of actor references, each one of

- ``{"actor_id": "Q123"}`` (optionally with ``"text"``, the words of the article): a
  registered actor (the ``actors`` table); name, country and sector come from it;
- ``{"text": "Egyptian troops", "country": "EGY", "sector": "MIL"}``: an actor outside
  the knowledge base (country and sector optional; the country as alpha-3, alpha-2 or name);
- a string: a registered actor's id, else the name of exactly one registered actor
  (any case), else the text of an unresolved actor (what the dashboard's form sends).

:func:`resolve_sides` turns them into stored references before the correction is
saved, so the audit trail holds what the analyst chose. Either side may be left empty
(an event may have no target, or no named source: "a roadside bomb killed ..."), but
not both: an event needs an actor (:func:`check_has_actor`); to drop it, reject it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Literal, get_args

from sqlalchemy import Connection, delete, func, select, update

from thucydides.errors import StoreError
from thucydides.records import DatePrecision, EventStatus
from thucydides.store import schema
from thucydides.store.query import country_codes
from thucydides.store.rows import contexts_key

__all__ = [
    "ACTIONS",
    "REVIEW_RESOLUTION",
    "Action",
    "Folded",
    "check_has_actor",
    "fold",
    "refresh_overrides",
    "resolve_sides",
    "validate_changes",
]

Action = Literal["confirm", "reject", "edit"]
ACTIONS: Final = get_args(Action)

#: the ``resolution`` of the actors an analyst put on a side
REVIEW_RESOLUTION: Final = "review"

_TEXT_FIELDS = ("event_type", "mode", "location_name", "location_admin1", "cameo_code", "acled_type")
_FLOAT_FIELDS = ("location_lat", "location_lon")
#: the keys an actor reference (a mapping) may have
_REF_KEYS = ("actor_id", "text", "country", "sector")
_SECTOR = re.compile(r"[A-Z][A-Z0-9]{1,15}")
#: the ``event_actors.side`` of each side field
_SIDE_OF = {"sources": "source", "targets": "target"}


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


def _side_refs(name: str, value: Any) -> list[str | dict[str, str]]:
    """Check the shape of an edited side (see the module docstring); nothing is looked up yet."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise StoreError(
            f"correction of {name!r} expects a list of actors (ids, names or "
            f'{{"text", "country", "sector"}} objects), got {value!r}; [] empties the side'
        )
    return [_side_ref(name, ref) for ref in value]


def _side_ref(name: str, ref: Any) -> str | dict[str, str]:
    if isinstance(ref, str):
        if not ref.strip():
            raise StoreError(f"an actor of {name!r} is an empty string; give an id, a name or a text")
        return ref.strip()
    if not isinstance(ref, Mapping):
        raise StoreError(f"an actor of {name!r} is a string or an object, got {ref!r}")
    unknown = sorted(set(ref) - set(_REF_KEYS))
    if unknown:
        raise StoreError(f"an actor of {name!r} has unknown keys {unknown}; use: {', '.join(_REF_KEYS)}")
    out: dict[str, str] = {}
    for key in _REF_KEYS:
        value = ref.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise StoreError(f"the {key!r} of an actor of {name!r} must be a non-empty string, got {value!r}")
        out[key] = value.strip()
    if "actor_id" in out and ("country" in out or "sector" in out):
        raise StoreError(
            f"actor {out['actor_id']!r} of {name!r}: a registered actor's country and sector come "
            "from its record; give country/sector only for an actor without actor_id"
        )
    if "actor_id" not in out and "text" not in out:
        raise StoreError(f"an actor of {name!r} needs an 'actor_id' or a 'text', got {dict(ref)!r}")
    if "country" in out:
        out["country"] = country_codes(out["country"])[1]
    if "sector" in out:
        out["sector"] = out["sector"].upper()
        if not _SECTOR.fullmatch(out["sector"]):
            raise StoreError(f"sector {out['sector']!r} is not a PLOVER sector code (GOV, MIL, REB, ...)")
    return out


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
    editable = (*schema.EDITABLE_FIELDS, *schema.SIDE_FIELDS)
    unknown = sorted(set(changes) - set(editable))
    if unknown:
        raise StoreError(f"cannot edit {', '.join(unknown)}; editable fields: {', '.join(editable)}")
    checked = {
        name: _side_refs(name, value) if name in schema.SIDE_FIELDS else _coerce(name, value)
        for name, value in changes.items()
    }
    if all(checked.get(name) == [] for name in schema.SIDE_FIELDS):
        raise StoreError("an event needs an actor on some side; to drop the event, reject it")
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in checked.items()}


def resolve_sides(conn: Connection, changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` (from :func:`validate_changes`) with each edited side's actors looked up:
    stored references ``{"actor_id", "text", "name", "country", "sector"}``."""
    out = dict(changes)
    for name in schema.SIDE_FIELDS:
        if name in out:
            out[name] = [_resolve(conn, name, ref) for ref in out[name]]
    return out


def _resolve(conn: Connection, name: str, ref: str | Mapping[str, str]) -> dict[str, str | None]:
    act = schema.actors
    if isinstance(ref, str):
        by_id = _registered(conn, act.c.id == ref)
        if by_id is not None:
            return _reference(by_id, text=None)
        by_name = _registered(conn, func.lower(act.c.name) == ref.lower(), unique=True)
        return _reference(by_name, text=ref) if by_name else _unresolved({"text": ref})
    if "actor_id" not in ref:
        return _unresolved(ref)
    found = _registered(conn, act.c.id == ref["actor_id"])
    if found is None:
        raise StoreError(
            f"no actor {ref['actor_id']!r} (in {name!r}) in this database; find its id with "
            "GET /api/actors?q=<part of the name> (or `thucydides actors`), or give an actor "
            'outside the knowledge base as {"text": ..., "country": ..., "sector": ...}'
        )
    return _reference(found, text=ref.get("text"))


def _registered(conn: Connection, where: Any, *, unique: bool = False) -> Mapping[Any, Any] | None:
    """The registered actor matching ``where`` (None if none, or with ``unique`` several)."""
    found = conn.execute(select(schema.actors).where(where).limit(2)).mappings().all()
    if not found or (unique and len(found) > 1):
        return None
    return found[0]


def _reference(actor: Mapping[Any, Any], *, text: str | None) -> dict[str, str | None]:
    return {
        "actor_id": actor["id"],
        "text": text or actor["name"] or actor["id"],
        "name": actor["name"],
        "country": actor["country"],
        "sector": actor["sector"],
    }


def _unresolved(ref: Mapping[str, str]) -> dict[str, str | None]:
    return {
        "actor_id": None,
        "text": ref["text"],
        "name": None,
        "country": ref.get("country"),
        "sector": ref.get("sector"),
    }


def check_has_actor(conn: Connection, event_id: str) -> None:
    """Refuse a correction that left the event with no actor on either side."""
    ea = schema.event_actors
    found = conn.execute(select(ea.c.event_id).where(ea.c.event_id == event_id, ea.c.effective).limit(1))
    if found.first() is None:
        raise StoreError(
            f"this correction would leave event {event_id!r} with no actor on either side; "
            "give a source or a target, or reject the event"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Folded:
    """One corrected event: its ``event_overrides`` row and the sides an edit replaced
    (``event_actors.side`` → the stored references, in order; absent when not edited)."""

    override: dict[str, Any]
    sides: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def fold(
    coder: Mapping[Any, Any], corrections: Iterable[Mapping[Any, Any]], *, published: date | None
) -> Folded | None:
    """The corrected view of one event, or None when it has no corrections."""
    values = {name: coder[name] for name in schema.EDITABLE_FIELDS}
    sides: dict[str, list[dict[str, Any]]] = {}
    rejected = edited = seen = False
    for correction in corrections:
        seen = True
        if correction["action"] == "reject":
            rejected = True
        elif correction["action"] == "confirm":
            rejected = False
        else:
            edited = True
            for name, value in correction["changes"].items():
                if name in _SIDE_OF:
                    sides[_SIDE_OF[name]] = [dict(ref) for ref in value]
                else:
                    values[name] = _coerce(name, value)
    if not seen:
        return None
    review = "rejected" if rejected else "edited" if edited else "confirmed"
    override = {
        "event_id": coder["id"],
        "review": review,
        **values,
        "contexts_key": contexts_key(values["contexts"]),
        "effective_date": values["date_value"] or published,
    }
    return Folded(override=override, sides=sides)


def _side_rows(event_id: str, side: str, refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The ``review`` rows of ``event_actors`` for an edited side."""
    return [
        {
            "event_id": event_id,
            "side": side,
            "layer": "review",
            "position": position,
            "actor_id": ref.get("actor_id"),
            "text": ref["text"],
            "name": ref.get("name"),
            "country": ref.get("country"),
            "sector": ref.get("sector"),
            "role": None,
            "resolution": REVIEW_RESOLUTION,
            "score": 1.0,
            "effective": True,
        }
        for position, ref in enumerate(refs)
    ]


def refresh_overrides(conn: Connection, event_ids: Iterable[str]) -> None:
    """Recompute ``event_overrides`` and the ``review`` layer of ``event_actors`` (and so
    which actor rows are ``effective``) for these events from their corrections."""
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
    _reset_sides(conn, ids)
    if not by_event:
        return
    coder_rows = conn.execute(
        select(ev, art.c.published)
        .join_from(ev, art, art.c.id == ev.c.article_id)
        .where(ev.c.id.in_(list(by_event)))
    ).mappings()
    folded = (fold(coder, by_event[coder["id"]], published=coder["published"]) for coder in coder_rows)
    done = [f for f in folded if f is not None]
    if done:
        conn.execute(ov.insert(), [f.override for f in done])
    for f in done:
        _replace_sides(conn, f)


def _reset_sides(conn: Connection, ids: list[str]) -> None:
    """Drop these events' review rows and make their coder rows effective again."""
    ea = schema.event_actors
    conn.execute(delete(ea).where(ea.c.event_id.in_(ids), ea.c.layer == "review"))
    conn.execute(
        update(ea)
        .where(ea.c.event_id.in_(ids), ea.c.layer == "coder", ~ea.c.effective)
        .values(effective=True)
    )


def _replace_sides(conn: Connection, folded: Folded) -> None:
    """Put the edited sides of one event in the review layer, in place of the coder's rows."""
    ea = schema.event_actors
    event_id = folded.override["event_id"]
    for side, refs in folded.sides.items():
        conn.execute(
            update(ea)
            .where(ea.c.event_id == event_id, ea.c.side == side, ea.c.layer == "coder")
            .values(effective=False)
        )
        rows = _side_rows(event_id, side, refs)
        if rows:
            conn.execute(ea.insert(), rows)
