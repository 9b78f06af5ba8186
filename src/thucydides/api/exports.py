"""Streamed exports: the formats of ``thucydides export``, over HTTP.

The exporters in :mod:`thucydides.export` write to a file as they read the store;
here they run on a worker thread writing into a bounded pipe, and the response
streams the pipe's chunks. Memory stays flat however many events match, and a
client that goes away stops the export.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterator
from typing import IO, Annotated, Any, Final, cast

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from thucydides.api.context import Workbench, workbench
from thucydides.api.params import event_filter
from thucydides.errors import ExportError
from thucydides.export import FORMATS, export_events
from thucydides.store import EventFilter, Store

__all__ = ["MEDIA_TYPES", "router", "stream_export"]

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["exports"])

#: format → (media type, file extension)
MEDIA_TYPES: Final[dict[str, tuple[str, str]]] = {
    "plover-json": ("application/x-ndjson", "plover.jsonl"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}

_END: Final = object()


class _ClientGoneError(Exception):
    """The reader went away; the writer stops."""


class _Pipe:
    """A write-only file: what one thread writes, another reads in chunks with :meth:`chunks`.

    Text is encoded as UTF-8. ``tell`` counts the bytes written (Parquet wants it).
    """

    def __init__(self, *, chunk_size: int = 64 * 1024, depth: int = 8) -> None:
        self._queue: queue.Queue[object] = queue.Queue(maxsize=depth)
        self._buffer = bytearray()
        self._chunk_size = chunk_size
        self._position = 0
        self._cancelled = threading.Event()
        self.closed = False

    # -- the writer's side --------------------------------------------------------------------

    def write(self, data: str | bytes) -> int:
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        self._buffer += raw
        self._position += len(raw)
        if len(self._buffer) >= self._chunk_size:
            self._push(bytes(self._buffer))
            self._buffer.clear()
        return len(data)

    def tell(self) -> int:
        return self._position

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def flush(self) -> None:
        if self._buffer:
            self._push(bytes(self._buffer))
            self._buffer.clear()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            if not self._cancelled.is_set():
                self.flush()
            self._push(_END)

    def _push(self, item: object) -> None:
        while True:
            if self._cancelled.is_set() and item is not _END:
                raise _ClientGoneError
            try:
                self._queue.put(item, timeout=0.1)
            except queue.Full:
                if self._cancelled.is_set():
                    return
                continue
            return

    # -- the reader's side --------------------------------------------------------------------

    def chunks(self) -> Iterator[bytes]:
        try:
            while (item := self._queue.get()) is not _END:
                assert isinstance(item, bytes)
                yield item
        finally:
            self._cancelled.set()


def stream_export(store: Store, *, format: str, filters: EventFilter | None) -> Iterator[bytes]:
    """The export of the matching events, as a stream of byte chunks."""
    if format not in FORMATS:
        raise ExportError(f"unknown export format {format!r}; use one of: {', '.join(FORMATS)}")
    pipe = _Pipe()

    def produce() -> None:
        try:
            # the pipe takes text (UTF-8) and bytes alike: one writer for every format
            count = export_events(store, cast(IO[Any], pipe), format=format, filters=filters)
            logger.info("exported %d events as %s", count, format)
        except _ClientGoneError:
            logger.info("export as %s stopped: the client went away", format)
        except Exception:
            logger.exception("export as %s failed mid-stream", format)
        finally:
            pipe.close()

    worker = threading.Thread(target=produce, name=f"export-{format}", daemon=True)
    worker.start()
    return pipe.chunks()


@router.get(
    "/export",
    summary="Every matching event in one file (streamed)",
    response_class=StreamingResponse,
    responses={200: {"content": {media: {} for media, _ in MEDIA_TYPES.values()}}},
)
def export(
    *,
    bench: Annotated[Workbench, Depends(workbench)],
    filters: Annotated[EventFilter, Depends(event_filter)],
    format: Annotated[str, Query(description=f"One of: {', '.join(FORMATS)}.")] = "jsonl",
) -> StreamingResponse:
    """PLOVER JSONL, our JSONL, CSV, GeoJSON or Parquet; corrections applied, rejected events left out."""
    chunks = stream_export(bench.store, format=format, filters=filters)
    media, extension = MEDIA_TYPES[format]
    return StreamingResponse(
        chunks,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="events.{extension}"'},
    )
