"""thucydides: political event data from news — who did what to whom, where and when."""

from __future__ import annotations

from thucydides.records import (
    ActorRef,
    Article,
    ArticleResult,
    Event,
    EventDate,
    Mention,
    Place,
    PlaceMention,
    Removed,
    Sentence,
)

__version__ = "0.1.0"

__all__ = [
    "ActorRef",
    "Article",
    "ArticleResult",
    "Event",
    "EventDate",
    "Mention",
    "Place",
    "PlaceMention",
    "Removed",
    "Sentence",
    "__version__",
]
