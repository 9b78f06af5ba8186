"""The dates stage: when each event happened, relative to the publication date.

For each event the DATE entities of its sentence are read (the one attached to
the predicate first, "met ... On Monday"), never the whole text. Relative
expressions resolve against ``article.published``. Direction: an event with
status ``planned`` or a predicate in the future tense ("will meet") looks
forward, as does a text with "next"/"coming"; any other looks back.

- a weekday ("On Monday", "this Monday") is the latest such day on or before
  publication, or for a forward event the first on or after it; "next Monday",
  "this coming Monday" the first after it; "last Monday" the latest before it;
- "today", "yesterday", "the day before yesterday", "tomorrow", "N days ago"
  (digits or words) are days; "last/this/next week", "N weeks ago" weeks (their
  Monday); "earlier this month", "last/next month", "N months ago" months (their
  first day); "this/last/next year", "late last year", "N years ago" years (1 January);
- "over the weekend", "this weekend", "last weekend": the weekend's Saturday with
  precision ``week`` (there is no weekend precision): the latest Saturday on or
  before publication, a forward event's next one, "last weekend" the one before a
  weekend in progress;
- "in March", "mid-June" without a year: the month (precision ``month``), the
  latest on or before publication's month, or for a forward event the next one;
- "the day before", "the previous day" / "the next day", "a day later": a day from
  the last day told in the text before the sentence (``basis="relative-to-text"``);
  with none told, "the day before" is the day before publication and "the next day"
  stays unknown;
- explicit dates ("on 5 June", "June 5, 2020") go through dateparser with
  ``RELATIVE_BASE`` = publication and ``PREFER_DATES_FROM="past"``.

With no publication date nothing relative is resolved: ``value=None`` with the
expression's precision (a weekday stays ``weekday-only``, "last month" ``month``);
only dates that carry their year resolve.
An event with no date expression gets the publication date (``basis="published"``).
``EventDate.text`` is the text the date was read from, with its preposition
("On Monday", "over the weekend").
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable
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
_WEEKDAY = re.compile(
    r"\b(last\s+|past\s+|next\s+|this\s+coming\s+|coming\s+|this\s+)?(" + "|".join(_WEEKDAYS) + r")\b",
    re.IGNORECASE,
)
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
#: "in March", "mid-June", "late March 2019": a month, maybe with a part of it and a year
_MONTH_ONLY = re.compile(
    r"^(?:(?:in|during|since|by|until|from|on|of)\s+)?(?:(?:early|mid|late|the\s+end\s+of|"
    r"the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[\s-]*)?(?:the\s+month\s+of\s+)?("
    + "|".join(_MONTHS)
    + r")(?:\s+(1[89]\d\d|20\d\d))?$",
    re.IGNORECASE,
)
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30,
}  # fmt: skip
#: "two days ago", "3 weeks ago", "a year ago"
_AGO = re.compile(r"\b(\d{1,3}|" + "|".join(_NUMBERS) + r")\s+(day|week|month|year)s?\s+ago\b", re.IGNORECASE)
#: "the day before", "the previous day", "a day later": a day from the date told just before
_DAY_BEFORE = re.compile(
    r"^(?:on\s+)?(?:(?:the|a|one)\s+day\s+(?:before|earlier|prior)|the\s+(?:previous|preceding)\s+day)$",
    re.IGNORECASE,
)
_DAY_AFTER = re.compile(
    r"^(?:on\s+)?(?:(?:the|a|one)\s+day\s+(?:after|later)|the\s+(?:next|following)\s+day)$",
    re.IGNORECASE,
)
_DAY_WORDS = frozenset({"before", "earlier", "prior", "after", "later"})
_PREPOSITIONS = frozenset(
    {"on", "in", "since", "during", "by", "until", "at", "from", "earlier", "late", "early", "over"}
)
#: DATE entities that are durations or ages, not points in time
_NOT_A_DATE = re.compile(
    r"\b(?:\d+[- ](?:year|month|week|day)s?[- ]old|years?|decades?|centuries|months|weeks|days|"
    r"for\s+\w+|annual|daily|weekly|monthly|the past|recent)\b",
    re.IGNORECASE,
)
_PERIODS: dict[str, DatePrecision] = {"day": "day", "week": "week", "month": "month", "year": "year"}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_FUTURE_AUX = frozenset({"will", "shall", "wo", "'ll"})

#: a relative expression: its precision and how its date follows from the publication date
_Rule = tuple[DatePrecision, Callable[[date], date]]


def _monday(day: date, weeks: int = 0) -> date:
    """The Monday of ``day``'s week, ``weeks`` weeks on (negative: back)."""
    return day - timedelta(days=day.weekday()) + timedelta(weeks=weeks)


def _month(day: date, months: int = 0) -> date:
    """The first day of ``day``'s month, ``months`` months on (negative: back)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _saturday(day: date, *, forward: bool) -> date:
    """The Saturday on or before ``day`` (``forward``: on or after)."""
    if forward:
        return day + timedelta(days=(5 - day.weekday()) % 7)
    return day - timedelta(days=(day.weekday() - 5) % 7)


def _last_weekend(day: date) -> date:
    """The Saturday of the last weekend over; on a weekend, the one before it."""
    saturday = _saturday(day, forward=False)
    return saturday - timedelta(days=7) if day.weekday() >= 5 else saturday


def _ago(count: int, unit: str) -> _Rule:
    if unit == "day":
        return "day", lambda p: p - timedelta(days=count)
    if unit == "week":
        return "week", lambda p: _monday(p, -count)
    if unit == "month":
        return "month", lambda p: _month(p, -count)
    return "year", lambda p: date(p.year - count, 1, 1)


def _relative(text: str, *, forward: bool) -> _Rule | None:
    """The rule for a relative expression, or None when the text is none we know."""
    lowered = " ".join(text.lower().split())
    if re.search(r"\b(today|tonight|this morning|this afternoon|this evening)\b", lowered):
        return "day", lambda p: p
    if "day before yesterday" in lowered:
        return "day", lambda p: p - timedelta(days=2)
    if re.search(r"\b(yesterday|last night)\b", lowered):
        return "day", lambda p: p - timedelta(days=1)
    if re.search(r"\btomorrow\b", lowered):
        return "day", lambda p: p + timedelta(days=1)
    ago = _AGO.search(lowered)
    if ago is not None:
        count = int(ago.group(1)) if ago.group(1).isdigit() else _NUMBERS[ago.group(1)]
        return _ago(count, ago.group(2))
    if re.search(r"\blast weekend\b", lowered):
        return "week", _last_weekend
    if re.search(r"\bnext weekend\b", lowered):
        return "week", lambda p: _saturday(p + timedelta(days=1), forward=True)
    if re.search(r"\b(?:the|this|coming) weekend\b", lowered):
        return "week", lambda p: _saturday(p, forward=forward)
    if re.search(r"\b(?:last|past) week\b", lowered):
        return "week", lambda p: _monday(p, -1)
    if re.search(r"\b(?:next|coming) week\b", lowered):
        return "week", lambda p: _monday(p, 1)
    if re.search(r"\bthis week\b", lowered):
        return "week", _monday
    if re.search(r"\bthis month\b", lowered):
        return "month", _month
    if re.search(r"\blast month\b", lowered):
        return "month", lambda p: _month(p, -1)
    if re.search(r"\b(?:next|coming) month\b", lowered):
        return "month", lambda p: _month(p, 1)
    if re.search(r"\bthis year\b", lowered):
        return "year", lambda p: date(p.year, 1, 1)
    if re.search(r"\blast year\b", lowered):
        return "year", lambda p: date(p.year - 1, 1, 1)
    if re.search(r"\bnext year\b", lowered):
        return "year", lambda p: date(p.year + 1, 1, 1)
    return None


def _weekday(text: str, *, forward: bool) -> Callable[[date], date] | None:
    """A weekday ("On Monday", "next Monday", "last Monday") as a rule, None if the text has none."""
    match = _WEEKDAY.search(text)
    if match is None or _YEAR.search(text) or re.search(r"\d", text):
        return None
    target = _WEEKDAYS.index(match.group(2).lower())
    modifier = " ".join((match.group(1) or "").lower().split())
    if modifier in {"next", "coming", "this coming"}:
        return lambda p: p + timedelta(days=(target - p.weekday() - 1) % 7 + 1)
    if modifier in {"last", "past"}:
        return lambda p: p - timedelta(days=(p.weekday() - target - 1) % 7 + 1)
    if forward:  # "on Monday", "this Monday" of a planned event: the coming one
        return lambda p: p + timedelta(days=(target - p.weekday()) % 7)
    return lambda p: p - timedelta(days=(p.weekday() - target) % 7)


def _month_name(text: str, published: date | None, *, forward: bool) -> EventDate | None:
    """The month of "in March", "mid-June", "late March 2019"; without a year, by publication."""
    match = _MONTH_ONLY.match(" ".join(text.split()))
    if match is None:
        return None
    month = _MONTHS.index(match.group(1).lower()) + 1
    if match.group(2):
        return EventDate(
            value=date(int(match.group(2)), month, 1), precision="month", text=text, basis="absolute"
        )
    if published is None:
        return EventDate(value=None, precision="month", text=text, basis="none")
    if forward:
        year = published.year if month >= published.month else published.year + 1
    else:
        year = published.year if month <= published.month else published.year - 1
    return EventDate(value=date(year, month, 1), precision="month", text=text, basis="relative-to-published")


def resolve_date_text(
    text: str, published: date | None, *, forward: bool = False, reference: date | None = None
) -> EventDate | None:
    """Resolve one date expression (a DATE entity's text) against the publication date.

    ``forward``: the event is planned or told in the future tense, so a bare weekday,
    "this weekend" or "in March" is the coming one. ``reference``: the day told last
    before this sentence, for "the day before" / "the next day".
    Returns None when the text is no point in time ("three years", "62-year-old").
    """
    forward = forward or re.search(r"\b(?:next|coming|upcoming)\b", text, re.IGNORECASE) is not None
    for pattern, step in ((_DAY_BEFORE, -1), (_DAY_AFTER, 1)):
        if pattern.match(" ".join(text.split())):
            if reference is not None:
                value = reference + timedelta(days=step)
                return EventDate(value=value, precision="day", text=text, basis="relative-to-text")
            if published is not None and step < 0:
                value = published + timedelta(days=step)
                return EventDate(value=value, precision="day", text=text, basis="relative-to-published")
            return EventDate(value=None, precision="day", text=text, basis="none")
    weekday = _weekday(text, forward=forward)
    if weekday is not None:
        if published is None:
            return EventDate(value=None, precision="weekday-only", text=text, basis="none")
        return EventDate(value=weekday(published), precision="day", text=text, basis="relative-to-published")
    relative = _relative(text, forward=forward)
    if relative is not None:
        precision, rule = relative
        if published is None:
            return EventDate(value=None, precision=precision, text=text, basis="none")
        return EventDate(value=rule(published), precision=precision, text=text, basis="relative-to-published")
    month = _month_name(text, published, forward=forward)
    if month is not None:
        return month
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
    """The entity's text with the preposition that introduces it ("On Monday"), and the
    word that makes "the day" a relative date ("The day before", "a day later")."""
    doc = ent.doc
    start = ent.start - 1 if ent.start > 0 and doc[ent.start - 1].lower_ in _PREPOSITIONS else ent.start
    end = ent.end
    if (
        end < len(doc)
        and doc[end].lower_ in _DAY_WORDS
        and " ".join(ent.text.lower().split()) in {"the day", "a day", "one day"}
    ):
        end += 1
    return doc[start:end].text


def _future(doc: Doc, anchor: int | None) -> bool:
    """Whether the predicate is told in the future tense ("will meet", "is going to meet")."""
    if anchor is None:
        return False
    token = doc[anchor]
    for _ in range(3):
        if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _FUTURE_AUX for c in token.children):
            return True
        if token.dep_ == "xcomp" and token.head.lower_ == "going":
            return True
        if token.pos_ in {"VERB", "AUX"} or token.head.i == token.i:
            return False
        token = token.head
    return False


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


def _is_day_relative(text: str) -> bool:
    squashed = " ".join(text.split())
    return bool(_DAY_BEFORE.match(squashed) or _DAY_AFTER.match(squashed))


def _told_before(doc: Doc, start_char: int, published: date | None) -> date | None:
    """The last day told in the text before the sentence ("On 5 June ... The day before")."""
    for ent in reversed([e for e in doc.ents if e.label_ == "DATE" and e.end_char <= start_char]):
        text = _with_preposition(ent)
        if _is_day_relative(text):
            continue
        resolved = resolve_date_text(text, published)
        if resolved is not None and resolved.value is not None and resolved.precision == "day":
            return resolved.value
    return None


class DateStage:
    """Sets each event's date from its sentence and the publication date."""

    name = "dates"

    @classmethod
    def from_settings(cls, settings: Settings) -> DateStage:
        del settings  # nothing to configure yet
        return cls()

    def date_event(
        self,
        doc: Doc,
        *,
        anchor: int | None,
        sentence_span: tuple[int, int],
        published: date | None,
        planned: bool = False,
    ) -> EventDate:
        """The date of the event whose predicate is ``doc[anchor]`` in the given sentence (char span).

        ``planned``: the event is planned, so a bare weekday or month is the coming one (as
        for a predicate in the future tense). A date hung on another predicate ("said on
        Tuesday") is read by that predicate's tense.
        """
        start, end = sentence_span
        ents = [e for e in doc.ents if e.label_ == "DATE" and start <= e.start_char < end]
        if anchor is not None:
            ents.sort(key=lambda e: (not _attached(e, anchor), abs(e.root.i - anchor)))
        event_forward = planned or _future(doc, anchor)
        for ent in ents:
            text = _with_preposition(ent)
            forward = event_forward
            if anchor is not None and not _attached(ent, anchor):
                # "said on Tuesday (that) it will attack": the date is the telling's, read by its tense
                forward = _future(doc, ent.root.i)
            reference = _told_before(doc, start, published) if _is_day_relative(text) else None
            resolved = resolve_date_text(text, published, forward=forward, reference=reference)
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
            when = self.date_event(
                state.doc,
                anchor=anchor,
                sentence_span=span,
                published=published,
                planned=event.status == "planned",
            )
            dated.append(dataclasses.replace(event, date=when))
        state.events = dated
