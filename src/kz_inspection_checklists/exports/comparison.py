"""A comparison of two inspections as CSV: one row per requirement in any of its lists.

The rows are those of :meth:`~kz_inspection_checklists.record.compare.Comparison.items`:
the lists in order (``resolved``, ``still_open``, ``new_findings``, ``changed``,
``removed``), each by number, then the requirements whose text alone changed. The
columns are :data:`COLUMNS`: the ID and number; ``category``, the list that holds it
(empty for a text change alone); ``old`` and ``new``, its state in each record (a
verdict, ``not-assessed`` or ``not-in-edition``); ``text_changed`` (``true`` or
``false``); ``text``, NEW's words (OLD's for a requirement removed); ``old_text``, OLD's
words where they differ; and the two remarks. UTF-8, RFC 4180 quoting, CRLF line ends,
as every CSV of the library; the texts and remarks are guarded against formulas
(:func:`~.csv_table.guard_cell`).

>>> from kz_inspection_checklists.record.compare import compare
>>> from kz_inspection_checklists.record.record import new_record
>>> old = new_record("electronic-signature").mark("EDS-001", "does-not-conform")
>>> print(comparison_csv(compare(old, old.mark("EDS-001", "conforms"))).decode())
id,number,category,old,new,text_changed,text,old_text,old_remark,new_remark
EDS-001,1,resolved,does-not-conform,conforms,false,observance of the requirement to prevent refusals to accept electronic documents,,,
<BLANKLINE>
"""

from __future__ import annotations

import csv
import io
from typing import Optional

from ..record.compare import Comparison
from .csv_table import guard_cell

__all__ = ["COLUMNS", "comparison_csv"]

#: The columns of a comparison's CSV, in order.
COLUMNS = (
    "id",
    "number",
    "category",
    "old",
    "new",
    "text_changed",
    "text",
    "old_text",
    "old_remark",
    "new_remark",
)


def _text(value: Optional[str]) -> str:
    return "" if value is None else guard_cell(value)


def comparison_csv(result: Comparison, *, bom: bool = False) -> bytes:
    """The comparison as CSV bytes (with ``bom``, a UTF-8 byte-order mark first, for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for category, item in result.items():
        writer.writerow(
            (
                item.id,
                item.number,
                category or "",
                item.old,
                item.new,
                "true" if item.text_changed else "false",
                _text(item.text),
                _text(item.old_text),
                _text(item.old_remark),
                _text(item.new_remark),
            )
        )
    return ("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8")
