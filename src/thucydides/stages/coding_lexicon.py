"""The event coder's lexicon: predicates, closed word lists and topic cues.

All of it is data in ``stages/coding_data/``:

- ``predicates.csv``: verbs and event nouns -> PLOVER type, mode, frame, CAMEO code;
- ``words.toml``: light verbs, speech verbs, intent verbs, modals, agent nouns, ...;
- ``context_cues.csv``: topic words -> PLOVER contexts;
- ``announced.csv``: what an announced future act codes as (a promise to aid is an
  AGREE, a vow to attack a THREATEN), and what a demand for it is (REQUEST mode).

The lexicon is validated against the ontology when loaded.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from thucydides.errors import KnowledgeBaseError
from thucydides.ontology import Ontology

__all__ = ["FRAMES", "Announced", "ContextCue", "Lexicon", "Predicate", "WordLists"]

Frame = Literal["tv", "iv", "dv", "sym", "symt", "gov", "n", "npat", "nsym"]
FRAMES: frozenset[str] = frozenset({"tv", "iv", "dv", "sym", "symt", "gov", "n", "npat", "nsym"})
#: summed cue weight over an article from which a context applies to every event
ARTICLE_CONTEXT_THRESHOLD = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class Predicate:
    """One lexicon entry: how a trigger word codes."""

    lemma: str
    pos: Literal["V", "N"]
    particle: str | None  # "call for" -> "for"; "pull out" -> "out"
    obj: str | None  # "impose +sanction" -> "sanction"
    event_type: str
    mode: str | None
    cameo: str | None
    frame: Frame
    target_preps: frozenset[str]
    hint: str | None
    contexts: tuple[str, ...]
    #: an event only with an agent as its object or target ("received X", not "received treatment")
    needs_agent: bool = False

    @property
    def symmetric(self) -> bool:
        return self.frame in ("sym", "symt", "nsym")

    @property
    def governs(self) -> bool:
        return self.frame == "gov"


@dataclass(frozen=True, slots=True, kw_only=True)
class ContextCue:
    context: str
    weight: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Announced:
    """How an announced (future, intended, offered) act codes, and a demand for it."""

    event_type: str  # AGREE or THREATEN
    mode: str | None
    cameo: str | None
    request_mode: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class WordLists:
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    desire_verbs: frozenset[str]
    intent_nouns: frozenset[str]
    future_modals: frozenset[str]
    hypothetical_modals: frozenset[str]
    obligation_modals: frozenset[str]
    conditional_marks: frozenset[str]
    irrealis_adjectives: frozenset[str]
    speculation_adverbs: frozenset[str]
    claim_adverbs: frozenset[str]
    claim_verbs: frozenset[str]
    claim_adjectives: frozenset[str]
    complement_promises: frozenset[str]
    agent_nouns: frozenset[str]
    quantity_heads: frozenset[str]
    instrument_nouns: frozenset[str]
    participant_nouns: frozenset[str]
    personal_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    first_person_pronouns: frozenset[str]
    neuter_pronouns: frozenset[str]
    blocking_preps: frozenset[str]
    time_preps: frozenset[str]
    generic_verbs: frozenset[str]
    negative_judgement: frozenset[str]
    positive_judgement: frozenset[str]
    hearsay_verbs: frozenset[str]
    relational_nouns: frozenset[str]
    abstract_heads: frozenset[str]
    attribute_nouns: frozenset[str]
    routine_objects: frozenset[str]
    press_addressees: frozenset[str]
    political_types: frozenset[str]
    political_sectors: frozenset[str]
    private_travellers: frozenset[str]
    office_nouns: frozenset[str]
    statement_phrasals: frozenset[str]
    political_nouns: frozenset[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the coder looks words up in."""

    verbs: Mapping[str, tuple[Predicate, ...]]  # lemma -> entries (plain, particle, object)
    nouns: Mapping[str, Predicate]
    words: WordLists
    cues: Mapping[str, ContextCue]
    announced: Mapping[tuple[str, str | None], Announced]
    article_threshold: int = ARTICLE_CONTEXT_THRESHOLD

    @classmethod
    def load(cls, ontology: Ontology, directory: str | Path | None = None) -> Lexicon:
        root = Path(directory) if directory is not None else _data_dir()
        try:
            predicates = list(_predicates(root / "predicates.csv"))
            table = tomllib.loads((root / "words.toml").read_text(encoding="utf-8"))
            words = WordLists(
                **{
                    name: frozenset(str(w).lower() for w in table[name])
                    for name in WordLists.__dataclass_fields__
                }
            )
            cues = {
                row["cue"].lower(): ContextCue(context=row["context"], weight=int(row["weight"]))
                for row in _rows(root / "context_cues.csv")
            }
            announced = {
                (row["content_type"], row["content_mode"] or None): Announced(
                    event_type=row["event_type"],
                    mode=row["mode"] or None,
                    cameo=row["cameo"] or None,
                    request_mode=row["request_mode"] or None,
                )
                for row in _rows(root / "announced.csv")
            }
        except (OSError, KeyError, ValueError, TypeError, tomllib.TOMLDecodeError) as exc:
            raise KnowledgeBaseError(
                f"cannot read the coder lexicon in {root}: {exc!r}; fix the file named or reinstall"
            ) from exc
        _validate(predicates, cues, ontology)
        _validate_announced(announced, ontology)
        verbs: dict[str, list[Predicate]] = {}
        nouns: dict[str, Predicate] = {}
        for entry in predicates:
            if entry.pos == "V":
                verbs.setdefault(entry.lemma, []).append(entry)
            else:
                nouns[entry.lemma] = entry
        return cls(
            verbs={k: tuple(v) for k, v in verbs.items()},
            nouns=nouns,
            words=words,
            cues=cues,
            announced=announced,
        )

    def verb_entries(self, lemma: str) -> tuple[Predicate, ...]:
        return self.verbs.get(lemma, ())

    def announcement(self, event_type: str, mode: str | None) -> Announced | None:
        """What announcing an act of this type and mode codes as (None: it stays as it is)."""
        return self.announced.get((event_type, mode)) or self.announced.get((event_type, None))


def _data_dir() -> Path:
    return Path(str(resources.files("thucydides.stages"))) / "coding_data"


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            yield {k: (v or "").strip() for k, v in row.items()}


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(";") if v.strip())


def _predicates(path: Path) -> Iterator[Predicate]:
    for line_no, row in enumerate(_rows(path), start=2):
        words = row["trigger"].lower().split()
        if not words or len(words) > 2:
            raise ValueError(f"{path.name} row {line_no}: bad trigger {row['trigger']!r}")
        particle = obj = None
        if len(words) == 2 and row["pos"] == "N":  # "hunger strike": a modifier and its noun
            words = [" ".join(words)]
        elif len(words) == 2:
            if words[1].startswith("+"):
                obj = words[1][1:]
            else:
                particle = words[1]
        pos = row["pos"]
        frame = row["frame"]
        if pos not in ("V", "N") or frame not in FRAMES:
            raise ValueError(f"{path.name} row {line_no}: bad pos {pos!r} or frame {frame!r}")
        needs = row.get("needs", "")
        if needs not in ("", "agent"):
            raise ValueError(f"{path.name} row {line_no}: 'needs' is empty or 'agent', not {needs!r}")
        yield Predicate(
            lemma=words[0],
            pos=pos,  # type: ignore[arg-type]
            particle=particle,
            obj=obj,
            event_type=row["event_type"],
            mode=row["mode"] or None,
            cameo=row["cameo"] or None,
            frame=frame,  # type: ignore[arg-type]
            target_preps=frozenset(_split(row["preps"])),
            hint=row["hint"] or None,
            contexts=_split(row["contexts"]),
            needs_agent=needs == "agent",
        )


def _validate_announced(announced: Mapping[tuple[str, str | None], Announced], ontology: Ontology) -> None:
    problems: list[str] = []
    for (content_type, content_mode), entry in announced.items():
        name = f"announced {content_type}/{content_mode or '-'}"
        if content_type not in ontology.types or entry.event_type not in ontology.types:
            problems.append(f"{name}: unknown event type")
            continue
        if not ontology.is_valid_mode(content_type, content_mode):
            problems.append(f"{name}: {content_type} has no mode {content_mode!r}")
        if not ontology.is_valid_mode(entry.event_type, entry.mode):
            problems.append(f"{name}: {entry.event_type} has no mode {entry.mode!r}")
        if entry.request_mode and not ontology.is_valid_mode("REQUEST", entry.request_mode):
            problems.append(f"{name}: REQUEST has no mode {entry.request_mode!r}")
        if entry.cameo and ontology.plover_for_cameo(entry.cameo) is None:
            problems.append(f"{name}: unknown CAMEO code {entry.cameo}")
    if problems:
        raise KnowledgeBaseError("the coder's announced.csv is inconsistent: " + "; ".join(problems[:20]))


def _validate(predicates: list[Predicate], cues: Mapping[str, ContextCue], ontology: Ontology) -> None:
    problems: list[str] = []
    seen: set[tuple[str, str, str | None, str | None]] = set()
    for p in predicates:
        key = (p.lemma, p.pos, p.particle, p.obj)
        name = f"{p.lemma} {p.particle or ''}{'+' + p.obj if p.obj else ''} ({p.pos})"
        if key in seen:
            problems.append(f"duplicate trigger {name}")
        seen.add(key)
        if p.event_type not in ontology.types:
            problems.append(f"{name}: unknown event type {p.event_type}")
            continue
        if not ontology.is_valid_mode(p.event_type, p.mode):
            problems.append(f"{name}: {p.event_type} has no mode {p.mode!r}")
        problems += [f"{name}: unknown context {c}" for c in p.contexts if c not in ontology.contexts]
        entry = ontology.plover_for_cameo(p.cameo) if p.cameo else None
        if p.cameo and entry is None:
            problems.append(f"{name}: unknown CAMEO code {p.cameo}")
    problems += [
        f"cue {k!r}: unknown context {c.context}"
        for k, c in cues.items()
        if c.context not in ontology.contexts
    ]
    if problems:
        raise KnowledgeBaseError("the coder lexicon is inconsistent: " + "; ".join(problems[:20]))
