"""One real event told more than once in an article becomes one event.

- a definite event noun ("the talks", "the government's meeting") refers back to the most
  recent event of its type (:func:`antecedent`) and only adds evidence to it;
- two events of the same type and status whose resolved participants nest, and whose
  contents (what an agreement is about) do not differ, are one (:func:`merge`); the
  fuller telling leads and the other adds actors and evidence (:func:`combine`). Outside the
  symmetric types the participants nest side by side: "the coalition fighting Isis" and
  "Isis fighting in Raqqa" are two events (Isis would be on both sides), and so are "a Briton
  killed fighting Isis" and "other Britons killed fighting Isis" (the sources differ).
"""

from __future__ import annotations

from dataclasses import replace

from thucydides.records import ActorRef, Event
from thucydides.stages.coding_speech import Candidate
from thucydides.stages.coding_syntax import actor_key, unique_actors

__all__ = ["antecedent", "combine", "content", "merge", "newcomers"]


def _participants(event: Event) -> set[str]:
    return {actor_key(a) for a in event.sources + event.targets}


def _resolved(event: Event) -> set[str]:
    return {actor_key(a) for a in event.sources + event.targets if a.actor_id or a.name}


#: types whose sides may swap between tellings ("A met B", "B and A met")
_SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})


def _resolved_keys(side: tuple[ActorRef, ...]) -> set[str]:
    return {actor_key(a) for a in side if a.actor_id or a.name}


def _sides_nest(a: Event, b: Event) -> bool:
    """No actor on opposite sides, each side told in both nests, and one side is told in both.

    Two sides nest when their resolved actors do; a side with no resolved actor nests with a
    resolved one ("the outlaw militia" may be Haftar's) and with an unresolved one by text.
    """
    if {actor_key(s) for s in a.sources} & {actor_key(t) for t in b.targets} or {
        actor_key(t) for t in a.targets
    } & {actor_key(s) for s in b.sources}:
        return False
    shared = False
    for x, y in ((a.sources, b.sources), (a.targets, b.targets)):
        if not x or not y:
            continue
        shared = True
        kx, ky = _resolved_keys(x), _resolved_keys(y)
        if not kx and not ky:
            kx, ky = {actor_key(t) for t in x}, {actor_key(t) for t in y}
        elif not kx or not ky:
            continue
        if not (kx <= ky or ky <= kx):
            return False
    return shared


def _same_event(a: Event, b: Event, contents: dict[str, str]) -> bool:
    if a.event_type != b.event_type or a.status != b.status:
        return False
    content_a, content_b = contents.get(a.id, ""), contents.get(b.id, "")
    if content_a and content_b and content_a != content_b:
        return False  # "agreed on the need to end ..." and "agreed to support ...": two agreements
    pa, pb = _resolved(a) or _participants(a), _resolved(b) or _participants(b)
    if not pa or not pb:
        return False
    if a.event_type not in _SYMMETRIC_TYPES and not _sides_nest(a, b):
        return False
    return pa <= pb or pb <= pa


def merge(
    events: list[Event], anchors: dict[str, int], contents: dict[str, str]
) -> tuple[list[Event], dict[str, int]]:
    """One real-world event told twice becomes one, with the fuller participant set."""
    merged: list[Event] = []
    for event in events:
        twin = next((m for m in reversed(merged) if _same_event(m, event, contents)), None)
        if twin is None:
            merged.append(event)
            continue
        combined = combine(twin, event)
        contents[combined.id] = contents.get(twin.id, "") or contents.get(event.id, "")
        merged[merged.index(twin)] = combined
        if combined.id != twin.id:
            anchors.pop(twin.id, None)
        else:
            anchors.pop(event.id, None)
    return merged, {e.id: anchors[e.id] for e in merged if e.id in anchors}


def combine(first: Event, second: Event, *, lead: Event | None = None) -> Event:
    """Two tellings of one event: the fuller one (or ``lead``) leads, the other adds actors and evidence."""
    if lead is None:
        lead = first if _weight(first) >= _weight(second) else second
    primary, other = (first, second) if lead is first else (second, first)
    sources = unique_actors(list(primary.sources) + list(other.sources))
    source_keys = {actor_key(s) for s in sources}
    targets = [
        t
        for t in unique_actors(list(primary.targets) + list(other.targets))
        if actor_key(t) not in source_keys
    ]
    spans = (*primary.more_evidence, other.evidence_span, *other.more_evidence)
    return replace(
        primary,
        sources=tuple(sources),
        targets=tuple(targets),
        contexts=tuple(dict.fromkeys(primary.contexts + other.contexts)),
        more_evidence=tuple(s for s in dict.fromkeys(spans) if s != primary.evidence_span),
        confidence=max(primary.confidence, other.confidence),
    )


def content(c: Candidate) -> str:
    """What a governing trigger is about: "agreed [to support]", "agreed on [the need]"."""
    if not c.predicate.governs:
        return ""
    for child in c.trigger.children:
        if child.dep_ in ("xcomp", "ccomp", "dobj"):
            return child.lemma_.lower()
        if child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    return obj.lemma_.lower()
    return ""


def antecedent(events: list[Event], c: Candidate) -> int | None:
    """The earlier event a definite event noun refers back to (same type, most recent)."""
    for i in range(len(events) - 1, -1, -1):
        if events[i].event_type == c.event_type:
            return i
    return None


def _weight(event: Event) -> tuple[int, int, float]:
    """Which telling leads: a verbal trigger, more participants, higher confidence."""
    return (int(" " not in (event.trigger or "")), len(_participants(event)), event.confidence)


def newcomers(told: Event, earlier: Event) -> Event:
    """What a back-reference ("the Libyan government's meeting with the American ambassador")
    adds to the event it refers to: evidence, and only actors of a country not yet taking part
    (the government of a leader who met, the command of a general who met, are the same side)."""
    present = {actor_key(a) for a in earlier.sources + earlier.targets}
    countries = {a.country for a in earlier.sources + earlier.targets if a.country}

    def new(actors: tuple[ActorRef, ...]) -> tuple[ActorRef, ...]:
        return tuple(
            a for a in actors if actor_key(a) in present or (a.country and a.country not in countries)
        )

    return replace(told, sources=new(told.sources), targets=new(told.targets))
