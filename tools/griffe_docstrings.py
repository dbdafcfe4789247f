"""A griffe extension for the documentation site: the docstrings' reStructuredText habits
shown as Markdown.

The docstrings are written to read well in ``help()``: cross-references as Sphinx roles
(``:func:`~kz_inspection_checklists.law.catalog.checklist```), examples as doctest blocks,
and a literal block after ``::``. Markdown knows none of these, so before mkdocstrings
renders a docstring this extension turns a role into a code span (its last name when
the target starts with ``~``), a doctest block into a fenced ``pycon`` block, and a
literal block into a fenced block. The docstrings themselves are not changed.

This tool is not part of the package; mkdocs.yml loads it by its path.

>>> print(markdown(":class:`~a.b.Edition` or :func:`read_sheet`::\\n\\n    {\\"a\\": 1}\\n"))
`Edition` or `read_sheet`:
<BLANKLINE>
```text
{"a": 1}
```
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

_ROLE = re.compile(r":(?:func|class|mod|data|attr|meth|exc|obj):`(~?)([^`]+)`")


def _role(found: re.Match[str]) -> str:
    tilde, target = found.groups()
    return f"`{target.rsplit('.', 1)[-1] if tilde else target}`"


def markdown(text: str) -> str:
    """A docstring's text with roles, doctest blocks and literal blocks as Markdown."""
    text = _ROLE.sub(_role, text)
    lines = text.split("\n")
    out: list[str] = []
    at = 0
    while at < len(lines):
        line = lines[at]
        stripped = line.lstrip()
        if stripped.startswith(">>>"):
            indent = line[: len(line) - len(stripped)]
            block = []
            while at < len(lines) and lines[at].strip():
                block.append(
                    lines[at][len(indent) :] if lines[at].startswith(indent) else lines[at]
                )
                at += 1
            out += [f"{indent}```pycon", *(indent + b for b in block), f"{indent}```"]
            continue
        if line.rstrip().endswith("::") and not stripped.startswith(".."):
            out.append(line.rstrip()[:-1])  # "format::" -> "format:"
            at += 1
            while at < len(lines) and not lines[at].strip():
                out.append(lines[at])
                at += 1
            block = []
            base = len(line) - len(stripped)
            while at < len(lines) and (
                not lines[at].strip() or len(lines[at]) - len(lines[at].lstrip()) > base
            ):
                block.append(lines[at])
                at += 1
            while block and not block[-1].strip():
                block.pop()
            body = textwrap.dedent("\n".join(block)).split("\n")
            indent = " " * base
            out += [f"{indent}```text", *(indent + b if b else b for b in body), f"{indent}```", ""]
            continue
        out.append(line)
        at += 1
    return "\n".join(out).rstrip("\n") + ("\n" if text.endswith("\n") else "")


try:  # the site's build has griffe; the doctest above does not need it
    from griffe import Extension
except ImportError:  # pragma: no cover
    Extension = object  # type: ignore[assignment,misc]


class Docstrings(Extension):  # type: ignore[misc,valid-type]
    """Every docstring griffe loads, shown as Markdown (see :func:`markdown`)."""

    def on_instance(self, *, obj: Any, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = markdown(obj.docstring.value)
