"""Table 三 of the annual report, counted from plain application records.

The input is a sequence of :class:`ApplicationRecord` — applicant type, the
date the application was received, its outcome code and the date of the
decision (both None while it is open) — so the counting can be tested and
reasoned about without the applications package (:mod:`.sources` adapts
that package's data).  For a report year *Y*, each row is counted on its own
from the records:

一 本年新收
    received in *Y*;
二 上年结转
    received before *Y* and not decided before *Y* (open on 1 January);
三 办理结果
    decided in *Y*, one row per outcome code, （七）总计 their sum;
四 结转下年度继续办理
    received by 31 December of *Y* and not decided by then.

Because the rows are counted independently, the template's identity
一 + 二 = 三 + 四 holds for consistent data and fails — per applicant column —
where the data contradict themselves (a decision dated before its receipt,
or an outcome without a decision date, …).  Such failures are reported,
never hidden: :attr:`ApplicationTable.mismatches` names each failing column
with both sides, :attr:`ApplicationTable.problems` names the records at
fault, and :meth:`ApplicationTable.check` raises :class:`InconsistentTable`.
"""

from dataclasses import dataclass, field
from datetime import date

from ..i18n import _
from .official import (
    APPLICANT_TYPE_TITLES,
    APPLICANT_TYPES,
    COLUMNS,
    OUTCOMES,
    TOTAL,
)


def text(message):
    """A message as Chinese text: its default with the mapping filled in
    (the report's sentences are Chinese whatever the request's locale)."""
    return message.interpolate() if hasattr(message, "interpolate") else str(message)


@dataclass(frozen=True)
class ApplicationRecord:
    """What the annual report needs of one application for disclosure.

    ``ref`` identifies the application in problem reports (e.g. its
    tracking code or path); it is never shown to the public.
    """

    applicant_type: str
    received: date
    outcome: str | None = None
    decided: date | None = None
    ref: str = ""


@dataclass(frozen=True)
class RecordProblem:
    """A record that contradicts itself or cannot be placed in the table."""

    ref: str
    message: str

    def __str__(self):
        message = text(self.message)
        return f"{self.ref}：{message}" if self.ref else message


@dataclass(frozen=True)
class Mismatch:
    """一 + 二 ≠ 三 + 四 in one column of the table."""

    column: str
    new: int
    carried_in: int
    results: int
    carried_out: int

    @property
    def column_title(self):
        return "总计" if self.column == TOTAL else APPLICANT_TYPE_TITLES[self.column]

    def __str__(self):
        return text(
            _(
                "annualreport-mismatch",
                default="“${column}”列：一 + 二 = ${new} + ${carried_in} = ${left}，"
                "三 + 四 = ${results} + ${carried_out} = ${right}，两者不相等。",
                mapping={
                    "column": self.column_title,
                    "new": self.new,
                    "carried_in": self.carried_in,
                    "left": self.new + self.carried_in,
                    "results": self.results,
                    "carried_out": self.carried_out,
                    "right": self.results + self.carried_out,
                },
            )
        )


class InconsistentTable(ValueError):
    """The application table fails its check; ``errors`` say where and why."""

    def __init__(self, mismatches, problems):
        self.mismatches = list(mismatches)
        self.problems = list(problems)
        super().__init__("；".join(self.errors))

    @property
    def errors(self):
        return [str(m) for m in self.mismatches] + [str(p) for p in self.problems]


def empty_row():
    """A row of zeros, one per column (including the total)."""
    return dict.fromkeys(COLUMNS, 0)


@dataclass
class ApplicationTable:
    """Table 三 for one year: each row maps every column to a count."""

    year: int
    new: dict = field(default_factory=empty_row)
    carried_in: dict = field(default_factory=empty_row)
    results: dict = field(default_factory=lambda: {code: empty_row() for code in OUTCOMES})
    results_total: dict = field(default_factory=empty_row)
    carried_out: dict = field(default_factory=empty_row)
    problems: list = field(default_factory=list)

    @property
    def mismatches(self):
        """The columns where 一 + 二 ≠ 三（七）总计 + 四, as :class:`Mismatch`."""
        found = []
        for column in COLUMNS:
            left = self.new[column] + self.carried_in[column]
            right = self.results_total[column] + self.carried_out[column]
            if left != right:
                found.append(
                    Mismatch(
                        column,
                        self.new[column],
                        self.carried_in[column],
                        self.results_total[column],
                        self.carried_out[column],
                    )
                )
        return found

    @property
    def consistent(self):
        """True when every column balances and no record is at fault."""
        return not self.mismatches and not self.problems

    @property
    def errors(self):
        """Every failure as a Chinese sentence (empty when consistent)."""
        return [str(m) for m in self.mismatches] + [str(p) for p in self.problems]

    def check(self):
        """Raise :class:`InconsistentTable` unless the table is consistent."""
        if not self.consistent:
            raise InconsistentTable(self.mismatches, self.problems)
        return self


def _add(row, applicant_type):
    row[applicant_type] += 1
    row[TOTAL] += 1


def record_problems(record):
    """What is wrong with ``record`` on its own (translation strings; see :func:`text`)."""
    problems = []
    if record.applicant_type not in APPLICANT_TYPES:
        problems.append(
            _(
                "annualreport-bad-applicant-type",
                default="申请人类型“${value}”无法归入年报表格的任何一列。",
                mapping={"value": record.applicant_type},
            )
        )
    if record.outcome is not None and record.outcome not in OUTCOMES:
        problems.append(
            _(
                "annualreport-bad-outcome",
                default="办理结果“${value}”不是年报表格中的办理结果。",
                mapping={"value": record.outcome},
            )
        )
    if record.decided is not None and record.outcome is None:
        problems.append(_("annualreport-no-outcome", default="有办结日期，却没有记录办理结果。"))
    if record.outcome is not None and record.decided is None:
        problems.append(
            _("annualreport-no-decision-date", default="记录了办理结果，却没有办结日期。")
        )
    if record.decided is not None and record.decided < record.received:
        problems.append(
            _(
                "annualreport-decided-before-received",
                default="办结日期（${decided}）早于收到申请日期（${received}）。",
                mapping={
                    "decided": record.decided.isoformat(),
                    "received": record.received.isoformat(),
                },
            )
        )
    return problems


def aggregate(records, year):
    """Count ``records`` (:class:`ApplicationRecord`) into table 三 of ``year``.

    Records that fall in no row of ``year`` (received and decided in other
    years) are ignored.  One received after ``year`` but decided in it is a
    contradiction, reported as a mismatch and a problem.  Problems are
    reported for the records the year's table involves; a record whose
    applicant type is outside the table cannot be counted at all.
    """
    table = ApplicationTable(year=year)
    start, end = date(year, 1, 1), date(year, 12, 31)
    for record in records:
        decided_in_year = record.decided is not None and start <= record.decided <= end
        new = start <= record.received <= end
        carried_in = record.received < start and (record.decided is None or record.decided >= start)
        carried_out = record.received <= end and (record.decided is None or record.decided > end)
        if not (new or carried_in or decided_in_year or carried_out):
            continue  # belongs to other years only
        table.problems.extend(RecordProblem(record.ref, p) for p in record_problems(record))
        kind = record.applicant_type
        if kind not in APPLICANT_TYPES:
            continue
        if new:
            _add(table.new, kind)
        if carried_in:
            _add(table.carried_in, kind)
        if decided_in_year and record.outcome in table.results:
            _add(table.results[record.outcome], kind)
            _add(table.results_total, kind)
        if carried_out:
            _add(table.carried_out, kind)
    return table
