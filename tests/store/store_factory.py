"""Hand-built article results for store and export tests (no spaCy needed)."""

from __future__ import annotations

from dataclasses import replace
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
    Removed,
    Sentence,
)

HAFTAR = ActorRef(
    text="Khalifa Haftar",
    actor_id="Q1161140",
    name="Khalifa Haftar",
    country="LBY",
    sector="MIL",
    role="commander",
    resolution="exact",
    score=1.0,
)
SOLER = ActorRef(
    text="Paul Soler", actor_id="Q-soler", name="Paul Soler", country="FRA", sector="GOV", resolution="exact"
)
MENFI = ActorRef(
    text="Mohamed Al-Mnifi",
    actor_id="Q-menfi",
    name="Mohamed al-Menfi",
    country="LBY",
    sector="GOV",
    resolution="skeleton",
    score=0.9,
)
PROTESTERS = ActorRef(text="protesters", country="SDN", sector="CVL", resolution="generic")
POLICE = ActorRef(text="the police", country="SDN", sector="COP", resolution="generic")

TRIPOLI = Place(
    name="Tripoli",
    geonameid=2210247,
    lat=32.8872,
    lon=13.1913,
    country="LY",
    admin1="Tripoli",
    feature="PPLC",
)
KHARTOUM = Place(
    name="Khartoum",
    geonameid=379252,
    lat=15.5518,
    lon=32.5324,
    country="SD",
    admin1="Khartoum",
    feature="PPLC",
)


def _sentences(text: str) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    start = 0
    for index, part in enumerate(text.split("\n")):
        out.append(Sentence(index=index, text=part, start=start, end=start + len(part)))
        start += len(part) + 1
    return tuple(out)


def libya_result(*, article_id: str = "a-libya", published: date | None = date(2023, 10, 1)) -> ArticleResult:
    """A diplomatic article: two meetings (one dated, one in Tripoli)."""
    text = (
        "On Sunday, Khalifa Haftar held discussions with Paul Soler about counter-terrorism.\n"
        "Paul Soler then met Mohamed Al-Mnifi in Tripoli."
    )
    sents = _sentences(text)
    article = Article(
        id=article_id,
        text=text,
        title="French Envoy Discusses Counter-Terrorism with Haftar",
        url=f"https://example.org/{article_id}",
        source="example.org",
        published=published,
        published_basis="metadata" if published else None,
        metadata={"section": "politics", "fetched": date(2023, 10, 2)},
    )
    sunday = EventDate(
        value=date(2023, 10, 1) if published else None,
        precision="day" if published else "weekday-only",
        text="On Sunday",
        basis="relative-to-published" if published else "none",
    )
    consult = Event(
        id=f"{article_id}-e1",
        article_id=article_id,
        sentence_index=0,
        evidence_text=sents[0].text,
        evidence_span=(sents[0].start, sents[0].end),
        event_type="CONSULT",
        mode="meet",
        contexts=("terrorism", "diplomatic"),
        sources=(HAFTAR,),
        targets=(SOLER,),
        date=sunday,
        cameo_code="040",
        confidence=0.9,
        coder_version="test-1",
        trigger="held discussions",
    )
    meeting = Event(
        id=f"{article_id}-e2",
        article_id=article_id,
        sentence_index=1,
        evidence_text=sents[1].text,
        evidence_span=(sents[1].start, sents[1].end),
        event_type="CONSULT",
        mode="meet",
        contexts=("diplomatic",),
        sources=(SOLER,),
        targets=(MENFI,),
        location=TRIPOLI,
        cameo_code="043",
        confidence=0.8,
        coder_version="test-1",
        trigger="met",
        more_evidence=((0, 10),),
    )
    tripoli_at = text.index("Tripoli")
    return ArticleResult(
        article=article,
        text=text,
        sentences=sents,
        removed=(
            Removed(
                text="French Envoy Discusses Counter-Terrorism with Haftar", reason="repeated-title", line=1
            ),
        ),
        mentions=(
            Mention(text="Khalifa Haftar", start=11, end=25, sentence_index=0, label="PERSON", actor=HAFTAR),
            Mention(text="Paul Soler", start=46, end=56, sentence_index=0, label="PERSON", actor=SOLER),
            Mention(
                text="Mohamed Al-Mnifi",
                start=sents[1].start + 20,
                end=sents[1].start + 36,
                sentence_index=1,
                label="PERSON",
                actor=MENFI,
            ),
        ),
        places=(
            PlaceMention(
                text="Tripoli",
                start=tripoli_at,
                end=tripoli_at + 7,
                sentence_index=1,
                place=TRIPOLI,
                score=0.95,
            ),
            PlaceMention(text="Atlantis", start=0, end=0, sentence_index=1, place=None),
        ),
        events=(consult, meeting),
    )


def sudan_result(
    *, article_id: str = "a-sudan", published: date | None = date(2023, 11, 15)
) -> ArticleResult:
    """A protest article: police fired on protesters in Khartoum; no event date of its own."""
    text = "The police fired tear gas at protesters in Khartoum on Wednesday."
    sents = _sentences(text)
    article = Article(
        id=article_id, text=text, title="Crackdown in Khartoum", source="wire", published=published
    )
    assault = Event(
        id=f"{article_id}-e1",
        article_id=article_id,
        sentence_index=0,
        evidence_text=text,
        evidence_span=(0, len(text)),
        event_type="ASSAULT",
        mode="firearms",
        contexts=("protest",),
        sources=(POLICE,),
        targets=(PROTESTERS,),
        location=KHARTOUM,
        acled_type="Protests",
        confidence=0.7,
        coder_version="test-1",
        trigger="fired",
    )
    return ArticleResult(article=article, text=text, sentences=sents, events=(assault,))


def bulk_result(index: int, *, day: date, event_type: str = "PROTEST") -> ArticleResult:
    """A small generated article with one event (for pagination and timeline tests)."""
    base = sudan_result(article_id=f"a-bulk-{index:04d}", published=day)
    event = replace(base.events[0], event_type=event_type, confidence=round(0.5 + (index % 5) / 10, 2))
    return replace(base, events=(event,))
