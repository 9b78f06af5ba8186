from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import thucydides.ontology as ontology_module
from thucydides.errors import KnowledgeBaseError
from thucydides.ontology import PLOVER_05_LABELS, Ontology


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return Ontology.load()


def test_sixteen_plover_types(onto: Ontology) -> None:
    assert len(onto.event_types) == 16
    assert {"CONSULT", "ASSAULT", "REQUEST", "ACCUSE"} <= set(onto.event_types)
    assert onto.quad("ASSAULT") == "material_conflict"


def test_modes_and_contexts(onto: Ontology) -> None:
    assert "phone" in onto.modes("CONSULT")
    assert onto.modes("AGREE") == ()
    assert "investigate" in onto.modes("ACCUSE")
    assert {"terrorism", "election", "migration", "diplomatic", "military"} <= set(onto.contexts)
    assert {"GOV", "MIL", "REB", "CVL"} <= set(onto.sectors)


def test_unknown_type_is_an_actionable_error(onto: Ontology) -> None:
    with pytest.raises(KnowledgeBaseError, match="known: AGREE"):
        onto.modes("FIGHT")


def test_cameo_crosswalk_both_ways(onto: Ontology) -> None:
    assert onto.cameo_for("CONSULT", "phone") == "041"
    assert onto.cameo_for("CONSULT") == "040"
    assert onto.cameo_for("COERCE", "arrest") == "173"
    entry = onto.plover_for_cameo("1123")
    assert entry is not None
    assert (entry.event_type, entry.mode) == ("ACCUSE", "allege")
    # a code deeper than the table falls back to its parent
    parent = onto.plover_for_cameo("0419")
    assert parent is not None
    assert parent.cameo == "041"
    assert onto.plover_for_cameo("010") is None  # statements have no PLOVER type


def test_every_type_has_a_cameo_code(onto: Ontology) -> None:
    for event_type in onto.event_types:
        assert onto.cameo_for(event_type) is not None, event_type


def test_acled_crosswalk(onto: Ontology) -> None:
    assert onto.acled_for("ASSAULT", "aerial") == "AIR_STRIKE"
    assert onto.acled_for("ASSAULT", None, hints=["regain"], source_sectors=["MIL"]) == "GOV_REGAINS_TERIT"
    assert onto.acled_for("ASSAULT", None, hints=["regain"], source_sectors=["REB"]) == (
        "NON_STATE_ACTOR_OVERTAKES_TER"
    )
    assert onto.acled_for("ASSAULT") == "ATTACK"
    assert onto.acled_for("COERCE", "arrest") == "ARREST"
    assert onto.acled_for("PROTEST", "riot") == "VIOL_DEMONSTR"
    assert onto.acled_for("PROTEST") == "PEACE_PROTEST"
    assert onto.acled_for("CONSULT") == "DIPLO"
    assert len(onto.acled_types) == 30


def test_plover_05_labels_map_to_known_types(onto: Ontology) -> None:
    for new_type, mode in PLOVER_05_LABELS.values():
        assert onto.is_valid_mode(new_type, mode)


def test_inconsistent_files_are_rejected(tmp_path: Path, onto: Ontology) -> None:
    packaged = Path(ontology_module.__file__).parent
    for name in ("plover.toml", "cameo_plover.csv", "acled.csv", "acled_types.csv"):
        shutil.copy(packaged / name, tmp_path / name)
    with (tmp_path / "cameo_plover.csv").open("a", encoding="utf-8") as handle:
        handle.write("999,CONSULT,teleport,,Imaginary\n")
    with pytest.raises(KnowledgeBaseError, match="CONSULT has no mode 'teleport'"):
        Ontology.load(tmp_path)


def test_missing_directory_is_reported(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="cannot read the ontology files"):
        Ontology.load(tmp_path / "nowhere")
