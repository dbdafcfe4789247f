"""Scoring and validating inspection records, each against a plain loop in the same run.

    python benchmarks/bench_inspection.py [--records N] [--rounds N] [--quick]

1. Score N completed communications records (72 answers each) with ``score()``, against
   a minimal hand-written loop over the same records as plain dicts that does the same
   counting (verdict counts, non-conforming IDs, compliance rate). Target: ratio <= 3.
2. Validate N JSON records with ``validate()``, which also rules out a key given twice,
   against ``json.loads`` plus the same plain counting loop. Target: ratio <= 2.5 (the
   issue's 10,000 records/s, on a machine where the baseline reads about 25,000). For
   information, the part of the time that reading with the duplicate-key hook and the
   pydantic validation of the file take, which every record pays.

Times are the best of several rounds, in which the loops compared take turns, so other
work on the machine disturbs them less and disturbs them alike.
Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from typing import Any

from _timing import best_of_each

from kz_inspection_checklists._files import read_json
from kz_inspection_checklists.law.store import bundled
from kz_inspection_checklists.record.files import dumps_record, file_model, loads_record, validate
from kz_inspection_checklists.record.record import InspectionRecord, new_record
from kz_inspection_checklists.record.scoring import score

_CHOICES = ("conforms", "conforms", "conforms", "does-not-conform", "not-applicable")


def _records(count: int, seed: int = 7) -> list[InspectionRecord]:
    rng = random.Random(seed)
    blank = new_record("communications").with_header(
        authority="Committee for Telecommunications",
        assignment_act={"number": "17", "date": "2024-03-01"},
        entity_name="Example LLP",
        iin_bin="000000000000",
        address="Astana",
        inspection_date="2024-03-12",
        officials=[{"position": "chief specialist", "full_name": "A. B. C."}],
        head={"position": "director", "full_name": "D. E. F."},
    )
    records = []
    for _ in range(count):
        answers: dict[str, Any] = {}
        for requirement_id in blank.ids:
            verdict = rng.choice(_CHOICES)
            answers[requirement_id] = (
                verdict,
                "no such service" if verdict == "not-applicable" else None,
            )
        records.append(blank.mark_many(answers).finish())
    return records


def _plain_count(document: dict[str, Any]) -> tuple[dict[str, int], list[str], Any]:
    counts = {"conforms": 0, "does-not-conform": 0, "not-applicable": 0, "not-assessed": 0}
    nonconforming = []
    for requirement_id, answer in document["answers"].items():
        verdict = answer["verdict"]
        if verdict is None:
            counts["not-assessed"] += 1
        else:
            counts[verdict] += 1
            if verdict == "does-not-conform":
                nonconforming.append(requirement_id)
    applicable = counts["conforms"] + counts["does-not-conform"]
    rate = counts["conforms"] / applicable if applicable else None
    return counts, nonconforming, rate


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="2,000 records, 3 rounds")
    args = parser.parse_args()
    count, rounds = (2_000, 3) if args.quick else (args.records, args.rounds)

    records = _records(count)
    texts = [dumps_record(r) for r in records]
    documents = [json.loads(t) for t in texts]
    # The records and the plain dicts describe the same answers.
    assert all(loads_record(t) == r for t, r in zip(texts[:50], records))
    for record, document in zip(records[:50], documents):
        result = score(record)
        counts, nonconforming, rate = _plain_count(document)
        assert dict(result.counts) == counts and result.compliance_rate == rate
        assert [r.id for r in result.nonconforming] == nonconforming
    # The validator checks for a key given twice: an answer written twice is a problem.
    twice = texts[0].replace('    "COM-002":', '    "COM-001": {"verdict": null},\n    "COM-002":')
    assert any("duplicate key" in problem.message for problem in validate(twice))
    model = file_model(bundled().order.form)

    def plain_scoring() -> None:
        for document in documents:
            _plain_count(document)

    def our_scoring() -> None:
        for record in records:
            score(record)

    def plain_validation() -> None:
        for text in texts:
            _plain_count(json.loads(text))

    def our_validation() -> None:
        for text in texts:
            if validate(text):
                raise AssertionError("a generated record is invalid")

    def read_and_model() -> None:
        for text in texts:
            model.model_validate(read_json(text)[0])

    times = best_of_each(rounds, {"plain": plain_scoring, "ours": our_scoring})
    plain, ours = times["plain"], times["ours"]
    print(f"scoring {count:,} communications records, 72 answers each (best of {rounds}):")
    print(
        f"  plain dict loop       {plain * 1000:8.1f} ms  {count / plain:10,.0f} records/s (baseline)"
    )
    ratio = ours / plain
    scoring_missed = ratio > 3
    print(
        f"  score()               {ours * 1000:8.1f} ms  {count / ours:10,.0f} records/s  "
        f"ratio {ratio:.2f} (target <= 3) {'MISSED' if scoring_missed else 'ok'}"
    )

    times = best_of_each(
        rounds, {"plain": plain_validation, "ours": our_validation, "least": read_and_model}
    )
    plain, ours, least = times["plain"], times["ours"], times["least"]
    ratio = ours / plain
    validation_missed = ratio > 2.5
    print(f"validating {count:,} JSON records (best of {rounds}):")
    print(
        f"  json.loads + loop     {plain * 1000:8.1f} ms  {count / plain:10,.0f} records/s (baseline)"
    )
    print(
        f"  validate()            {ours * 1000:8.1f} ms  {count / ours:10,.0f} records/s  "
        f"ratio {ratio:.2f} (target <= 2.5) {'MISSED' if validation_missed else 'ok'}"
    )
    print(
        f"  read_json + model     {least * 1000:8.1f} ms  {count / least:10,.0f} records/s  "
        f"ratio {least / plain:.2f} (for information: the hook and pydantic, in validate())"
    )
    return 1 if scoring_missed or validation_missed else 0


if __name__ == "__main__":
    sys.exit(main())
