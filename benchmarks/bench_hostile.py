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

5. to 18. ``read_sheet`` of hostile workbooks and CSVs: a workbook with one cell at
   XFD1048576, one with a row past Excel's last (1,048,577), one with one cell at
   A1048576, one of 1,048,576 rows (and one of as many empty rows), one whose sheet unpacks to 1 GiB, one whose sheet
   unpacks to 5 GiB of white space (a Zip64 part), one whose directory says its 1 GiB
   sheet unpacks to 1,000 bytes, one whose strings fill the 32 MiB a part may unpack
   to (in its sheet, and in its table of shared strings), one of 90,000 cells in the
   rows read, one of 30 MiB of rows without the dimension openpyxl looks for; a CSV of 10^6 rows, and a CSV of 64 MiB whose one quote is left open. The
   baseline is ``read_sheet`` of the same checklist's real filled form (the workbook or
   its CSV). Targets: at most 5 s and 300 MB each (the bound promised for every input
   of up to 64 MiB), and a time ratio of at most 100 against reading a real form.

Every case must end with the library's own error or its result, never another exception.
Prints each figure and whether it is within its target; exit status 1 if one is missed.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import struct
import sys
import tempfile
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from _timing import best_of

from kz_inspection_checklists import edition
from kz_inspection_checklists.exceptions import ChecklistError
from kz_inspection_checklists.exports import export
from kz_inspection_checklists.exports.sheet import read_sheet
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


SHEET = "xl/worksheets/sheet1.xml"


def _deflated(body: bytes) -> bytes:
    squeeze = zlib.compressobj(6, zlib.DEFLATED, -15)
    return squeeze.compress(body) + squeeze.flush()


def _zip(parts: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip archive of raw deflated parts, each ``(name, deflated, crc, size)``; a part of
    4 GiB or more gets the Zip64 sizes it needs, as a spreadsheet would write them."""
    out = io.BytesIO()
    directory = []
    for name, data, crc, size in parts:
        offset = out.tell()
        wide = size >= 0xFFFFFFFF
        extra = struct.pack("<HHQQ", 1, 16, size, len(data)) if wide else b""
        sizes = (0xFFFFFFFF, 0xFFFFFFFF) if wide else (len(data), size)
        head = struct.pack(
            "<4s5H3L2H",
            b"PK\x03\x04",
            45 if wide else 20,
            0,
            8,
            0,
            0x21,
            crc,
            *sizes,
            len(name),
            len(extra),
        )
        out.write(head + name.encode() + extra + data)
        directory.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                45,
                45 if wide else 20,
                0,
                8,
                0,
                0x21,
                crc,
                *sizes,
                len(name),
                len(extra),
                0,
                0,
                0,
                0,
                offset,
            )
            + name.encode()
            + extra
        )
    start = out.tell()
    out.write(b"".join(directory))
    end = out.tell()
    out.write(
        struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), end - start, start, 0)
    )
    return out.getvalue()


def _workbook_with(
    sheet: Callable[[bytes], tuple[bytes, int, int]], extra: Optional[dict[str, bytes]] = None
) -> bytes:
    """The form's workbook with its sheet's part made by ``sheet`` from its XML (the part's
    deflated bytes, its CRC and its size), and ``extra`` parts (their XML appended to the
    part of that name, or a new part)."""
    plain = export(new_record("communications").mark("COM-001", "conforms"), "xlsx")
    source = zipfile.ZipFile(io.BytesIO(plain))
    more = dict(extra or {})
    parts = []
    for name in source.namelist():
        body = source.read(name)
        if name in more:  # an element more before the root's end tag
            at = body.rindex(b"</")
            body = body[:at] + more.pop(name) + body[at:]
        if name == SHEET:
            parts.append((name, *sheet(body)))
        else:
            parts.append((name, _deflated(body), zlib.crc32(body), len(body)))
    for name, body in more.items():
        parts.append((name, _deflated(body), zlib.crc32(body), len(body)))
    return _zip(parts)


def _shared_strings() -> dict[str, bytes]:
    """A table of shared strings of distinct short texts, filling the 32 MiB a part may
    unpack to: openpyxl reads it whole when it opens the workbook."""
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    items = []
    size = 0
    while size < 31 * MIB:
        items.append(b"<si><t>x%d</t></si>" % len(items))
        size += len(items[-1])
    table = b'<sst xmlns="%s" count="%d" uniqueCount="%d">' % (main, len(items), len(items))
    kind = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    relation = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    return {
        "xl/sharedStrings.xml": table + b"".join(items) + b"</sst>",
        "xl/_rels/workbook.xml.rels": b'<Relationship Id="rIdS" Type="%s" Target="sharedStrings.xml"/>'
        % relation,
        "[Content_Types].xml": b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/>'
        % kind,
    }


def _plainly(change: Callable[[bytes], bytes]) -> Callable[[bytes], tuple[bytes, int, int]]:
    def made(body: bytes) -> tuple[bytes, int, int]:
        new = change(body)
        return _deflated(new), zlib.crc32(new), len(new)

    return made


def _rows(rows: bytes) -> Callable[[bytes], tuple[bytes, int, int]]:
    return _plainly(lambda body: body.replace(b"</sheetData>", rows + b"</sheetData>"))


def _spaces(
    size: int, *, declared: Optional[int] = None
) -> Callable[[bytes], tuple[bytes, int, int]]:
    """The sheet followed by ``size`` bytes of spaces, deflated a MiB at a time (each MiB
    deflates to the same bytes), its directory saying ``declared`` bytes if given."""

    def made(body: bytes) -> tuple[bytes, int, int]:
        chunk = b" " * MIB
        squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
        first = squeeze.compress(body) + squeeze.flush(zlib.Z_FULL_FLUSH)
        block = squeeze.compress(chunk) + squeeze.flush(zlib.Z_FULL_FLUSH)
        again = squeeze.compress(chunk) + squeeze.flush(zlib.Z_FULL_FLUSH)
        assert block == again, "a MiB of spaces deflates to the same bytes each time"
        count = size // MIB
        data = first + block * count + squeeze.flush()
        crc = zlib.crc32(body)
        for _ in range(count):
            crc = zlib.crc32(chunk, crc)
        return data, crc, declared if declared is not None else len(body) + count * MIB

    return made


def _strings(body: bytes) -> tuple[bytes, int, int]:
    """The sheet with rows of short inline strings up to the 32 MiB a part may hold."""
    row = b'<row r="%d"><c r="F%d" t="inlineStr"><is><t>x%d</t></is></c></row>'
    rows = []
    size = len(body)
    number = 100
    while size < 31 * MIB:
        rows.append(row % (number, number, number))
        size += len(rows[-1])
        number += 1
    return _plainly(lambda b: b.replace(b"</sheetData>", b"".join(rows) + b"</sheetData>"))(body)


def _sheets(folder: Path) -> list[Case]:
    """Hostile workbooks and CSVs, against reading the real filled form."""
    record = new_record("communications").mark("COM-001", "conforms", "checked")
    plain_book = export(record, "xlsx")
    plain_csv = export(record, "csv")
    head, _, rest = plain_csv.partition(b"\r\n")
    one_row = rest.partition(b"\r\n")[0]
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(n).encode() for n in range(1, 1000)]
    million = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(100, 1_048_577)
    )
    inputs = {
        "a workbook with one cell at XFD1048576": _workbook_with(
            _rows(b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
        ),
        "a workbook with a row past Excel's last": _workbook_with(
            _rows(b'<row r="1048577"><c r="A1048577"><v>1</v></c></row>')
        ),
        "a workbook with one cell at A1048576": _workbook_with(
            _rows(b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>')
        ),
        "a workbook of 1,048,576 rows": _workbook_with(_rows(million)),
        "a workbook of 1,048,576 empty rows": _workbook_with(
            _rows(b"".join(b'<row r="%d"/>' % n for n in range(100, 1_048_577)))
        ),
        "a workbook whose sheet unpacks to 1 GiB": _workbook_with(_spaces(1024 * MIB)),
        "a workbook of 5 GiB of white space": _workbook_with(_spaces(5 * 1024 * MIB)),
        "a workbook whose 1 GiB sheet says 1,000 bytes": _workbook_with(
            _spaces(1024 * MIB, declared=1000)
        ),
        "a workbook of 32 MiB of strings": _workbook_with(_strings),
        "a workbook of 31 MiB of shared strings": _workbook_with(
            _plainly(bytes), _shared_strings()
        ),
        "a workbook of 90,000 cells in the rows read": _workbook_with(
            _rows(
                b"".join(
                    b'<row r="%d">' % row
                    + b"".join(b'<c r="%s%d"><v>1</v></c>' % (column, row) for column in letters)
                    + b"</row>"
                    for row in range(100, 190)
                )
            )
        ),
        "a workbook of 30 MiB of rows and no dimension": _workbook_with(
            _plainly(
                lambda body: body.replace(b'<dimension ref="A1:E96"/>', b"").replace(
                    b"</sheetData>",
                    b"".join(b'<row r="%d"/>' % n for n in range(100, 1_500_000)) + b"</sheetData>",
                )
            )
        ),
        "a CSV of 10^6 rows": head
        + b"\r\n"
        + b"COM-001,1,communications,x,y,conforms,,\r\n" * 1_000_000,
        "a CSV of 64 MiB whose quote is left open": head
        + b"\r\n"
        + one_row.replace(b"checked", b'"open')
        + b"x" * (64 * MIB - len(head) - len(one_row) - 16),
    }
    cases = []
    for name, data in inputs.items():
        path = folder / (name.replace(" ", "-").replace(",", "").replace("'", "") + ".bin")
        path.write_bytes(data)
        plain = plain_csv if name.startswith("a CSV") else plain_book
        print(f"{name}: {len(data) / MIB:.1f} MiB")
        cases.append(
            Case(
                f"read_sheet: {name}",
                _answered(lambda path=path: read_sheet(str(path))),
                lambda plain=plain: read_sheet(plain),
                100,
                1000,
                5,
                300,
            )
        )
    return cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default="", help="run only the cases whose name holds this")
    args = parser.parse_args()
    missed = False
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        cases = [make(folder) for make in (_record, _weights, _source, _edition)]
        cases += _sheets(folder)
        for case in (c for c in cases if args.only in c.name):
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
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
