"""Read YAML while keeping the line of every value, so problems can be reported as path:line."""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

# libyaml's parser when present: the same results, several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlError(Exception):
    """A YAML file that cannot be read, with the line and column where the reader gave up."""

    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


@dataclass
class Located:
    """A parsed YAML document and the 1-based line of each value in it."""

    data: object
    lines: dict = field(default_factory=dict)
    duplicate_keys: list = field(default_factory=list)  # (path, line)

    def line(self, *path) -> int:
        """The line of the value at path, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)


def _walk(node, path, lines, dups):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                dups.append((path + (key,), key_node.start_mark.line + 1))
            seen.add(key)
            # Point at the key's line: that is where an editor looks for a field.
            _walk(value_node, path + (key,), lines, dups)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines, dups)


def _yaml_error(exc: yaml.YAMLError) -> YamlError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    text = f"{context}: {problem}" if context else problem
    return YamlError(text, line, column)


def load(text: str) -> Located:
    """Parse one YAML document; raise YamlError with line and column when it is malformed."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(None, {(): 1})
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc) from None
    finally:
        loader.dispose()
    lines: dict = {}
    dups: list = []
    _walk(node, (), lines, dups)
    return Located(data, lines, dups)


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Split a Markdown page into its YAML front matter, body and the body's first line."""
    if not text.startswith("---"):
        return "", text, 1
    lines = text.splitlines(keepends=True)
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    raise YamlError("de YAML-kop begint met '---' maar wordt niet afgesloten met een regel '---'", 1, 1)
