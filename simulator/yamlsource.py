"""Read YAML files safely and remember on which line each key stands, for clear error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

Path_ = tuple  # a key path such as ("invoices", 0, "bedrag")


class YamlSourceError(ValueError):
    """The file is not valid YAML; the message names the file and line."""


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
    """Parse one YAML file with yaml.safe_load and map key paths to line numbers."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlSourceError(
            f"{path.name}: het bestand is geen UTF-8 tekst ({exc.reason})."
        ) from exc
    return loads(text, path.name)


#: libyaml's safe loader when PyYAML has it (about ten times faster), else the Python one.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(text: str, loader_class) -> tuple[yaml.Node | None, object]:
    """One pass: the node tree (for the line numbers of keys) and the data made from it, both
    by a safe loader (the same as yaml.safe_load, which also constructs from this tree)."""
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        return root, (loader.construct_document(root) if root is not None else None)
    finally:
        loader.dispose()


def loads(text: str, filename: str = "<tekst>") -> Source:
    """Parse YAML text safely; the data and the line of every key come from one parse."""
    try:
        try:
            root, data = _parse(text, FAST_LOADER)
        except yaml.YAMLError:  # the Python parser words its errors more clearly
            root, data = _parse(text, yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{filename}:{mark.line + 1}" if mark else filename
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlSourceError(f"{where}: geen geldige YAML: {problem}") from exc
    source = Source(filename=filename, data=data)
    if root is not None:
        _walk(root, (), source)
    return source


def _walk(node: yaml.Node, path: Path_, source: Source) -> None:
    lines = source.lines
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                source.duplicates.append((path + (key,), seen[key]))
            seen[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), source)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            _walk(item, path + (index,), source)


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
