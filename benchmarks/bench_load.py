"""Cold import and data-loading times, each against a baseline measured in the same run.

    python benchmarks/bench_load.py [--rounds N]

1. Cold import of ``kz_inspection_checklists`` against ``import pydantic`` alone, each in a
   fresh interpreter, less the interpreter's own start-up. Target: ratio <= 1.3.
2. Loading every checklist of every bundled edition through the API (cache cleared
   each round) against a bare ``json.loads`` plus pydantic validation of the same
   files. Target: ratio <= 2.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from importlib.resources import files

from _timing import best_of
from kz_inspection_checklists.models import Edition, Order

from kz_inspection_checklists import api, data


def _interpreter(code: str, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _through_api() -> None:
    data.clear_cache()
    for edition in api.editions():
        if edition.text_available:
            for checklist in api.checklists(edition=edition):
                assert checklist.requirements


def _bare() -> None:
    folder = files("kz_inspection_checklists").joinpath("data")
    order = Order.model_validate(json.loads(folder.joinpath("order.json").read_bytes())["order"])
    for edition_id in order.editions:
        raw = folder.joinpath("editions").joinpath(f"{edition_id}.json").read_bytes()
        edition = Edition.model_validate(json.loads(raw)["edition"])
        for checklist in edition.checklists:
            assert checklist.requirements


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds

    bare_python = _interpreter("pass", rounds)
    pydantic_import = _interpreter("import pydantic", rounds) - bare_python
    our_import = _interpreter("import kz_inspection_checklists", rounds) - bare_python
    first_use = (
        _interpreter("import kz_inspection_checklists as k; k.checklist", rounds) - bare_python
    )
    print(f"cold import, net of interpreter start-up ({rounds} runs, median):")
    print(f"  import pydantic                  {pydantic_import * 1000:8.1f} ms (baseline)")
    print(
        f"  import kz_inspection_checklists  {our_import * 1000:8.1f} ms  ratio {our_import / pydantic_import:.2f} (target <= 1.3)"
    )
    print(
        f"  ... and reach the API (models)   {first_use * 1000:8.1f} ms  ratio {first_use / pydantic_import:.2f} (for information)"
    )

    _bare()
    _through_api()
    bare = best_of(rounds * 4, _bare)
    ours = best_of(rounds * 4, _through_api)
    print(f"loading every checklist ({rounds * 4} runs, best):")
    print(f"  json.loads + pydantic validation {bare * 1000:8.2f} ms (baseline)")
    print(
        f"  through the API, cache cleared   {ours * 1000:8.2f} ms  ratio {ours / bare:.2f} (target <= 2)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
