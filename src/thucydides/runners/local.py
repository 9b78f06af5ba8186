"""A local process pool: each worker builds its own :class:`Pipeline` once and
processes chunks of articles; results come back in input order per chunk.

With ``workers=1`` everything runs in this process (no pickling, no fork).
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from itertools import islice

from thucydides.config import Settings
from thucydides.errors import InputError
from thucydides.pipeline import Failure, Pipeline
from thucydides.records import Article, ArticleResult

__all__ = ["run_local"]

_worker_pipeline: list[Pipeline] = []  # one per worker process, set by the initializer


def _init_worker(settings: Settings) -> None:
    _worker_pipeline.append(Pipeline(settings))


def _process_chunk(chunk: list[Article]) -> list[ArticleResult | Failure]:
    return list(_worker_pipeline[0].process_many(chunk))


def _chunks(
    items: Iterable[Article | InputError], size: int
) -> Iterator[tuple[list[Failure], list[Article]]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        failures = [Failure.from_input_error(i) for i in batch if isinstance(i, InputError)]
        yield failures, [i for i in batch if isinstance(i, Article)]


def run_local(
    items: Iterable[Article | InputError],
    *,
    settings: Settings,
    workers: int = 1,
    pipeline: Pipeline | None = None,
) -> Iterator[ArticleResult | Failure]:
    """Process a stream of articles (read errors pass through as failures)."""
    if workers <= 1:
        yield from (pipeline or Pipeline(settings)).process_many(items)
        return
    context = mp.get_context("spawn")
    size = max(1, settings.batch_size)
    with context.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        pending = []
        for failures, articles in _chunks(items, size):
            yield from failures
            if articles:
                pending.append(pool.apply_async(_process_chunk, (articles,)))
            while pending and (pending[0].ready() or len(pending) > workers * 2):
                yield from pending.pop(0).get()
        for job in pending:
            yield from job.get()
