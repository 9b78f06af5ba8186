"""The Dask runner: the same pipeline, run over a Dask scheduler (optional extra ``dask``).

Articles are grouped in chunks; each chunk is one task that runs
:meth:`Pipeline.process_many` in whichever worker picks it up. A worker builds
its pipeline once (cached per settings) and keeps it for every later chunk.
Results come back a window of chunks at a time, so memory stays bounded
however long the stream is.

``scheduler`` is a local Dask scheduler (``"processes"``, ``"threads"``,
``"synchronous"``) or the address of a distributed cluster (``"tcp://host:8786"``,
needs ``dask[distributed]``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any

from thucydides.config import Settings
from thucydides.errors import ConfigError, InputError
from thucydides.pipeline import Failure, Pipeline
from thucydides.records import Article, ArticleResult

__all__ = ["LOCAL_SCHEDULERS", "run_dask"]

LOCAL_SCHEDULERS = ("processes", "threads", "synchronous")


@lru_cache(maxsize=2)
def _pipeline_for(settings: Settings) -> Pipeline:
    """One pipeline per worker process and settings (the model loads once)."""
    return Pipeline(settings)


def _process_chunk(settings: Settings, chunk: list[Article]) -> list[ArticleResult | Failure]:
    return list(_pipeline_for(settings).process_many(chunk))


def _dask() -> Any:
    try:
        import dask
    except ModuleNotFoundError as exc:
        raise ConfigError("the Dask runner needs the 'dask' extra: pip install 'thucydides[dask]'") from exc
    return dask


def _client(address: str) -> Any:
    try:
        from distributed import Client
    except ModuleNotFoundError as exc:
        raise ConfigError(
            f"scheduler {address!r} is a cluster address; that needs dask[distributed] "
            f"(or use a local scheduler: {', '.join(LOCAL_SCHEDULERS)})"
        ) from exc
    return Client(address)


def run_dask(
    items: Iterable[Article | InputError],
    *,
    settings: Settings,
    scheduler: str = "processes",
    chunk_size: int | None = None,
    window: int = 8,
) -> Iterator[ArticleResult | Failure]:
    """Process a stream of articles on Dask (read errors pass through as failures)."""
    dask = _dask()
    client = None if scheduler in LOCAL_SCHEDULERS else _client(scheduler)
    size = chunk_size or max(1, settings.batch_size)
    iterator = iter(items)
    try:
        while True:
            tasks = []
            for _ in range(window):
                batch = list(islice(iterator, size))
                if not batch:
                    break
                yield from (Failure.from_input_error(i) for i in batch if isinstance(i, InputError))
                articles = [i for i in batch if isinstance(i, Article)]
                if articles:
                    tasks.append(dask.delayed(_process_chunk)(settings, articles))
            if not tasks:
                return
            if client is not None:
                chunks = client.gather(client.compute(tasks))
            else:
                chunks = dask.compute(*tasks, scheduler=scheduler)
            for chunk in chunks:
                yield from chunk
    finally:
        if client is not None:
            client.close()
