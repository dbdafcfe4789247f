"""Junk into every entry point, in the style of python-stdnum's test_robustness.

Hypothesis feeds random bytes, deep JSON, huge and odd strings and hostile characters,
as values and as files, into every public function (``kz_inspection_checklists.__all__``
and the main functions of the modules below it) and into every command of the command
line (read from its parser, so that a new command is covered). Only the library's own
exceptions (:class:`ChecklistError`) may escape a function; a command exits 0, 1 or 2,
never 70 (an internal error), and never prints a traceback; every file left written
parses as its format.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import os
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import _build, main
from kz_inspection_checklists.exceptions import Problem
from kz_inspection_checklists.exports import FORMATS, export
from kz_inspection_checklists.exports.findings import plan_bytes
from kz_inspection_checklists.exports.register import register_bytes
from kz_inspection_checklists.exports.sheet import read_sheet
from kz_inspection_checklists.importer.akn import akn_translation
from kz_inspection_checklists.importer.build import import_edition, import_translation
from kz_inspection_checklists.importer.grammar import load_grammar
from kz_inspection_checklists.law import applicability
from kz_inspection_checklists.law.store import edition_file_json
from kz_inspection_checklists.record import files
from kz_inspection_checklists.record.course import entities_table
from kz_inspection_checklists.record.findings import findings
from kz_inspection_checklists.record.register import COLUMNS, records_table
from kz_inspection_checklists.record.scoring import Weights, load_groups, load_weights, score

from .conftest import SOURCE_TEXT

#: Each test's examples: enough to reach every kind of junk, few enough for CI, and the
#: same on every run, so that CI does not pass or fail by chance. A deeper, random search:
#: ``KZ_ROBUSTNESS_EXAMPLES=500 python -m pytest tests/test_robustness.py``.
_EXAMPLES = os.environ.get("KZ_ROBUSTNESS_EXAMPLES", "")
SETTINGS = settings(
    max_examples=int(_EXAMPLES) if _EXAMPLES.isdigit() else 25,
    derandomize=not _EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

HOSTILE_TEXT = [
    "",
    " ",
    "\x00",
    "\x1b[2J\x1b[H",
    "FAKE\nline",
    "\r",
    "\ud800",
    "\ufffe",
    "\u202eevil",
    "\u200b",
    "СOM-001",
    "COM-001\u200b",
    "COM-" + "9" * 5000,
    "9" * 5000,
    "x" * 100_000,
    "²",
    "../../etc/passwd",
    "-",
    "--help",
    "latest",
    "2023",
    "communications",
    "COM-001",
    "conforms",
    "not-applicable",
    "mobile-operator",
    '=HYPERLINK("http://evil.example")',
    "<script>alert(1)</script>",
    "]]>",
    "NaN",
    "1e999",
]


def _json_trees() -> st.SearchStrategy[Any]:
    leaves = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.sampled_from(HOSTILE_TEXT)
        | st.text(max_size=20)
    )
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(HOSTILE_TEXT) | st.text(max_size=8), inner, max_size=4
            )
        ),
        max_leaves=20,
    )


def _record_like() -> st.SearchStrategy[Any]:
    """A record's JSON with junk in one of its places."""
    base = kz.new_record("electronic-signature").to_json()

    def spoil(place: str, value: Any) -> dict[str, Any]:
        document = json.loads(json.dumps(base))
        if place == "answers":
            document["answers"]["EDS-001"] = value
        elif place == "header":
            document["header"]["entity_name"] = value
        elif place == "remark":
            document["answers"]["EDS-001"] = {"verdict": "not-applicable", "remark": value}
        elif place == "key":
            document["answers"][value if isinstance(value, str) else "x"] = {"verdict": None}
        else:
            document[place] = value
        return document

    places = st.sampled_from(
        ["answers", "header", "remark", "key", "format_version", "edition", "checklist", "final"]
    )
    return st.builds(spoil, places, _json_trees())


def _hostile_sheets(record: Any) -> dict[str, bytes]:
    """Workbooks and CSVs an attacker or a careless office would send: a DTD, a cell far
    away, an error value, a part that unpacks to more than the bound, a quote left open."""
    from kz_inspection_checklists.exports import sheet_cells

    book = export(record, "xlsx")
    sheet = "xl/worksheets/sheet1.xml"

    def rebuilt(change: Callable[[bytes], bytes]) -> bytes:
        source = zipfile.ZipFile(io.BytesIO(book))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for part in source.infolist():
                body = source.read(part.filename)
                target.writestr(part.filename, change(body) if part.filename == sheet else body)
        return buffer.getvalue()

    def rows(extra: bytes) -> Callable[[bytes], bytes]:
        return lambda body: body.replace(b"</sheetData>", extra + b"</sheetData>")

    csv = export(record, "csv")
    return {
        "dtd.xlsx": rebuilt(lambda body: b'<!DOCTYPE w [<!ENTITY a "aaaa">]>' + body),
        "far.xlsx": rebuilt(rows(b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')),
        "past.xlsx": rebuilt(rows(b'<row r="1048577"><c r="A1048577"><v>1</v></c></row>')),
        "error.xlsx": rebuilt(rows(b'<row r="40"><c r="E40" t="e"><v>#REF!</v></c></row>')),
        "bomb.xlsx": rebuilt(rows(b" " * (sheet_cells.MAX_PART_BYTES + 1))),
        "unclosed.csv": csv.replace(b"conforms,", b'conforms,"open', 1),
        "error.csv": csv.replace(b"conforms,", b"conforms,#N/A", 1),
        "rows.csv": csv + b"x,y\r\n" * 5000,
    }


class Junk:
    """Junk files, made once: each kind a user might hand the library, and worse."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.out = folder / "out"
        self.out.mkdir()
        record = kz.new_record("electronic-signature").mark("EDS-001", "conforms")
        written: dict[str, bytes] = {
            "record.json": files.dumps_record(record).encode(),
            "empty.json": b"",
            "bytes.bin": bytes(range(256)) * 4,
            "deep.json": b"[" * 100_000,
            "deep-object.json": b'{"a": ' * 50_000,
            "huge-number.json": b'{"COM-001": ' + b"9" * 5000 + b"}",
            "utf16.json": json.dumps(record.to_json()).encode("utf-16"),
            "nan.json": b'{"COM-001": NaN, "COM-002": Infinity}',
            "twice.json": b'{"COM-001": 1, "COM-001": 2}',
            "weights.json": b'{"EDS-001": 2, "EDS-002": 0.5}',
            "groups.json": b'{"keys": ["EDS-001", "EDS-004"]}',
            "hostile-record.json": json.dumps(
                {**record.to_json(), "header": {"entity_name": "\x1b[2J\ud800"}}
            ).encode(),
            "edition.json": edition_file_json(kz.edition("2023"), {"by": "test"}).encode(),
            "profile.json": b'{"profile": {"excludes": ["postal-operator"]}}',
            "sheet.xlsx": export(record, "xlsx"),
            "sheet.csv": export(record, "csv"),
            "not-a-zip.xlsx": b"PK\x03\x04 not really",
            "source.txt": SOURCE_TEXT.read_bytes(),
            "source-hostile.txt": SOURCE_TEXT.read_bytes().replace(b"Annex 4", b"Annex 4\x1b", 1),
            "grammar.json": b'{"grammar": "x"}',
            **_hostile_sheets(record),
        }
        for name, data in written.items():
            (folder / name).write_bytes(data)
        (folder / "directory.json").mkdir()
        loop = folder / "loop.json"
        loop.symlink_to(loop)
        self.paths = [str(folder / name) for name in (*written, "directory.json", "loop.json")]
        self.paths += [str(folder / "missing.json"), os.devnull]
        self.record = record

    def path(self) -> st.SearchStrategy[str]:
        return st.sampled_from(self.paths)

    def output(self) -> st.SearchStrategy[str]:
        names = ["out.json", "out.xml", "out.csv", "out.xlsx", "out.docx", "out.html", "out.md"]
        return st.sampled_from([str(self.out / name) for name in names])

    def value(self) -> st.SearchStrategy[Any]:
        """Any junk a function may be handed for a value it reads."""
        return st.one_of(
            st.sampled_from(HOSTILE_TEXT),
            st.text(max_size=30),
            st.binary(max_size=60),
            st.integers(min_value=-(10**30), max_value=10**30),
            st.sampled_from([10**5000, -1, 0, True, None, float("nan"), float("inf")]),
            self.path(),
            _json_trees(),
            _record_like(),
            st.sampled_from([self.record, kz.checklist("communications"), kz.edition("2023")]),
            st.sampled_from([Path(p) for p in self.paths[:6]]),
        )

    def check_outputs(self) -> None:
        """Every file left in the output folder parses as its format; then it is emptied."""
        for path in self.out.iterdir():
            data = path.read_bytes()
            if data.lstrip()[:1] in (b"{", b"["):  # a record (read-sheet's), whatever the name
                json.loads(data.decode("utf-8"))
            elif path.suffix in (".xlsx", ".docx"):
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    for part in archive.namelist():
                        if part.endswith((".xml", ".rels")):
                            ET.fromstring(archive.read(part))
            elif path.suffix == ".xml":
                ET.fromstring(data)
            elif path.suffix == ".json" or path.name == "\x1b":
                json.loads(data.decode("utf-8"))
            else:
                data.decode("utf-8")
            path.unlink()
        leftovers = [p.name for p in self.folder.iterdir() if p.name.endswith(".tmp")]
        assert leftovers == []


@pytest.fixture(scope="module")
def junk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Junk]:
    folder = tmp_path_factory.mktemp("junk")
    here = os.getcwd()
    os.chdir(folder)  # a relative name a function writes lands here, never in the tree
    try:
        yield Junk(folder)
    finally:
        os.chdir(here)


def _only_ours(call: Callable[[], Any]) -> None:
    with contextlib.suppress(kz.ChecklistError):
        call()


# --- the Python API -----------------------------------------------------------------

#: Every public function of the package's top level.
TOP_LEVEL = [
    getattr(kz, name)
    for name in kz.__all__
    if inspect.isfunction(getattr(kz, name)) and name != "write_record"
]


#: Parameters that take the library's own objects, not data a user hands it.
INTERNAL = frozenset(("law", "pins", "registry"))


# A deprecated keyword drawn among the others warns, as it should; the test is of errors.
@pytest.mark.filterwarnings("ignore:edition_option is deprecated:DeprecationWarning")
@pytest.mark.parametrize("function", TOP_LEVEL, ids=lambda f: f.__name__)
@SETTINGS
@given(data=st.data())
def test_a_top_level_function_raises_only_the_librarys_errors(
    junk: Junk, function: Callable[..., Any], data: st.DataObject
) -> None:
    """Each required argument is junk; each keyword argument is left out or junk (but the
    ones that take the library's own objects, a Law or pins, which are no user data)."""
    signature = inspect.signature(function)
    args, kwargs = [], {}
    for parameter in signature.parameters.values():
        if parameter.name in INTERNAL:
            continue
        if parameter.default is inspect.Parameter.empty:
            args.append(data.draw(junk.value(), label=parameter.name))
        elif data.draw(st.booleans(), label=f"give {parameter.name}"):
            kwargs[parameter.name] = data.draw(junk.value(), label=parameter.name)
    _only_ours(lambda: function(*args, **kwargs))
    junk.check_outputs()


#: The main functions below the top level, each with the arguments it takes junk in.
MODULE_FUNCTIONS: list[tuple[Callable[..., Any], tuple[str, ...], tuple[str, ...]]] = [
    (export, ("subject", "format"), ("edition", "language", "profile", "weights")),
    (files.loads_record, ("text",), ("edition",)),
    (files.read_record, ("path",), ("edition",)),
    (files.validate, ("record",), ("edition",)),
    (files.dumps_record, ("record",), ()),
    (load_weights, ("path",), ("edition",)),
    (load_groups, ("path",), ()),
    (Weights, ("weights",), ("edition",)),
    (score, ("record",), ("weights", "groups")),
    (import_edition, ("path",), ("edition_id", "language", "grammar", "aliases")),
    (import_translation, ("path",), ("language", "grammar")),
    (akn_translation, ("path",), ("language", "grammar")),
    (load_grammar, ("grammar",), ()),
    (applicability.applicability, ("checklist", "profile"), ("edition",)),
    (applicability.profile, ("name_or_path",), ()),
    (applicability.profiles, ("checklist",), ()),
    (applicability.subjects, ("checklist",), ()),
    (read_sheet, ("source",), ("edition",)),
    (records_table, ("records",), ("long",)),
    (entities_table, ("records",), ("names",)),
    (findings, ("records",), ("since",)),
    (plan_bytes, ("records", "format"), ("since",)),
    (register_bytes, ("rows", "columns", "format"), ()),
]


@pytest.mark.parametrize(
    ("function", "required", "optional"), MODULE_FUNCTIONS, ids=lambda f: getattr(f, "__name__", "")
)
@SETTINGS
@given(data=st.data())
def test_a_module_function_raises_only_the_librarys_errors(
    junk: Junk,
    function: Callable[..., Any],
    required: tuple[str, ...],
    optional: tuple[str, ...],
    data: st.DataObject,
) -> None:
    kwargs = {name: data.draw(junk.value(), label=name) for name in required}
    if function is import_edition:
        kwargs["edition_id"] = data.draw(st.sampled_from(HOSTILE_TEXT) | st.just("local-copy"))
    if function in (import_translation, akn_translation):
        kwargs["edition"] = kz.edition("2023")
    if function in (export, register_bytes) and data.draw(st.booleans()):
        names = [f.name for f in FORMATS] if function is export else ["csv", "xlsx", "json"]
        kwargs["format"] = data.draw(st.sampled_from(names))
    if function is register_bytes and data.draw(st.booleans()):
        kwargs["columns"] = COLUMNS
    for name in optional:
        if data.draw(st.booleans(), label=f"give {name}"):
            kwargs[name] = data.draw(junk.value(), label=name)
    _only_ours(lambda: function(**kwargs))
    junk.check_outputs()


@SETTINGS
@given(data=st.data())
def test_write_record_raises_only_the_librarys_errors_and_writes_whole_files(
    junk: Junk, data: st.DataObject
) -> None:
    record = data.draw(junk.value() | st.just(junk.record))
    names = [junk.out / "record.json", junk.out, junk.out / "no" / "x.json", junk.out / "\x1b"]
    path = data.draw(
        st.sampled_from([*names, *(str(n) for n in names), "", " ", 3, None, b"x.json"])
    )
    _only_ours(lambda: kz.write_record(record, path, force=data.draw(st.booleans())))
    junk.check_outputs()


@SETTINGS
@given(tree=_record_like())
def test_a_spoilt_record_is_a_list_of_problems_or_a_record(tree: dict[str, Any]) -> None:
    problems = files.validate(tree)
    assert all(isinstance(p, Problem) and isinstance(p.message, str) for p in problems)
    if problems:
        with pytest.raises(kz.InvalidRecordError):
            files.loads_record(tree)
    else:
        files.loads_record(tree)


# --- the command line -----------------------------------------------------------------

_PARSER, COMMANDS = _build()


def _argv(junk: Junk, command: str, data: st.DataObject) -> list[str]:
    """The command, its positional arguments (junk), and some of its options (junk)."""
    parser = COMMANDS[command]
    argv = [command]
    word = junk.path() | st.sampled_from(HOSTILE_TEXT[:-10]) | st.text(max_size=12)
    for action in parser._actions:
        if action.dest in ("help", "run"):
            continue
        count = {None: 1, "?": 1, "+": 2, 0: 0}.get(action.nargs, action.nargs)  # type: ignore[arg-type]
        if not action.option_strings:
            argv += [data.draw(word, label=action.dest) for _ in range(int(count))]
            continue
        if not data.draw(st.booleans(), label=f"give {action.option_strings[0]}"):
            continue
        argv.append(action.option_strings[0])
        if action.choices:
            argv.append(data.draw(st.sampled_from(list(action.choices)) | word))
        elif action.option_strings[0] in ("-o", "--output", "--report"):
            output = data.draw(junk.output() | st.just("-"))
            if command == "export-order" and output != "-":
                # Its one format is XML, whatever the name: the file is checked as XML.
                output = str(junk.out / "out.xml")
            argv.append(output)
        else:
            argv += [data.draw(word) for _ in range(int(count))]
    if command in ("mark", "header"):  # they update their record in place: a copy of one
        copy = junk.out / "in-place.json"
        copy.write_text(files.dumps_record(junk.record), encoding="utf-8")
        if data.draw(st.booleans(), label="read-only"):
            copy.chmod(0o444)
        argv[1] = str(copy)
    return argv


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):  # type: ignore[type-var]
        try:
            code = main(argv)
        except SystemExit as done:  # --help and --version, as argparse ends them
            code = done.code if isinstance(done.code, int) else 2
    out.flush()
    return code, out.buffer.getvalue().decode("utf-8", "replace"), err.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", sorted(COMMANDS))
@SETTINGS
@given(data=st.data())
def test_a_command_exits_0_1_or_2_and_never_shows_a_traceback(
    junk: Junk, command: str, data: st.DataObject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    argv = _argv(junk, command, data)
    in_place = junk.out / "in-place.json"
    before = in_place.read_bytes() if in_place.exists() else None
    read_only = in_place.exists() and not in_place.stat().st_mode & 0o222
    code, _, err = _run(argv)
    assert code in (0, 1, 2), (argv, err)
    assert "Traceback" not in err and "internal error" not in err, (argv, err)
    assert "\x1b" not in err, (argv, err)
    if read_only:  # a protected record is never replaced
        assert code != 0 and in_place.read_bytes() == before, (argv, err)
    in_place.unlink(missing_ok=True)
    junk.check_outputs()


def test_every_command_is_covered() -> None:
    """The list is the parser's: a new command is fuzzed without a change here."""
    assert {"validate", "export", "mark", "header", "read-sheet", "summary"} <= set(COMMANDS)


# --- in-place updates under concurrency ---------------------------------------------


@SETTINGS
@given(
    marks=st.lists(
        st.tuples(
            st.sampled_from(["EDS-001", "EDS-002", "EDS-003", "EDS-004"]),
            st.sampled_from(["conforms", "does-not-conform"]),
        ),
        min_size=2,
        max_size=8,
    ),
    entity=st.sampled_from(HOSTILE_TEXT[:12]) | st.text(max_size=10),
)
def test_mark_and_header_at_once_lose_nothing_and_leave_a_valid_record(
    junk: Junk, marks: list[tuple[str, str]], entity: str
) -> None:
    """``mark`` and ``header`` run in threads on one record: each lands with every change
    before it, or is refused (exit 2); the file is always a valid record."""
    import threading

    path = junk.out / "shared.json"
    path.write_text(files.dumps_record(junk.record.reopen()), encoding="utf-8")
    codes: dict[int, int] = {}

    def run(index: int, argv: list[str]) -> None:
        codes[index] = main(argv)

    argvs = [["mark", str(path), rid, verdict] for rid, verdict in marks]
    argvs.append(["header", str(path), "--entity-name", entity])
    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(argvs)]
    with contextlib.redirect_stderr(io.StringIO()):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    record = files.read_record(path)
    assert [codes[i] for i in range(len(marks))] == [0] * len(marks)  # none refused, none lost
    for rid in record.ids:
        verdicts = {verdict for marked, verdict in marks if marked == rid}
        assert record.answer(rid).verdict in (verdicts or {junk.record.answer(rid).verdict})
    try:
        expected = junk.record.reopen().with_header(entity_name=entity).header
        if not entity.strip():  # the command line refuses an empty value
            raise kz.InvalidRecordError
    except kz.InvalidRecordError:
        assert codes[len(marks)] == 2
    else:
        assert codes[len(marks)] == 0
        assert record.header.entity_name == expected.entity_name  # type: ignore[attr-defined]
    path.unlink()
    junk.check_outputs()
