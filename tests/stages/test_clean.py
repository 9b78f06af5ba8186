from __future__ import annotations

from pathlib import Path

import pytest

from thucydides.stages.clean import Cleaner, furniture_share, normalise_line

TITLE = "Rebels seize border post after heavy fighting"


def test_repeated_title_section_label_and_furniture_are_removed() -> None:
    text = "\n".join(
        [
            "Africa",
            "",
            TITLE,
            "",
            "Rebels seized a border post on Friday, the army said.",
            "",
            TITLE.replace("after", "after"),
            "Share this article",
            "The army said it would retake the post.",
            "",
            "Read more",
            "Related Stories",
            "Army chief visits front line",
            "Ceasefire talks stall in capital",
            "Leave a comment",
            "Your email address will not be published. Required fields are marked *",
            "Scroll to top",
        ]
    )
    cleaned, removed, paragraphs = Cleaner().clean(text, title=TITLE)
    assert cleaned == (
        "Rebels seized a border post on Friday, the army said.\n\nThe army said it would retake the post."
    )
    reasons = {r.text: r.reason for r in removed}
    assert reasons["Africa"] == "section-label"
    assert reasons["Share this article"] == "furniture"
    assert reasons["Army chief visits front line"] == "trailing-list"
    assert [r.reason for r in removed].count("repeated-title") == 1
    assert [cleaned[s:e] for s, e in paragraphs] == cleaned.split("\n\n")


def test_title_match_ignores_quote_style_and_case() -> None:
    assert normalise_line("Haftar’s defeat") == normalise_line("HAFTAR'S  defeat")


def test_sentence_mentioning_share_is_not_furniture() -> None:
    cleaner = Cleaner()
    assert not cleaner.is_furniture(
        "Share prices in Tripoli fell after the central bank governor was removed."
    )
    assert cleaner.is_furniture("Share on Facebook | Tweet | Email")
    assert furniture_share("Back to top button") == 1.0


def test_glued_section_label_is_split_off() -> None:
    line = (
        "The persistence of external actors ensures that the country remains a focal point "
        "in the fight against terrorism in North Africa.Middle East"
    )
    cleaned, removed, _ = Cleaner().clean(line, title=None)
    assert cleaned.endswith("North Africa.")
    assert removed[0].text == "Middle East"


def test_seed_articles_lose_their_furniture(seeds_dir: Path) -> None:
    text = (seeds_dir / "004_ab9c01bb5fe1b7db.txt").read_text()
    title = text.strip().splitlines()[2]
    cleaned, removed, _ = Cleaner().clean(text, title=title)
    for furniture in ("Show More", "Related Articles", "Leave a Reply", "Back to top", "Middle East"):
        assert furniture not in cleaned
    assert "increased consensus with US on a political solution\n" not in cleaned
    assert {r.reason for r in removed} >= {"title", "repeated-title", "furniture", "section-label"}


@pytest.mark.parametrize("line", ["©  2024 Example News", "* * *", "Copyright 2023 All rights reserved"])
def test_symbol_and_copyright_lines(line: str) -> None:
    assert Cleaner().is_furniture(line)
