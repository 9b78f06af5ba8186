"""Toponyms the model misses: datelines, locators, repeated names, "X-based"; and what
recognised names keep their reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from thucydides.config import Settings
from thucydides.stages.geo import GeoStage

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def geo(tmp_path_factory: pytest.TempPathFactory) -> GeoStage:
    return GeoStage.from_settings(Settings(), cache_dir=_cache(tmp_path_factory))


def _cache(factory: pytest.TempPathFactory) -> Path:
    return factory.mktemp("geo-recognise-cache")


@pytest.fixture(scope="module")
def nlp(geo: GeoStage):  # type: ignore[no-untyped-def]
    from thucydides.stages.nlp import load_model

    return load_model(Settings().model, patterns=geo.ruler_patterns())


def places(geo: GeoStage, nlp, text: str, **kwargs: bool) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    return {m.text: (m.place.country if m.place else None) for m in geo.find_places(nlp(text), **kwargs)}


def test_all_caps_datelines(geo: GeoStage, nlp) -> None:  # type: ignore[no-untyped-def]
    found = places(geo, nlp, "BEIRUT — A cease-fire to evacuate the last fighters was agreed on Tuesday.")
    assert found.get("BEIRUT") == "LB"
    found = places(geo, nlp, "AS the temperature drops, rough sleepers can take shelter in church.")
    assert "AS" not in found  # a capitalised first word is no dateline


def test_locator_after_a_place(geo: GeoStage, nlp) -> None:  # type: ignore[no-untyped-def]
    found = places(geo, nlp, "They bought a brick home in Barrie, Ont., complete with a garage.")
    assert found.get("Barrie") == "CA"
    assert any(text.startswith("Ont") and country == "CA" for text, country in found.items())


def test_one_sense_per_document(geo: GeoStage, nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Snow fell across Edmonton on Monday. Edmonton police closed two roads, and "
        "Edmonton received more snow than any other city. Georgia Stevens skated anyway."
    )
    doc = nlp(text)
    found = [m for m in geo.find_places(doc) if m.text == "Edmonton"]
    assert len(found) == 3
    assert {m.place.country for m in found if m.place} == {"CA"}
    assert "Georgia" not in {m.text for m in geo.find_places(doc)}  # part of a person's name


def test_places_glued_to_participles(geo: GeoStage, nlp) -> None:  # type: ignore[no-untyped-def]
    found = places(geo, nlp, "A Toronto-based firm and Kurdish-led forces signed the deal.")
    assert found.get("Toronto") == "CA"
    assert "Kurdish" not in found  # a nationality, not a place


def test_major_places_the_model_calls_organisations(geo: GeoStage, nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The fighting in Aleppo went on. BA cabin crew and the ATF agents stayed home.")
    found = {m.text: m for m in geo.find_places(doc)}
    assert found["Aleppo"].place is not None
    assert "BA" not in found
    assert "ATF" not in found  # acronyms are bodies, whatever the gazetteer's codes say


def test_demonyms_read_only_as_their_country(geo: GeoStage, nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Turkish officials and Christian leaders met in Ankara."
    assert places(geo, nlp, text) == {"Ankara": "TR"}
    found = places(geo, nlp, text, demonyms=True)
    assert found.get("Turkish") == "TR"
    assert "Christian" not in found  # no county called Christian: a faith, not a place


def test_unknown_names_are_read_at_the_main_place_after_a_locative(geo: GeoStage, nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Clashes erupted in Kafr Zqmita, Syria, on Monday, the Syrian army said.")
    found = {m.text: m.place for m in geo.find_places(doc)}
    assert found["Kafr Zqmita"] is not None
    assert (found["Kafr Zqmita"].country, found["Kafr Zqmita"].precision) == ("SY", "country")
