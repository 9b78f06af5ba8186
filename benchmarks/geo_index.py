"""How long the gazetteer takes to become usable: the first build, then every later start.

    .venv/bin/python benchmarks/geo_index.py [--repeat N]

The first run of thucydides builds the GeoNames + curated index into the user's cache
directory; every later process only opens it. This builds it cold into a temporary
directory, then opens it warm ``--repeat`` times (index, geo stage and its entity-ruler
patterns: everything a process pays before the first article), and reports both against
``spacy.load`` of the model in the same process, the start-up cost every run pays anyway.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import spacy

from thucydides.config import load_settings
from thucydides.stages.geo import GeoStage


def _open_stage(settings_cache: Path) -> tuple[float, int]:
    settings = load_settings()
    started = time.perf_counter()
    stage = GeoStage.from_settings(settings, cache_dir=settings_cache)
    patterns = stage.ruler_patterns()
    elapsed = time.perf_counter() - started
    stage.index.close()
    return elapsed, len(patterns)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5, help="warm opens to time; the median is kept")
    args = parser.parse_args()

    settings = load_settings()
    started = time.perf_counter()
    spacy.load(settings.model)
    t_spacy = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        t_cold, n_patterns = _open_stage(cache)
        warm = sorted(_open_stage(cache)[0] for _ in range(max(1, args.repeat)))
    t_warm = warm[len(warm) // 2]

    print(f"spacy.load({settings.model}):      {t_spacy:6.3f} s (baseline)")
    print(f"gazetteer, first run (build): {t_cold:6.3f} s = {t_cold / t_spacy:5.2f} x spacy.load")
    print(
        f"gazetteer, later runs (open): {t_warm:6.3f} s = {t_warm / t_spacy:5.2f} x spacy.load "
        f"(median of {len(warm)}; {n_patterns} ruler patterns)"
    )


if __name__ == "__main__":
    main()
