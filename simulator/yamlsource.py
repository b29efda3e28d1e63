"""Read YAML files safely and remember on which line each key stands, for clear error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

Path_ = tuple  # a key path such as ("invoices", 0, "bedrag")


#: Limits that keep a lesson, scenario or content file from becoming a "YAML bomb"
#: (see docs/TRAINERS.md): the file's size, the aliases (*naam) in it, how deep lists and
#: keys nest, and how many parts the data would have with every alias written out.
MAX_BYTES = 256 * 1024
MAX_ALIASES = 20
MAX_DEPTH = 50
MAX_EXPANDED_NODES = 200_000
TOO_MANY_ALIASES = (
    f"er staan meer dan {MAX_ALIASES} verwijzingen (*naam) in het bestand. "
    "Schrijf de tekst liever gewoon uit."
)
TOO_DEEP = (
    f"de gegevens staan te diep in elkaar (meer dan {MAX_DEPTH} niveaus). "
    "Kijk of de inspringing klopt."
)
TOO_BIG_EXPANDED = (
    "de verwijzingen (*naam) maken de gegevens te groot als ze worden uitgeschreven "
    "(meer dan 200.000 onderdelen). Schrijf de tekst liever gewoon uit."
)


#: libyaml's parser when PyYAML has it (about 20 times faster), else the pure Python one;
#: both only know the safe tags.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlSourceError(ValueError):
    """The file is not valid YAML or too big; the message names the file and line."""


@dataclass
class Source:
    """A parsed YAML document plus the line of every key path in it."""

    filename: str
    data: object
    lines: dict[Path_, int] = field(default_factory=dict)
    #: keys written twice in one mapping: (path, line of the first one); YAML keeps the last
    duplicates: list[tuple[Path_, int]] = field(default_factory=list)

    def line(self, path: Path_) -> int:
        """The line of path, or of its nearest parent that has one (1 when none)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def format_path(path: Path_) -> str:
    """Render ("steps", 3, "target") as steps[3].target."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def load(path: str | Path) -> Source:
    """Parse one YAML file with the safe loader (size, aliases, nesting limited), with lines."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise YamlSourceError(_too_big(path.name, size))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlSourceError(
            f"{path.name}: het bestand is geen UTF-8 tekst ({exc.reason})."
        ) from exc
    return loads(text, path.name)


def loads(text: str, filename: str = "<tekst>") -> Source:
    """Parse YAML text with the safe loader; refuse bombs before anything is built.

    First the parser's events are counted (a stream: nothing is built, an alias is not
    followed), then the node tree is composed and the Python values are constructed from it.
    """
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise YamlSourceError(_too_big(filename, size))
    loader = None
    try:
        _check_events(text, filename)
        loader = _LOADER(text)
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{filename}:{mark.line + 1}" if mark else filename
        problem = getattr(exc, "problem", None) or str(exc)
        if "nesting depth" in problem:  # libyaml's own limit (1000), met while looking ahead
            raise YamlSourceError(f"{where}: {TOO_DEEP}") from exc
        raise YamlSourceError(f"{where}: geen geldige YAML: {problem}") from exc
    finally:
        if loader is not None:
            loader.dispose()
    source = Source(filename=filename, data=data)
    if root is not None:
        _walk(root, (), source, set())
    return source


def _too_big(filename: str, size: int) -> str:
    return (
        f"{filename}:1: het bestand is te groot ({size // 1024} KB). Een bestand mag niet "
        f"groter zijn dan {MAX_BYTES // 1024} KB. Verdeel de inhoud over meer bestanden."
    )


class _Open:
    """A list or mapping whose end the event stream has not reached yet."""

    __slots__ = ("anchor", "line", "size", "depth")

    def __init__(self, anchor: str | None, line: int):
        self.anchor, self.line, self.size, self.depth = anchor, line, 0, 0

    def add(self, size: int, depth: int) -> None:
        self.size += size
        self.depth = max(self.depth, depth)


def _check_events(text: str, filename: str) -> None:
    """Refuse too many aliases, an alias to itself, and data too big or too deep once every
    alias is written out, from the event stream alone (linear, no recursion)."""
    anchors: dict[str, tuple[int, int]] = {}  # anchor -> (nodes, depth) written out
    stack = [_Open(None, 1)]
    aliases = 0
    for event in yaml.parse(text, Loader=_LOADER):
        line = event.start_mark.line + 1
        where = f"{filename}:{line}"
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise YamlSourceError(f"{where}: {TOO_MANY_ALIASES}")
            if any(frame.anchor == event.anchor for frame in stack):
                raise YamlSourceError(
                    f"{where}: de verwijzing *{event.anchor} verwijst naar zichzelf."
                )
            stack[-1].add(*anchors.get(event.anchor, (1, 1)))  # unknown: the composer says so
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                anchors[event.anchor] = (1, 1)
            stack[-1].add(1, 1)
        elif isinstance(event, yaml.CollectionStartEvent):
            stack.append(_Open(event.anchor, line))
            if len(stack) - 1 > MAX_DEPTH:
                raise YamlSourceError(f"{where}: {TOO_DEEP}")
        elif isinstance(event, yaml.CollectionEndEvent):
            frame = stack.pop()
            size, depth = frame.size + 1, frame.depth + 1
            if size > MAX_EXPANDED_NODES:
                raise YamlSourceError(f"{filename}:{frame.line}: {TOO_BIG_EXPANDED}")
            if depth > MAX_DEPTH:
                raise YamlSourceError(f"{filename}:{frame.line}: {TOO_DEEP}")
            if frame.anchor:
                anchors[frame.anchor] = (size, depth)
            stack[-1].add(size, depth)


def _walk(node: yaml.Node, path: Path_, source: Source, seen: set[int]) -> None:
    """Record the line of every key path; a node shared through an alias is walked once.

    The events were checked first, so the recursion is at most MAX_DEPTH deep.
    """
    lines = source.lines
    lines.setdefault(path, node.start_mark.line + 1)
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in keys:
                source.duplicates.append((path + (key,), keys[key]))
            keys[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), source, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            _walk(item, path + (index,), source, seen)


class Problems:
    """Collects every problem in one file so they can be reported together, numbered."""

    def __init__(self, source: Source):
        self.source = source
        self.items: list[str] = []

    def add_duplicates(self) -> None:
        """Report every key written twice in one mapping (YAML would silently keep the last)."""
        for path, first_line in self.source.duplicates:
            self.add(path, f"staat twee keer in het bestand (ook op regel {first_line}).")

    def add(self, path: Path_, message: str) -> None:
        where = f"{self.source.filename}:{self.source.line(path)}"
        key = format_path(path)
        self.items.append(f"{where} {key}: {message}" if key else f"{where}: {message}")

    def __bool__(self) -> bool:
        return bool(self.items)

    def numbered(self) -> str:
        return "\n".join(f"{i}. {text}" for i, text in enumerate(self.items, 1))
