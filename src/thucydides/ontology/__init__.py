"""The PLOVER ontology and its crosswalks, as data files plus a typed loader.

- ``plover.toml``: the 16 PLOVER event types (quad, modes, short definitions), the
  contexts and the actor sectors;
- ``cameo_plover.csv``: CAMEO code -> PLOVER type, mode, contexts;
- ``acled.csv`` / ``acled_types.csv``: ordered rules from a PLOVER event to the
  ACLED-style fine-grained types of CASE 2021 task 2.

Everything is validated when loaded: a type, mode, context or ACLED type that a
crosswalk names but the ontology does not define is a :class:`KnowledgeBaseError`.

>>> onto = Ontology.load()
>>> onto.cameo_for("CONSULT", "phone")
'041'
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from thucydides.errors import KnowledgeBaseError

__all__ = ["PLOVER_05_LABELS", "AcledRule", "CameoEntry", "EventType", "Ontology"]

#: PLOVER 0.5 labels (as in the PLOVER gold standard records) -> (0.8 type, mode)
PLOVER_05_LABELS: Mapping[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", None),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}

_ANY = "*"


@dataclass(frozen=True, slots=True, kw_only=True)
class EventType:
    code: str
    quad: str
    requires_recipient: bool
    definition: str
    modes: Mapping[str, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class CameoEntry:
    cameo: str
    event_type: str
    mode: str | None
    contexts: tuple[str, ...]
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AcledRule:
    """One row of the ACLED crosswalk; ``None`` fields match anything."""

    acled_type: str
    event_type: str | None
    mode: str | None
    hint: str | None
    source_sectors: frozenset[str] | None
    contexts: frozenset[str] | None

    def matches(
        self,
        event_type: str,
        mode: str | None,
        *,
        hints: frozenset[str],
        source_sectors: frozenset[str],
        contexts: frozenset[str],
    ) -> bool:
        return (
            (self.event_type is None or self.event_type == event_type)
            and (self.mode is None or self.mode == mode)
            and (self.hint is None or self.hint in hints)
            and (self.source_sectors is None or bool(self.source_sectors & source_sectors))
            and (self.contexts is None or bool(self.contexts & contexts))
        )


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """CSV rows as dicts, skipping ``#`` comment lines."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines):
            yield {k: (v or "").strip() for k, v in row.items()}


def _data_dir() -> Path:
    return Path(str(resources.files("thucydides.ontology")))


@dataclass(frozen=True, slots=True)
class Ontology:
    """PLOVER types, modes, contexts and sectors, with the CAMEO and ACLED crosswalks."""

    version: str
    types: Mapping[str, EventType]
    context_definitions: Mapping[str, str]
    sector_definitions: Mapping[str, str]
    cameo: Mapping[str, CameoEntry]
    acled_rules: tuple[AcledRule, ...]
    acled_types: Mapping[str, str]

    # -- loading -----------------------------------------------------------------
    @classmethod
    def load(cls, directory: str | Path | None = None) -> Ontology:
        """Read and validate the ontology files (the packaged ones by default)."""
        root = Path(directory) if directory is not None else _data_dir()
        try:
            table = tomllib.loads((root / "plover.toml").read_text(encoding="utf-8"))
            onto = cls(
                version=str(table.get("version", "")),
                types={code: _event_type(code, spec) for code, spec in table["types"].items()},
                context_definitions=dict(table["contexts"]),
                sector_definitions=dict(table["sectors"]),
                cameo={e.cameo: e for e in _cameo_entries(_rows(root / "cameo_plover.csv"))},
                acled_rules=tuple(_acled_rule(r) for r in _rows(root / "acled.csv")),
                acled_types={r["acled_type"]: r["group"] for r in _rows(root / "acled_types.csv")},
            )
        except (OSError, KeyError, ValueError, tomllib.TOMLDecodeError) as exc:
            raise KnowledgeBaseError(
                f"cannot read the ontology files in {root}: {exc!r}; reinstall thucydides "
                "or fix the file named"
            ) from exc
        onto.validate()
        return onto

    def validate(self) -> None:
        """Check the crosswalks only name what the ontology defines."""
        problems: list[str] = []
        for entry in self.cameo.values():
            problems += self._check(entry.event_type, entry.mode, entry.contexts, f"CAMEO {entry.cameo}")
        for i, rule in enumerate(self.acled_rules, start=1):
            where = f"ACLED rule {i} ({rule.acled_type})"
            if rule.acled_type not in self.acled_types:
                problems.append(f"{where}: unknown ACLED type {rule.acled_type!r}")
            if rule.event_type is not None:
                problems += self._check(rule.event_type, rule.mode, tuple(rule.contexts or ()), where)
            unknown = (rule.source_sectors or frozenset()) - set(self.sector_definitions)
            if unknown:
                problems.append(f"{where}: unknown sectors {sorted(unknown)}")
        if len(self.types) != 16:
            problems.append(f"expected the 16 PLOVER event types, found {len(self.types)}")
        if problems:
            raise KnowledgeBaseError("ontology files are inconsistent: " + "; ".join(problems))

    def _check(self, event_type: str, mode: str | None, contexts: Iterable[str], where: str) -> list[str]:
        if event_type not in self.types:
            return [f"{where}: unknown event type {event_type!r}"]
        out = []
        if mode is not None and mode not in self.types[event_type].modes:
            out.append(f"{where}: {event_type} has no mode {mode!r}")
        out += [f"{where}: unknown context {c!r}" for c in contexts if c not in self.context_definitions]
        return out

    # -- accessors -----------------------------------------------------------------
    @property
    def event_types(self) -> tuple[str, ...]:
        return tuple(self.types)

    @property
    def contexts(self) -> tuple[str, ...]:
        return tuple(self.context_definitions)

    @property
    def sectors(self) -> tuple[str, ...]:
        return tuple(self.sector_definitions)

    def event_type(self, code: str) -> EventType:
        try:
            return self.types[code]
        except KeyError:
            raise KnowledgeBaseError(
                f"unknown PLOVER event type {code!r}; known: {', '.join(self.types)}"
            ) from None

    def modes(self, event_type: str) -> tuple[str, ...]:
        return tuple(self.event_type(event_type).modes)

    def quad(self, event_type: str) -> str:
        return self.event_type(event_type).quad

    def is_valid_mode(self, event_type: str, mode: str | None) -> bool:
        return mode is None or mode in self.event_type(event_type).modes

    def plover_for_cameo(self, code: str) -> CameoEntry | None:
        """The PLOVER reading of a CAMEO code (falls back to its parent code)."""
        while code:
            if code in self.cameo:
                return self.cameo[code]
            code = code[:-1] if len(code) > 3 else ""
        return None

    def cameo_for(
        self, event_type: str, mode: str | None = None, *, context: str | None = None
    ) -> str | None:
        """The most general CAMEO code for a PLOVER type (and mode, and context if given)."""
        best: CameoEntry | None = None
        for entry in self.cameo.values():
            if entry.event_type != event_type or (mode is not None and entry.mode not in (mode, None)):
                continue
            if best is None or _cameo_score(entry, mode, context) > _cameo_score(best, mode, context):
                best = entry
        return best.cameo if best is not None else None

    def acled_for(
        self,
        event_type: str,
        mode: str | None = None,
        *,
        hints: Iterable[str] = (),
        source_sectors: Iterable[str] = (),
        contexts: Iterable[str] = (),
    ) -> str | None:
        """The ACLED-style type of an event, or ``None`` when no rule applies."""
        hint_set, sector_set, context_set = frozenset(hints), frozenset(source_sectors), frozenset(contexts)
        for rule in self.acled_rules:
            if rule.matches(
                event_type, mode, hints=hint_set, source_sectors=sector_set, contexts=context_set
            ):
                return rule.acled_type
        return None


def _cameo_score(entry: CameoEntry, mode: str | None, context: str | None) -> int:
    return (
        (entry.mode == mode) * 4
        + (context is not None and context in entry.contexts) * 2
        - len(entry.cameo)
        + (entry.mode is None and mode is None) * 1
    )


def _event_type(code: str, spec: Mapping[str, Any]) -> EventType:
    return EventType(
        code=code,
        quad=str(spec["quad"]),
        requires_recipient=bool(spec["requires_recipient"]),
        definition=str(spec["definition"]),
        modes={str(k): str(v) for k, v in spec.get("modes", {}).items()},
    )


def _cameo_entries(rows: Iterable[dict[str, str]]) -> Iterator[CameoEntry]:
    for row in rows:
        yield CameoEntry(
            cameo=row["cameo"],
            event_type=row["event_type"],
            mode=row["mode"] or None,
            contexts=tuple(c for c in row["contexts"].split(";") if c),
            label=row["label"],
        )


def _optional(value: str) -> str | None:
    return None if value in ("", _ANY) else value


def _optional_set(value: str) -> frozenset[str] | None:
    return None if value in ("", _ANY) else frozenset(v.strip() for v in value.split(";") if v.strip())


def _acled_rule(row: dict[str, str]) -> AcledRule:
    return AcledRule(
        acled_type=row["acled_type"],
        event_type=_optional(row["event_type"]),
        mode=_optional(row["mode"]),
        hint=_optional(row["hint"]),
        source_sectors=_optional_set(row["source_sectors"]),
        contexts=_optional_set(row["contexts"]),
    )
