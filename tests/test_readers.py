from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from thucydides.errors import BinaryInputError, EmptyInputError, InputError, RecordFormatError
from thucydides.readers import parse_published, read_csv, read_jsonl, read_paths
from thucydides.records import Article


def _articles(items: list[Article | InputError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def _errors(items: list[Article | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def test_plain_text_title_skips_section_label_and_keeps_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("World\n\nTroops cross the border at dawn\n\nTroops crossed the border on Sunday.\n")
    (article,) = _articles(list(read_paths([path])))
    assert article.title == "Troops cross the border at dawn"
    assert "Troops crossed the border on Sunday." in article.text
    assert article.published is None


def test_same_file_twice_gives_same_id(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Headline here\n\nThe minister met the envoy.\n")
    first = _articles(list(read_paths([path])))[0]
    second = _articles(list(read_paths([path])))[0]
    assert first.id == second.id


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(
        "Le ministre a rencontré l'envoyé à Tripoli. Déclaration très importante.".encode("latin-1")
    )
    (article,) = _articles(list(read_paths([path])))
    assert "rencontré" in article.text


def test_bad_files_are_errors_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "good.txt").write_text("Title\n\nRebels attacked the town.\n")
    lines = [
        json.dumps(
            {"id": "1", "text": "Police arrested protesters.", "published": "2024-01-02", "section": "x"}
        ),
        "{not json",
        json.dumps({"id": "2", "text": "Talks resumed in Geneva."}),
    ]
    (tmp_path / "wire.jsonl").write_text("\n".join(lines) + "\n")
    items = list(read_paths([tmp_path]))
    assert len(_articles(items)) == 3
    errors = {Path(e.source or "").name: e for e in _errors(items)}
    assert isinstance(errors["empty.txt"], EmptyInputError)
    assert isinstance(errors["binary.txt"], BinaryInputError)
    assert isinstance(errors["wire.jsonl:2"], RecordFormatError)
    jsonl = next(a for a in _articles(items) if a.id == "1")
    assert jsonl.published == date(2024, 1, 2)
    assert jsonl.metadata["section"] == "x"


def test_csv_with_column_mapping(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('headline,body,date\n"Clashes","Fighters clashed\nnear the airport.",2023-05-01\n')
    (article,) = _articles(
        list(read_csv(path, column_map={"title": "headline", "text": "body", "published": "date"}))
    )
    assert article.title == "Clashes"
    assert article.published == date(2023, 5, 1)
    assert "near the airport" in article.text


def test_csv_without_text_column_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("headline,body\nx,y\n")
    (error,) = _errors(list(read_csv(path)))
    assert "--csv-column" in str(error)


def test_jsonl_record_without_text(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "x", "title": "t"}) + "\n")
    (error,) = _errors(list(read_jsonl(path)))
    assert isinstance(error, EmptyInputError)


def test_html_page_through_trafilatura(tmp_path: Path) -> None:
    body = " ".join(["The defence minister inspected troops in Sirte on Sunday, officials said."] * 6)
    page = f"""<!DOCTYPE html><html><head><title>Minister visits Sirte</title>
    <meta property="article:published_time" content="2021-03-07T09:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Minister visits Sirte</h1><p>{body}</p><p>{body}</p></article>
    <footer>Share on Facebook | Tweet</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page)
    (article,) = _articles(list(read_paths([path])))
    assert article.title == "Minister visits Sirte"
    assert article.published == date(2021, 3, 7)
    assert article.published_basis == "page"
    assert "inspected troops" in article.text
    assert "Share on Facebook" not in article.text


def test_missing_path_is_an_error() -> None:
    (error,) = list(read_paths(["/nonexistent/file.txt"]))
    assert isinstance(error, InputError)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020-06-23", date(2020, 6, 23)),
        ("2020-06-23T10:00:00Z", date(2020, 6, 23)),
        ("", None),
        (None, None),
    ],
)
def test_parse_published(raw: str | None, expected: date | None) -> None:
    assert parse_published(raw) == expected


def test_parse_published_rejects_garbage() -> None:
    with pytest.raises(RecordFormatError):
        parse_published("not a date at all")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("TRIPOLI, April 5, 2019 (Some Wire) - Forces entered the town.", date(2019, 4, 5)),
        ("Published: 8 April 2019", date(2019, 4, 8)),
        ("SABHA, Libya -- Tuesday, 6 November 2018 (Wire)", date(2018, 11, 6)),
        ("Tuesday, July 26, 2022", date(2022, 7, 26)),
        ("ZAWIYA, Libya (Wire) - Fighting broke out on Sunday.", None),
        ("The 2020 ceasefire agreement was signed after months of talks in Geneva and Moscow.", None),
    ],
)
def test_dateline_dates(tmp_path: Path, header: str, expected: date | None) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"A headline for the article\n\n{header}\n\nMore text follows here.\n")
    (article,) = _articles(list(read_paths([path])))
    assert article.published == expected
    assert article.published_basis == ("dateline" if expected else None)


def test_html_date_only_in_footer_is_low_confidence_and_year_alone_is_never_a_date(tmp_path: Path) -> None:
    body = (
        "<p>"
        + " ".join(["Officials said the 2020 ceasefire agreement was under strain in the north."] * 6)
        + "</p>"
    )
    footer_page = f"<html><head><title>T</title></head><body><article>{body}</article><footer><p>Last updated: 28 February 2023 09:14 GMT</p></footer></body></html>"
    undated_page = f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"
    (tmp_path / "footer.html").write_text(footer_page)
    (tmp_path / "undated.html").write_text(undated_page)
    articles = {Path(a.metadata["input"]).name: a for a in _articles(list(read_paths([tmp_path])))}
    assert articles["footer.html"].published == date(2023, 2, 28)
    assert articles["footer.html"].published_basis == "furniture"
    assert articles["undated.html"].published is None
