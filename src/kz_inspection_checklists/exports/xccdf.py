"""XCCDF 1.2: a checklist as a Benchmark of manual Rules; a record adds a TestResult.

Each requirement is one Rule with the ID ``xccdf_org.pypi.kz-inspection-checklists_rule_<ID>``,
the requirement's number as the Rule's ``version``, its verbatim text as the ``title``
and its stable ID as an ``ident``. Rules have no automated check: an inspector assesses
them. For a record, the TestResult maps the verdicts to XCCDF results (``conforms`` to
``pass``, ``does-not-conform`` to ``fail``, ``not-applicable`` to ``notapplicable``,
not assessed to ``notchecked``), carries remarks as messages and the four scores of the
record (``urn:xccdf:scoring:default``, ``flat``, ``flat-unweighted``, ``absolute``).
The TestResult's target is the inspected entity's name, and its ``target-facts`` hold
one fact, the entity's IIN/BIN (:data:`IIN_BIN_FACT`), where the record has one: facts
of the inspected entity, never of the machine that made the export.
The Benchmark carries one ``Profile`` per shipped profile of an entity for the checklist
(:mod:`~kz_inspection_checklists.law.applicability`): a Rule whose text names only
subjects the profile excludes is not selected, and each undetermined Rule, or one that
applies only by the library's default reading, is selected
with a remark saying so; the Profile's description says it is the library's reading.
The Benchmark's ``notice`` says what the text is (publisher, language, official or not,
from the edition's ``source``); its ``status`` is ``accepted`` for a bundled edition's
checklist and ``draft`` for one from an edition file. The TestResult's ``end-time`` is
when the document was made (``when``, else ``SOURCE_DATE_EPOCH``, else now), not the
date of inspection, which is a ``remark`` of the TestResult.
Made with the standard library; ``oscap xccdf validate`` accepts it.

>>> from kz_inspection_checklists import checklist
>>> from kz_inspection_checklists.exports.view import form_view
>>> xml = xccdf_document(form_view(checklist("electronic-signature"))).decode()
>>> xml.count("<Rule "), 'id="xccdf_org.pypi.kz-inspection-checklists_rule_EDS-004"' in xml
(4, True)
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from typing import Any, Optional

from ..law.applicability import applicability, profile, profile_names
from ..law.edition import Checklist
from ..law.store import law_of
from ..record.scoring import decimal_text
from ..record.verdicts import CONFORMS, DOES_NOT_CONFORM, NOT_APPLICABLE, NOT_ASSESSED
from ._shared import NAMESPACE, OSCAL_NS, iso, rule_id, source_line, timestamp
from .view import FormView

__all__ = [
    "IIN_BIN_FACT",
    "RESULTS",
    "STATUS",
    "XCCDF_NS",
    "benchmark_id",
    "profile_id",
    "render",
    "testresult_id",
    "xccdf_document",
]

XCCDF_NS = "http://checklists.nist.gov/xccdf/1.2"
_DC_NS = "http://purl.org/dc/elements/1.1/"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: The system URI of the ``ident`` that carries a requirement's stable ID.
IDENT_SYSTEM = OSCAL_NS + "requirement-id"
#: The name of the TestResult's fact that holds the inspected entity's IIN/BIN.
IIN_BIN_FACT = OSCAL_NS + "iin-bin"

#: The Benchmark's ``status``, by whether the checklist is a bundled edition's, unchanged.
STATUS = {True: "accepted", False: "draft"}

#: Our verdicts as XCCDF rule results.
RESULTS = {
    CONFORMS: "pass",
    DOES_NOT_CONFORM: "fail",
    NOT_APPLICABLE: "notapplicable",
    NOT_ASSESSED: "notchecked",
}


def _sub(parent: ET.Element, tag: str, text: Optional[str] = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def benchmark_id(checklist_key: str) -> str:
    """The Benchmark ID of a checklist."""
    return f"xccdf_{NAMESPACE}_benchmark_{checklist_key}"


def profile_id(name: str) -> str:
    """The XCCDF Profile ID of a shipped profile of an entity."""
    return f"xccdf_{NAMESPACE}_profile_{name}"


#: What every Profile's description adds: whose reading it is, and what it selects.
PROFILE_NOTE = (
    "Editorial: this library's reading of whom each requirement's text names, not the "
    "law's. The Rules whose text names only subjects this profile excludes are not "
    "selected; a select with a remark marks each undetermined Rule, for a human to decide, "
    "and each Rule that applies only by the library's default reading (its text names no "
    "one)."
)

#: The remark that opens each marked select, by verdict.
_MARKED = {
    "undetermined": "Undetermined, for a human to decide",
    "applies-by-default": "Applies by default, the library's reading: the text names no one",
    "does-not-apply": "Does not apply",
}


def _profiles(benchmark: ET.Element, checklist: Checklist) -> None:
    """One Profile per shipped profile of the checklist (none where the order has none)."""
    law = law_of(checklist)
    for name in profile_names(law, checklist.key):
        described = profile(name, law=law)
        element = _sub(benchmark, "Profile", id=profile_id(name))
        _sub(element, "title", described.title).set(_XML_LANG, "en")
        _sub(element, "description", f"{described.description} {PROFILE_NOTE}").set(_XML_LANG, "en")
        for result in applicability(checklist, described):
            if result.verdict == "applies":
                continue
            fits = result.verdict != "does-not-apply"
            select = _sub(
                element,
                "select",
                idref=rule_id(result.id),
                selected="true" if fits else "false",
            )
            what = _MARKED[result.verdict]
            _sub(select, "remark", f"{what}: {result.reason}.").set(_XML_LANG, "en")


def testresult_id(name: str) -> str:
    """A TestResult ID; ``name`` is reduced to the characters an XML name may hold."""
    safe = re.sub(r"[^A-Za-z0-9.-]+", "-", name).strip("-") or "record"
    return f"xccdf_{NAMESPACE}_testresult_{safe}"


def _test_result(
    benchmark: ET.Element, view: FormView, when: datetime.datetime, language: str
) -> None:
    checklist = view.checklist
    result = _sub(
        benchmark,
        "TestResult",
        id=testresult_id(view.record_id or f"{checklist.key}-{checklist.edition}"),
        **{"end-time": iso(when)},
    )
    _sub(result, "title", f"Inspection: {checklist.title}").set(_XML_LANG, language)
    if view.inspection_date:
        _sub(result, "remark", f"Date of inspection: {view.inspection_date}").set(_XML_LANG, "en")
    if view.value_of("authority"):
        _sub(result, "organization", view.value_of("authority"))
    _sub(result, "target", view.entity_name or "entity not named")
    iin_bin = view.value_of("entity-id")
    if iin_bin:
        # The target is the entity inspected: its IIN/BIN is a fact about it.
        facts = _sub(result, "target-facts")
        _sub(facts, "fact", iin_bin, name=IIN_BIN_FACT, type="string")
    for row in view.rows:
        rule_result = _sub(result, "rule-result", idref=rule_id(row.requirement.id))
        _sub(rule_result, "result", RESULTS[row.verdict])
        _sub(rule_result, "ident", row.requirement.id, system=IDENT_SYSTEM)
        if row.remark:
            _sub(rule_result, "message", row.remark, severity="info")
    # An undefined score (e.g. absolute while incomplete) is left out; flat, which the
    # schema's one required score can always be, is 0 of 0 when nothing is assessed.
    assert view.score is not None
    for system, value, maximum in view.score.models:
        if value is not None:
            _sub(result, "score", decimal_text(value), system=system, maximum=decimal_text(maximum))


def xccdf_document(view: FormView, *, when: Optional[datetime.datetime] = None) -> bytes:
    """The Benchmark (with a TestResult for a record) as UTF-8 XML bytes."""
    checklist = view.checklist
    language = checklist.requirements[0].language if checklist.requirements else "en"
    benchmark = ET.Element(
        # Tags stay unqualified and the root declares the default namespace, so the
        # document reads <Benchmark xmlns="..."> without a prefix.
        "Benchmark",
        {
            "xmlns": XCCDF_NS,
            "id": benchmark_id(checklist.key),
            "resolved": "1",
            _XML_LANG: language,
        },
    )
    # XCCDF's status says how far the Benchmark is from final. Only a bundled edition's
    # checklist, as the library ships it, is "accepted"; one from an edition file (an
    # import not reviewed as part of a release, or edited) is a "draft".
    _sub(benchmark, "status", STATUS[view.bundled])
    _sub(benchmark, "title", checklist.title).set(_XML_LANG, language)
    _sub(benchmark, "description", checklist.annex_caption).set(_XML_LANG, language)
    _sub(
        benchmark,
        "notice",
        f"{view.notice} The requirement IDs are this library's, not the law's.",
        id="text",
    ).set(_XML_LANG, "en")
    _sub(benchmark, "reference", source_line(checklist))
    _sub(benchmark, "version", checklist.edition)
    metadata = _sub(benchmark, "metadata", **{"xmlns:dc": _DC_NS})
    _sub(metadata, "dc:source", source_line(checklist))
    _sub(metadata, "dc:language", language)
    for system in ("default", "flat", "flat-unweighted", "absolute"):
        _sub(benchmark, "model", system=f"urn:xccdf:scoring:{system}")
    _profiles(benchmark, checklist)
    for requirement in checklist.requirements:
        rule = _sub(
            benchmark,
            "Rule",
            id=rule_id(requirement.id),
            selected="true",
            severity="unknown",
        )
        _sub(rule, "version", str(requirement.number))
        _sub(rule, "title", requirement.text).set(_XML_LANG, requirement.language)
        _sub(rule, "ident", requirement.id, system=IDENT_SYSTEM)
    if view.filled:
        _test_result(benchmark, view, timestamp(when), language)
    tree = ET.ElementTree(benchmark)
    ET.indent(tree, space="  ")
    body = ET.tostring(benchmark, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def render(view: FormView, options: Any) -> bytes:
    """The Benchmark as UTF-8 XML; a TestResult's end-time is ``options.when``."""
    return xccdf_document(view, when=options.when)
