"""Rebuilds the bundled data files from the source texts in ``sources/``.

``sources/manifest.json`` lists the editions in the order they were added to the
library, each with its source text (or, for an edition whose text we lack, the text
its known facts are read from). Run from the project root::

    python -m kz_inspection_checklists._bundle

The generated files under ``src/kz_inspection_checklists/data/`` are never edited by
hand; a test rebuilds them and fails on any difference.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict

from .data import _dump, edition_file_json
from .ids import Registry
from .importer import (
    ParsedText,
    amendment_events,
    consolidated_edition,
    original_edition,
    parse,
)
from .models import Edition, Order

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "sources"
DATA = Path(__file__).resolve().parent / "data"
COMMAND = "python -m kz_inspection_checklists._bundle"


class _EditionEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    aliases: tuple[str, ...] = ()
    source: Optional[str] = None
    base: Optional[str] = None
    language: str = "en"
    official: bool = False
    status: str = "unofficial translation"
    facts_from: Optional[str] = None
    unavailable_reason: Optional[str] = None


class _Manifest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    adilet_code: str
    order_text: str
    editions: tuple[_EditionEntry, ...]


def committed_registry(data: Path = DATA) -> Registry:
    """The registry as committed: the build only ever appends to it."""
    path = data / "ids.json"
    if not path.exists():
        return Registry()
    return Registry.model_validate(json.loads(path.read_text(encoding="utf-8"))["registry"])


def build(sources: Path = SOURCES, registry: Optional[Registry] = None) -> dict[str, str]:
    """Every bundled data file, by its path under ``data/``, as text.

    IDs are issued on top of ``registry`` (by default the committed one), so an ID
    once issued keeps its text's requirement however the manifest grows.
    """
    manifest = _Manifest.model_validate_json((sources / "manifest.json").read_bytes())
    parsed: dict[str, ParsedText] = {}

    def read(name: str) -> ParsedText:
        if name not in parsed:
            raw = (sources / name).read_bytes()
            parsed[name] = parse(
                raw.decode("utf-8"), source=name, sha256=hashlib.sha256(raw).hexdigest()
            )
        return parsed[name]

    registry = committed_registry() if registry is None else registry
    editions: dict[str, Edition] = {}
    for entry in manifest.editions:
        if entry.source:
            base = editions[entry.base] if entry.base else None
            result = consolidated_edition(
                read(entry.source),
                edition_id=entry.id,
                aliases=entry.aliases,
                registry=registry,
                base=base,
                language=entry.language,
                official=entry.official,
                status=entry.status,
            )
            registry = result.registry
            editions[entry.id] = result.edition
        else:
            if not entry.facts_from or not entry.unavailable_reason:
                raise ValueError(f"manifest: edition {entry.id} needs facts_from and reason")
            editions[entry.id] = original_edition(
                read(entry.facts_from),
                edition_id=entry.id,
                aliases=entry.aliases,
                reason=entry.unavailable_reason,
            )

    text = read(manifest.order_text)
    acts = (text.original, *text.amendments)
    act_order = [act.id for act in acts]
    ordered = sorted(editions.values(), key=lambda e: act_order.index(e.act))
    original = text.original
    assert original.registration is not None
    order = Order(
        adilet_code=manifest.adilet_code,
        title=text.title,
        registration=original.registration,
        acts=acts,
        events=amendment_events(text),
        editions=tuple(e.id for e in ordered),
    )

    def generated(*names: str) -> dict[str, Any]:
        return {
            "by": COMMAND,
            "note": "Generated from the source texts; do not edit by hand.",
            "sources": [
                {"file": name, "sha256": hashlib.sha256((sources / name).read_bytes()).hexdigest()}
                for name in sorted(set(names))
            ],
        }

    all_texts = [manifest.order_text] + [
        name for e in manifest.editions for name in (e.source, e.facts_from) if name
    ]
    files = {
        "order.json": _dump(
            {"generated": generated(manifest.order_text), "order": order.model_dump(mode="json")}
        ),
        "ids.json": _dump(
            {"generated": generated(*all_texts), "registry": registry.model_dump(mode="json")}
        ),
    }
    for entry in manifest.editions:
        name = entry.source or entry.facts_from
        assert name is not None
        files[f"editions/{entry.id}.json"] = edition_file_json(
            editions[entry.id], {**generated(name), "edition": entry.id}
        )
    return files


def write(files: dict[str, str], data: Path = DATA) -> list[str]:
    """Write the files under ``data``; returns the names that changed."""
    changed = []
    for name, text in sorted(files.items()):
        target = data / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed


def main() -> int:
    changed = write(build())
    for name in changed:
        print(f"wrote data/{name}")
    if not changed:
        print("data/ is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
