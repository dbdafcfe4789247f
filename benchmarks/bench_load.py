"""Cold import, a command's wall time and data loading, each against a baseline measured in
the same run.

    python benchmarks/bench_load.py [--rounds N]

1. Cold import of ``kz_inspection_checklists`` against ``import pydantic`` alone, each in a
   fresh interpreter, less the interpreter's own start-up. Target: ratio <= 1.3.
2. The wall time of ``kz-checklists show communications`` (as ``python -m
   kz_inspection_checklists``) against that of ``python -c "import pydantic"``, each a
   whole fresh interpreter. Target: ratio <= 2.
3. Loading every checklist of every bundled edition through the API (cache cleared
   each round) against a bare ``json.loads`` plus pydantic validation of the same
   files. Target: ratio <= 2.

The fresh interpreters run interleaved, and each figure is the median of their runs.
They read compiled bytecode, as an installed package does: the script gives them a
bytecode cache in a temporary directory, even where PYTHONDONTWRITEBYTECODE is set.
Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from importlib.resources import files

from _timing import best_of_each

from kz_inspection_checklists.law.edition import Edition
from kz_inspection_checklists.law.order import Order
from kz_inspection_checklists.law.store import BUNDLED_ORDER, bundled, clear_cache


def _interpreters(commands: Mapping[str, Sequence[str]], rounds: int) -> dict[str, float]:
    """The median wall time of each command (arguments to the interpreter), run in turn."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": cache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for round_ in range(rounds + 1):
            for name, arguments in commands.items():
                start = time.perf_counter()
                subprocess.run(
                    [sys.executable, *arguments], check=True, env=env, stdout=subprocess.DEVNULL
                )
                if round_:  # the first round writes the bytecode cache
                    times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def _verdict(ratio: float, target: float) -> str:
    return f"ratio {ratio:.2f} (target <= {target:g}) {'ok' if ratio <= target else 'MISSED'}"


def _through_api() -> None:
    clear_cache()
    law = bundled()
    for edition in law.editions():
        if edition.text_available:
            for checklist in law.checklists(edition=edition):
                assert checklist.requirements


def _bare() -> None:
    folder = (
        files("kz_inspection_checklists")
        .joinpath("data")
        .joinpath("orders")
        .joinpath(BUNDLED_ORDER)
    )
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

    wall = _interpreters(
        {
            "pass": ["-c", "pass"],
            "pydantic": ["-c", "import pydantic"],
            "one model": ["-c", "import pydantic\nclass M(pydantic.BaseModel):\n    x: int"],
            "import": ["-c", "import kz_inspection_checklists"],
            "first use": ["-c", "import kz_inspection_checklists as k; k.checklist"],
            "show": ["-m", "kz_inspection_checklists", "show", "communications"],
        },
        rounds,
    )
    pydantic_import = wall["pydantic"] - wall["pass"]
    our_import = wall["import"] - wall["pass"]
    first_use = wall["first use"] - wall["pass"]
    missed = our_import / pydantic_import > 1.3
    print(f"cold import, net of interpreter start-up ({rounds} runs, median):")
    print(f"  import pydantic                  {pydantic_import * 1000:8.1f} ms (baseline)")
    print(
        f"  import kz_inspection_checklists  {our_import * 1000:8.1f} ms  "
        + _verdict(our_import / pydantic_import, 1.3)
    )
    print(
        f"  ... and reach the API (models)   {first_use * 1000:8.1f} ms  "
        f"ratio {first_use / pydantic_import:.2f} (for information)"
    )

    missed = missed or wall["show"] / wall["pydantic"] > 2
    print(f"wall time of a whole command ({rounds} runs, median):")
    print(f"  python -c 'import pydantic'      {wall['pydantic'] * 1000:8.1f} ms (baseline)")
    print(
        f"  kz-checklists show communications {wall['show'] * 1000:7.1f} ms  "
        + _verdict(wall["show"] / wall["pydantic"], 2)
    )
    print(
        f"  ... pydantic and one model of it {wall['one model'] * 1000:8.1f} ms  "
        f"ratio {wall['one model'] / wall['pydantic']:.2f} (for information: the least a "
        "command that reads a model can take)"
    )

    _bare()
    _through_api()
    loading = best_of_each(rounds * 4, {"bare": _bare, "ours": _through_api})
    bare, ours = loading["bare"], loading["ours"]
    missed = missed or ours / bare > 2
    print(f"loading every checklist ({rounds * 4} runs, best):")
    print(f"  json.loads + pydantic validation {bare * 1000:8.2f} ms (baseline)")
    print(f"  through the API, cache cleared   {ours * 1000:8.2f} ms  " + _verdict(ours / bare, 2))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
