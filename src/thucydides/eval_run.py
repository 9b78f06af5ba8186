"""Running the pipeline over gold sets: one :class:`SetReport` per gold set and run mode.

Article gold runs undated and/or published at the date its gold or notes give; the PLOVER
sentences run as undated one-sentence articles; TR-News and the event-location sentences are
scored by :mod:`thucydides.geo_eval` with the pipeline's own geo stage. Matching and scoring are
in :mod:`thucydides.evaluate`, the gate and the Markdown report in :mod:`thucydides.eval_gate`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from thucydides.eval_readers import GoldSet
from thucydides.evaluate import Finding, Tally, score_article, score_plover_sentence
from thucydides.records import Article, ArticleResult

if TYPE_CHECKING:
    from thucydides.pipeline import Failure, Pipeline

__all__ = ["Processor", "SetReport", "evaluate", "run_article_set", "run_geo_set", "run_plover_set"]

logger = logging.getLogger(__name__)

#: runs articles through the pipeline: ``Pipeline(settings).process_many`` or a stand-in in tests
Processor = Callable[[Sequence[Article]], Iterable["ArticleResult | Failure"]]


@dataclass(frozen=True, slots=True, kw_only=True)
class SetReport:
    """The figures of one gold set in one run mode, with its findings and failed inputs."""

    name: str
    kind: str
    path: str
    figures: dict[str, Any]
    findings: tuple[Finding, ...] = ()
    failures: tuple[str, ...] = ()
    seconds: float = 0.0

    def as_dict(self, *, errors: int = 0) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "path": self.path,
            "seconds": round(self.seconds, 1),
            **self.figures,
        }
        if self.failures:
            out["failures"] = list(self.failures)
        if errors:
            out["worst"] = [f.as_dict() for f in sorted(self.findings, key=lambda f: f.rank)[:errors]]
        return out


def _run(process: Processor, articles: Sequence[Article]) -> tuple[dict[str, ArticleResult], list[str]]:
    results: dict[str, ArticleResult] = {}
    failures: list[str] = []
    if not articles:  # nothing to run: do not build a pipeline for it
        return results, failures
    for item in process(articles):
        if isinstance(item, ArticleResult):
            results[item.article.id] = item
        else:
            failures.append(f"{item.article_id or item.source}: {item.reason}")
    return results, failures


def run_article_set(gold_set: GoldSet, process: Processor, *, dated: bool) -> SetReport:
    """Score article gold undated, or (``dated``) published at the date its gold or notes give."""
    started = time.perf_counter()
    published = {
        g.article_id: (g.published or g.notes_published) if dated else None for g in gold_set.articles
    }
    articles = [
        Article(
            id=g.article_id,
            text=g.text,
            title=g.title,
            published=published[g.article_id],
            published_basis="metadata" if published[g.article_id] else None,
        )
        for g in gold_set.articles
    ]
    results, failures = _run(process, articles)
    tally = Tally()
    for gold in gold_set.articles:
        result = results.get(gold.article_id)
        if result is None:  # a failed article misses everything it should have found
            tally.fields["events"].fn += len(gold.events)
            continue
        score_article(tally, gold, result, published=published[gold.article_id])
    tally.extra["articles"] = len(gold_set.articles)
    return SetReport(
        name=f"{gold_set.name}/{'notes' if dated else 'undated'}",
        kind=gold_set.kind,
        path=str(gold_set.path),
        figures=tally.figures(),
        findings=tuple(tally.findings),
        failures=tuple(failures),
        seconds=time.perf_counter() - started,
    )


def run_plover_set(gold_set: GoldSet, process: Processor) -> SetReport:
    """Score the PLOVER sentences: each is processed as a one-sentence, undated article."""
    started = time.perf_counter()
    articles = [Article(id=s.id, text=s.text) for s in gold_set.sentences]
    results, failures = _run(process, articles)
    tally = Tally()
    for sentence in gold_set.sentences:
        score_plover_sentence(tally, sentence, results.get(sentence.id))
    figures = tally.figures()
    accuracy = tally.extra["type_correct"] / tally.extra["sentences"] if tally.extra["sentences"] else 0.0
    figures["fields"]["event_type"]["accuracy"] = round(accuracy, 4)
    return SetReport(
        name=gold_set.name,
        kind=gold_set.kind,
        path=str(gold_set.path),
        figures=figures,
        findings=tuple(tally.findings),
        failures=tuple(failures),
        seconds=time.perf_counter() - started,
    )


def run_geo_set(gold_set: GoldSet, pipeline: Pipeline) -> SetReport:
    """Score TR-News or the event-location sentences with :mod:`thucydides.geo_eval`.

    TR-News: resolution given the gold spans and end to end; event locations: whether the place
    chosen for the event is the gold span. Both use the pipeline's own geo stage and spaCy model.
    """
    from thucydides import geo_eval

    started = time.perf_counter()
    stage = next((s for s in pipeline.stages if s.name == "geo"), None)
    if stage is None:
        logger.warning("the geo stage is not in settings.stages: %s not scored", gold_set.name)
        return SetReport(
            name=gold_set.name,
            kind=gold_set.kind,
            path=str(gold_set.path),
            figures={"skipped": "the geo stage is not in settings.stages"},
        )
    geo: Any = stage  # geo_eval takes the GeoStage itself
    nlp = pipeline.nlp.nlp
    figures: dict[str, Any]
    if gold_set.kind == "trnews":
        figures = {
            "given_spans": geo_eval.score_trnews_resolution(geo, gold_set.path),
            "end_to_end": geo_eval.score_trnews_end_to_end(geo, nlp, gold_set.path),
        }
    else:
        figures = {"event_location": geo_eval.score_event_locations(geo, nlp, gold_set.path)}
    return SetReport(
        name=gold_set.name,
        kind=gold_set.kind,
        path=str(gold_set.path),
        figures=figures,
        seconds=time.perf_counter() - started,
    )


def evaluate(
    gold_sets: Iterable[GoldSet],
    *,
    pipeline: Callable[[], Pipeline],
    dated_modes: Sequence[bool] = (False, True),
) -> list[SetReport]:
    """Score every gold set; article gold once per mode in ``dated_modes`` (False: undated).

    ``pipeline`` builds (or returns the already built) pipeline: it is only called when a gold
    set needs it, so that reading gold files does not load the model.
    """
    reports: list[SetReport] = []
    for gold_set in gold_sets:
        logger.info("scoring %s (%s)", gold_set.name, gold_set.path)
        if gold_set.kind == "articles":
            reports.extend(
                run_article_set(gold_set, lambda a: pipeline().process_many(a), dated=d) for d in dated_modes
            )
        elif gold_set.kind == "plover":
            reports.append(run_plover_set(gold_set, lambda a: pipeline().process_many(a)))
        else:
            reports.append(run_geo_set(gold_set, pipeline()))
    return reports
