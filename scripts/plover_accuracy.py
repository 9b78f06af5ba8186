"""Event-type accuracy of the coder on the PLOVER gold standard records.

Usage: .venv/bin/python scripts/plover_accuracy.py [PATH_TO_PLOVER_GSR_CAMEO.txt]

Each record is one sentence; the coder's main event is its most confident one (ties:
the first). PLOVER 0.5 labels are mapped to 0.8 (DEMAND->REQUEST, DISAPPROVE/INVESTIGATE
->ACCUSE, FIGHT->ASSAULT); DOCUMENT records are skipped. A development tool until
``thucydides eval`` exists.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from thucydides.config import Settings
from thucydides.ontology import PLOVER_05_LABELS
from thucydides.records import ActorRef, Article, Mention
from thucydides.stages.base import DocState
from thucydides.stages.coding import CodingStage
from thucydides.stages.nlp import load_model, sentences_of

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r["event"] != "DOCUMENT"]
    nlp = load_model(Settings().model)
    coder = CodingStage.from_settings(Settings())
    gold_counts: Counter[str] = Counter()
    pred_counts: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    for record in records:
        gold = PLOVER_05_LABELS.get(record["event"], (record["event"], None))[0]
        doc = nlp(record["text"])
        state = DocState(article=Article(id=record["id"], text=record["text"]), text=record["text"], doc=doc,
                         sentences=sentences_of(doc))
        state.mentions = [
            Mention(text=e.text, start=e.start_char, end=e.end_char, sentence_index=0, label=e.label_,
                    actor=ActorRef(text=e.text, name=e.text, resolution="exact", score=1.0))
            for e in doc.ents if e.label_ in ("PERSON", "ORG", "NORP", "GPE")
        ]
        coder(state)
        best = max(state.events, key=lambda e: e.confidence, default=None)
        predicted = best.event_type if best is not None else "NONE"
        gold_counts[gold] += 1
        pred_counts[predicted] += 1
        hits[gold] += predicted == gold
        if predicted != gold:
            confusion[(gold, predicted)] += 1
    total = sum(gold_counts.values())
    print(f"records {total}  accuracy {sum(hits.values()) / total:.3f}")
    for event_type in sorted(gold_counts):
        p = hits[event_type] / pred_counts[event_type] if pred_counts[event_type] else 0.0
        r = hits[event_type] / gold_counts[event_type]
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {event_type:10} n={gold_counts[event_type]:3}  P={p:.2f} R={r:.2f} F1={f1:.2f}")
    print("most common confusions (gold -> predicted):")
    for (gold, predicted), n in confusion.most_common(12):
        print(f"  {gold} -> {predicted}: {n}")


if __name__ == "__main__":
    main()
