"""The pages of www.inburgeren.nl as data: read from pages/*.yaml, checked at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from simulator import yamlsource

PAGES_DIR = Path(__file__).resolve().parent / "pages"
LANGS = ("nl", "en")
TEXT_BLOCKS = ("p", "h2")
LIST_BLOCKS = ("ul", "ol")
BLOCK_TYPES = (*TEXT_BLOCKS, *LIST_BLOCKS, "page", "login", "external", "foreign", "news_list")


class ContentError(ValueError):
    """The content files are wrong; the message lists every problem with file and key."""


@dataclass(frozen=True)
class Page:
    """One content page: a title, a short summary and blocks, each text in nl and en."""

    slug: str
    title: dict
    summary: dict
    blocks: list = field(default_factory=list)
    parent: str | None = None
    group: str | None = None
    source: str = ""

    def words(self, lang: str) -> str:
        """All text of the page in one language, for the search."""
        parts = [self.title[lang], self.summary[lang]]
        for block in self.blocks:
            kind, value = next(iter(block.items()))
            if kind in TEXT_BLOCKS:
                parts.append(value[lang])
            elif kind in LIST_BLOCKS:
                parts.extend(item[lang] for item in value)
            elif kind == "external":
                parts.append(value["text"][lang])
        return "\n".join(parts)


@dataclass(frozen=True)
class Content:
    """All pages of the site plus what the home page shows."""

    pages: dict[str, Page]
    home: dict

    def news(self) -> list[Page]:
        """News items, newest first (file order)."""
        return [p for p in self.pages.values() if p.group == "nieuws"]

    def trail(self, slug: str) -> list[Page]:
        """The breadcrumb pages above a page (not Home, not the page itself)."""
        trail, parent = [], self.pages[slug].parent
        while parent and parent not in {p.slug for p in trail}:
            trail.insert(0, self.pages[parent])
            parent = self.pages[parent].parent
        return trail


def _check_text(value, where: str, problems: list[str]) -> None:
    if not isinstance(value, dict) or any(not isinstance(value.get(k), str) for k in LANGS):
        problems.append(f"{where}: needs a text for nl and en")


def _check_block(block, where: str, slugs: set, problems: list[str]) -> None:
    if not isinstance(block, dict) or len(block) != 1 or next(iter(block)) not in BLOCK_TYPES:
        problems.append(f"{where}: expected one of {', '.join(BLOCK_TYPES)}")
        return
    kind, value = next(iter(block.items()))
    if kind in TEXT_BLOCKS:
        _check_text(value, f"{where}.{kind}", problems)
    elif kind in LIST_BLOCKS:
        for i, item in enumerate(value if isinstance(value, list) else [None]):
            _check_text(item, f"{where}.{kind}[{i}]", problems)
    elif kind == "page" and value not in slugs:
        problems.append(f"{where}.page: unknown page {value!r}")
    elif kind == "external":
        if not str((value or {}).get("url", "")).startswith("https://"):
            problems.append(f"{where}.external.url: must start with https://")
        _check_text((value or {}).get("text"), f"{where}.external.text", problems)
    elif kind == "foreign":
        for i, item in enumerate(value or []):
            if not isinstance(item, dict) or not item.get("lang") or not item.get("text"):
                problems.append(f"{where}.foreign[{i}]: needs lang and text")
            else:
                _check_text(item.get("name"), f"{where}.foreign[{i}].name", problems)


def _read(folder: Path) -> tuple[dict, dict[str, tuple[str, dict]]]:
    home, raw = {}, {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yamlsource.load(path).data or {}
        except yamlsource.YamlSourceError as exc:
            raise ContentError(str(exc)) from exc
        if path.name == "home.yaml":
            home = data
            continue
        for slug, page in data.items():
            if slug in raw:
                raise ContentError(f"{path.name}: page {slug!r} also in {raw[slug][0]}")
            raw[slug] = (path.name, page)
    return home, raw


def _check_home(home: dict, slugs: set, problems: list[str]) -> None:
    refs = [("home.yaml snelnaar", s) for s in home.get("snelnaar", [])]
    refs += [("home.yaml onderwerpen", o.get("slug")) for o in home.get("onderwerpen", [])]
    refs += [("home.yaml nieuws", n.get("slug")) for n in home.get("nieuws", [])]
    for column in home.get("footer", []):
        refs += [("home.yaml footer", s) for s in column.get("links", [])]
        _check_text(column.get("heading"), "home.yaml footer.heading", problems)
    problems += [f"{where}: unknown page {slug!r}" for where, slug in refs if slug not in slugs]
    for item in home.get("onderwerpen", []):
        _check_text(item.get("subtitle"), f"home.yaml onderwerpen {item.get('slug')}", problems)
    for item in home.get("nieuws", []):
        _check_text(item.get("text"), f"home.yaml nieuws {item.get('slug')}", problems)
    for key in ("title", "summary"):
        _check_text(home.get("login", {}).get(key), f"home.yaml login.{key}", problems)


def load(folder: Path = PAGES_DIR) -> Content:
    """Read and check every page; raise ContentError listing all problems."""
    home, raw = _read(folder)
    slugs, problems, pages = set(raw), [], {}
    for slug, (source, page) in raw.items():
        where = f"{source} {slug}"
        page = page or {}
        _check_text(page.get("title"), f"{where}.title", problems)
        _check_text(page.get("summary"), f"{where}.summary", problems)
        if page.get("parent") and page["parent"] not in slugs:
            problems.append(f"{where}.parent: unknown page {page['parent']!r}")
        for i, block in enumerate(page.get("blocks") or []):
            _check_block(block, f"{where}.blocks[{i}]", slugs, problems)
        pages[slug] = Page(
            slug,
            page.get("title"),
            page.get("summary"),
            page.get("blocks") or [],
            page.get("parent"),
            page.get("group"),
            source,
        )
    _check_home(home, slugs, problems)
    if problems:
        numbered = "\n".join(f"{n}. {p}" for n, p in enumerate(problems, 1))
        raise ContentError(f"inburgeren pages in {folder}:\n{numbered}")
    return Content(pages, home)


@cache
def site() -> Content:
    """The site's content, read once per process."""
    return load()
