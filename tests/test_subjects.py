"""The applicability rule on made-up graphs: relations resting on the words or on a reading.

Test data: the subjects below are made up, and say nothing of the law.
"""

from __future__ import annotations

from typing import Any

import pytest

from kz_inspection_checklists.law.subjects import (
    Relation,
    Subject,
    closure,
    graph_problem,
    judge,
    upwards,
)


def made(sid: str, **fields: Any) -> Subject:
    return Subject(id=sid, name=sid, checklist="test", evidence=(), **fields)


def reading(relation: str, other: str) -> Relation:
    return Relation(relation=relation, subject=other, basis="reading", note="a made-up reading")


def words(relation: str, other: str) -> Relation:
    return Relation(relation=relation, subject=other, basis="words", where="title", phrase="x")


#: A cellular operator is an operator by the library's reading; a wire operator by the
#: words (a relation listed) and a radio operator by the words (no relation listed, the
#: default); an operator is no postal operator by a reading, no printer by the words.
TABLE = {
    s.id: s
    for s in (
        made("cell", broader=("op", "radio"), relations=(reading("broader", "op"),)),
        made("wire", broader=("op",), relations=(words("broader", "op"),)),
        made("radio", broader=("op",)),
        made(
            "op",
            disjoint=("post", "printer"),
            relations=(reading("disjoint", "post"),),
        ),
        made("post"),
        made("printer"),
        made("small-printer", broader=("printer",)),
        made("lic", kind="condition"),
        made("holder", broader=("lic",), relations=(reading("broader", "lic"),)),
    )
}


def test_the_table_is_a_graph_the_rule_takes() -> None:
    assert graph_problem(TABLE) is None


def test_upwards_by_the_words_only_leaves_the_readings_out() -> None:
    assert upwards(TABLE, ["cell"]) == {"cell", "op", "radio"}
    assert upwards(TABLE, ["cell"], readings=False) == {"cell", "radio", "op"}  # via radio
    assert upwards(TABLE, ["holder"], readings=False) == {"holder"}
    assert upwards(TABLE, ["holder"]) == {"holder", "lic"}
    assert upwards(TABLE, ["wire"], readings=False) == {"wire", "op"}
    assert upwards(TABLE, ["ghost"]) == {"ghost"}


def test_closure_by_the_words_only_excludes_by_the_words_only() -> None:
    included, excluded = closure(TABLE.values(), ["wire"], [])
    assert included == {"wire", "op"}
    assert excluded == {"post", "printer", "small-printer"}
    included, excluded = closure(TABLE.values(), ["wire"], [], readings=False)
    assert included == {"wire", "op"}
    assert excluded == {"printer", "small-printer"}  # not post: that rests on a reading
    # Excluding a subject excludes what is narrower, by the relations followed.
    assert "holder" in closure(TABLE.values(), [], ["lic"])[1]
    assert "holder" not in closure(TABLE.values(), [], ["lic"], readings=False)[1]
    # A subject the table does not declare is followed no further.
    assert closure(TABLE.values(), ["ghost"], ["phantom"]) == ({"ghost"}, {"phantom"})


def test_a_verdict_names_the_readings_it_rests_on() -> None:
    found = judge(TABLE, title=["lic"], includes=["holder"])
    assert (found.verdict, found.basis, found.decisive) == (
        "applies-by-default",
        "default",
        ("lic",),
    )
    assert found.relied_on == (reading("broader", "lic"),)
    found = judge(TABLE, named=["op"], conditions=["lic"], includes=["ghost", "holder", "wire"])
    assert (found.verdict, found.decisive) == ("applies", ("op",))
    assert found.relied_on == (reading("broader", "lic"),)  # the condition, met by a reading
    found = judge(TABLE, conditions=["lic"], includes=["holder"])
    assert (found.verdict, found.basis, found.relied_on) == (
        "applies",
        "condition",
        (reading("broader", "lic"),),
    )


def test_the_words_decide_before_the_readings() -> None:
    found = judge(TABLE, named=["op", "post"], includes=["wire", "post"])
    assert (found.verdict, found.decisive, found.relied_on) == ("applies", ("op", "post"), ())
    found = judge(TABLE, named=["lic", "radio"], includes=["holder", "radio"])
    assert (found.verdict, found.decisive, found.relied_on) == ("applies", ("radio",), ())


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        (
            [made("a", broader=("b",)), made("b", disjoint=("a",))],
            "'b' is both disjoint from and related by 'broader' to 'a'",
        ),
        (
            [made("a", broader=("b",), relations=(words("disjoint", "b"),)), made("b")],
            "'a' says what its disjoint relation to 'b' rests on, but declares it not, or twice",
        ),
        (
            [
                made("a", broader=("b",), relations=(words("broader", "b"), words("broader", "b"))),
                made("b"),
            ],
            "'a' says what its broader relation to 'b' rests on, but declares it not, or twice",
        ),
        (
            [
                made(
                    "a",
                    broader=("b",),
                    relations=(
                        Relation(relation="broader", subject="b", basis="words", where="title"),
                    ),
                ),
                made("b"),
            ],
            "'a': broader 'b' rests on words but quotes none",
        ),
        (
            [
                made("a", broader=("b", "c")),
                made("b", broader=("d",)),
                made("c", broader=("d",)),
                made("d", broader=("a",)),
            ],
            "'broader' goes round in a circle: a -> b -> d -> a",
        ),
    ],
)
def test_a_graph_the_rule_cannot_take_is_refused_saying_why(
    table: list[Subject], problem: str
) -> None:
    assert graph_problem({s.id: s for s in table}) == problem
