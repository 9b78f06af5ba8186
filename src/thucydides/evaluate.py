"""Scoring against gold: matching, precision/recall/F1 per field, per event type, confusion.

The matching rules are those of ``../shared/eval/README.md`` (summarised in ``docs/EVAL.md``):

- an expected event is *found* by a produced event of the same article whose ``event_type`` is
  one of the accepted types and whose sources ∪ targets cover every actor the gold names
  (canonical name or KB id, case- and diacritic-insensitive); one produced event finds at most one
  expected event;
- ``optional_events`` absorb the produced events that match them and count neither way;
- a produced event in a sentence containing a ``no_events_in`` string, or matching nothing, or
  repeating an event already found, is a false positive;
- location (50 km), date, date text, contexts, status, mode and ACLED type are scored on the
  found events only; without a publication date a found event's date must not be invented;
- ``actors`` and ``places``: every occurrence of a listed mention must resolve to the named actor,
  or to a place within 50 km (the right country for countries).

Gold readers are in :mod:`thucydides.eval_readers`, running the pipeline over every gold set in
:mod:`thucydides.eval_run`, the quality gate and the report in :mod:`thucydides.eval_gate`.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from thucydides.eval_readers import (
    GoldArticle,
    GoldEvent,
    GoldLocation,
    PloverSentence,
    normalise_name,
)
from thucydides.records import ActorRef, ArticleResult, Event, Place

__all__ = [
    "NONE",
    "Counts",
    "Finding",
    "Tally",
    "expected_date",
    "haversine_km",
    "main_event",
    "score_article",
    "score_plover_sentence",
]

#: the label of "no event" in confusions
NONE = "NONE"
#: how far a produced place may be from the gold one and still match (README: 50 km)
MATCH_KM = 50.0
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


# ---------------------------------------------------------------------------- tallies


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One error, with the sentence it is about; lower ``rank`` is worse."""

    rank: int
    article_id: str
    kind: str
    detail: str
    sentence: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "kind": self.kind,
            "detail": self.detail,
            "sentence": self.sentence,
        }


# rank of each finding kind: misses first, then false events, then wrong attributes
_RANKS = {
    "missed event": 0,
    "false event": 1,
    "wrong type": 1,
    "wrong actor": 2,
    "wrong location": 3,
    "invented date": 3,
    "wrong date": 4,
    "wrong mention": 5,
    "wrong place": 5,
    "wrong attribute": 6,
}


@dataclass(slots=True)
class Tally:
    """Accumulates the counts of one gold set (one run mode)."""

    fields: defaultdict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    extra: Counter[str] = field(default_factory=Counter)

    def note(self, kind: str, *, article_id: str, detail: str, sentence: str) -> None:
        self.findings.append(
            Finding(
                rank=_RANKS.get(kind, 9),
                article_id=article_id,
                kind=kind,
                detail=detail,
                sentence=" ".join(sentence.split()),
            )
        )

    def per_type(self) -> dict[str, Counts]:
        out: defaultdict[str, Counts] = defaultdict(Counts)
        for (gold, predicted), n in self.confusion.items():
            if gold == predicted:
                out[gold].tp += n
                continue
            if predicted != NONE:
                out[predicted].fp += n
            if gold != NONE:
                out[gold].fn += n
        return dict(sorted(out.items()))

    def type_counts(self) -> Counts:
        """Micro counts of event-type labels (NONE is no label)."""
        total = Counts()
        for counts in self.per_type().values():
            total.tp, total.fp, total.fn = total.tp + counts.tp, total.fp + counts.fp, total.fn + counts.fn
        return total

    def worst(self, n: int) -> list[Finding]:
        return sorted(self.findings, key=lambda f: f.rank)[:n]

    def figures(self) -> dict[str, Any]:
        """JSON-ready figures: per field, per event type, confusion and extra counters."""
        confusion: defaultdict[str, dict[str, int]] = defaultdict(dict)
        for (gold, predicted), n in sorted(self.confusion.items()):
            confusion[gold][predicted] = n
        fields = {name: counts.as_dict() for name, counts in sorted(self.fields.items())}
        if self.confusion:
            fields["event_type"] = self.type_counts().as_dict()
        if self.extra["dates_scored"]:  # right values and rightly withheld dates, over scored events
            right = self.fields["date"].tp + self.extra["dates_rightly_withheld"]
            fields["date"] = {
                **self.fields["date"].as_dict(),
                "accuracy": round(right / self.extra["dates_scored"], 4),
            }
        return {
            "fields": fields,
            "event_types": {name: c.as_dict() for name, c in self.per_type().items()},
            "confusion": dict(confusion),
            "extra": dict(sorted(self.extra.items())),
        }


# ---------------------------------------------------------------------------- small helpers


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def _ref_keys(ref: ActorRef) -> frozenset[str]:
    return frozenset(normalise_name(k) for k in (ref.name, ref.actor_id) if k)


def _describe(refs: Iterable[ActorRef]) -> str:
    return ", ".join(ref.name or ref.actor_id or f"{ref.text!r}?" for ref in refs) or "-"


def _sentence_text(result: ArticleResult, event: Event) -> str:
    for sentence in result.sentences:
        if sentence.index == event.sentence_index:
            return sentence.text
    return event.evidence_text


def _covered(gold: GoldArticle, name: str, refs: Iterable[ActorRef]) -> bool:
    keys = gold.actor_keys(name)
    return any(keys & _ref_keys(ref) for ref in refs)


def _satisfies(gold: GoldArticle, expected: GoldEvent, event: Event) -> bool:
    if event.event_type.upper() not in expected.event_types:
        return False
    produced = event.sources + event.targets
    return all(_covered(gold, name, produced) for name in expected.actors)


def expected_date(expected: GoldEvent, *, published: date | None) -> tuple[bool, date | None]:
    """``(scored, value)``: whether the date of a found event is scored, and what it must be.

    A ``date`` in the gold is the answer. Without a publication date the answer is None (a date
    must not be invented). With one, a weekday ``date_text`` ("On Monday") is the latest such day
    on or before publication, "today"/"yesterday" are relative to it; anything else is not scored.
    """
    if expected.has_date and expected.date is not None:
        return True, expected.date
    if published is None:
        return True, None
    text = _squash(expected.date_text or "")
    for number, weekday in enumerate(_WEEKDAYS):
        if re.search(rf"\b{weekday}\b", text):
            return True, published - timedelta(days=(published.weekday() - number) % 7)
    if re.search(r"\btoday\b", text):
        return True, published
    if re.search(r"\byesterday\b", text):
        return True, published - timedelta(days=1)
    return False, None


# ---------------------------------------------------------------------------- event matching


def _match_events(gold: GoldArticle, candidates: Sequence[Event], result: ArticleResult) -> dict[int, int]:
    """Maximum one-to-one matching expected event -> produced event (Kuhn's augmenting paths).

    First only produced events in the expected event's evidence sentence are considered, then any;
    augmenting paths keep every expected event matched in the first pass matched in the second.
    """
    in_sentence: list[list[int]] = []
    anywhere: list[list[int]] = []
    for expected in gold.events:
        ok = [j for j, event in enumerate(candidates) if _satisfies(gold, expected, event)]
        needle = _squash(expected.evidence or "\0")
        in_sentence.append([j for j in ok if needle in _squash(_sentence_text(result, candidates[j]))])
        anywhere.append(in_sentence[-1] + [j for j in ok if j not in in_sentence[-1]])
    owner: dict[int, int] = {}  # produced -> expected

    def augment(i: int, edges: list[list[int]], seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], edges, seen):
                owner[j] = i
                return True
        return False

    for edges in (in_sentence, anywhere):
        for i in range(len(gold.events)):
            if i not in owner.values():
                augment(i, edges, set())
    return {i: j for j, i in owner.items()}


def _score_sides(
    tally: Tally, gold: GoldArticle, expected: GoldEvent, event: Event | None, *, sentence: str
) -> None:
    """Sources and targets of an expected event against its aligned produced event (if any)."""
    if event is None:
        tally.fields["sources"].fn += len(expected.sources)
        tally.fields["targets"].fn += len(expected.targets)
        return
    orientations = [(expected.sources, expected.targets)]
    if expected.symmetric:
        orientations.append((expected.targets, expected.sources))
    best: tuple[tuple[int, int], list[Counts]] | None = None
    for gold_sources, gold_targets in orientations:
        side_counts = [
            _side(gold, gold_sources, event.sources, optional=()),
            _side(gold, gold_targets, event.targets, optional=expected.optional_targets),
        ]
        key = (sum(c.tp for c in side_counts), -sum(c.fp + c.fn for c in side_counts))
        if best is None or key > best[0]:
            best = (key, side_counts)
    assert best is not None
    for name, counts in zip(("sources", "targets"), best[1], strict=True):
        total = tally.fields[name]
        total.tp, total.fp, total.fn = total.tp + counts.tp, total.fp + counts.fp, total.fn + counts.fn
    if any(c.fp or c.fn for c in best[1]):
        tally.note(
            "wrong actor",
            article_id=gold.article_id,
            sentence=sentence,
            detail=f"{expected.id}: expected {list(expected.sources)} -> {list(expected.targets)}, "
            f"got {_describe(event.sources)} -> {_describe(event.targets)}",
        )


def _side(
    gold: GoldArticle, names: Sequence[str], refs: Sequence[ActorRef], *, optional: Sequence[str]
) -> Counts:
    counts = Counts(tp=sum(_covered(gold, n, refs) for n in names))
    counts.fn = len(names) - counts.tp
    for ref in refs:
        if not any(gold.actor_keys(n) & _ref_keys(ref) for n in (*names, *optional)):
            counts.fp += 1
    return counts


def _place_matches(place: Place, wanted: GoldLocation) -> bool:
    if wanted.lat is not None and wanted.lon is not None and place.lat is not None and place.lon is not None:
        return haversine_km(place.lat, place.lon, wanted.lat, wanted.lon) <= MATCH_KM
    if normalise_name(place.name) != normalise_name(wanted.name):
        return False
    return wanted.country is None or place.country == wanted.country


def _score_location(
    tally: Tally, gold: GoldArticle, expected: GoldEvent, event: Event, *, sentence: str
) -> None:
    wanted = (expected.location,) if expected.has_location else expected.locations_any_of
    if not expected.has_location and not wanted:
        return
    counts, got = tally.fields["location"], event.location
    accepted = [w for w in wanted if w is not None]
    if not accepted:  # ``location: null``: the event has no place
        if got is not None:
            counts.fp += 1
            tally.note(
                "wrong location",
                article_id=gold.article_id,
                sentence=sentence,
                detail=f"{expected.id}: no location expected, got {got.name}",
            )
        return
    if got is not None and any(_place_matches(got, w) for w in accepted):
        counts.tp += 1
        return
    counts.fn += 1
    counts.fp += got is not None
    tally.note(
        "wrong location",
        article_id=gold.article_id,
        sentence=sentence,
        detail=f"{expected.id}: expected {' | '.join(w.name for w in accepted)}, "
        f"got {got.name if got else 'none'}",
    )


def _score_date(
    tally: Tally,
    gold: GoldArticle,
    expected: GoldEvent,
    event: Event,
    *,
    published: date | None,
    sentence: str,
) -> None:
    scored, value = expected_date(expected, published=published)
    if published is None and gold.published is not None and value is not None:
        scored = False  # a gold date read against the gold's own publication date: unknowable here
    got = event.date.value
    if scored:
        tally.extra["dates_scored"] += 1
        counts = tally.fields["date"]
        if value is None:
            if got is None:
                tally.extra["dates_rightly_withheld"] += 1
            else:
                counts.fp += 1
                tally.extra["dates_invented"] += 1
                tally.note(
                    "invented date",
                    article_id=gold.article_id,
                    sentence=sentence,
                    detail=f"{expected.id}: no date can be known, got {got.isoformat()}",
                )
        elif got == value:
            counts.tp += 1
        else:
            counts.fn += 1
            counts.fp += got is not None
            tally.note(
                "wrong date",
                article_id=gold.article_id,
                sentence=sentence,
                detail=f"{expected.id}: expected {value.isoformat()}, got {got or 'none'}",
            )
    if expected.date_text:
        _score_value(
            tally,
            "date_text",
            expected.id,
            {_squash(expected.date_text)},
            _squash(event.date.text) if event.date.text else None,
            article_id=gold.article_id,
            sentence=sentence,
            kind="wrong date",
        )


def _score_value(
    tally: Tally,
    name: str,
    event_id: str,
    accepted: set[str],
    got: str | None,
    *,
    article_id: str,
    sentence: str,
    kind: str = "wrong attribute",
) -> None:
    counts = tally.fields[name]
    if got is not None and got in accepted:
        counts.tp += 1
        return
    counts.fn += 1
    counts.fp += got is not None
    tally.note(
        kind,
        article_id=article_id,
        sentence=sentence,
        detail=f"{event_id}: {name} expected {' | '.join(sorted(accepted))}, got {got or 'none'}",
    )


def _context_key(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def _score_attributes(
    tally: Tally, gold: GoldArticle, expected: GoldEvent, event: Event, *, sentence: str
) -> None:
    if expected.contexts is not None:
        wanted = {_context_key(c) for c in expected.contexts}
        got = {_context_key(c) for c in event.contexts}
        counts = tally.fields["contexts"]
        counts.tp += len(wanted & got)
        counts.fp += len(got - wanted)
        counts.fn += len(wanted - got)
    if expected.status:
        _score_value(
            tally,
            "status",
            expected.id,
            {expected.status},
            event.status,
            article_id=gold.article_id,
            sentence=sentence,
        )
    if expected.modes:
        _score_value(
            tally,
            "mode",
            expected.id,
            set(expected.modes),
            event.mode.lower() if event.mode else None,
            article_id=gold.article_id,
            sentence=sentence,
        )
    if expected.acled_type:
        _score_value(
            tally,
            "acled_type",
            expected.id,
            {expected.acled_type.upper()},
            event.acled_type.upper() if event.acled_type else None,
            article_id=gold.article_id,
            sentence=sentence,
        )


def _in_no_event_sentence(gold: GoldArticle, sentence: str) -> str | None:
    squashed = _squash(sentence)
    return next((s for s in gold.no_events_in if _squash(s) in squashed), None)


def _score_miss(
    tally: Tally, gold: GoldArticle, expected: GoldEvent, event: Event | None, *, sentence: str
) -> None:
    """An expected event not found; ``event`` is the produced event of its sentence, if any."""
    tally.fields["events"].fn += 1
    predicted = event.event_type.upper() if event is not None else NONE
    truth = predicted if predicted in expected.event_types else expected.event_types[0]
    tally.confusion[truth, predicted] += 1
    _score_sides(tally, gold, expected, event, sentence=sentence)
    wanted = f"{'/'.join(expected.event_types)} {list(expected.sources)} -> {list(expected.targets)}"
    if event is None:
        tally.note(
            "missed event",
            article_id=gold.article_id,
            sentence=sentence,
            detail=f"{expected.id}: {wanted} not found",
        )
        return
    tally.fields["events"].fp += 1
    tally.note(
        "wrong actor" if predicted in expected.event_types else "wrong type",
        article_id=gold.article_id,
        sentence=sentence,
        detail=f"{expected.id}: expected {wanted}, got {predicted} "
        f"{_describe(event.sources)} -> {_describe(event.targets)}",
    )


def _score_events(tally: Tally, gold: GoldArticle, result: ArticleResult, *, published: date | None) -> None:
    sentences = {event.id: _sentence_text(result, event) for event in result.events}
    candidates: list[Event] = []
    for event in result.events:
        blocked = _in_no_event_sentence(gold, sentences[event.id])
        if blocked is None:
            candidates.append(event)
            continue
        tally.fields["events"].fp += 1
        tally.confusion[NONE, event.event_type.upper()] += 1
        tally.note(
            "false event",
            article_id=gold.article_id,
            sentence=sentences[event.id],
            detail=f"{event.event_type} in a sentence with no event ({blocked!r})",
        )
    matched = _match_events(gold, candidates, result)
    used = set(matched.values())
    events = tally.fields["events"]
    for i, expected in enumerate(gold.events):
        j = matched.get(i)
        if j is None:
            continue
        event, sentence = candidates[j], sentences[candidates[j].id]
        events.tp += 1
        tally.confusion[event.event_type.upper(), event.event_type.upper()] += 1
        _score_sides(tally, gold, expected, event, sentence=sentence)
        _score_location(tally, gold, expected, event, sentence=sentence)
        _score_date(tally, gold, expected, event, published=published, sentence=sentence)
        _score_attributes(tally, gold, expected, event, sentence=sentence)
    # produced events the optional events absorb count neither way
    leftovers = [
        j
        for j in range(len(candidates))
        if j not in used
        and not any(_satisfies(gold, optional, candidates[j]) for optional in gold.optional_events)
    ]
    tally.extra["absorbed_by_optional"] += len(candidates) - len(used) - len(leftovers)
    # misses: align with a leftover produced event of the same sentence to see what went wrong
    for i, expected in enumerate(gold.events):
        if i in matched:
            continue
        needle = _squash(expected.evidence or "\0")
        aligned = next((j for j in leftovers if needle in _squash(sentences[candidates[j].id])), None)
        if aligned is None:
            _score_miss(tally, gold, expected, None, sentence=expected.evidence or "")
            continue
        leftovers.remove(aligned)
        event = candidates[aligned]
        _score_miss(tally, gold, expected, event, sentence=sentences[event.id])
    for j in leftovers:
        event = candidates[j]
        events.fp += 1
        tally.confusion[NONE, event.event_type.upper()] += 1
        repeats = next((e.id for e in gold.events if _satisfies(gold, e, event)), None)
        tally.extra["duplicates"] += repeats is not None
        tally.note(
            "false event",
            article_id=gold.article_id,
            sentence=sentences[event.id],
            detail=f"{event.event_type} {_describe(event.sources)} -> {_describe(event.targets)}"
            + (f" repeats {repeats}" if repeats else " matches no expected event"),
        )


# ---------------------------------------------------------------------------- mentions


def _occurrences(text: str, items: Iterable[tuple[str, int]]) -> list[tuple[int, int, int]]:
    """Non-overlapping ``(start, end, item)`` occurrences of mention strings, longest first.

    Acronyms ("US", "LNA") match case-sensitively, other mentions case-insensitively.
    """
    found: list[tuple[int, int, int]] = []
    for mention, item in sorted(items, key=lambda pair: -len(pair[0])):
        words = r"\s+".join(re.escape(w) for w in mention.split())
        flags = 0 if mention.isupper() else re.IGNORECASE
        for match in re.finditer(rf"(?<!\w){words}(?!\w)", text, flags):
            start, end = match.span()
            if all(end <= s or start >= e for s, e, _ in found):
                found.append((start, end, item))
    return sorted(found)


def _sentence_at(result: ArticleResult, offset: int) -> str:
    for sentence in result.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.text
    return result.text[max(0, offset - 60) : offset + 60]


#: what a produced mention may add around a gold mention and still be the same mention
_BARE_EXTENSIONS = frozenset({"", "the", "a", "an", "'s", "’s"})


def _score_actor_mentions(tally: Tally, gold: GoldArticle, result: ArticleResult) -> None:
    counts = tally.fields["actors"]
    items = [(m, i) for i, actor in enumerate(gold.actors) for m in actor.mentions]
    for start, end, i in _occurrences(result.text, items):
        actor = gold.actors[i]
        overlapping = [m for m in result.mentions if m.start < end and m.end > start]
        if not overlapping:
            counts.fn += 1
            tally.note(
                "wrong mention",
                article_id=gold.article_id,
                sentence=_sentence_at(result, start),
                detail=f"{result.text[start:end]!r} ({actor.name}) not recognised as an actor",
            )
            continue
        best = max(overlapping, key=lambda m: min(end, m.end) - max(start, m.start))
        if gold.actor_keys(actor.name) & _ref_keys(best.actor):
            counts.tp += 1
            continue
        counts.fn += 1
        # a larger mention the gold occurrence is only part of ("the US military command") is
        # judged by its own span: a miss for the gold actor, not a wrong resolution
        outside = f"{result.text[best.start : start]} {result.text[end : best.end]}"
        nested = _squash(outside) not in _BARE_EXTENSIONS
        counts.fp += not nested
        tally.note(
            "wrong mention",
            article_id=gold.article_id,
            sentence=_sentence_at(result, start),
            detail=f"{result.text[start:end]!r} should be {actor.name}, "
            + (f"inside the mention {best.text!r} " if nested else "")
            + f"resolved to {_describe([best.actor])}",
        )


def _score_place_mentions(tally: Tally, gold: GoldArticle, result: ArticleResult) -> None:
    counts = tally.fields["places"]
    for start, end, i in _occurrences(result.text, [(p.mention, i) for i, p in enumerate(gold.places)]):
        wanted = gold.places[i]
        overlapping = [p for p in result.places if p.start < end and p.end > start and p.place]
        best = max(overlapping, key=lambda p: min(end, p.end) - max(start, p.start), default=None)
        place = best.place if best is not None else None
        if place is None:
            counts.fn += 1
            tally.note(
                "wrong place",
                article_id=gold.article_id,
                sentence=_sentence_at(result, start),
                detail=f"{result.text[start:end]!r} not resolved to a place",
            )
            continue
        if wanted.is_country or wanted.lat is None:
            ok = (
                place.country == wanted.country
                if wanted.country
                else (normalise_name(place.name) == normalise_name(wanted.mention))
            )
        else:
            ok = _place_matches(
                place,
                GoldLocation(name=wanted.mention, country=wanted.country, lat=wanted.lat, lon=wanted.lon),
            )
        if ok:
            counts.tp += 1
            continue
        counts.fp += 1
        counts.fn += 1
        tally.note(
            "wrong place",
            article_id=gold.article_id,
            sentence=_sentence_at(result, start),
            detail=f"{wanted.mention!r} resolved to {place.name} ({place.country}, {place.lat}, {place.lon})",
        )


def score_article(tally: Tally, gold: GoldArticle, result: ArticleResult, *, published: date | None) -> None:
    """Add one article's events, actor mentions and place mentions to ``tally``.

    ``published`` is the publication date the article was processed with (None: undated).
    """
    _score_events(tally, gold, result, published=published)
    _score_actor_mentions(tally, gold, result)
    _score_place_mentions(tally, gold, result)


# ---------------------------------------------------------------------------- PLOVER sentences


def _set_counts(counts: Counts, wanted: set[str], got: set[str]) -> None:
    counts.tp += len(wanted & got)
    counts.fp += len(got - wanted)
    counts.fn += len(wanted - got)


def main_event(result: ArticleResult | None) -> Event | None:
    """The sentence's main event: the first one in the text (None: no event, or no result)."""
    if result is None:
        return None
    return min(result.events, key=lambda e: e.evidence_span[0], default=None)


def score_plover_sentence(tally: Tally, gold: PloverSentence, result: ArticleResult | None) -> None:
    """Event type (accuracy, confusion) and source/target countries and sectors of one sentence.

    ``result`` is None when the sentence could not be processed: it then has no event.
    """
    event = main_event(result)
    predicted = event.event_type.upper() if event is not None else NONE
    tally.confusion[gold.event_type, predicted] += 1
    tally.extra["sentences"] += 1
    tally.extra["type_correct"] += predicted == gold.event_type
    if predicted != gold.event_type:
        tally.note(
            "wrong type" if event else "missed event",
            article_id=gold.id,
            sentence=gold.text,
            detail=f"expected {gold.event_type}, got {predicted}",
        )
    elif gold.mode and event is not None:  # the mode, where the gold gives one and the type is right
        _score_value(
            tally,
            "mode",
            gold.id,
            {gold.mode.lower()},
            event.mode.lower() if event.mode else None,
            article_id=gold.id,
            sentence=gold.text,
        )
    for side, wanted_actors, refs in (
        ("source", gold.sources, event.sources if event else ()),
        ("target", gold.targets, event.targets if event else ()),
    ):
        _set_counts(
            tally.fields[f"{side}_country"],
            {a.country for a in wanted_actors if a.country},
            {r.country for r in refs if r.country},
        )
        _set_counts(
            tally.fields[f"{side}_sector"],
            {a.sector for a in wanted_actors if a.sector},
            {r.sector for r in refs if r.sector},
        )
