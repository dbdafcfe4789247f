"""Diff time against list size: 100, 1,000 and 10,000 synthetic requirements.

Each synthetic pair of editions differs by about 5% requirements added, 5% removed,
5% changed (one word replaced) and 2% moved elsewhere. The script prints the best of
several runs for each size and the ratio to the size ten times smaller; the target is
that ten times the requirements cost no more than about 15 times the time (no
quadratic matching). Exit status 1 if a ratio exceeds the target.

    python benchmarks/bench_diff.py            # a few seconds
    python benchmarks/bench_diff.py --quick    # fewer repeats
"""

from __future__ import annotations

import argparse
import functools
import random
import sys

from _timing import best_of

import kz_inspection_checklists as kz
from kz_inspection_checklists.law.diff import diff
from kz_inspection_checklists.law.edition import Edition, Requirement
from kz_inspection_checklists.present.text import diff_text

SIZES = (100, 1_000, 10_000)
TARGET = 15.0
WORDS = [
    "observance",
    "compliance",
    "of",
    "the",
    "requirement",
    "to",
    "have",
    "a",
    "licence",
    "telecom",
    "operator",
    "subscriber",
    "notify",
    "within",
    "calendar",
    "days",
    "postal",
    "information",
    "system",
    "personal",
    "data",
    "protection",
]


def _edition(edition_id: str, pairs: list[tuple[str, str]]) -> Edition:
    base = kz.edition("2023")
    requirements = tuple(
        Requirement(id=rid, number=n, text=text, language="en", official=False)
        for n, (rid, text) in enumerate(pairs, start=1)
    )
    checklists = tuple(
        c.model_copy(
            update={
                "edition": edition_id,
                **({"requirements": requirements} if c.key == "communications" else {}),
            }
        )
        for c in base.checklists
    )
    return base.model_copy(update={"id": edition_id, "checklists": checklists})


def synthetic_pair(size: int, seed: int = 1) -> tuple[Edition, Edition]:
    """Two editions of ``size`` requirements with the module's mix of differences."""
    rnd = random.Random(seed)
    old = [
        (f"COM-{n:05d}", " ".join(rnd.choices(WORDS, k=rnd.randint(10, 30))))
        for n in range(1, size + 1)
    ]
    share = max(1, size // 20)
    new = list(old)
    for index in sorted(rnd.sample(range(len(new)), share), reverse=True):
        del new[index]
    for index in rnd.sample(range(len(new)), share):
        rid, text = new[index]
        words = text.split()
        words[rnd.randrange(len(words))] = "amended"
        new[index] = (rid, " ".join(words))
    for _ in range(max(1, size // 50)):
        item = new.pop(rnd.randrange(len(new)))
        new.insert(rnd.randrange(len(new) + 1), item)
    for n in range(share):
        new.insert(rnd.randrange(len(new) + 1), (f"COM-{size + n + 1:05d}", "a new requirement"))
    return _edition("old", old), _edition("new", new)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args(argv)
    repeats = 2 if args.quick else 5
    failed = False
    for label, work in (
        ("diff", lambda a, b: diff(a, b)),
        ("diff + text with redlines", lambda a, b: diff_text(diff(a, b))),
    ):
        print(f"{label}:")
        previous = None
        for size in SIZES:
            old, new = synthetic_pair(size)
            result = diff(old, new).annex(4).requirements
            assert result is not None
            seconds = best_of(repeats, functools.partial(work, old, new))
            line = (
                f"  {size:>6} requirements: {seconds * 1000:9.2f} ms  "
                f"(added {len(result.added)}, removed {len(result.removed)}, "
                f"changed {len(result.changed)}, moved {len(result.moved)})"
            )
            if previous is not None:
                ratio = seconds / previous
                verdict = "ok" if ratio <= TARGET else f"MISSED (target <= {TARGET:g})"
                failed = failed or ratio > TARGET
                line += f"  x{ratio:.1f} for x10 size: {verdict}"
            print(line)
            previous = seconds
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
