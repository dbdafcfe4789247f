"""``kz-checklists mark`` and ``header``: a record file updated in place, atomically, refusing
what ``validate`` refuses and leaving the file as it was on any error; and the one rule of
file safety that lets them write the file they read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kz_inspection_checklists.cli import main
from kz_inspection_checklists.record.files import dumps_record, read_record
from kz_inspection_checklists.record.record import new_record

IIN = "000101500120"


def record_file(tmp_path: Path, checklist: str = "communications") -> Path:
    path = tmp_path / "inspection.json"
    path.write_text(dumps_record(new_record(checklist)), encoding="utf-8")
    return path


def test_mark_sets_one_verdict_with_a_remark_in_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = record_file(tmp_path)
    path.chmod(0o640)
    assert main(["mark", str(path), "com-003", "not-applicable", "--remark", "no post"]) == 0
    record = read_record(path)
    assert record.answer("COM-003") == ("not-applicable", "no post")
    assert sum(v is not None for v in record.verdicts) == 1
    assert os.stat(path).st_mode & 0o777 == 0o640  # replaced whole, keeping its mode
    assert [p.name for p in tmp_path.iterdir()] == ["inspection.json"]  # no temporary left
    err = capsys.readouterr().err
    assert err.strip() == f"marked COM-003 not-applicable in {path} (1 of 72 requirements assessed)"


def test_mark_sets_several_pairs_and_reads_the_form_s_words(tmp_path: Path) -> None:
    path = record_file(tmp_path)
    words = ["COM-001=conforms", "COM-002=Does not conform to the requirements"]
    assert main(["mark", str(path), *words]) == 0
    assert main(["mark", str(path), "COM-001=not-assessed", "COM-072=conforms"]) == 0
    record = read_record(path)
    assert record.verdicts[:2] == (None, "does-not-conform") and record.verdicts[-1] == "conforms"


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (["COM-001", "yes"], "answers.COM-001: 'yes' is not a verdict; .* did you mean 'conforms'"),
        (["COM-999=conforms"], "answers.COM-999: unknown requirement ID"),
        (["EDS-001=conforms"], "belongs to checklist 'electronic-signature'"),
        (["COM-003=not-applicable"], "answers.COM-003: not-applicable needs a remark"),
        (["COM-001", "conforms", "COM-002"], "give ID VERDICT .*or one or more ID=VERDICT"),
        (["COM-001=conforms", "com-001=conforms"], "COM-001 is given twice"),
        (["COM-7=maybe", "COM-999=conforms"], r"'maybe' is not a verdict.*COM-7: .*COM-999: "),
    ],
)
def test_mark_refuses_a_bad_answer_in_one_line_and_leaves_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], answers: list[str], message: str
) -> None:
    path = record_file(tmp_path)
    before = path.read_bytes()
    assert main(["mark", str(path), *answers]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith("kz-checklists: error: ")
    assert pytest.importorskip("re").search(message, err), err
    assert path.read_bytes() == before


def test_mark_and_header_refuse_an_invalid_record_with_exit_1_and_leave_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = record_file(tmp_path)
    text = path.read_text(encoding="utf-8").replace('"iin_bin": null', '"iin_bin": "123456789012"')
    path.write_text(text, encoding="utf-8")
    for command in (
        ["mark", str(path), "COM-001", "conforms"],
        ["header", str(path), "--address", "x"],
    ):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"{path}: invalid inspection record, 1 problem:")
        assert "header.iin_bin: IIN/BIN '123456789012' fails its control digit" in err
        assert path.read_text(encoding="utf-8") == text


def test_header_sets_each_field_of_the_form_and_who_signs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = record_file(tmp_path)
    command = [
        "header",
        str(path),
        "--authority",
        "Ministry of Digital Development",
        "--assignment-act",
        "12-П",
        "2024-02-20",
        "--entity-name",
        "Example LLP",
        "--iin-bin",
        IIN,
        "--inspection-date",
        "2024-03-01",
        "--official",
        "Chief inspector=A. Akhmetov",
        "--official",
        "Inspector=C. Serikova",
        "--head",
        "Director=B. Bekova",
    ]
    assert main(command) == 0
    header = read_record(path).header
    assert header.authority == "Ministry of Digital Development"  # type: ignore[attr-defined]
    assert header.assignment_act.number == "12-П"  # type: ignore[attr-defined]
    assert header.assignment_act.date.isoformat() == "2024-02-20"  # type: ignore[attr-defined]
    assert [p.full_name for p in header.officials] == ["A. Akhmetov", "C. Serikova"]  # type: ignore[attr-defined]
    assert header.head.position == "Director"  # type: ignore[attr-defined]
    err = capsys.readouterr().err
    assert err.strip() == (
        "set authority, assignment_act, entity_name, iin_bin, inspection_date, officials, "
        f"head in {path} (1 header fields still blank)"
    )
    # --final: refused while the address is blank, then accepted once it is set.
    before = path.read_bytes()
    assert main(["header", str(path), "--final"]) == 2
    assert "header.address: missing in a final record" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert main(["header", str(path), "--address", "Astana", "--final"]) == 0
    assert read_record(path).final is True
    # A final record is frozen: --not-final reopens it. One --official replaces the list.
    assert main(["header", str(path), "--officials", "Expert=E. Omarov"]) == 2
    assert "--not-final" in capsys.readouterr().err
    assert main(["header", str(path), "--not-final", "--officials", "Expert=E. Omarov"]) == 0
    assert len(read_record(path).header.officials) == 1  # type: ignore[attr-defined]
    assert read_record(path).final is False


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--iin-bin", "123456789012"], "header.iin_bin: IIN/BIN '123456789012' fails"),
        (["--inspection-date", "01.03.2024"], "header.inspection_date: expected a date"),
        (["--inspection-date", "2019-01-01"], "before edition 2023-revision can have taken"),
        (["--assignment-act", "12", "2024-02-30"], "header.assignment_act.date: expected a date"),
        (["--head", "Director B. Bekova"], "--head: expected POSITION=FULL NAME"),
        ([], "nothing to set; give a header option"),
    ],
)
def test_header_refuses_a_bad_value_in_one_line_and_leaves_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    path = record_file(tmp_path)
    before = path.read_bytes()
    assert main(["header", str(path), *options]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err, err
    assert path.read_bytes() == before


def test_the_header_options_are_the_form_s_fields() -> None:
    from kz_inspection_checklists.cli import build_parser
    from kz_inspection_checklists.law.store import bundled

    parser = build_parser()
    header = parser._subparsers._group_actions[0].choices["header"]  # type: ignore[union-attr]
    options = {o for action in header._actions for o in action.option_strings}
    form = bundled().order.form
    for field in form.header:
        assert "--" + field.key.replace("_", "-") in options
    assert {"--inspection-date", "--official", "--officials", "--head", "--final"} <= options


# --- file safety: the in-place update, and nothing else ---------------------------------


def test_mark_may_write_its_record_but_no_other_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = record_file(tmp_path)
    before = path.read_bytes()
    link = tmp_path / "link.json"
    link.symlink_to(path)
    assert main(["mark", str(path), "COM-001", "conforms", "--edition", str(link)]) == 2
    err = capsys.readouterr().err
    assert "is updated in place, so it cannot also be --edition" in err
    assert path.read_bytes() == before
    # Through a link, the file it names is updated and the link kept.
    assert main(["mark", str(link), "COM-001", "conforms"]) == 0
    assert link.is_symlink() and read_record(path).verdicts[0] == "conforms"
    # Other commands still never write over their input.
    assert main(["export-record", str(path), "--format", "csv", "-o", str(path), "--force"]) == 2
    assert "refusing to write over the input file" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["missing", "directory", "fifo", "empty"])
def test_mark_refuses_a_record_that_is_not_an_existing_regular_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = tmp_path / "record.json"
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    name = "" if kind == "empty" else str(path)
    assert main(["mark", name, "COM-001", "conforms"]) == 2
    err = capsys.readouterr().err
    expected = {
        "missing": "no such file",
        "directory": "is a directory",
        "fifo": "is not a regular file",
        "empty": "RECORD: no file name given",
    }[kind]
    assert expected in err and len(err.strip().splitlines()) == 1


def test_mark_refuses_to_write_over_the_package_s_data() -> None:
    from kz_inspection_checklists.law.store import bundled

    data = Path(str(bundled().root)) / "order.json"
    before = data.read_bytes()
    assert main(["header", str(data), "--address", "x"]) == 2
    assert data.read_bytes() == before
