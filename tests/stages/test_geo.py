"""The gazetteer index, toponym resolution, recognition and event location."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from thucydides.config import Settings
from thucydides.errors import KnowledgeBaseError
from thucydides.geo_eval import haversine_km
from thucydides.records import Event
from thucydides.stages.base import DocState
from thucydides.stages.geo import GeoStage
from thucydides.stages.geo_index import GeoIndex, load_curated, name_key, name_keys
from thucydides.stages.geo_resolve import ToponymQuery

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture(scope="session")
def geo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("geo-cache")


@pytest.fixture(scope="session")
def geo(geo_cache: Path) -> GeoStage:
    return GeoStage.from_settings(Settings(), cache_dir=geo_cache)


@pytest.fixture(scope="session")
def geo_nlp(geo: GeoStage):  # type: ignore[no-untyped-def]
    from thucydides.stages.nlp import load_model

    return load_model(Settings().model, patterns=geo.ruler_patterns())


def resolve(geo: GeoStage, names: list[str], text: str | None = None) -> list[tuple[str | None, str | None]]:
    queries = []
    for name in names:
        start = text.index(name) if text else -1
        queries.append(ToponymQuery(text=name, start=start, end=start + len(name) if text else -1))
    out = []
    for res in geo.resolver.resolve(queries, text=text):
        cand = res.candidate
        out.append((None, None) if cand is None else (cand.country, cand.precision))
    return out


def test_name_keys_fold_accents_case_and_articles() -> None:
    assert name_key("Zuwārah") == "zuwarah"
    assert name_key("Al-Wattia") == "al wattia"
    assert name_keys("Al-Wattia") == ("al wattia", "wattia")
    assert "plymouth county" in name_keys("PLYMOUTH CO.")


def test_index_is_reused_and_opens_fast(geo: GeoStage, geo_cache: Path) -> None:
    files = list(geo_cache.glob("gazetteer-*.sqlite"))
    assert len(files) == 1
    started = time.perf_counter()
    again = GeoIndex.open(cache_dir=geo_cache)
    assert time.perf_counter() - started < 1.0
    assert again.path == files[0]
    again.close()


def test_changed_curated_files_rebuild_the_index(geo_cache: Path, tmp_path: Path) -> None:
    extra = tmp_path / "mine.jsonl"
    extra.write_text(json.dumps({"name": "Camp Nowhere", "lat": 10.5, "lon": 20.5, "country": "TD"}) + "\n")
    index = GeoIndex.open(cache_dir=geo_cache, extra_files=[extra])
    assert index.lookup("Camp Nowhere")[0].country == "TD"
    assert len(list(geo_cache.glob("gazetteer-*.sqlite"))) == 2
    index.close()


def test_bad_gazetteer_files_say_what_to_fix(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="does not exist"):
        GeoIndex.open(cache_dir=tmp_path, extra_files=[tmp_path / "missing.jsonl"])
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"name": "X"}\n')
    with pytest.raises(KnowledgeBaseError, match="needs name, lat and lon"):
        load_curated(broken)


def test_curated_places_have_sane_coordinates() -> None:
    from thucydides.stages.geo_index import DATA_DIR

    places = load_curated(DATA_DIR / "places.jsonl")
    assert len(places) > 200
    for place in places:
        assert -90 <= place.lat <= 90, place.name
        assert -180 <= place.lon <= 180, place.name


def test_tripoli_follows_the_document_country(geo: GeoStage) -> None:
    libya = "Fighting near Tripoli and Misrata. Libya's government said."
    lebanon = "Protests in Beirut spread to Tripoli, Lebanon's second city."
    assert resolve(geo, ["Tripoli", "Misrata", "Libya"], libya)[0] == ("LY", "city")
    assert resolve(geo, ["Beirut", "Tripoli"], lebanon)[1] == ("LB", "city")


def test_comma_pattern_and_demonym_city_pattern(geo: GeoStage) -> None:
    text = "He was born in London, Ontario, and later moved."
    assert resolve(geo, ["London"], text) == [("CA", "city")]
    text = "Clashes broke out in the Lebanese city of Tripoli overnight."
    assert resolve(geo, ["Tripoli"], text) == [("LB", "city")]
    assert resolve(geo, ["Tripoli"], "Clashes broke out in Tripoli overnight.") == [("LY", "city")]


def test_countries_and_continents_resolve_at_their_level(geo: GeoStage) -> None:
    got = resolve(geo, ["France", "Libya", "Europe", "Idlib province", "Donbas", "Gaza Strip"])
    assert got[:3] == [("FR", "country"), ("LY", "country"), (None, "continent")]
    assert got[3] == ("SY", "admin1")
    assert got[4][0] == "UA"
    assert got[5][0] == "PS"


def test_seed_places_resolve_within_50_km(geo: GeoStage, seeds_dir: Path) -> None:
    gold = json.loads((seeds_dir / "gold.json").read_text())
    for article in gold["articles"]:
        text = (seeds_dir / article["file"]).read_text()
        names = [p["mention"] for p in article["places"]]
        queries = [ToponymQuery(text=n, start=text.index(n), end=text.index(n) + len(n)) for n in names]
        for place, res in zip(article["places"], geo.resolver.resolve(queries, text=text), strict=True):
            cand = res.candidate
            assert cand is not None, place
            if "country" in place:
                assert cand.country == place["country"], (place, cand)
            if "lat" in place and place.get("kind") not in {"country"}:
                assert haversine_km(cand.lat, cand.lon, place["lat"], place["lon"]) <= 50, (place, cand)


@pytest.mark.slow
def test_recognition_rescues_towns_the_model_calls_people(geo: GeoStage, geo_nlp, seeds_dir: Path) -> None:  # type: ignore[no-untyped-def]
    text = (seeds_dir / "004_ab9c01bb5fe1b7db.txt").read_text()
    found = {m.text: m.place for m in geo.find_places(geo_nlp(text))}
    for name in ("Zuwara", "Tarhuna", "Bani Walid", "Al-Wattia", "Sirte", "Jafra", "Tripoli"):
        assert found.get(name) is not None, name
        assert found[name].country == "LY", name  # type: ignore[union-attr]
    assert "Haftar" not in found
    assert "Norland" not in found


@pytest.mark.slow
def test_person_names_stay_people(geo: GeoStage, geo_nlp) -> None:  # type: ignore[no-untyped-def]
    doc = geo_nlp("Paul Soler met the minister. Later, Soler said the talks went well.")
    assert [m.text for m in geo.find_places(doc)] == []


def _event_at(doc, word: str, *, sentence: int = 0) -> tuple[Event, int]:  # type: ignore[no-untyped-def]
    token = next(t for t in doc if t.text == word)
    event = Event(
        id=f"e-{word}",
        article_id="a",
        sentence_index=sentence,
        evidence_text=token.sent.text,
        evidence_span=(token.sent.start_char, token.sent.end_char),
        event_type="CONSULT",
    )
    return event, token.i


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        ("On Monday, Al-Sarraj, Townsend and Norland met in the coastal city of Zuwara.", "met", "Zuwara"),
        (
            "This dialogue follows Soler's prior engagements in Tripoli, where he met the Prime Minister.",
            "met",
            "Tripoli",
        ),
        (
            "Soler delved into discussions about the reconstruction of areas affected by the floods in Derna.",
            "delved",
            None,
        ),
        ("Haftar held discussions with Paul Soler, the French Special Envoy to Libya.", "held", None),
        ("Gunmen attacked a checkpoint near Sirte on Tuesday.", "attacked", "Sirte"),
        # the place object of a capture or attack is where it happened
        ("Rebel fighters captured the town of Ajdabiya on Sunday.", "captured", "Ajdabiya"),
        ("The army is preparing to retake the cities of Derna and Tobruk.", "retake", "Derna"),
        ("Artillery shelled the outskirts of Misrata overnight.", "shelled", "Misrata"),
        # a place-taking event noun in the predicate's clause
        (
            "The militia won several victories, the biggest of which was the capture of Gharyan.",
            "victories",
            "Gharyan",
        ),
        # a locative phrase on an argument, and on a conjoined verb
        ("Police said gunmen killed three soldiers in Benghazi.", "killed", "Benghazi"),
        # the object of a verb that does not take places is no location
        ("The minister praised Tunisia for its help.", "praised", None),
        # a country modifying the locative noun is an agent, not the setting
        ("Nine commanders were killed in a U.S. airstrike on Tuesday.", "killed", None),
        # of two locative phrases, the finer place
        ("In Syria, three buildings were destroyed in the town of Kafr Nabl.", "destroyed", "Kafr Nabl"),
        # another clause's setting is not the event's
        ("Thousands have been killed since the war in Syria broke out in 2011.", "killed", None),
    ],
)
def test_event_location(geo: GeoStage, geo_nlp, text: str, verb: str, expected: str | None) -> None:  # type: ignore[no-untyped-def]
    from thucydides.records import Article

    doc = geo_nlp(text)
    event, anchor = _event_at(doc, verb)
    state = DocState(
        article=Article(id="a", text=text), text=text, doc=doc, events=[event], anchors={event.id: anchor}
    )
    geo(state)
    location = state.events[0].location
    if expected is None:
        assert location is None
    else:
        assert location is not None
        mention = next(m for m in state.places if m.text == expected or expected in m.text)
        assert mention.place == location


@pytest.mark.slow
def test_dateline_is_the_fallback(geo: GeoStage, geo_nlp) -> None:  # type: ignore[no-untyped-def]
    from thucydides.records import Article

    text = "BENGHAZI, Libya (Reuters) - Officials said the vote was postponed."
    doc = geo_nlp(text)
    event, anchor = _event_at(doc, "postponed")
    state = DocState(
        article=Article(id="a", text=text), text=text, doc=doc, events=[event], anchors={event.id: anchor}
    )
    geo(state)
    location = state.events[0].location
    assert location is not None
    assert location.country == "LY"


def test_division_word_backs_off_to_the_division(geo: GeoStage) -> None:
    text = "A fire in the town of Qatraneh in the Karak district, Jordan's police said."
    assert resolve(geo, ["Karak district", "Jordan"], text)[0] == ("JO", "admin1")


def test_qualified_names_back_off_to_the_place(geo: GeoStage) -> None:
    names = ["North London", "Southern California", "Greater Toronto Area", "South Pacific"]
    got = [resolve(geo, [name])[0] for name in names]
    assert got == [("GB", "city"), ("US", "admin1"), ("CA", "city"), (None, "region")]
    scores = geo.resolver.resolve([ToponymQuery(text="North London")])
    assert scores[0].score <= 0.3  # a back-off is a guess, and says so


def test_sites_fall_back_to_their_town_or_the_documents_main_place(geo: GeoStage) -> None:
    text = (
        "Police in Toronto, Canada said the victim died at St. Michael's Hospital. "
        "Toronto officers and Canada's health ministry confirmed it. The Zqxwv Centre closed."
    )
    got = resolve(geo, ["Toronto", "Canada", "St. Michael's Hospital", "Toronto", "Canada", "Zqxwv"], text)
    assert got[2] == ("CA", "city")  # the document's main town, not a town called "St."
    assert got[5] == ("CA", "country")  # an unknown name: the document's main country
    assert resolve(geo, ["Vancouver Art Gallery"]) == [("CA", "city")]
    assert resolve(geo, ["Zqxwv"]) == [(None, None)]  # no main place: no guess


def test_a_country_before_a_noun_phrase_is_no_locator(geo: GeoStage) -> None:
    text = "His dealings in Russia, U.S. officials said on Wednesday, were under review."
    assert resolve(geo, ["Russia"], text) == [("RU", "country")]
    assert resolve(geo, ["Paris"], "She lives in Paris, Texas, where she was born.") == [("US", "city")]


def test_bigger_divisions_first(geo: GeoStage) -> None:
    assert resolve(geo, ["Florida", "Spain", "Turkey"])[0] == ("US", "admin1")


def _chosen(geo: GeoStage, geo_nlp, text: str, verb: str):  # type: ignore[no-untyped-def]
    doc = geo_nlp(text)
    anchor = next(t.i for t in doc if t.text == verb)
    places = geo.find_places(doc, text=text)
    return geo.locate(doc, anchor=anchor, places=places, text=text)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        # a place the gazetteer does not know, attached to the predicate, is still the setting:
        # no coarser place mentioned beside it is put in its stead
        ("Gunmen killed four farmers in the village of Qarwash on Tuesday.", "killed", "Qarwash"),
        ("In Syria, gunmen killed four farmers in the village of Qarwash on Tuesday.", "killed", "Qarwash"),
        # names the model takes for people or bodies, marked as places by a place noun
        ("Rebels stormed Tel Zaraqa village on Monday.", "stormed", "Tel Zaraqa"),
        (
            "Army units captured the village of Sheikh Hamdan after a week of fighting.",
            "captured",
            "Sheikh Hamdan",
        ),
        # an unknown site shaped as one
        ("Militants detonated a bomb near the Zubair Hamid crossing.", "detonated", "Zubair Hamid"),
        # a place qualifying a place noun that names a finer place is only its container
        ("Two men were shot dead in Kenya's port city of Mombasa.", "shot", "Mombasa"),
        ("Protesters marched in Pakistan's largest city, Karachi, on Friday.", "marched", "Karachi"),
        ("Settlers attacked farmers near the West Bank town of Nablus.", "attacked", "Nablus"),
        # a locative phrase nested in the locative phrase, or in the object of an attack noun
        ("Militants hid the weapons in a warehouse near the city of Mosul.", "hid", "Mosul"),
        (
            "Two guards were wounded in an attack on a checkpoint in the town of Kandahar.",
            "wounded",
            "Kandahar",
        ),
    ],
)
def test_event_location_choice(geo: GeoStage, geo_nlp, text: str, verb: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    chosen = _chosen(geo, geo_nlp, text, verb)
    assert chosen is not None
    assert expected in chosen.text


@pytest.mark.slow
def test_an_unmapped_setting_falls_back_to_a_resolved_place(geo: GeoStage, geo_nlp) -> None:  # type: ignore[no-untyped-def]
    """The event's location on the map is never the unknown village's made-up coordinates: the
    stage falls back to what the resolved places alone give (here the sentence's country)."""
    from thucydides.records import Article

    text = "In Syria, gunmen killed four farmers in the village of Qarwash on Tuesday."
    doc = geo_nlp(text)
    event, anchor = _event_at(doc, "killed")
    state = DocState(
        article=Article(id="a", text=text), text=text, doc=doc, events=[event], anchors={event.id: anchor}
    )
    geo(state)
    assert next(m for m in state.places if m.text == "Qarwash").place is None
    location = state.events[0].location
    assert location is not None
    assert location.country == "SY"


@pytest.mark.slow
def test_event_location_scorer_scores_the_recorded_location(geo: GeoStage, geo_nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """``accuracy`` scores what the pipeline records (a place on the map); the unmappable
    setting the text names is scored apart, as ``setting_accuracy``."""
    import zipfile

    from thucydides.geo_eval import score_event_locations

    text = "In Syria, gunmen killed four farmers in the village of Qarwash on Tuesday."
    verb, village = text.index("killed"), text.index("Qarwash")
    record = {
        "text": text,
        "spans": [
            {"start": verb, "end": verb + len("killed"), "label": "VERB"},
            {"start": village, "end": village + len("Qarwash"), "label": "LOCATION"},
        ],
    }
    path = tmp_path / "labeled_text.jsonl.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("labeled_text.jsonl", json.dumps([record]))
    figures = score_event_locations(geo, geo_nlp, path)
    assert figures["with_gold_location"] == 1
    assert figures["setting_accuracy"] == 1.0
    assert figures["accuracy"] == 0.0  # recorded: Syria, where the village could not be mapped
    assert figures["recall_any"] == 1.0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        # a locative phrase on the partner of a fighting or meeting verb beats the dateline
        ("SIRTE — Government troops clashed with militiamen in Gharyan on Sunday.", "clashed", "Gharyan"),
        ("BENGHAZI — The defence minister met with tribal elders in Zintan.", "met", "Zintan"),
    ],
)
def test_a_partners_place_is_the_setting(geo: GeoStage, geo_nlp, text: str, verb: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    chosen = _chosen(geo, geo_nlp, text, verb)
    assert chosen is not None
    assert chosen.text == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        # the object of a visit and the destination of a journey: a place the gazetteer knows,
        # whatever the model calls it, and where the event happened
        ("BENGHAZI — The foreign minister visited Misrata on Thursday.", "visited", "Misrata"),
        ("BENGHAZI — The UN envoy flew to Zuwara for talks with the mayor.", "flew", "Zuwara"),
    ],
)
def test_a_visits_destination_is_a_place_and_the_setting(geo: GeoStage, geo_nlp, text: str, verb: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    chosen = _chosen(geo, geo_nlp, text, verb)
    assert chosen is not None
    assert chosen.text == expected
    assert chosen.place is not None
    assert chosen.place.country == "LY"
