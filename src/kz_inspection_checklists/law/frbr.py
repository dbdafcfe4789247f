"""The order's names in the Akoma Ntoso naming convention: FRBR URIs, languages and wIds.

The exporter writes them and the importer reads them, so both take them from here.

- The work is the original act: ``/akn/kz/act/<subtype>/<date>/<number>``, the subtype
  ``joint-order`` for an act of two ministers (``order`` for one), the date of the first
  minister's order, and the numbers in the order the text names them, joined by ``-``
  (a ``/`` and letters outside ASCII written as a URI's number allows: ``114/НҚ`` is
  ``114-nk``).
- An expression adds its language (ISO 639-2) and version: ``@`` and the date of the
  last amendment applied (the amending act's date), or ``@`` alone as first made.
- A requirement's ``wId`` is ``att_<annex>__hcontainer_2__point_<ID>``: its element's
  ``eId`` with its stable ID in the place of its position.

>>> from kz_inspection_checklists import order
>>> work_uri(order())
'/akn/kz/act/joint-order/2019-06-04/114-nk-52'
>>> language_code("en"), language_of("eng"), language_of("qps")
('eng', 'en', 'qps')
>>> requirement_wid(4, "COM-001"), id_of_wid("att_4__hcontainer_2__point_COM-001")
('att_4__hcontainer_2__point_COM-001', 'COM-001')
"""

from __future__ import annotations

import datetime
import re
from typing import Optional

from ..exceptions import DataFileError, InvalidInputError
from .order import Act, Order

__all__ = [
    "AKN_NS",
    "LANGUAGES",
    "act_uri",
    "id_of_wid",
    "language_code",
    "language_of",
    "original_act",
    "requirement_wid",
    "version",
    "work_uri",
]

#: The Akoma Ntoso 3.0 namespace.
AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

#: ISO 639-1 codes of the law's languages and their ISO 639-2 codes, which Akoma Ntoso
#: names expressions by; a code reserved for local use (qaa to qtz) is both.
LANGUAGES = {"en": "eng", "kk": "kaz", "ru": "rus"}

#: Latin letters for the Cyrillic ones a Kazakh act number may hold.
_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
_LATIN = (
    "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e yu ya a g k n o u u h i"
)
_TO_LATIN = dict(zip(_CYRILLIC, _LATIN.split(" ")))

_WID = re.compile(r"^att_\d+__hcontainer_2__point_(?P<id>\S+)$")


def language_code(language: str) -> str:
    """The ISO 639-2 code of a language the library names by ISO 639-1 (``en``: ``eng``)."""
    if language in LANGUAGES:
        return LANGUAGES[language]
    if len(language) == 3:
        return language
    raise InvalidInputError(
        f"no ISO 639-2 code is known for language {language!r}; Akoma Ntoso names an "
        f"expression's language so; the library knows: {', '.join(LANGUAGES)}"
    )


def language_of(code: str) -> str:
    """The library's code (ISO 639-1, or one for local use) of an ISO 639-2 code."""
    for short, long in LANGUAGES.items():
        if long == code:
            return short
    return code


def slug(text: str) -> str:
    """``text`` as a URI's component: lower case ASCII letters and digits joined by ``-``."""
    letters = "".join(_TO_LATIN.get(c, c) for c in text.lower()).replace("-", " ")
    return re.sub(r"[^a-z0-9]+", "-", letters).strip("-") or "nn"


def original_act(order: Order) -> Act:
    """The act that made the order."""
    return next(act for act in order.acts if act.kind == "original")


def act_date(act: Act) -> datetime.date:
    """The date of an act's first issuer's order, which names it; an act whose source
    gives it no date cannot be named, and raises :class:`DataFileError`."""
    first = act.issuers[0].date.date if act.issuers else None
    if first is None:
        raise DataFileError(
            f"act {act.id!r} has no date in its source, and an Akoma Ntoso name needs one; "
            "this library gives no date that no source gives"
        )
    return first


def act_uri(act: Act) -> str:
    """The FRBR work URI of an act (the order's own, or one that amended it)."""
    day = act_date(act).isoformat()
    subtype = "joint-order" if len(act.issuers) > 1 else "order"
    number = "-".join(slug(issuer.number) for issuer in act.issuers)
    return f"/akn/kz/act/{subtype}/{day}/{number}"


def work_uri(order: Order) -> str:
    """The FRBR work URI of the order."""
    return act_uri(original_act(order))


def version(order: Order, act_id: str) -> tuple[str, Optional[datetime.date]]:
    """An edition's version in its expression URI and the version's date: ``@`` and the
    date of its act for an amendment (``@2023-05-23``), ``@`` alone as first made."""
    act = order.act(act_id)
    if act.kind == "original":
        return "@", None
    day = act.issuers[0].date.date
    return (f"@{day.isoformat()}", day) if day else ("@", None)


def requirement_wid(annex: int, requirement_id: str) -> str:
    """The ``wId`` of a requirement of an annex: its stable ID in its element's place."""
    return f"att_{annex}__hcontainer_2__point_{requirement_id}"


def id_of_wid(wid: str) -> Optional[str]:
    """The requirement ID a ``wId`` carries, or ``None`` for a wId of another form."""
    found = _WID.match(wid)
    return found["id"] if found else None
