"""The grammar of a publisher's layout of the order in one language, read from a data file.

The importer knows no words of any language: every word and pattern it looks for (the
annex heading, "List of requirements", the footnotes, month names, how the preamble
names the order) comes from a grammar file, ``data/grammars/<name>.json``. Reading a
text in a new language or layout is a data change: a grammar file of that layout's
words (see docs/sources.md).

>>> grammar = load_grammar("adilet-en")
>>> grammar.language, grammar.list_heading
('en', 'List of requirements')
>>> grammar.date("June 4, 2019"), grammar.date("23.05.2023")
(datetime.date(2019, 6, 4), datetime.date(2023, 5, 23))
>>> load_grammar("adilet-xx")
Traceback (most recent call last):
    ...
kz_inspection_checklists.exceptions.UnknownNameError: no grammar 'adilet-xx' for the importer; the grammars are: adilet-en; a new language or layout needs a grammar file data/grammars/adilet-xx.json (see docs/sources.md); did you mean 'adilet-en'?
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Mapping
from importlib.resources import files
from pathlib import PurePath
from re import Pattern
from typing import Optional, Union

from pydantic import Field, ValidationError, field_validator

from .._files import decode_utf8, read_input
from .._text import number, unsafe_in_json
from ..exceptions import DataFileError, InvalidInputError, UnknownNameError
from ..law.order import Frozen

__all__ = ["Grammar", "default_grammar", "grammar_names", "load_grammar"]


class Grammar(Frozen):
    """The words and patterns of one layout of the order's text.

    Each ``*_form`` says in words what the pattern before it looks for, for messages.
    """

    grammar: str = Field(description="The grammar's name, e.g. 'adilet-en'.")
    description: str
    language: str = Field(description="The language of the texts it reads (ISO 639).")
    publisher: str
    official: bool = Field(description="Whether the publisher's texts in it are official.")
    status: str = Field(description="How the publisher labels such a text.")
    months: tuple[str, ...] = Field(min_length=12, max_length=12)
    numbers: Mapping[str, int] = Field(description="Numbers written in words, e.g. ten: 10.")
    dates: tuple[str, ...] = Field(description="Patterns of a date: groups day, month, year.")
    preamble_start: str
    preamble: str
    preamble_form: str
    entry_into_force: str
    entry_into_force_form: str
    days_rule: str
    amendment_line: str
    amendments: tuple[str, ...]
    approve: str
    approve_form: str
    item: str
    excluded_item: str
    item_annex: str
    item_title: str
    item_title_form: str
    annex_heading: str
    annex_heading_form: str
    footnote: str
    footnote_annex: str
    excluded_annex: str
    anew_annex: str
    list_heading: str
    columns: tuple[str, ...]
    columns_form: str
    blank: str
    signature_form: str
    subject_links: tuple[str, ...]
    subject_separator: str
    subject_last: str
    footer: tuple[str, ...]
    # The order's own text (legal basis, paragraphs, terminated acts, signatures): a
    # grammar without these words reads the checklists only.
    legal_basis: Optional[str] = Field(
        default=None,
        description="The sentence grounding the order; group 'citation' names the law.",
    )
    paragraph: Optional[str] = Field(
        default=None, description="A paragraph 'N. ...': groups 'number' and 'text'."
    )
    terminate: Optional[str] = Field(
        default=None, description="The words of a paragraph that terminates acts."
    )
    terminated_act: Optional[str] = Field(
        default=None,
        description="A terminated act: groups a1, d1, n1, a2, d2, n2, title, rn, published.",
    )
    terminated_act_form: str = ""

    @field_validator(
        "dates",
        "amendments",
        "columns",
        "preamble",
        "entry_into_force",
        "days_rule",
        "approve",
        "item",
        "excluded_item",
        "item_annex",
        "item_title",
        "annex_heading",
        "footnote",
        "footnote_annex",
        "excluded_annex",
        "anew_annex",
        "blank",
        "legal_basis",
        "paragraph",
        "terminate",
        "terminated_act",
    )
    @classmethod
    def _compiles(
        cls, value: Union[str, tuple[str, ...], None]
    ) -> Union[str, tuple[str, ...], None]:
        for pattern in () if value is None else (value,) if isinstance(value, str) else value:
            re.compile(pattern)
        return value

    def pattern(self, name: str) -> Pattern[str]:
        """The compiled pattern of a field, e.g. ``pattern("annex_heading")``."""
        return _compiled(getattr(self, name))

    def patterns(self, name: str) -> tuple[Pattern[str], ...]:
        """The compiled patterns of a field that lists several, e.g. ``"amendments"``."""
        return tuple(_compiled(text) for text in getattr(self, name))

    def date(self, text: str) -> Optional[datetime.date]:
        """The date ``text`` names in one of the grammar's date forms, else ``None``."""
        for form in self.dates:
            found = _compiled(form).match(text)
            if found is None:
                continue
            month = found["month"]
            month_number = number(month, 2) or self._month_numbers.get(month)
            year, day = number(found["year"], 4), number(found["day"], 2)
            if month_number is None or year is None or day is None:
                return None
            try:
                return datetime.date(year, month_number, day)
            except ValueError:
                return None
        return None

    def days(self, rule: str) -> Optional[int]:
        """The number of days after publication a rule of entry into force names, if any."""
        found = self.pattern("days_rule").search(rule)
        if found is None:
            return None
        word = found["days"]
        return number(word, 4) if word.isdigit() else self.numbers.get(word.lower())

    @functools.cached_property
    def _month_numbers(self) -> Mapping[str, int]:
        return {name: number for number, name in enumerate(self.months, start=1)}


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> Pattern[str]:
    return re.compile(pattern)


def grammar_names() -> list[str]:
    """The names of the grammars that come with the library."""
    folder = files("kz_inspection_checklists").joinpath("data").joinpath("grammars")
    return sorted(item.name.removesuffix(".json") for item in folder.iterdir())


def default_grammar(language: Optional[str] = None) -> str:
    """The grammar a text is read with when none is named: Adilet's layout in its language
    where the library has that grammar, else Adilet's English layout.

    >>> default_grammar(), default_grammar("kk")
    ('adilet-en', 'adilet-en')
    """
    name = f"adilet-{language}"
    return name if language is not None and name in grammar_names() else "adilet-en"


def load_grammar(grammar: Union[str, PurePath, Grammar]) -> Grammar:
    """A grammar by name (``"adilet-en"``), from a grammar file's path, or as given."""
    if isinstance(grammar, Grammar):
        return grammar
    if not isinstance(grammar, (str, PurePath)):
        raise InvalidInputError(
            f"a grammar is a name (such as 'adilet-en') or a grammar file's path, not "
            f"{type(grammar).__name__}"
        )
    if isinstance(grammar, PurePath) or grammar.endswith(".json"):
        try:
            raw = read_input(grammar)
        except OSError as error:
            raise DataFileError(
                f"cannot read grammar file {str(grammar)!r}: {error.strerror or error}"
            ) from None
        return _validated(raw, f"grammar file {str(grammar)!r}")
    return _bundled(str(grammar))


@functools.lru_cache(maxsize=8)
def _bundled(name: str) -> Grammar:
    known = grammar_names()
    if name not in known:
        raise UnknownNameError(
            f"no grammar {name!r} for the importer; the grammars are: {', '.join(known)}; "
            f"a new language or layout needs a grammar file data/grammars/{name}.json (see "
            "docs/sources.md)",
            kind="grammar",
            name=name,
            candidates=known,
        )
    folder = files("kz_inspection_checklists").joinpath("data").joinpath("grammars")
    return _validated(folder.joinpath(f"{name}.json").read_bytes(), f"the grammar {name}")


def _validated(raw: bytes, what: str) -> Grammar:
    try:
        text = decode_utf8(raw)
    except ValueError as error:
        raise DataFileError(f"{what}: {error}") from None
    found = unsafe_in_json(text)  # the words of a grammar become an edition's texts
    if found:
        raise DataFileError(f"{what}: {found[0] or 'the top level'} {found[1]}")
    try:
        return Grammar.model_validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "top level"
        raise DataFileError(f"{what} is not a grammar: at {where}: {first['msg']}") from None
