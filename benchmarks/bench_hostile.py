"""Hostile inputs of up to 64 MiB: each answered within a few seconds and a few hundred MB,
against a baseline measured in the same run.

    python benchmarks/bench_hostile.py [--rounds N]

Each case is the library's answer to one input, timed (the best of N rounds) and
measured for peak memory (``tracemalloc``, in a round of its own), against a baseline
that reads the same bytes and does no more: ``json.loads`` for a JSON file, decoding
and splitting into lines for a source text.

1. ``validate`` of a 55 MB record with 10^6 answers of unknown IDs. Targets: time ratio
   <= 3, memory ratio <= 1.5, and at most 10 s and 800 MB.
2. ``Weights`` of 100,000 entries of unknown IDs (a weights file). Targets: time ratio
   <= 10 and at most 2 s; the message at most 5,000 characters.
3. ``import`` of a source text of 64 MiB (the Adilet text with one requirement line
   repeated to that size). Targets: time ratio <= 15, memory ratio <= 6, at most 20 s and
   1 GB.
4. Loading an edition file of 64 MiB (the bundled edition with its communications
   checklist grown to that size, a few hundred thousand requirements). Targets: time
   ratio <= 6 (the file is read twice, once for keys given twice), memory ratio <= 4, at
   most 10 s and 800 MB.

Every case must end with the library's own error or its result, never another exception.
Prints each figure and whether it is within its target; exit status 1 if one is missed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from _timing import best_of

from kz_inspection_checklists import edition
from kz_inspection_checklists.exceptions import ChecklistError
from kz_inspection_checklists.importer.build import import_edition
from kz_inspection_checklists.law.store import edition_file_json
from kz_inspection_checklists.record.files import validate
from kz_inspection_checklists.record.record import new_record
from kz_inspection_checklists.record.scoring import Weights

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "sources" / "V1900018805-en-2023-05-23.txt"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    name: str
    work: Callable[[], object]
    baseline: Callable[[], object]
    time_ratio: float
    memory_ratio: float
    seconds: float
    megabytes: float


def _answered(work: Callable[[], object]) -> Callable[[], object]:
    """The work, its library error taken as its answer (any other error ends the run)."""

    def run() -> object:
        try:
            return work()
        except ChecklistError as error:
            return error

    return run


def _peak(work: Callable[[], object]) -> float:
    """The peak of memory allocated while ``work`` runs, in MB."""
    gc.collect()
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _record(folder: Path) -> Case:
    document = new_record("communications").to_json()
    answer = {"verdict": "conforms", "remark": None}
    document["answers"] = {f"XYZ-{n:07d}": answer for n in range(1_000_000)}
    data = json.dumps(document).encode()
    path = folder / "record.json"
    path.write_bytes(data)
    print(f"record: {len(data) / 1e6:.0f} MB, 10^6 answers of unknown IDs")
    return Case(
        "validate a record of 10^6 unknown IDs",
        _answered(lambda: validate(path.read_bytes())),
        lambda: json.loads(path.read_bytes()),
        3,
        1.5,
        10,
        800,
    )


def _weights(folder: Path) -> Case:
    path = folder / "weights.json"
    path.write_text(json.dumps({f"XYZ-{n:06d}": 1 for n in range(100_000)}))

    def work() -> object:
        try:
            return Weights(json.loads(path.read_bytes()))
        except ChecklistError as error:
            if len(str(error)) > 5000:
                raise AssertionError(f"a message of {len(str(error))} characters") from None
            return error

    return Case(
        "weights of 100,000 unknown IDs",
        work,
        lambda: json.loads(path.read_bytes()),
        10,
        10,
        2,
        300,
    )


def _source(folder: Path) -> Case:
    text = SOURCE.read_text(encoding="utf-8")
    line = "ensuring the safety of communication networks"
    anchor = "List of requirements"
    at = text.index(anchor, text.index("Annex 4"))
    at = text.index("\n", text.index("\n", at) + 1) + 1  # after the columns' line
    pad = f"{line}\n" * ((64 * MIB - len(text.encode())) // (len(line) + 1))
    data = (text[:at] + pad + text[at:]).encode()[: 64 * MIB]
    path = folder / "source.txt"
    path.write_bytes(data)
    print(f"source text: {len(data) / MIB:.0f} MiB")
    return Case(
        "import a source text of 64 MiB",
        _answered(lambda: import_edition(path, edition_id="local-copy")),
        lambda: path.read_bytes().decode("utf-8").splitlines(),
        15,
        6,
        20,
        1000,
    )


def _edition(folder: Path) -> Case:
    document = json.loads(edition_file_json(edition("2023"), {"by": "bench"}))
    held = document["edition"]
    held["id"], held["aliases"] = "local-copy", []
    for checklist in held["checklists"]:
        checklist["edition"] = "local-copy"
    requirements = held["checklists"][1]["requirements"]
    size = len(json.dumps(document).encode())
    each = len(json.dumps({**requirements[0], "id": "COM-000000", "number": 100000})) + 2
    count = (63 * MIB - size) // each
    template = requirements[0]
    requirements[:] = [{**template, "id": f"COM-{n:06d}", "number": n} for n in range(1, count + 1)]
    data = json.dumps(document).encode()
    path = folder / "edition.json"
    path.write_bytes(data)
    print(f"edition file: {len(data) / MIB:.1f} MiB, {count} requirements")
    return Case(
        "load an edition file of 64 MiB",
        _answered(lambda: edition(str(path))),
        lambda: json.loads(path.read_bytes()),
        6,
        4,
        10,
        800,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    missed = False
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for make in (_record, _weights, _source, _edition):
            case = make(folder)
            seconds = best_of(args.rounds, case.work)
            base = best_of(args.rounds, case.baseline)
            peak, base_peak = _peak(case.work), _peak(case.baseline)
            checks = [
                (seconds / base, case.time_ratio, "time ratio"),
                (peak / base_peak, case.memory_ratio, "memory ratio"),
                (seconds, case.seconds, "seconds"),
                (peak, case.megabytes, "MB"),
            ]
            print(
                f"{case.name}: {seconds:.2f} s (baseline {base:.2f} s), peak {peak:.0f} MB "
                f"(baseline {base_peak:.0f} MB)"
            )
            for value, target, what in checks:
                ok = value <= target
                missed |= not ok
                print(f"  {what} {value:.2f} (target <= {target:g}) {'ok' if ok else 'MISSED'}")
            for path in folder.iterdir():
                os.unlink(path)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
