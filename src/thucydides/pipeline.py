"""The pipeline only coordinates: it builds the stages from settings and runs
articles through them, one at a time or as a batched stream.

    reader ─Article─▶ clean ─▶ nlp ─▶ actors ─▶ coding ─▶ geo ─▶ dates ─▶ ArticleResult

A failure inside one article (a stage raising) is returned as a
:class:`Failure` for that article; the rest of the stream goes on.
"""

from __future__ import annotations

import importlib
import logging
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import islice
from typing import Any

from thucydides.config import Settings, load_settings
from thucydides.errors import ConfigError, InputError, ThucydidesError
from thucydides.records import Article, ArticleResult
from thucydides.stages.base import DocState, Stage
from thucydides.stages.clean import CleanStage
from thucydides.stages.nlp import NlpStage

__all__ = ["STAGE_CLASSES", "Failure", "Pipeline", "extract"]

log = logging.getLogger(__name__)

#: stage name → (module, class); the order of execution comes from ``Settings.stages``
STAGE_CLASSES: dict[str, tuple[str, str]] = {
    "actors": ("thucydides.stages.actors", "ActorStage"),
    "coding": ("thucydides.stages.coding", "CodingStage"),
    "geo": ("thucydides.stages.geo", "GeoStage"),
    "dates": ("thucydides.stages.dates", "DateStage"),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """An input that could not be read or processed, and why."""

    source: str
    reason: str
    error_class: str
    article_id: str | None = None

    @classmethod
    def from_input_error(cls, error: InputError) -> Failure:
        return cls(source=error.source or "<unknown>", reason=error.reason, error_class=type(error).__name__)


def _build_stage(name: str, settings: Settings) -> Stage:
    if name not in STAGE_CLASSES:
        raise ConfigError(f"unknown stage {name!r} in settings.stages; known: {', '.join(STAGE_CLASSES)}")
    module_name, class_name = STAGE_CLASSES[name]
    try:
        stage_class = getattr(importlib.import_module(module_name), class_name)
    except (ModuleNotFoundError, AttributeError) as exc:
        raise ConfigError(f"stage {name!r} cannot be loaded ({exc}); check settings.stages") from exc
    stage: Stage = stage_class.from_settings(settings)
    return stage


class Pipeline:
    """Every stage, built once; ``process`` for one article, ``process_many`` for a stream."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self.clean = CleanStage.from_settings(self.settings)
        self.stages: list[Stage] = [_build_stage(name, self.settings) for name in self.settings.stages]
        patterns: list[dict[str, Any]] = []
        for stage in self.stages:
            provider = getattr(stage, "ruler_patterns", None)
            if provider is not None:
                patterns.extend(provider())
        self.nlp = NlpStage.from_settings(self.settings, patterns=patterns)

    @property
    def versions(self) -> dict[str, str]:
        """Versions stamped on every run: package, model, coder."""
        from thucydides import __version__

        out = {"thucydides": __version__, "model": self.nlp.model_version}
        for stage in self.stages:
            # a stage states its version as a class attribute or as its module's ``<NAME>_VERSION``
            module = importlib.import_module(type(stage).__module__)
            version = getattr(stage, "version", None) or next(
                (getattr(module, n) for n in dir(module) if n.endswith("_VERSION") and n.isupper()), None
            )
            if isinstance(version, str):
                out[stage.name] = version
        return out

    def process(self, article: Article) -> ArticleResult:
        """Run one article through every stage (errors propagate)."""
        state = DocState(article=article)
        self.clean(state)
        self.nlp(state)
        return self._finish(state)

    def process_many(
        self, items: Iterable[Article | InputError], *, batch_size: int | None = None
    ) -> Iterator[ArticleResult | Failure]:
        """Stream articles through the pipeline in ``nlp.pipe`` batches.

        Read errors pass through as :class:`Failure`; an article whose processing
        raises becomes a :class:`Failure` too, and the stream goes on.
        """
        size = batch_size or self.settings.batch_size
        iterator = iter(items)
        while chunk := list(islice(iterator, size)):
            states: list[DocState] = []
            for item in chunk:
                if isinstance(item, InputError):
                    yield Failure.from_input_error(item)
                    continue
                state = DocState(article=item)
                try:
                    self.clean(state)
                except Exception as exc:
                    yield self._failure(item, exc)
                    continue
                states.append(state)
            try:
                self.nlp.run_batch(states)
            except Exception:
                log.warning("a batch failed in nlp; retrying its articles one by one")
                for state in states:
                    try:
                        self.nlp(state)
                    except Exception as exc:
                        state.doc = None
                        yield self._failure(state.article, exc)
                states = [s for s in states if s.doc is not None]
            for state in states:
                try:
                    yield self._finish(state)
                except Exception as exc:
                    yield self._failure(state.article, exc)

    def _finish(self, state: DocState) -> ArticleResult:
        for stage in self.stages:
            stage(state)
        events = tuple(e for e in state.events if e.confidence >= self.settings.min_confidence)
        return ArticleResult(
            article=state.article,
            text=state.text,
            sentences=tuple(state.sentences),
            removed=tuple(state.removed),
            mentions=tuple(state.mentions),
            places=tuple(state.places),
            events=events,
        )

    @staticmethod
    def _failure(article: Article, exc: Exception) -> Failure:
        source = str(article.metadata.get("input") or article.url or article.id)
        if isinstance(exc, ThucydidesError):
            reason = str(exc)
        else:
            log.debug("processing %s failed:\n%s", source, traceback.format_exc())
            reason = f"internal error while processing: {type(exc).__name__}: {exc}"
        return Failure(source=source, reason=reason, error_class=type(exc).__name__, article_id=article.id)


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return Pipeline()


def extract(
    text: str,
    *,
    published: date | str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> ArticleResult:
    """Extract events from one article's text (stateless; nothing is stored).

    >>> result = extract("On Monday, the minister met the envoy in Tripoli.", published="2020-06-23")
    """
    from thucydides.readers import parse_published

    day = parse_published(published)
    article = Article(
        id=Article.make_id(text, url=url, title=title),
        text=text,
        title=title,
        url=url,
        published=day,
        published_basis="metadata" if day else None,
    )
    return _default_pipeline().process(article)
