"""The dates stage: when each event happened, relative to the publication date.

For each event the DATE entities of its sentence are read (the one attached to
the predicate first, "met ... On Monday"), never the whole text. Relative
expressions resolve against ``article.published``:

- a weekday ("On Sunday") is the most recent such day on or before publication;
- "today", "yesterday", "last night", "last week", "earlier this month", "last
  month", "this year", "last year" get their day/week/month/year;
- explicit dates ("on 5 June", "June 5, 2020") go through dateparser with
  ``RELATIVE_BASE`` = publication and ``PREFER_DATES_FROM="past"``.

With no publication date nothing relative is resolved: a weekday stays
``weekday-only`` with ``value=None``; only dates that carry their year resolve.
An event with no date expression gets the publication date (``basis="published"``).
``EventDate.text`` is the text the date was read from, with its preposition
("On Monday").
"""

from __future__ import annotations

import dataclasses
import logging
import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from thucydides.records import DatePrecision, EventDate
from thucydides.stages.base import DocState

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from thucydides.config import Settings

__all__ = ["DateStage", "resolve_date_text"]

logger = logging.getLogger(__name__)

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(last\s+|this\s+|past\s+)?(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_PREPOSITIONS = frozenset(
    {"on", "in", "since", "during", "by", "until", "at", "from", "earlier", "late", "early"}
)
#: DATE entities that are durations or ages, not points in time
_NOT_A_DATE = re.compile(
    r"\b(?:\d+[- ](?:year|month|week|day)s?[- ]old|years?|decades?|centuries|months|weeks|days|"
    r"for\s+\w+|annual|daily|weekly|monthly|the past|recent)\b",
    re.IGNORECASE,
)
_PERIODS: dict[str, DatePrecision] = {"day": "day", "week": "week", "month": "month", "year": "year"}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _relative(text: str, published: date) -> tuple[date, DatePrecision] | None:
    lowered = " ".join(text.lower().split())
    if re.search(r"\b(today|tonight|this morning|this afternoon|this evening)\b", lowered):
        return published, "day"
    if re.search(r"\b(yesterday|last night)\b", lowered):
        return published - timedelta(days=1), "day"
    if "day before yesterday" in lowered:
        return published - timedelta(days=2), "day"
    if re.search(r"\blast week\b", lowered):
        monday = published - timedelta(days=published.weekday() + 7)
        return monday, "week"
    if re.search(r"\bthis week\b", lowered):
        return published - timedelta(days=published.weekday()), "week"
    if re.search(r"\b(earlier )?this month\b", lowered):
        return published.replace(day=1), "month"
    if re.search(r"\blast month\b", lowered):
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), "month"
    if re.search(r"\b(earlier )?this year\b", lowered):
        return date(published.year, 1, 1), "year"
    if re.search(r"\blast year\b", lowered):
        return date(published.year - 1, 1, 1), "year"
    return None


def resolve_date_text(text: str, published: date | None) -> EventDate | None:
    """Resolve one date expression (a DATE entity's text) against the publication date.

    Returns None when the text is no point in time ("three years", "62-year-old").
    """
    weekday = _WEEKDAY.search(text)
    if weekday is not None and not _YEAR.search(text) and not re.search(r"\d", text):
        if published is None:
            return EventDate(value=None, precision="weekday-only", text=text, basis="none")
        target = _WEEKDAYS.index(weekday.group(2).lower())
        back = (published.weekday() - target) % 7
        if weekday.group(1) and weekday.group(1).strip().lower() in {"last", "past"} and back == 0:
            back = 7
        return EventDate(
            value=published - timedelta(days=back), precision="day", text=text, basis="relative-to-published"
        )
    if published is not None:
        relative = _relative(text, published)
        if relative is not None:
            return EventDate(
                value=relative[0], precision=relative[1], text=text, basis="relative-to-published"
            )
    if _NOT_A_DATE.search(text) and not re.search(r"\d{1,2}\s+\w+|\w+\s+\d{1,2}", text):
        return None
    return _explicit(text, published)


def _explicit(text: str, published: date | None) -> EventDate | None:
    """Explicit dates through dateparser; without a year they need the publication date."""
    from dateparser.date import DateDataParser

    has_year = _YEAR.search(text) is not None
    if published is None and not has_year:
        return EventDate(value=None, precision="unknown", text=text, basis="none")
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    cleaned = re.sub(r"^(?:on|in|since|during|by|until|at|from)\s+", "", text.strip(), flags=re.IGNORECASE)
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(cleaned)
    if data.date_obj is None:
        return None
    precision = _PERIODS.get(str(data.period or "day"), "day")
    value = data.date_obj.date()
    if precision == "month":
        value = value.replace(day=1)
    elif precision == "year":
        value = date(value.year, 1, 1)
    basis = "absolute" if has_year else "relative-to-published"
    return EventDate(value=value, precision=precision, text=text, basis=basis)


def _with_preposition(ent: Span) -> str:
    """The entity's text with the preposition that introduces it ("On Monday")."""
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ in _PREPOSITIONS:
        return doc[ent.start - 1 : ent.end].text
    return ent.text


def _attached(ent: Span, anchor: int) -> bool:
    """Whether the DATE entity hangs on the predicate (directly or through a preposition)."""
    node = ent.root
    for _ in range(3):
        if node.i == anchor:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return node.i == anchor


class DateStage:
    """Sets each event's date from its sentence and the publication date."""

    name = "dates"

    @classmethod
    def from_settings(cls, settings: Settings) -> DateStage:
        del settings  # nothing to configure yet
        return cls()

    def date_event(
        self, doc: Doc, *, anchor: int | None, sentence_span: tuple[int, int], published: date | None
    ) -> EventDate:
        """The date of the event whose predicate is ``doc[anchor]`` in the given sentence (char span)."""
        start, end = sentence_span
        ents = [e for e in doc.ents if e.label_ == "DATE" and start <= e.start_char < end]
        if anchor is not None:
            ents.sort(key=lambda e: (not _attached(e, anchor), abs(e.root.i - anchor)))
        for ent in ents:
            resolved = resolve_date_text(_with_preposition(ent), published)
            if resolved is not None:
                return resolved
        if published is not None:
            return EventDate(value=published, precision="day", text=None, basis="published")
        return EventDate()

    def __call__(self, state: DocState) -> None:
        if state.doc is None:
            return
        published = state.article.published
        dated = []
        for event in state.events:
            anchor = state.anchors.get(event.id)
            if anchor is not None and 0 <= anchor < len(state.doc):
                sent = state.doc[anchor].sent
                span = (sent.start_char, sent.end_char)
            else:
                span = event.evidence_span
            when = self.date_event(state.doc, anchor=anchor, sentence_span=span, published=published)
            dated.append(dataclasses.replace(event, date=when))
        state.events = dated
