"""thucydides: political event data from news — who did what to whom, where and when."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from thucydides.pipeline import Pipeline, extract

__version__ = "0.1.0"

__all__ = [
    "ActorRef",
    "Article",
    "ArticleResult",
    "Event",
    "EventDate",
    "Mention",
    "Pipeline",
    "Place",
    "PlaceMention",
    "Removed",
    "Sentence",
    "__version__",
    "extract",
]


def __getattr__(name: str) -> Any:
    """``extract`` and ``Pipeline`` are imported on first use: spaCy loads only when needed."""
    if name in {"extract", "Pipeline"}:
        from thucydides import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'thucydides' has no attribute {name!r}")
