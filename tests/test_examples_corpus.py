"""The bundled sample corpus in ``examples/`` stays well formed.

Plain Python only (no thucydides readers), so a broken sample file is reported here
rather than as a confusing failure further down the pipeline.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
REQUIRED_FIELDS = ("id", "title", "text", "published", "url", "source")
MIN_WORDS, MAX_WORDS = 120, 350
FICTIONAL_NOTICE = "sample articles written for thucydides; events are illustrative, not reports"

TEXT_FILES = sorted((EXAMPLES / "text").glob("*.txt"))
HTML_FILES = sorted((EXAMPLES / "html").glob("*.html"))


def _jsonl_records() -> list[dict[str, object]]:
    lines = (EXAMPLES / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _csv_records() -> list[dict[str, str]]:
    with (EXAMPLES / "briefs.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _words(text: str) -> int:
    return len(text.split())


def _is_iso_day(value: str) -> bool:
    try:
        return date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


class _PageShape(HTMLParser):
    """Collects what the tests need from a page: title, published meta and body text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.published: list[str] = []
        self.body_tags: set[str] = set()
        self.body_text: list[str] = []
        self._in_title = False
        self._body_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and values.get("property") == "article:published_time":
            self.published.append(values.get("content") or "")
        elif tag in {"article", "main"}:
            self.body_tags.add(tag)
            self._body_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in {"article", "main"}:
            self._body_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._body_depth > 0:
            self.body_text.append(data)


def _page(path: Path) -> _PageShape:
    shape = _PageShape()
    shape.feed(path.read_text(encoding="utf-8"))
    shape.close()
    return shape


def test_corpus_size_and_mix() -> None:
    counts = {
        "text": len(TEXT_FILES),
        "html": len(HTML_FILES),
        "jsonl": len(_jsonl_records()),
        "csv": len(_csv_records()),
    }
    assert sum(counts.values()) >= 30, counts
    assert counts["text"] >= 10, counts
    assert counts["html"] >= 8, counts
    assert counts["jsonl"] >= 10, counts
    assert counts["csv"] >= 3, counts


def test_readme_carries_the_fictional_notice() -> None:
    assert FICTIONAL_NOTICE in (EXAMPLES / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_text_article_has_title_blank_line_and_body(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    title, blank, *body = raw.split("\n")
    assert title.strip(), "the first line is the title"
    assert not blank.strip(), "a blank line separates the title from the body"
    assert MIN_WORDS <= _words("\n".join(body)) <= MAX_WORDS


def test_jsonl_lines_parse_with_required_fields() -> None:
    for number, line in enumerate((EXAMPLES / "wire.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        record = json.loads(line)
        missing = [name for name in REQUIRED_FIELDS if name not in record]
        assert not missing, f"line {number} lacks {missing}"
        for name in ("id", "title", "text", "url", "source"):
            assert isinstance(record[name], str), f"line {number}: {name}"
            assert record[name].strip(), f"line {number}: empty {name}"
        published = record["published"]
        assert published is None or (isinstance(published, str) and _is_iso_day(published)), number
        assert MIN_WORDS <= _words(record["text"]) <= MAX_WORDS, record["id"]
        assert "\n\n" in record["text"], f"{record['id']}: paragraphs are separated by blank lines"


def test_csv_parses_with_header_and_quoted_multiline_text() -> None:
    with (EXAMPLES / "briefs.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == REQUIRED_FIELDS
        rows = list(reader)
    for row in rows:
        assert None not in row, f"{row.get('id')}: more cells than columns"
        assert all(row[name].strip() for name in ("id", "title", "text", "url", "source")), row["id"]
        assert row["published"] == "" or _is_iso_day(row["published"]), row["id"]
        assert MIN_WORDS <= _words(row["text"]) <= MAX_WORDS, row["id"]
    assert any("\n" in row["text"] for row in rows), "multi-line text must survive CSV quoting"


@pytest.mark.parametrize("path", HTML_FILES, ids=lambda p: p.name)
def test_html_page_has_title_body_and_iso_published_time(path: Path) -> None:
    page = _page(path)
    assert page.title.strip(), "every page has a <title>"
    assert page.body_tags, "the story sits in an <article> or <main> element"
    assert _words(" ".join(page.body_text)) >= MIN_WORDS
    for value in page.published:
        datetime.fromisoformat(value)  # raises on a malformed date


def test_most_pages_carry_a_published_time() -> None:
    with_meta = [path.name for path in HTML_FILES if _page(path).published]
    assert len(with_meta) >= len(HTML_FILES) - 2, with_meta


def test_ids_are_unique_and_few_articles_are_undated() -> None:
    records: list[Mapping[str, object]] = [*_jsonl_records(), *_csv_records()]
    ids = [str(record["id"]) for record in records]
    assert len(ids) == len(set(ids)), "duplicate article ids"
    undated = [record["id"] for record in records if not record["published"]]
    assert 1 <= len(undated) <= 3, undated
