"""Scoring functions for the geocoder, on small gold files written here."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from thucydides.config import Settings
from thucydides.errors import GoldFormatError
from thucydides.geo_eval import haversine_km, read_event_locations, read_trnews, score_trnews_resolution
from thucydides.stages.geo import GeoStage

TRNEWS = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <dltime>2020-06-23</dltime>
    <text><![CDATA[Clashes in Tripoli and Misrata, Libya. Talks in Paris.]]></text>
    <toponyms>
      <toponym><phrase>Tripoli</phrase><start>11</start><end>18</end>
        <gaztag geonameid="2210247"><name>Tripoli</name><fcode>PPLC</fcode><lat>32.88743</lat><lon>13.18733</lon>
        <country geonameid="2215636">Libya</country></gaztag></toponym>
      <toponym><phrase>Paris</phrase><start>48</start><end>53</end>
        <gaztag geonameid="2988507"><name>Paris</name><fcode>PPLC</fcode><lat>48.85341</lat><lon>2.3488</lon>
        <country geonameid="3017382">France</country></gaztag></toponym>
      <toponym><phrase>Atlantis</phrase><start>0</start><end>1</end></toponym>
    </toponyms>
  </article>
</articles>
"""


@pytest.fixture(scope="module")
def geo(tmp_path_factory: pytest.TempPathFactory) -> GeoStage:
    return GeoStage.from_settings(Settings(), cache_dir=tmp_path_factory.mktemp("geo-eval-cache"))


def test_haversine() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.2)
    assert haversine_km(32.89, 13.19, 34.44, 35.85) > 2000  # Tripoli, Libya to Tripoli, Lebanon


def test_read_trnews_keeps_untagged_toponyms(tmp_path: Path) -> None:
    path = tmp_path / "tr.xml"
    path.write_text(TRNEWS)
    (article,) = read_trnews(path)
    assert [t.phrase for t in article.toponyms] == ["Tripoli", "Paris", "Atlantis"]
    assert article.toponyms[2].geonameid is None


def test_trnews_resolution_scores(geo: GeoStage, tmp_path: Path) -> None:
    path = tmp_path / "tr.xml"
    path.write_text(TRNEWS)
    scores = score_trnews_resolution(geo, path)
    assert scores == {
        "toponyms": 2,
        "accuracy_161km": 1.0,
        "exact_geonameid": 1.0,
        "country": 1.0,
        "unresolved": 0,
    }


def test_malformed_gold_files_are_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<articles>")
    with pytest.raises(GoldFormatError):
        read_trnews(bad)
    with pytest.raises(GoldFormatError):
        list(read_event_locations(tmp_path / "missing.zip"))


def test_read_event_locations_from_the_published_zip(tmp_path: Path) -> None:
    records = [
        {
            "text": "Gunmen attacked a checkpoint near Sirte.",
            "answer": "accept",
            "spans": [
                {"start": 7, "end": 15, "label": "VERB"},
                {"start": 34, "end": 39, "label": "LOCATION"},
            ],
        },
        {"text": "Officials met.", "answer": "reject", "spans": [{"start": 10, "end": 13, "label": "VERB"}]},
    ]
    path = tmp_path / "labeled_text.jsonl.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("labeled_text.jsonl", json.dumps(records))
    (example,) = read_event_locations(path)
    assert example.verb == (7, 15)
    assert example.location == (34, 39)


def test_a_place_in_no_country_is_the_right_country_for_a_region(geo: GeoStage, tmp_path: Path) -> None:
    ocean = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="2"><text><![CDATA[Ships sank in the Pacific off Chile.]]></text><toponyms>
  <toponym><phrase>Pacific</phrase><start>18</start><end>25</end>
    <gaztag geonameid="4030875"><name>Pacific Ocean</name><fcode>OCN</fcode><lat>0</lat><lon>-160</lon></gaztag></toponym>
  <toponym><phrase>Chile</phrase><start>30</start><end>35</end>
    <gaztag geonameid="3895114"><name>Chile</name><fcode>PCLI</fcode><lat>-30</lat><lon>-71</lon></gaztag></toponym>
</toponyms></article></articles>
"""
    path = tmp_path / "ocean.xml"
    path.write_text(ocean)
    scores = score_trnews_resolution(geo, path)
    assert scores["country"] == 1.0  # the ocean is in no country, and so is our reading
    wrong = ocean.replace("<phrase>Pacific</phrase>", "<phrase>Chile</phrase>")
    path.write_text(wrong)
    assert score_trnews_resolution(geo, path)["country"] == 0.5  # a country for an ocean is wrong
