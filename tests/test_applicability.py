"""Applicability: the editorial reading of whom each requirement concerns, and the rule.

The data (``sources/editorial/applicability.json``) is checked against the texts: every
evidence phrase verbatim, every ID issued, every subject declared, no circle of
``broader``, an entry for every requirement. The rule is checked on small subject graphs
made up here (test data: no law names these subjects), and by the answers the bundled
data must give.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import tools.bundle
from hypothesis import given, settings
from hypothesis import strategies as st

import kz_inspection_checklists as kz
from kz_inspection_checklists.exceptions import DataFileError, InvalidInputError, UnknownNameError
from kz_inspection_checklists.law.applicability import (
    LAYER,
    Profile,
    Relation,
    Subject,
    applicability,
    closure,
    profile,
    profile_names,
    profiles,
    subjects,
    verdict,
)
from kz_inspection_checklists.law.store import Law, bundled
from kz_inspection_checklists.law.subjects import judge

from .conftest import SOURCES

DATA = tools.bundle.ORDERS / "V1900018805"
LAYER_SOURCE = SOURCES / "editorial" / f"{LAYER}.json"
POSTAL = [f"COM-{n:03d}" for n in range(63, 70)]


def raw() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(LAYER_SOURCE.read_text(encoding="utf-8"))
    return document


def texts() -> dict[str, str]:
    return {r.id: r.text for r in kz.edition("latest").requirements()}


def checklist_of() -> dict[str, str]:
    return {r.id: c.key for c in kz.checklists() for r in c.requirements}


# --- the data, against the texts --------------------------------------------------------


def test_the_layer_says_it_is_the_library_s_reading_and_not_the_law_s() -> None:
    layer = bundled().editorial(LAYER)
    assert layer.editorial is True and layer.name == LAYER
    assert "library's editorial reading" in layer.description
    assert "not the law's" in layer.description
    assert layer.extra["language"] == "en"


def test_every_requirement_has_an_entry() -> None:
    ids = {r.id for r in kz.edition("latest").requirements()}
    assert len(ids) == 87
    assert set(raw()["entries"]) == ids


def test_every_evidence_phrase_is_verbatim_in_its_requirement_s_text() -> None:
    found = texts()
    count = 0
    for rid, entry in raw()["entries"].items():
        for part in ("subjects", "conditions", "readings", "inferred"):
            for reading in entry[part]:
                assert reading["phrase"], rid
                assert reading["phrase"] in found[rid], (rid, reading["phrase"])
                count += 1
    assert count > 87


def test_every_subject_s_evidence_is_verbatim_in_the_title_or_text_it_names() -> None:
    found, owner = texts(), checklist_of()
    for key, table in raw()["extra"]["subjects"].items():
        title = kz.checklist(key).title
        for subject in table:
            assert subject["evidence"], subject["id"]
            for item in subject["evidence"]:
                if item["in"] == "title":
                    assert item["phrase"] in title, (subject["id"], item)
                else:
                    assert owner[item["in"]] == key, (subject["id"], item)
                    assert item["phrase"] in found[item["in"]], (subject["id"], item)


def test_each_title_subject_is_declared_with_its_title_words() -> None:
    for key, table in raw()["extra"]["subjects"].items():
        phrases = {e["phrase"] for s in table for e in s["evidence"] if e["in"] == "title"}
        assert set(kz.checklist(key).subjects) <= phrases, key


def test_every_subject_referenced_is_declared_for_its_checklist() -> None:
    document, owner = raw(), checklist_of()
    declared = {
        key: {s["id"] for s in table} for key, table in document["extra"]["subjects"].items()
    }
    for rid, entry in document["entries"].items():
        for part in ("subjects", "conditions", "readings", "inferred"):
            for reading in entry[part]:
                assert reading["subject"] in declared[owner[rid]], (rid, reading)
    for key, table in document["extra"]["subjects"].items():
        for subject in table:
            for other in (*subject["broader"], *subject["disjoint"]):
                assert other in declared[key], (key, subject["id"], other)
    for name, item in document["extra"]["profiles"].items():
        known = set().union(*(declared[key] for key in item["checklists"]))
        for sid in (*item["includes"], *item["excludes"]):
            assert sid in known, (name, sid)
        for key in item["checklists"]:
            assert set(item["includes"]) & declared[key], (name, key)


def test_the_broader_relation_has_no_circle() -> None:
    for key, table in raw()["extra"]["subjects"].items():
        up = {s["id"]: s["broader"] for s in table}
        for start in up:
            seen, todo = set(), list(up[start])
            while todo:
                sid = todo.pop()
                assert sid != start, f"{key}: {start} is broader than itself"
                if sid not in seen:
                    seen.add(sid)
                    todo += up[sid]


def test_a_reading_of_the_library_s_is_never_a_named_one_and_always_has_a_note() -> None:
    entries = raw()["entries"]
    read = [rid for rid, e in entries.items() if e["inferred"] or e["readings"]]
    assert len(read) == 15
    for rid in read:
        assert entries[rid]["note"], rid
    # Where the text names no one, only the library's readings say who: they must not
    # leak into the named subjects.
    named = {rid for rid, e in entries.items() if e["subjects"]}
    assert not named & {"COM-001", "COM-002", "COM-029", "INF-001", "EDS-004"}
    assert not {rid for rid, e in entries.items() if e["readings"]} & named


def test_conditions_on_the_object_are_conditions_not_subjects() -> None:
    entries, table = raw()["entries"], raw()["extra"]["subjects"]
    kinds = {(key, s["id"]): s.get("kind", "role") for key, t in table.items() for s in t}
    owner = checklist_of()
    # A licence, a permission, a notification, a fee.
    for rid in ("COM-004", "COM-005", "COM-006", "COM-007", "COM-061"):
        assert entries[rid]["subjects"] == [] and entries[rid]["conditions"], rid
    for rid, entry in entries.items():
        for reading in entry["subjects"]:
            assert kinds[(owner[rid], reading["subject"])] == "role", (rid, reading)


def test_every_relation_says_what_it_rests_on() -> None:
    found, owner = texts(), checklist_of()
    readings = set()
    for key, table in raw()["extra"]["subjects"].items():
        title = kz.checklist(key).title
        for subject in table:
            bases = {(r["relation"], r["subject"]): r for r in subject.get("relations", [])}
            pairs = [("broader", o) for o in subject["broader"]]
            pairs += [("disjoint", o) for o in subject["disjoint"]]
            assert sorted(bases) == sorted(pairs), subject["id"]
            for pair, relation in bases.items():
                if relation["basis"] == "reading":
                    assert relation["note"], (subject["id"], pair)
                    readings.add((subject["id"], *pair))
                    continue
                where, phrase = relation["in"], relation["phrase"]
                assert phrase in (title if where == "title" else found[where]), relation
                assert where == "title" or owner[where] == key
    # The two the library reads rather than finds in the words.
    assert ("postal-operator", "disjoint", "telecom-operator") in readings
    assert ("telecom-operator", "broader", "communication-service-provider") in readings


# --- the data as the library reads it ---------------------------------------------------


def test_the_known_answers() -> None:
    mobile = {r.id: r for r in applicability("communications", "mobile-operator")}
    postal = {r.id: r for r in applicability("communications", "postal-operator")}
    # The numbering resource (DEF codes) concerns a mobile operator.
    assert mobile["COM-011"].verdict == "applies"
    for rid in POSTAL:
        assert mobile[rid].verdict == "does-not-apply", rid
        assert postal[rid].verdict == "applies", rid
        assert mobile[rid].subjects == ("postal-operator",)
        assert "postal operator" in mobile[rid].evidence[0]
    assert [r for r, a in mobile.items() if a.verdict == "does-not-apply"] == POSTAL
    # Named for mobile operators, and for the dominant one: a question for a human.
    assert mobile["COM-041"].verdict == "applies"
    assert mobile["COM-050"].verdict == "undetermined"
    assert postal["COM-041"].verdict == "does-not-apply"


def test_a_reading_never_decides_does_not_apply() -> None:
    # COM-029 names no one; the library reads it as the cellular operator's, which the
    # postal profile excludes. A reading may make a requirement apply, never not apply.
    postal = {r.id: r for r in applicability("communications", "postal-operator")}
    assert [r.subject for r in postal["COM-029"].readings] == ["cellular-operator"]
    assert postal["COM-029"].subjects == ()
    assert postal["COM-029"].verdict == "undetermined"
    for item in profiles():
        for key in item.checklists:
            for found in applicability(key, item):
                if found.verdict == "does-not-apply":
                    assert found.basis in ("excluded", "condition-unmet"), found.id
                    # Every subject that decided it is excluded by the words alone.
                    _, by_words = closure(
                        subjects(key), item.includes, item.excludes, readings=False
                    )
                    decisive = (
                        found.subjects
                        if found.basis == "excluded"
                        else tuple(c.subject for c in found.conditions)
                    )
                    assert decisive and set(decisive) <= by_words, (item.id, found.id)


def test_a_relation_read_by_the_library_never_excludes() -> None:
    # The library reads postal operators as never telecom operators; "telecom operators"
    # may translate a term that covers them, so a profile of only a postal operator finds
    # the telecom operators' requirements undetermined, saying why.
    only_postal = Profile(
        id="p", title="P", checklists=("communications",), includes=("postal-operator",)
    )
    found = {r.id: r for r in applicability("communications", only_postal)}
    assert found["COM-052"].verdict == "undetermined"
    assert "a reading never decides" in found["COM-052"].reason
    assert found["COM-063"].verdict == "applies"
    # With the relation read as words, the same profile would exclude it.
    stated = Profile(
        id="q",
        title="Q",
        checklists=("communications",),
        includes=("postal-operator",),
        excludes=("telecom-operator",),
    )
    assert {r.id: r for r in applicability("communications", stated)}[
        "COM-052"
    ].verdict == "does-not-apply"


def test_the_audit_s_examples_read_no_more_than_the_words() -> None:
    mobile = {r.id: r for r in applicability("communications", "mobile-operator")}
    distance = {r.id: r for r in applicability("communications", "long-distance-operator")}
    postal = {r.id: r for r in applicability("communications", "postal-operator")}
    owner = {r.id: r for r in applicability("informatization", "information-system-owner")}
    # A fact the profile leaves unknown: the mobile operator's transport network.
    assert mobile["COM-013"].verdict == "undetermined"
    assert mobile["COM-013"].basis == "condition-open"
    # Subscribers, unknown for a long-distance operator.
    for rid in ("COM-027", "COM-028", "COM-034", "COM-036", "COM-039", "COM-040"):
        assert distance[rid].verdict == "undetermined", rid
        assert mobile[rid].verdict == "applies", rid
    # Personal data, unknown for an information-system owner.
    assert owner["INF-006"].verdict == owner["INF-009"].verdict == "undetermined"
    # The words decide: technical means of postal communication, as the library's reading.
    assert postal["COM-002"].verdict == "applies" and postal["COM-002"].relied_on
    # A text that names no one applies only by default, and says so.
    assert mobile["COM-003"].verdict == "applies-by-default"
    assert "by default" in mobile["COM-003"].reason and mobile["COM-003"].relied_on
    # A condition on the object decides where the profile states it.
    assert mobile["COM-004"].verdict == "applies" and mobile["COM-004"].basis == "condition"
    assert distance["COM-005"].verdict == "undetermined"
    for item in profiles():
        for key in item.checklists:
            for found in applicability(key, item):
                if found.verdict == "applies-by-default":
                    assert not (found.subjects or found.conditions or found.readings)
                if found.verdict == "applies" and found.basis == "reading":
                    assert found.relied_on and found.note


def test_each_result_quotes_its_evidence_and_says_why() -> None:
    for item in profiles():
        for key in item.checklists:
            for found in applicability(key, item):
                assert len(found.subjects) == len(found.evidence)
                assert found.quoted and found.language == "en"
                phrases = [r.phrase for r in (*found.conditions, *found.readings)]
                phrases += list(found.evidence)
                quoted = [p for p in phrases if f'"{p}"' in found.reason]
                # each names a phrase that decided it; one that excludes names every one
                if found.basis in ("excluded", "named-open"):
                    assert quoted == list(found.evidence), (item.id, found.id)
                elif found.basis.startswith("default"):
                    assert "title" in found.reason, (item.id, found.id)
                else:
                    assert quoted, (item.id, found.id)


def test_every_shipped_profile_is_consistent_and_lists_where_it_belongs() -> None:
    names = [p.id for p in profiles()]
    assert {"mobile-operator", "postal-operator", "long-distance-operator"} <= set(names)
    assert {"certification-centre", "registration-certificate-holder"} <= set(names)
    assert profile_names(bundled(), "communications") == tuple(
        p.id for p in profiles("communications")
    )
    assert all("communications" in p.checklists for p in profiles(4))
    assert subjects(kz.checklist("communications"))[0].checklist == "communications"


def test_evidence_is_the_english_text_s_for_a_checklist_in_another_language() -> None:
    # A checklist whose texts are made up here (test data, reversed words): the verdicts
    # are the same by ID, and the library says the phrases are not in this text.
    english = kz.checklist("communications")
    other = english.model_copy(
        update={
            "requirements": tuple(
                r.model_copy(update={"text": " ".join(reversed(r.text.split())), "language": "qps"})
                for r in english.requirements
            )
        }
    )
    ours = applicability(english, "mobile-operator")
    theirs = applicability(other, "mobile-operator")
    assert [r.verdict for r in theirs] == [r.verdict for r in ours]
    found = theirs[62]
    assert not found.quoted and found.language == "en"
    assert found.reason.startswith("the en text concerns")


# --- profiles by name and by file -------------------------------------------------------


def test_an_unknown_profile_gets_the_closest_name() -> None:
    with pytest.raises(UnknownNameError, match="did you mean 'postal-operator'") as caught:
        profile("postal-operater")
    assert caught.value.kind == "profile"


def test_a_profile_not_for_the_checklist_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="is for communications, not 'informatization'"):
        applicability("informatization", "mobile-operator")


def write(tmp_path: Path, body: Any, name: str = "ours.json") -> Path:
    path = tmp_path / name
    path.write_text(body if isinstance(body, str) else json.dumps(body), encoding="utf-8")
    return path


def test_a_profile_file_is_read_and_decides_like_a_shipped_one(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {"profile": {"extends": "mobile-operator", "includes": ["dominant-operator"]}},
    )
    ours = profile(path)
    assert ours.id == "ours" and ours.source == "ours.json" and ours.ref == "ours.json"
    assert ours.checklists == ("communications",)
    found = {r.id: r.verdict for r in applicability("communications", str(path))}
    assert found["COM-050"] == "applies"
    assert found["COM-063"] == "does-not-apply"
    plain = write(tmp_path, {"profile": {"includes": ["postal-operator"]}}, "post.json")
    assert profile(plain).checklists == ("communications",)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"profile": {"includes": ["celular-operator"]}},
            "'celular-operator'.*'cellular-operator'",
        ),
        (
            {"profile": {"includes": ["cellular-operator"], "excludes": ["telecom-operator"]}},
            "both includes and excludes",
        ),
        (
            {"profile": {"includes": ["postal-operator", "telecom-operator"]}},
            "both includes and excludes",
        ),
        ({"profile": {"include": ["postal-operator"]}}, "is not a profile at profile.include"),
        ({"profile": {}}, "decides nothing"),
        ({"includes": ["postal-operator"]}, "is not a profile"),
        (
            '{"profile": {"includes": ["postal-operator"], "includes": []}}',
            "gives the key 'includes' twice",
        ),
        ("{not json", "is not JSON text"),
        (
            {"profile": {"checklists": ["comunications"], "includes": ["x"]}},
            "did you mean 'communications'",
        ),
    ],
)
def test_a_bad_profile_file_is_refused_saying_why(tmp_path: Path, body: Any, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        profile(write(tmp_path, body))


def test_a_missing_profile_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="cannot read profile file"):
        profile(tmp_path / "none.json")


# --- the data files refuse what is wrong ------------------------------------------------


def _sources_with(tmp_path: Path, change: Any) -> Path:
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    path = sources / "editorial" / f"{LAYER}.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")
    return sources


def test_the_build_refuses_an_id_never_issued(tmp_path: Path) -> None:
    def bad(document: dict[str, Any]) -> None:
        document["entries"]["COM-999"] = {"subjects": [], "inferred": []}

    with pytest.raises(ValueError, match="unknown: COM-999"):
        tools.bundle.build(_sources_with(tmp_path, bad), orders=tools.bundle.ORDERS)


def _law_with(tmp_path: Path, change: Any) -> Law:
    folder = tmp_path / "V1900018805"
    shutil.copytree(DATA, folder)
    path = folder / "editorial" / f"{LAYER}.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")
    return Law(folder)


def _undeclared(document: dict[str, Any]) -> None:
    document["entries"]["COM-001"]["subjects"] = [{"subject": "ghost", "phrase": "subscribers"}]


def _circle(document: dict[str, Any]) -> None:
    table = document["extra"]["subjects"]["communications"]
    found = next(s for s in table if s["id"] == "telecom-operator")
    found["broader"] = [*found["broader"], "cellular-operator"]


def _unexplained(document: dict[str, Any]) -> None:
    table = document["extra"]["subjects"]["communications"]
    found = next(s for s in table if s["id"] == "postal-operator")
    del found["relations"][0]["note"]


def _unknown_id(document: dict[str, Any]) -> None:
    document["entries"]["COM-999"] = {"subjects": [], "inferred": []}


def _bad_profile(document: dict[str, Any]) -> None:
    document["extra"]["profiles"]["mobile-operator"]["includes"].append("postal-operator")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_undeclared, "COM-001 names the subject 'ghost'"),
        (_circle, "in a circle: .*telecom-operator -> cellular-operator -> telecom-operator"),
        (_unknown_id, "never issued: COM-999"),
        (_bad_profile, "'mobile-operator' both includes and excludes"),
        (_unexplained, "the reading disjoint 'telecom-operator' has no note"),
    ],
    ids=["undeclared", "circle", "unknown-id", "profile", "unexplained-reading"],
)
def test_a_data_file_edited_wrong_is_refused(tmp_path: Path, change: Any, message: str) -> None:
    law = _law_with(tmp_path, change)
    with pytest.raises(DataFileError, match=message):
        profiles(law=law)


def _shape(document: dict[str, Any]) -> None:
    document["entries"]["COM-001"]["subjects"] = 5


def _no_checklist(document: dict[str, Any]) -> None:
    document["extra"]["subjects"]["nope"] = []


def _twice(document: dict[str, Any]) -> None:
    table = document["extra"]["subjects"]["communications"]
    table.append(dict(table[0]))


def _condition_as_subject(document: dict[str, Any]) -> None:
    document["entries"]["COM-001"]["subjects"] = [
        {"subject": "subscriber-service-provider", "phrase": "subscribers"}
    ]


def _undeclared_condition(document: dict[str, Any]) -> None:
    document["entries"]["COM-001"]["conditions"] = [{"subject": "ghost", "phrase": "subscribers"}]


def _reading_without_note(document: dict[str, Any]) -> None:
    document["entries"]["COM-002"]["note"] = None


def _inferred_without_note(document: dict[str, Any]) -> None:
    document["entries"]["INF-001"]["note"] = None


def _reading_beside_subjects(document: dict[str, Any]) -> None:
    document["entries"]["COM-002"]["subjects"] = [
        {"subject": "telecom-operator", "phrase": "operators"}
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _shape,
            r"editorial/applicability\.json is not in the expected shape at COM-001\.subjects: ",
        ),
        (_no_checklist, r"editorial/applicability\.json declares subjects of no checklist 'nope'$"),
        (_twice, r"editorial/applicability\.json declares a subject of 'communications' twice$"),
        (
            _condition_as_subject,
            r"COM-001 names the condition 'subscriber-service-provider' as a subject; list it under 'conditions'",
        ),
        (
            _undeclared_condition,
            r"COM-001 names the subject 'ghost', which checklist 'communications' does not declare",
        ),
        (_reading_without_note, r"COM-002 has a reading of the library's and no note$"),
        (_inferred_without_note, r"INF-001 has a reading of the library's and no note$"),
        (
            _reading_beside_subjects,
            r"COM-002 has both named subjects and a reading; a reading is for a text that names no one",
        ),
    ],
    ids=[
        "shape",
        "no-checklist",
        "twice",
        "condition",
        "undeclared-condition",
        "no-note",
        "inferred-no-note",
        "both",
    ],
)
def test_each_mistake_in_the_layer_is_named(tmp_path: Path, change: Any, message: str) -> None:
    law = _law_with(tmp_path, change)
    with pytest.raises(DataFileError, match=message):
        profiles(law=law)


def test_a_checklist_s_subjects_and_profiles_are_its_own_law_s(tmp_path: Path) -> None:
    def renamed(document: dict[str, Any]) -> None:
        document["extra"]["subjects"]["communications"][0]["name"] = "renamed for a test"
        mobile = document["extra"]["profiles"]["mobile-operator"]
        mobile["title"] = "renamed for a test"
        mobile["includes"] = [s for s in mobile["includes"] if s != "cellular-operator"]

    law = _law_with(tmp_path, renamed)
    checklist = law.checklist("communications")
    # The mobile operator of this Law is no longer a cellular one.
    assert [r.verdict for r in applicability(checklist, "mobile-operator")] != [
        r.verdict for r in applicability("communications", "mobile-operator")
    ]
    path = tmp_path / "mine.json"
    path.write_text('{"profile": {"extends": "mobile-operator"}}', encoding="utf-8")
    assert profile(path, law=law).includes == profile("mobile-operator", law=law).includes
    assert next(iter(subjects(checklist))).name == "renamed for a test"
    assert next(p for p in profiles(checklist) if p.id == "mobile-operator").title == (
        "renamed for a test"
    )


def test_a_profile_made_in_python_is_checked_as_a_file_is() -> None:
    shipped = profile("mobile-operator")
    with pytest.raises(
        InvalidInputError, match=r"^profile 'x': includes\.0 holds the character U\+001B"
    ):
        applicability(
            "communications", shipped.model_copy(update={"id": "x", "includes": ("a\x1b",)})
        )
    both = shipped.model_copy(
        update={"id": "y", "excludes": (*shipped.excludes, shipped.includes[0])}
    )
    with pytest.raises(
        InvalidInputError, match=f"both includes and excludes {shipped.includes[0]!r} in checklist"
    ):
        applicability("communications", both)


# --- the rule, on subject graphs made up here -------------------------------------------


def made(sid: str, broader: tuple[str, ...] = (), disjoint: tuple[str, ...] = ()) -> Subject:
    return Subject(
        id=sid, name=sid, checklist="test", evidence=(), broader=broader, disjoint=disjoint
    )


#: Test data: a made-up graph. A gadget maker is a maker; makers are never painters.
GRAPH = [
    made("maker", disjoint=("painter",)),
    made("gadget-maker", broader=("maker",)),
    made("painter"),
    made("fine-painter", broader=("painter",)),
    made("person"),
]


def test_closure_follows_broader_up_and_exclusions_down() -> None:
    included, excluded = closure(GRAPH, ["gadget-maker"], [])
    assert included == {"gadget-maker", "maker"}
    assert excluded == {"painter", "fine-painter"}  # disjoint, and what is narrower
    included, excluded = closure(GRAPH, [], ["painter"])
    assert included == set() and excluded == {"painter", "fine-painter"}
    # disjoint is read both ways
    included, excluded = closure(GRAPH, ["fine-painter"], [])
    assert excluded == {"maker", "gadget-maker"}


def test_the_verdicts_on_the_made_up_graph() -> None:
    included, excluded = closure(GRAPH, ["gadget-maker"], [])
    title = ("maker", "person")
    assert verdict({"maker"}, title, included, excluded) == "applies"
    assert verdict({"fine-painter"}, title, included, excluded) == "does-not-apply"
    assert verdict({"fine-painter", "person"}, title, included, excluded) == "undetermined"
    assert verdict(set(), title, included, excluded) == "applies-by-default"
    included, excluded = closure(GRAPH, ["painter"], ["person"])
    # The title does not bound whom a requirement concerns: never does-not-apply by it.
    assert verdict(set(), title, included, excluded) == "undetermined"
    assert verdict(set(), (), included, excluded) == "undetermined"


def _read(sid: str, **more: Any) -> Subject:
    return Subject(id=sid, name=sid, checklist="test", evidence=(), **more)


#: Test data: a made-up graph where one relation is the library's reading.
READ = {
    "maker": _read("maker"),
    "gadget-maker": _read(
        "gadget-maker",
        broader=("maker",),
        relations=(Relation(relation="broader", subject="maker", basis="reading", note="n"),),
    ),
    "painter": _read(
        "painter",
        disjoint=("maker",),
        relations=(Relation(relation="disjoint", subject="maker", basis="reading", note="n"),),
    ),
    "licensed": _read("licensed", kind="condition"),
}


def test_judge_follows_readings_to_apply_but_never_to_exclude() -> None:
    found = judge(READ, named=["maker"], includes=["gadget-maker"])
    assert found.verdict == "applies" and [r.note for r in found.relied_on] == ["n"]
    assert judge(READ, named=["maker"], includes=["maker"]).relied_on == ()
    # Disjoint by a reading: undetermined, and the reading is named.
    found = judge(READ, named=["maker"], includes=["painter"])
    assert found.verdict == "undetermined" and found.read_out == ("maker",)
    assert judge(READ, named=["maker"], excludes=["maker"]).verdict == "does-not-apply"


def test_judge_lets_a_condition_decide_only_where_the_profile_states_it() -> None:
    assert judge(READ, conditions=["licensed"], includes=["licensed"]).verdict == "applies"
    assert judge(READ, conditions=["licensed"], excludes=["licensed"]).verdict == ("does-not-apply")
    # Unknown: undetermined, even where the named role applies.
    found = judge(READ, named=["maker"], conditions=["licensed"], includes=["maker"])
    assert found.verdict == "undetermined" and found.basis == "condition-open"
    found = judge(READ, named=["maker"], conditions=["licensed"], includes=["maker", "licensed"])
    assert found.verdict == "applies"
    # A recorded reading applies, shown as such; never excludes.
    assert judge(READ, readings=["maker"], includes=["maker"]).basis == "reading"
    assert judge(READ, readings=["maker"], excludes=["maker"]).verdict == "undetermined"
    # No one named: by default.
    assert judge(READ, title=["maker"], includes=["maker"]).verdict == "applies-by-default"
    assert judge(READ, title=["maker"], excludes=["maker"]).verdict == "undetermined"


@st.composite
def graphs(draw: Any) -> tuple[list[Subject], list[str]]:
    """A made-up subject graph: broader only to later subjects, so it has no circle."""
    count = draw(st.integers(min_value=1, max_value=7))
    names = [f"s{i}" for i in range(count)]
    table = []
    for i, sid in enumerate(names):
        later = names[i + 1 :]
        broader = draw(st.lists(st.sampled_from(later), unique=True)) if later else []
        disjoint = draw(st.lists(st.sampled_from(later), unique=True, max_size=1)) if later else []
        table.append(made(sid, tuple(broader), tuple(disjoint)))
    return table, names


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_the_rule_s_properties_on_made_up_graphs(data: Any) -> None:
    table, names = data.draw(graphs())
    pick = st.lists(st.sampled_from(names), unique=True)
    includes, excludes, more = data.draw(pick), data.draw(pick), data.draw(pick)
    named, title = data.draw(pick), data.draw(pick)
    included, excluded = closure(table, includes, excludes)
    found = verdict(named, title, included, excluded)
    by_id = {s.id: s for s in table}
    # Included is closed upwards; excluded downwards, and holds what is disjoint.
    for sid in included:
        assert set(by_id[sid].broader) <= included
    for s in table:
        if set(s.broader) & excluded:
            assert s.id in excluded
        if s.id in included:
            assert set(s.disjoint) <= excluded
    # A profile that includes nothing finds nothing that applies.
    assert verdict(named, title, *closure(table, [], excludes)) != "applies"
    # A named subject the profile includes makes it apply.
    if set(named) & set(includes):
        assert found == "applies"
    # More exclusions never turn does-not-apply into anything else, nor make it apply.
    wider = verdict(named, title, *closure(table, includes, [*excludes, *more]))
    if found == "does-not-apply":
        assert wider == "does-not-apply"
    assert (wider == "applies") == (found == "applies")
    # More inclusions never take away an applies.
    if found == "applies":
        assert verdict(named, title, *closure(table, [*includes, *more], excludes)) == "applies"


def test_a_profile_built_in_python_is_checked() -> None:
    ours = Profile(
        id="ours", title="Ours", checklists=("communications",), includes=("ghost-operator",)
    )
    with pytest.raises(InvalidInputError, match="'ghost-operator'"):
        applicability("communications", ours)


def test_the_top_level_api_has_applicability() -> None:
    assert kz.applicability is applicability
    assert "applicability" in kz.__all__
