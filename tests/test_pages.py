"""The README and the pages of docs/ as a reader meets them: the README short, every relative
link and image pointing at a file (and a heading) that exists, each Japanese page the
counterpart of its English page, and the API page naming the whole public API.

References: the files in the repository, GitHub's rule for a heading's anchor (lower case, every
character that is not a letter, a digit, a space, ``-`` or ``_`` dropped, spaces made ``-``, a
repeated anchor numbered ``-1``, ``-2``, ...), the quote markers as tools/quote_runs.py reads
them, and ``analytic.__all__``.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
JA = DOCS / "ja"
PAGES = [README, *sorted(DOCS.rglob("*.md")), ROOT / "benchmarks" / "README.md"]
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
#: A markdown link or image target, or an HTML attribute naming one.
TARGET = re.compile(r"\]\(([^)\s]+)\)|(?:src|href)=\"([^\"]+)\"")
MARKER = re.compile(r"<!-- quote ([a-z][\w.:+-]*) -->")


def _prose(page: Path) -> str:
    """The page without its fenced blocks and inline code: the text links and headings live in."""
    return re.sub(r"`[^`\n]*`", "", FENCE.sub("", page.read_text(encoding="utf-8")))


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading's text."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "").strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """Every heading's anchor on the page, repeated ones numbered as GitHub numbers them."""
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    seen: dict[str, int] = {}
    found = set()
    for heading in re.findall(r"^#{1,6} (.+)$", text, re.M):
        slug = anchor(heading)
        found.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return found


def _links(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    inline = re.sub(r"`[^`\n]*`", "", FENCE.sub("", text))
    return [a or b for a, b in TARGET.findall(inline)]


def test_the_anchor_rule_on_headings_these_pages_have():
    assert anchor("The remedies in action: `analytic experiment remedies`") == (
        "the-remedies-in-action-analytic-experiment-remedies")
    assert anchor("Data: the embedded sample and `--data PATH`") == (
        "data-the-embedded-sample-and---data-path")
    assert anchor("データ：埋め込みのサンプルと `--data PATH`") == (
        "データ埋め込みのサンプルと---data-path")


def test_the_readme_is_at_most_ten_kilobytes():
    assert README.stat().st_size <= 10_240


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_and_image_of_a_page_resolves(page):
    links = _links(page)
    broken = []
    for link in links:
        if re.match(r"[a-z]+:", link):  # https:, mailto:: not a file of the repository
            continue
        path, _, fragment = unquote(link).partition("#")
        target = (page.parent / path).resolve() if path else page
        if not target.exists() or (fragment and fragment not in anchors(target)):
            broken.append(link)
    assert links and broken == []


def _commands(page: Path) -> set[str]:
    """The command lines of a page's sh blocks, their comments left out."""
    blocks = re.findall(r"```sh\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    return {re.sub(r"\s+# .*", "", line).strip()
            for block in blocks for line in block.splitlines() if line.strip()}


ENGLISH = sorted(DOCS.glob("*.md"))


def test_every_english_page_has_a_japanese_page_and_no_other():
    assert sorted(p.name for p in JA.glob("*.md")) == [p.name for p in ENGLISH]


@pytest.mark.parametrize("page", ENGLISH, ids=lambda p: p.name)
def test_a_japanese_page_shows_its_english_pages_commands_and_quotes(page):
    ja = JA / page.name
    assert _commands(ja) == _commands(page)
    assert set(MARKER.findall(ja.read_text(encoding="utf-8"))) == set(
        MARKER.findall(page.read_text(encoding="utf-8")))
    assert re.search(r"[ぁ-んァ-ン]", _prose(ja))  # Japanese, not a copy


@pytest.mark.parametrize("page", [DOCS / "api.md", JA / "api.md"],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_the_api_page_names_every_public_name(page):
    import analytic

    named = set(re.findall(r"`([A-Za-z_]\w*)`", page.read_text(encoding="utf-8")))
    assert set(analytic.__all__) - named == set()
