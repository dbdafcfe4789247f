"""Import time against the size of a text: 1,000 and 10,000 synthetic requirements.

    python benchmarks/bench_import.py [--rounds N] [--quick]

The synthetic texts are the bundled source, sources/V1900018805-en-2023-05-23.txt, with
the list of requirements of Annex 4 (communications) grown to the size: its own 72
paragraphs, then copies of them, each copy made distinct by words of its own. They
are benchmark data, made in memory and never written anywhere. Each is parsed and
built into an edition with ``consolidated_edition``, once with an empty registry and
no base, once on top of the bundled 2023 edition and its registry (the 72 texts keep
their IDs, every copy is given a new one). The script prints the best of several
runs for each size, the sizes taking turns, and the ratio of the larger to the
smaller: ten times the requirements should cost about ten times the time, and no
more than 15 (no step quadratic in the number of requirements). Exit status 1 if a
ratio exceeds it.
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

from _timing import best_of_each

from kz_inspection_checklists.importer.build import consolidated_edition
from kz_inspection_checklists.importer.parse import parse
from kz_inspection_checklists.law.edition import Edition
from kz_inspection_checklists.law.ids import Registry
from kz_inspection_checklists.law.store import bundled

SOURCE = Path(__file__).resolve().parent.parent / "sources" / "V1900018805-en-2023-05-23.txt"
SIZES = (1_000, 10_000)
TARGET = 15.0
#: Words that tell the copies apart: each copy ends with two of them and its number.
_WORDS = ("northern", "southern", "eastern", "western", "central", "coastal", "mountain")


def synthetic_text(size: int) -> str:
    """The source with Annex 4's list of requirements grown to ``size`` paragraphs."""
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    annex = next(i for i, line in enumerate(lines) if line.strip() == "Annex 4")
    first = next(
        i + 1
        for i in range(annex, len(lines))
        if lines[i].strip() == "Does not conform to the requirements"
    )
    last = next(i for i in range(first, len(lines)) if lines[i].strip().startswith("Official(s)"))
    own = [line.strip() for line in lines[first:last] if line.strip()]
    assert len(own) == 72, len(own)
    texts = list(own)
    for n in range(size - len(own)):
        words = f"{_WORDS[n % 7]} {_WORDS[n // 7 % 7]} region {n + 1}"
        texts.append(f"{own[n % len(own)]} in the {words}")
    body = [line for text in texts for line in ("", text, "")]
    return "\n".join([*lines[:first], *body, *lines[last:]])


def build(text: str, size: int, base: Edition | None) -> int:
    """Parse and build the text; the number of requirements of its communications list."""
    result = consolidated_edition(
        parse(text, source=f"synthetic-{size}.txt"),
        edition_id=f"bench-{size}",
        registry=Registry() if base is None else bundled().registry,
        base=base,
    )
    communications = result.edition.checklist("communications")
    return len(communications.requirements)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one round")
    args = parser.parse_args(argv)
    rounds = 1 if args.quick else args.rounds
    base = bundled().edition("2023")
    texts = {size: synthetic_text(size) for size in SIZES}
    failed = False
    for label, chosen in (("no base, empty registry", None), ("base 2023-revision", base)):
        for size in SIZES:
            assert build(texts[size], size, chosen) == size
        times = best_of_each(
            rounds,
            {size: functools.partial(build, texts[size], size, chosen) for size in SIZES},
        )
        print(f"import, {label} (best of {rounds}):")
        previous = None
        for size in SIZES:
            seconds = times[size]
            line = f"  {size:>6} requirements: {seconds * 1000:9.1f} ms"
            if previous is not None:
                ratio = seconds / previous
                failed = failed or ratio > TARGET
                verdict = "ok" if ratio <= TARGET else "MISSED"
                line += f"  x{ratio:.1f} for x10 size (ideal 10, target <= {TARGET:g}) {verdict}"
            print(line)
            previous = seconds
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
