"""Rebuilds an order's data files from its sources: ``python tools/bundle.py [--check]``.

``sources/manifest.json`` names the order, its own facts (which annex is which
checklist, the ID prefixes, the kinds of the form's header fields and who signs), and
its editions in the order they were added to the library, each with its source text
(or, for an edition whose text is not held, the text its known facts are read from) and
the texts of other languages. ``sources/editorial/*.json`` are the library's editorial
layers, and ``sources/pins.json`` the hashes of released editions. Run from the project
root, the command writes ``src/kz_inspection_checklists/data/orders/<adilet code>/``;
``--check`` only reports files that differ (exit 1). The files there are never edited by
hand; a test rebuilds them and fails on any difference.

This tool is not part of the package: the wheel holds only the data it writes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field

from kz_inspection_checklists.importer.build import (
    amendment_events,
    consolidated_edition,
    original_edition,
    translation,
)
from kz_inspection_checklists.importer.locate import locate
from kz_inspection_checklists.importer.parse import ParsedText, parse
from kz_inspection_checklists.importer.provisions import order_text
from kz_inspection_checklists.law.edition import Edition
from kz_inspection_checklists.law.ids import Registry
from kz_inspection_checklists.law.order import DERIVED, EDITORIAL, ChecklistSpec, FormSpec, Order
from kz_inspection_checklists.law.store import EditorialLayer, dump_json, edition_file_json

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
ORDERS = ROOT / "src" / "kz_inspection_checklists" / "data" / "orders"
COMMAND = "python tools/bundle.py"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


_FILE = Field(description=EDITORIAL + " A file name in the sources folder.")
_GRAMMAR = Field(default=None, description=EDITORIAL + " The grammar the text is read by.")
_OFFICIAL = Field(default=None, description=EDITORIAL + " Overrides the grammar's.")


class _Text(_Frozen):
    """A text of an edition in one more language."""

    source: str = _FILE
    grammar: Optional[str] = _GRAMMAR
    official: Optional[bool] = _OFFICIAL
    status: Optional[str] = _OFFICIAL
    publisher: Optional[str] = _OFFICIAL


class _EditionEntry(_Frozen):
    id: str = Field(description=EDITORIAL + " The edition's ID.")
    aliases: tuple[str, ...] = Field(default=(), description=EDITORIAL + " Its aliases.")
    source: Optional[str] = Field(default=None, description=_FILE.description)
    grammar: Optional[str] = _GRAMMAR
    base: Optional[str] = Field(
        default=None, description=EDITORIAL + " The edition whose IDs it carries on."
    )
    official: Optional[bool] = _OFFICIAL
    status: Optional[str] = _OFFICIAL
    publisher: Optional[str] = _OFFICIAL
    facts_from: Optional[str] = Field(
        default=None, description=EDITORIAL + " The text its facts are read from, if not its own."
    )
    unavailable_reason: Optional[str] = Field(
        default=None, description=EDITORIAL + " Why its texts are not held."
    )
    translations: tuple[_Text, ...] = ()


class _Manifest(_Frozen):
    adilet_code: str = Field(
        description=DERIVED + " The order's Adilet code, made from its registration number "
        "and year by Adilet's pattern (see Order.adilet_code); a test checks it."
    )
    order_text: str = _FILE
    grammar: Optional[str] = _GRAMMAR
    checklists: tuple[ChecklistSpec, ...]
    form: FormSpec
    editions: tuple[_EditionEntry, ...]
    editorial: tuple[str, ...] = Field(
        default=(), description=EDITORIAL + " The editorial layers, by name."
    )


def committed_registry(folder: Path) -> Registry:
    """The registry as committed in an order's data folder: the build only appends to it."""
    path = folder / "ids.json"
    if not path.exists():
        return Registry()
    return Registry.model_validate(json.loads(path.read_text(encoding="utf-8"))["registry"])


def manifest(sources: Path = SOURCES) -> _Manifest:
    """The manifest of the sources in ``sources``."""
    return _Manifest.model_validate_json((sources / "manifest.json").read_bytes())


def build(
    sources: Path = SOURCES, registry: Optional[Registry] = None, orders: Path = ORDERS
) -> dict[str, str]:
    """Every data file of the order, by its path under its folder, as text.

    IDs are issued on top of ``registry`` (by default the one committed under
    ``orders``), so an ID once issued keeps its text's requirement however the manifest
    grows.
    """
    plan = manifest(sources)
    parsed: dict[tuple[str, Optional[str]], ParsedText] = {}

    def read(name: str, grammar: Optional[str] = None) -> ParsedText:
        key = (name, grammar or plan.grammar)
        if key not in parsed:
            raw = (sources / name).read_bytes()
            parsed[key] = parse(
                raw.decode("utf-8"),
                source=name,
                sha256=hashlib.sha256(raw).hexdigest(),
                grammar=key[1],
            )
        return parsed[key]

    def text_of(name: str) -> str:
        return (sources / name).read_bytes().decode("utf-8")

    if registry is None:
        registry = committed_registry(orders / plan.adilet_code)
    editions: dict[str, Edition] = {}
    texts: dict[str, list[Any]] = {}
    for entry in plan.editions:
        if entry.source:
            result = consolidated_edition(
                read(entry.source, entry.grammar),
                edition_id=entry.id,
                checklists=plan.checklists,
                form=plan.form,
                registry=registry,
                aliases=entry.aliases,
                base=editions[entry.base] if entry.base else None,
                official=entry.official,
                status=entry.status,
                publisher=entry.publisher,
            )
            registry = result.registry
            editions[entry.id] = result.edition
            texts[entry.id] = [
                translation(
                    read(text.source, text.grammar),
                    result.edition,
                    official=text.official,
                    status=text.status,
                    publisher=text.publisher,
                )
                for text in entry.translations
            ]
        else:
            if not entry.facts_from or not entry.unavailable_reason:
                raise ValueError(f"manifest: edition {entry.id} needs facts_from and reason")
            editions[entry.id] = original_edition(
                read(entry.facts_from, entry.grammar),
                edition_id=entry.id,
                checklists=plan.checklists,
                aliases=entry.aliases,
                reason=entry.unavailable_reason,
            )

    text = read(plan.order_text)
    acts = (text.original, *text.amendments)
    act_order = [act.id for act in acts]
    ordered = sorted(editions.values(), key=lambda e: act_order.index(e.act))
    original = text.original
    assert original.registration is not None
    # The order's own paragraphs are those of the edition whose text the order's facts
    # are read from; other editions' paragraphs are not held.
    own_text = next((e.id for e in plan.editions if e.source == plan.order_text), None)
    order = Order(
        adilet_code=plan.adilet_code,
        title=text.title,
        registration=original.registration,
        acts=acts,
        events=amendment_events(text),
        editions=tuple(e.id for e in ordered),
        checklists=plan.checklists,
        form=plan.form,
        provisions=order_text(text, edition=own_text) if own_text else None,
    )

    def generated(*names: str, **more: str) -> dict[str, Any]:
        return {
            "by": COMMAND,
            "note": "Generated from the sources; do not edit by hand.",
            "sources": [
                {"file": name, "sha256": hashlib.sha256((sources / name).read_bytes()).hexdigest()}
                for name in sorted(set(names))
            ],
            **more,
        }

    # The registry is made from the texts that issue IDs; a text in another language
    # issues none, so adding one leaves ids.json as it was.
    all_texts = [plan.order_text] + [
        name for e in plan.editions for name in (e.source, e.facts_from) if name
    ]
    files = {
        "order.json": dump_json(
            {
                "generated": generated("manifest.json", plan.order_text),
                "order": order.model_dump(mode="json"),
            }
        ),
        "ids.json": dump_json(
            {"generated": generated(*all_texts), "registry": registry.model_dump(mode="json")}
        ),
    }
    for entry in plan.editions:
        name = entry.source or entry.facts_from
        assert name is not None
        files[f"editions/{entry.id}.json"] = edition_file_json(
            editions[entry.id], generated(name, edition=entry.id)
        )
        for item, made in zip(entry.translations, texts.get(entry.id, [])):
            files[f"texts/{entry.id}.{made.language}.json"] = dump_json(
                {
                    "generated": generated(name, item.source, edition=entry.id),
                    "edition": entry.id,
                    "translation": made.model_dump(mode="json"),
                }
            )
    known = {r.id for e in editions.values() for r in e.requirements()}
    known |= {e.id for e in registry.entries}
    for name in plan.editorial:
        layer = EditorialLayer.model_validate_json(
            (sources / "editorial" / f"{name}.json").read_bytes()
        )
        unknown = sorted(set(layer.entries) - known)
        if unknown or not layer.editorial or layer.name != name:
            raise ValueError(
                f"editorial/{name}.json: it must be marked editorial, be named {name!r} and "
                f"name only issued IDs (unknown: {', '.join(unknown[:5]) or 'none'})"
            )
        files[f"editorial/{name}.json"] = dump_json(
            {"generated": generated(f"editorial/{name}.json"), **_hand_written(sources, name)}
        )
    files["provenance.json"] = dump_json(
        {
            "generated": generated("manifest.json", *all_texts),
            "provenance": {
                "order": _cited(locate(order, text_of(plan.order_text), plan.order_text)),
                "editions": {
                    entry.id: _cited(_edition_lines(entry, editions[entry.id], read, text_of))
                    for entry in plan.editions
                },
            },
        }
    )
    if (sources / "pins.json").exists():
        pins = json.loads((sources / "pins.json").read_text(encoding="utf-8"))
        files["pins.json"] = dump_json({"generated": generated("pins.json"), **pins})
    return files


def _edition_lines(entry: _EditionEntry, edition: Edition, read: Any, text_of: Any) -> Any:
    """The source lines of an edition's facts; for one whose text is not held, the note of
    each annex title that is paragraph 1's name of the annex, not its heading."""
    name = entry.source or entry.facts_from
    assert name is not None
    notes = {}
    if not entry.source:
        parsed = read(name, entry.grammar)
        for index, annex in enumerate(edition.annexes):
            if annex.title != parsed.annex(annex.number).title:
                notes[f"annexes.{index}.title"] = (
                    f"Paragraph 1's name of Annex {annex.number}, not its heading in this "
                    "edition, which no source held states."
                )
    return locate(edition, text_of(name), name, notes=notes)


def _cited(lines: Mapping[str, Any]) -> dict[str, Any]:
    return {
        path: line.model_dump(mode="json", exclude_defaults=True) for path, line in lines.items()
    }


def _hand_written(sources: Path, name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        (sources / "editorial" / f"{name}.json").read_text(encoding="utf-8")
    )
    return document


def write(files: Mapping[str, str], folder: Path) -> list[str]:
    """Write the files under ``folder``; returns the names that changed."""
    changed = []
    for name, text in sorted(files.items()):
        target = folder / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed


def stale(files: Mapping[str, str], folder: Path) -> list[str]:
    """The files under ``folder`` that differ from ``files``, or that it has and they lack."""
    found = {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in folder.rglob("*.json")
    }
    return sorted(name for name in {*files, *found} if files.get(name) != found.get(name))


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=SOURCES, help="the sources folder")
    parser.add_argument("--check", action="store_true", help="report stale files; write nothing")
    args = parser.parse_args(argv)
    files = build(args.sources)
    folder = ORDERS / manifest(args.sources).adilet_code
    if args.check:
        names = stale(files, folder)
        for name in names:
            print(f"stale: {folder.relative_to(ROOT)}/{name}", file=sys.stderr)
        return 1 if names else 0
    changed = write(files, folder)
    for name in changed:
        print(f"wrote {folder.relative_to(ROOT)}/{name}")
    if not changed:
        print(f"{folder.relative_to(ROOT)}/ is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
