"""Hand-built article results for the API and dashboard tests (no spaCy needed).

Four articles: a meeting in Benghazi, a crackdown in Khartoum, an air strike on
Aleppo and a hostile page whose text and actor names carry HTML/script payloads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from thucydides.records import (
    ActorRef,
    Article,
    ArticleResult,
    Event,
    EventDate,
    Mention,
    Place,
    PlaceMention,
    Sentence,
)
from thucydides.store import Store

__all__ = ["HOSTILE_ACTOR", "HOSTILE_TEXT", "LOOPBACK", "TOKEN", "all_results", "fill"]

#: the write token of the test apps, and the client address they see (loopback)
TOKEN = "api-test-token"
LOOPBACK = ("127.0.0.1", 50000)

HAFTAR = ActorRef(
    text="Khalifa Haftar",
    actor_id="Q1161140",
    name="Khalifa Haftar",
    country="LBY",
    sector="MIL",
    resolution="exact",
    score=1.0,
)
ENVOY = ActorRef(
    text="Paul Soler",
    actor_id="Q-soler",
    name="Paul Soler",
    country="FRA",
    sector="GOV",
    resolution="exact",
    score=1.0,
)
POLICE = ActorRef(text="the police", country="SDN", sector="COP", resolution="generic")
PROTESTERS = ActorRef(text="protesters", country="SDN", sector="CVL", resolution="generic")
RUSSIA = ActorRef(
    text="Russian jets",
    actor_id="Q-rus-af",
    name="Russian Aerospace Forces",
    country="RUS",
    sector="MIL",
    resolution="exact",
    score=1.0,
)
REBELS = ActorRef(text="rebel positions", country="SYR", sector="REB", resolution="generic")

HOSTILE_TEXT = '<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">'
HOSTILE_ACTOR = ActorRef(
    text='<img src=x onerror="window.pwned=1">Gang',
    actor_id="Q-hostile",
    name='<img src=x onerror="window.pwned=1">Gang',
    country="LBY",
    sector="REB",
    resolution="exact",
    score=1.0,
)

BENGHAZI = Place(name="Benghazi", geonameid=88319, lat=32.1167, lon=20.0667, country="LY", feature="PPLA")
KHARTOUM = Place(name="Khartoum", geonameid=379252, lat=15.5518, lon=32.5324, country="SD", feature="PPLC")
ALEPPO = Place(name="Aleppo", geonameid=170063, lat=36.2021, lon=37.1343, country="SY", feature="PPLA")
TRIPOLI = Place(name="Tripoli", geonameid=2210247, lat=32.8872, lon=13.1913, country="LY", feature="PPLC")


@dataclass(frozen=True, slots=True)
class _Spec:
    """One event: the sentence it is in, what happened, who, where, when."""

    sentence: int
    event_type: str
    mode: str | None
    sources: tuple[ActorRef, ...]
    targets: tuple[ActorRef, ...]
    location: Place | None
    day: date | None
    contexts: tuple[str, ...] = ()


def _article(
    article_id: str, *, title: str, published: date, sentences: Sequence[str], specs: Sequence[_Spec]
) -> ArticleResult:
    text = " ".join(sentences)
    sents: list[Sentence] = []
    at = 0
    for index, part in enumerate(sentences):
        sents.append(Sentence(index=index, text=part, start=at, end=at + len(part)))
        at += len(part) + 1
    events: list[Event] = []
    mentions: list[Mention] = []
    places: list[PlaceMention] = []
    for number, spec in enumerate(specs, start=1):
        sent = sents[spec.sentence]
        events.append(
            Event(
                id=f"{article_id}-e{number}",
                article_id=article_id,
                sentence_index=sent.index,
                evidence_text=sent.text,
                evidence_span=(sent.start, sent.end),
                event_type=spec.event_type,
                mode=spec.mode,
                contexts=spec.contexts,
                sources=spec.sources,
                targets=spec.targets,
                location=spec.location,
                date=EventDate(value=spec.day, precision="day", text=None, basis="absolute")
                if spec.day
                else EventDate(),
                confidence=0.8,
                coder_version="test",
            )
        )
        for ref in (*spec.sources, *spec.targets):
            found = sent.text.find(ref.text)
            if found >= 0:
                start = sent.start + found
                mentions.append(
                    Mention(
                        text=ref.text,
                        start=start,
                        end=start + len(ref.text),
                        sentence_index=sent.index,
                        label="ORG",
                        actor=ref,
                    )
                )
        if spec.location is not None and (found := sent.text.find(spec.location.name)) >= 0:
            start = sent.start + found
            places.append(
                PlaceMention(
                    text=spec.location.name,
                    start=start,
                    end=start + len(spec.location.name),
                    sentence_index=sent.index,
                    place=spec.location,
                    score=0.9,
                )
            )
    unique = {(m.start, m.end): m for m in mentions}
    return ArticleResult(
        article=Article(id=article_id, text=text, title=title, source="wire", published=published),
        text=text,
        sentences=tuple(sents),
        mentions=tuple(unique[k] for k in sorted(unique)),
        places=tuple(places),
        events=tuple(events),
    )


def all_results() -> list[ArticleResult]:
    """Every sample article."""
    libya = _article(
        "a-libya",
        title="Envoy meets Haftar in Benghazi",
        published=date(2023, 10, 2),
        sentences=[
            "Khalifa Haftar met Paul Soler in Benghazi on Sunday.",
            "The talks covered the ceasefire.",
            "Paul Soler later praised Khalifa Haftar for his cooperation.",
        ],
        specs=[
            _Spec(0, "CONSULT", "meet", (HAFTAR,), (ENVOY,), BENGHAZI, date(2023, 10, 1), ("diplomatic",)),
            _Spec(2, "SUPPORT", None, (ENVOY,), (HAFTAR,), None, date(2023, 10, 2)),
        ],
    )
    sudan = _article(
        "a-sudan",
        title="Crackdown in Khartoum",
        published=date(2023, 11, 15),
        sentences=[
            "The police fired tear gas at protesters in Khartoum on Wednesday.",
            "Protesters marched again the next day.",
        ],
        specs=[
            _Spec(
                0, "ASSAULT", "firearms", (POLICE,), (PROTESTERS,), KHARTOUM, date(2023, 11, 15), ("protest",)
            ),
            _Spec(1, "PROTEST", "demo", (PROTESTERS,), (), KHARTOUM, date(2023, 11, 16)),
        ],
    )
    syria = _article(
        "a-syria",
        title="Air strikes near Aleppo",
        published=date(2023, 10, 20),
        sentences=["Russian jets struck rebel positions near Aleppo on Friday."],
        specs=[_Spec(0, "ASSAULT", "aerial", (RUSSIA,), (REBELS,), ALEPPO, date(2023, 10, 20))],
    )
    hostile = _article(
        "a-hostile",
        title='<script>document.title="pwned"</script>Hostile page',
        published=date(2023, 10, 25),
        sentences=[
            f"{HOSTILE_TEXT} {HOSTILE_ACTOR.text} attacked Khalifa Haftar in Tripoli.",
            "Nothing else happened.",
        ],
        specs=[_Spec(0, "ASSAULT", None, (HOSTILE_ACTOR,), (HAFTAR,), TRIPOLI, date(2023, 10, 24))],
    )
    return [libya, sudan, syria, hostile]


def fill(store: Store) -> Store:
    """Save every sample article into ``store``; return it."""
    run = store.start_run(coder_version="test")
    for result in all_results():
        store.save(result, run_id=run)
    store.finish_run(run, counts={"articles": 4})
    return store
