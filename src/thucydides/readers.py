"""Readers: plain text, HTML (trafilatura), JSONL, CSV, directories and stdin → :class:`Article`.

Every reader yields ``Article | InputError``: a file or record that cannot be read
is yielded as an error carrying its source and reason, and reading goes on with
the rest of the batch.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from thucydides.errors import BinaryInputError, EmptyInputError, InputError, RecordFormatError
from thucydides.records import Article

__all__ = [
    "ARTICLE_FIELDS",
    "date_from_dateline",
    "parse_published",
    "read_csv",
    "read_html",
    "read_jsonl",
    "read_paths",
    "read_stdin",
    "read_text",
]

log = logging.getLogger(__name__)

#: the fields of an article record in JSONL and CSV; anything else is kept as metadata
ARTICLE_FIELDS = ("id", "title", "text", "published", "url", "source")
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


def parse_published(value: object, *, source: str | None = None) -> date | None:
    """An ISO date or datetime (``2020-06-23``, ``2020-06-23T10:00:00Z``) → date; empty → None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    if parsed is None:
        raise RecordFormatError(
            f"cannot read the publication date {text!r}; use ISO format YYYY-MM-DD", source=source
        )
    return parsed.date()


def decode(data: bytes, *, source: str) -> str:
    """Bytes → text, detecting the encoding; refuse binary and empty input."""
    if not data.strip():
        raise EmptyInputError("the input is empty", source=source)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryInputError("the input is binary, not text (NUL bytes found)", source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise BinaryInputError("the input is not text in any encoding we can detect", source=source)
    log.debug("%s decoded as %s", source, best.encoding)
    return str(best)


def _article(
    text: str,
    *,
    source: str,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    published_basis: str | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> Article:
    if not text.strip():
        raise EmptyInputError("the article has no text", source=source)
    meta = dict(metadata or {})
    meta.setdefault("input", source)
    return Article(
        id=id or Article.make_id(text, url=url, title=title),
        text=text,
        title=title or None,
        url=url or None,
        source=outlet or None,
        published=published,
        published_basis=published_basis if published else None,
        metadata=meta,
    )


def _title_of_plain_text(text: str) -> str | None:
    """The title of a plain-text article: the first headline-shaped line at the top.

    A headline is short, has no closing full stop, and is followed by a blank line
    or repeated just below (scrapes often repeat it). A one-to-three-word line
    before it ("Middle East") is a section label, not the title.
    """
    lines = [ln.strip() for ln in text.strip().splitlines()]
    blocks = [ln for ln in lines[:8] if ln]
    if len(blocks) < 2:
        return None

    def headline(line: str) -> bool:
        return 0 < len(line) <= 200 and not line.endswith((".", ":", ";", ",")) and len(line.split()) <= 30

    first = blocks[0]
    if len(first.split()) <= 3 and headline(blocks[1]) and len(blocks[1].split()) > 3:
        first = blocks[1]
    if not headline(first):
        return None
    index = lines.index(first)
    following = lines[index + 1 : index + 4]
    if not following or following[0] == "" or first in following:
        return first
    return None


def read_text(
    path: Path, *, published: date | None = None, source_name: str | None = None
) -> Iterator[Article | InputError]:
    """A plain-text article: title on the first line when it looks like one."""
    source = source_name or str(path)
    try:
        text = decode(path.read_bytes(), source=source)
        basis = "metadata"
        if published is None:
            published, basis = date_from_dateline(text), "dateline"
        yield _article(
            text,
            source=source,
            id=None,
            title=_title_of_plain_text(text),
            published=published,
            published_basis=basis,
        )
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(f"cannot read the file: {exc.strerror or exc}", source=source)


def read_html(
    path: Path, *, published: date | None = None, url: str | None = None
) -> Iterator[Article | InputError]:
    """An HTML page: body, title and date through trafilatura.

    The date's basis is ``"page"`` when it comes from the page's metadata
    (meta tags, structured data, URL) and ``"furniture"`` (low confidence) when it
    was only found by searching the page text.
    """
    source = str(path)
    try:
        html = decode(path.read_bytes(), source=source)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(f"cannot read the file: {exc.strerror or exc}", source=source)
        return
    yield html_to_article(html, source=source, url=url, published=published)


_META_DATE_KEYS = frozenset(
    {
        "article:published_time",
        "og:published_time",
        "datepublished",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "pubdate",
        "publishdate",
        "publication_date",
        "sailthru.date",
        "parsely-pub-date",
    }
)
_FULL_DATE = re.compile(
    r"\b(?:\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})\b"
)
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", re.IGNORECASE)
_DATELINE = re.compile(
    r"^(?:(?:published|posted|updated|date)\s*:?\s*(?P<stamp>.+)$"
    r"|[A-Z][A-Z .'/-]{2,}(?:,\s*[A-Za-z .]+)?,\s*(?P<dateline>[^()]+?)\s*(?:\([^)]*\))?\s*[-\u2013\u2014])",
    re.IGNORECASE,
)


def _full_date(text: str) -> date | None:
    """A date with day, month and year in ``text`` (never a bare year or month)."""
    import dateparser

    match = _FULL_DATE.search(text)
    if match is None:
        return None
    parsed = dateparser.parse(
        match.group(0), languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return parsed.date() if parsed else None


def date_from_dateline(text: str, *, lines: int = 6) -> date | None:
    """The publication date of a wire-style text from its first lines.

    Reads a dateline ("TRIPOLI, April 5, 2019 (Wire) - ..."), a stamp line
    ("Published: 8 April 2019") or a line that is little more than a date
    ("Tuesday, July 26, 2022"); only full dates (day, month, year) count.
    """
    for line in [ln.strip() for ln in text.strip().splitlines() if ln.strip()][:lines]:
        match = _DATELINE.match(line)
        if match:
            found = _full_date(match.group("stamp") or match.group("dateline") or "")
            if found:
                return found
        stamp = _FULL_DATE.search(line)
        if stamp and len(line) <= 100:
            rest = _WEEKDAY.sub(" ", line[: stamp.start()] + " " + line[stamp.end() :])
            if len(re.findall(r"[A-Za-z]+", rest)) <= 5:
                found = _full_date(line)
                if found:
                    return found
    return None


def _html_dates(html: str) -> tuple[date | None, str | None]:
    """(date, basis): from the page's metadata ("page"), else from its furniture ("furniture")."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, etree_error()) as exc:
        log.debug("cannot parse HTML for dates: %s", exc)
        return None, None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _META_DATE_KEYS and meta.get("content"):
            try:
                return parse_published(meta.get("content")), "page"
            except RecordFormatError:
                continue
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        match = re.search(r'"datePublished"\s*:\s*"([^"]+)"', script.text or "")
        if match:
            try:
                return parse_published(match.group(1)), "page"
            except RecordFormatError:
                continue
    for node in tree.xpath("//article//time[@datetime] | //main//time[@datetime]"):
        try:
            return parse_published(node.get("datetime")), "page"
        except RecordFormatError:
            continue
    furniture = tree.xpath(
        "//footer | //header | //aside | //*[contains(@class, 'date') or contains(@class, 'time') "
        "or contains(@class, 'meta') or contains(@class, 'byline') or contains(@class, 'updated')]"
        " | //p[starts-with(normalize-space(.), 'Last updated') or starts-with(normalize-space(.), 'Updated')"
        " or starts-with(normalize-space(.), 'Published') or starts-with(normalize-space(.), 'Posted')]"
    )
    for node in furniture:
        found = _full_date(" ".join(node.itertext()))
        if found:
            return found, "furniture"
    return None, None


def etree_error() -> type[Exception]:
    from lxml import etree

    error: type[Exception] = etree.ParserError
    return error


def html_to_article(
    html: str, *, source: str, url: str | None = None, published: date | None = None
) -> Article | InputError:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if extracted is None:
        doc: dict[str, Any] = {}
    else:
        doc = extracted if isinstance(extracted, dict) else extracted.as_dict()
    if not doc.get("text"):
        return EmptyInputError("no article text found in the HTML page", source=source)
    basis = "metadata" if published else None
    if published is None:
        published, basis = _html_dates(html)
    meta = {k: doc[k] for k in ("author", "sitename", "hostname") if doc.get(k)}
    try:
        return _article(
            str(doc["text"]),
            source=source,
            title=doc.get("title"),
            url=url or doc.get("url"),
            outlet=doc.get("sitename"),
            published=published,
            published_basis=basis,
            metadata=meta,
        )
    except InputError as exc:
        return exc


def _record_to_article(
    record: Mapping[str, Any], *, source: str, column_map: Mapping[str, str] | None = None
) -> Article:
    mapping = {field: field for field in ARTICLE_FIELDS}
    mapping.update(column_map or {})
    get = {field: record.get(column) for field, column in mapping.items()}
    text = get["text"]
    if not isinstance(text, str) or not text.strip():
        raise EmptyInputError(f"the record has no {mapping['text']!r} text", source=source)
    used = set(mapping.values())
    extra = {k: v for k, v in record.items() if k not in used and v not in (None, "")}
    published = parse_published(get["published"], source=source)
    return _article(
        text,
        source=source,
        id=str(get["id"]) if get["id"] not in (None, "") else None,
        title=str(get["title"]) if get["title"] else None,
        url=str(get["url"]) if get["url"] else None,
        outlet=str(get["source"]) if get["source"] else None,
        published=published,
        published_basis="metadata",
        metadata=extra,
    )


def read_jsonl(path: Path, *, column_map: Mapping[str, str] | None = None) -> Iterator[Article | InputError]:
    """One JSON object per line; a malformed line is an error, the other lines are read."""
    try:
        content = decode(path.read_bytes(), source=str(path))
    except InputError as exc:
        yield exc
        return
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RecordFormatError(f"malformed JSON on line {number}: {exc.msg}", source=source)
            continue
        if not isinstance(record, dict):
            yield RecordFormatError(f"line {number} is not a JSON object", source=source)
            continue
        try:
            yield _record_to_article(record, source=source, column_map=column_map)
        except InputError as exc:
            yield exc


def read_csv(path: Path, *, column_map: Mapping[str, str] | None = None) -> Iterator[Article | InputError]:
    """A CSV with a header row (``id,title,text,published,url,source``; see ``column_map``)."""
    try:
        content = decode(path.read_bytes(), source=str(path))
    except InputError as exc:
        yield exc
        return
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(io.StringIO(content))
    text_column = (column_map or {}).get("text", "text")
    if reader.fieldnames is None or text_column not in reader.fieldnames:
        yield RecordFormatError(
            f"no {text_column!r} column in the CSV header {reader.fieldnames}; "
            "name the text column with --csv-column text=COLUMN",
            source=str(path),
        )
        return
    for number, row in enumerate(reader, start=2):
        source = f"{path}:{number}"
        try:
            yield _record_to_article(row, source=source, column_map=column_map)
        except InputError as exc:
            yield exc


def read_stdin(
    *, published: date | None = None, stream: io.TextIOBase | None = None
) -> Iterator[Article | InputError]:
    """One article from standard input (HTML when it looks like a page)."""
    data = (stream or sys.stdin).read()
    if data.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        yield html_to_article(data, source="<stdin>", published=published)
        return
    try:
        yield _article(
            data,
            source="<stdin>",
            title=_title_of_plain_text(data),
            published=published,
            published_basis="metadata",
        )
    except InputError as exc:
        yield exc


def read_paths(
    paths: Iterable[str | Path],
    *,
    extensions: Iterable[str] = (".txt", ".html", ".htm", ".jsonl", ".csv"),
    published: date | None = None,
    column_map: Mapping[str, str] | None = None,
) -> Iterator[Article | InputError]:
    """Files and directories (recursive, by extension, in sorted order); ``-`` is stdin."""
    wanted = {e.lower() if e.startswith(".") else f".{e.lower()}" for e in extensions}
    for raw in paths:
        if str(raw) == "-":
            yield from read_stdin(published=published)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in wanted)
            for file in files:
                yield from _read_file(file, published=published, column_map=column_map)
        elif path.exists():
            yield from _read_file(path, published=published, column_map=column_map)
        else:
            yield InputError("no such file or directory", source=str(path))


def _read_file(
    path: Path, *, published: date | None, column_map: Mapping[str, str] | None
) -> Iterator[Article | InputError]:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        yield from read_html(path, published=published)
    elif suffix in {".jsonl", ".ndjson"}:
        yield from read_jsonl(path, column_map=column_map)
    elif suffix == ".csv":
        yield from read_csv(path, column_map=column_map)
    elif suffix == ".json":
        yield from _read_json(path, column_map=column_map)
    else:
        yield from read_text(path, published=published)


def _read_json(path: Path, *, column_map: Mapping[str, str] | None) -> Iterator[Article | InputError]:
    """A JSON file holding one article object or a list of them."""
    try:
        data = json.loads(decode(path.read_bytes(), source=str(path)))
    except InputError as exc:
        yield exc
        return
    except json.JSONDecodeError as exc:
        yield RecordFormatError(f"malformed JSON: {exc.msg} (line {exc.lineno})", source=str(path))
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        source = f"{path}[{index}]"
        if not isinstance(record, dict):
            yield RecordFormatError("not a JSON object", source=source)
            continue
        try:
            yield _record_to_article(record, source=source, column_map=column_map)
        except InputError as exc:
            yield exc
