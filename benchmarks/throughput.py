"""Throughput of the whole pipeline against bare spaCy ``nlp.pipe``, in the same process.

Both runs read the same articles (already in memory), so the ratio isolates what
our stages cost on top of the model. Figures are ratios to the baseline run in
the same process, never absolute timings to compare across machines.

    python benchmarks/throughput.py                       # examples/ + the Guardian sample if present
    python benchmarks/throughput.py --corpus PATH --limit 100 --json out.json
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from thucydides.config import load_settings
from thucydides.pipeline import Failure, Pipeline
from thucydides.readers import read_paths
from thucydides.records import Article

ROOT = Path(__file__).resolve().parent.parent
GUARDIAN = ROOT.parent / "shared" / "data" / "news" / "Guardian_SDF_sample.csv"
GUARDIAN_COLUMNS = {"id": "", "published": "date"}


def load_corpus(paths: list[Path], limit: int | None) -> list[Article]:
    articles: list[Article] = []
    for path in paths:
        columns = GUARDIAN_COLUMNS if path.name == GUARDIAN.name else None
        articles.extend(a for a in read_paths([path], column_map=columns) if isinstance(a, Article))
    return articles[:limit] if limit else articles


def timed(run: Callable[[], Any], *, repeat: int) -> float:
    """Best wall time of ``repeat`` runs (the least disturbed by the rest of the machine)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, action="append", help="file or folder (repeatable)")
    parser.add_argument("--limit", type=int, default=None, help="at most this many articles")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each side; the best is kept")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)

    corpus = args.corpus or [p for p in (ROOT / "examples", GUARDIAN) if p.exists()]
    articles = load_corpus(corpus, args.limit)
    if not articles:
        print("no articles found in", corpus, file=sys.stderr)
        return 2
    settings = load_settings()
    pipeline = Pipeline(settings)
    # the baseline: the same model, bare, on the same raw texts
    import spacy

    bare = spacy.load(settings.model)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    def run_bare() -> None:
        for _ in bare.pipe(texts, batch_size=settings.batch_size):
            pass

    failures: list[Failure] = []

    def run_pipeline() -> None:
        failures.clear()
        failures.extend(o for o in pipeline.process_many(articles) if isinstance(o, Failure))

    run_bare()  # warm both up once (lazy tables, caches)
    run_pipeline()
    bare_s = timed(run_bare, repeat=args.repeat)
    pipe_s = timed(run_pipeline, repeat=args.repeat)

    stage_s: dict[str, float] = {}
    from thucydides.stages.base import DocState

    states = [DocState(article=a) for a in articles]
    for state in states:
        pipeline.clean(state)
    start = time.perf_counter()
    pipeline.nlp.run_batch(states)
    stage_s["nlp (with ruler)"] = time.perf_counter() - start
    for stage in pipeline.stages:
        start = time.perf_counter()
        for state in states:
            stage(state)
        stage_s[stage.name] = time.perf_counter() - start

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "articles": len(articles),
        "words": words,
        "failures": len(failures),
        "bare_spacy": {
            "seconds": round(bare_s, 3),
            "articles_per_s": round(len(articles) / bare_s, 2),
            "words_per_s": round(words / bare_s),
        },
        "pipeline": {
            "seconds": round(pipe_s, 3),
            "articles_per_s": round(len(articles) / pipe_s, 2),
            "words_per_s": round(words / pipe_s),
        },
        "pipeline_vs_bare_throughput": round(bare_s / pipe_s, 3),
        "stage_share_of_bare_spacy": {k: round(v / bare_s, 3) for k, v in stage_s.items()},
        "peak_rss_mib": round(peak_mib, 1),
        "versions": pipeline.versions,
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
