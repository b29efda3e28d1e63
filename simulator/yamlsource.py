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


def loads(text: str, filename: str = "<tekst>") -> Source:
    """Parse YAML text; the data comes from yaml.safe_load, lines from the safe composer."""
    try:
        data = yaml.safe_load(text)
        # compose() only builds the node tree (no objects are constructed); we use it for
        # the line numbers of keys. SafeLoader keeps it to the safe subset.
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{filename}:{mark.line + 1}" if mark else filename
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlSourceError(f"{where}: geen geldige YAML: {problem}") from exc
    lines: dict[Path_, int] = {}
    if root is not None:
        _walk(root, (), lines)
    return Source(filename=filename, data=data, lines=lines)


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            _walk(item, path + (index,), lines)


class Problems:
    """Collects every problem in one file so they can be reported together, numbered."""

    def __init__(self, source: Source):
        self.source = source
        self.items: list[str] = []

    def add(self, path: Path_, message: str) -> None:
        where = f"{self.source.filename}:{self.source.line(path)}"
        key = format_path(path)
        self.items.append(f"{where} {key}: {message}" if key else f"{where}: {message}")

    def __bool__(self) -> bool:
        return bool(self.items)

    def numbered(self) -> str:
        return "\n".join(f"{i}. {text}" for i, text in enumerate(self.items, 1))
