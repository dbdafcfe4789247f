"""Scoring and validating inspection records, each against a plain loop in the same run.

    python benchmarks/bench_inspection.py [--records N] [--rounds N] [--quick]

1. Score N completed communications records (72 answers each) with ``score()``, against
   a minimal hand-written loop over the same records as plain dicts that does the same
   counting (verdict counts, non-conforming IDs, compliance rate). Target: ratio <= 3.
2. Validate N JSON records with ``validate()``, duplicate keys included. Target: >= 20,000
   records/s on one core. For information, the ratio against ``json.loads`` plus the same
   plain counting loop, and the rate for records whose remarks hold colons: there the
   colons of every string read are counted too, to rule out a key given twice.

Times are the best of several rounds, so other work on the machine disturbs them less.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from typing import Any

from _timing import best_of

from kz_inspection_checklists.record.files import dumps_record, loads_record, validate
from kz_inspection_checklists.record.record import InspectionRecord, new_record
from kz_inspection_checklists.record.scoring import score

_CHOICES = ("conforms", "conforms", "conforms", "does-not-conform", "not-applicable")


def _records(count: int, seed: int = 7, remark: str = "no such service") -> list[InspectionRecord]:
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
            answers[requirement_id] = (verdict, remark if verdict == "not-applicable" else None)
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

    plain = best_of(rounds, plain_scoring)
    ours = best_of(rounds, our_scoring)
    print(f"scoring {count:,} communications records, 72 answers each (best of {rounds}):")
    print(
        f"  plain dict loop       {plain * 1000:8.1f} ms  {count / plain:10,.0f} records/s (baseline)"
    )
    ratio = ours / plain
    print(
        f"  score()               {ours * 1000:8.1f} ms  {count / ours:10,.0f} records/s  "
        f"ratio {ratio:.2f} (target <= 3) {'ok' if ratio <= 3 else 'MISSED'}"
    )

    plain = best_of(rounds, plain_validation)
    ours = best_of(rounds, our_validation)
    rate = count / ours
    colons = [dumps_record(r) for r in _records(count, remark="see: act 17, p. 3")]

    def colon_validation() -> None:
        for text in colons:
            if validate(text):
                raise AssertionError("a generated record is invalid")

    slow = best_of(rounds, colon_validation)
    print(f"validating {count:,} JSON records (best of {rounds}):")
    print(
        f"  json.loads + loop     {plain * 1000:8.1f} ms  {count / plain:10,.0f} records/s (baseline)"
    )
    print(
        f"  validate()            {ours * 1000:8.1f} ms  {rate:10,.0f} records/s  "
        f"ratio {ours / plain:.2f}; target >= 20,000 records/s "
        f"{'ok' if rate >= 20_000 else 'MISSED'}"
    )
    print(
        f"  remarks with colons   {slow * 1000:8.1f} ms  {count / slow:10,.0f} records/s  "
        "(for information: colons in strings counted too)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
