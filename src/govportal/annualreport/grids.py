"""The report's tables laid out cell by cell, as the official template draws them.

A :class:`Grid` is a list of :class:`Cell` placed on rows and columns, with
row and column spans for the merged header cells.  The printable page and
the report document (:mod:`.render`) and the spreadsheet (:mod:`.xlsx`) all
draw the same grids, so the three can never disagree on the layout.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .official import (
    APPLICANT_TYPE_TITLES,
    CHECK_NOTE,
    COLUMNS,
    DECISION_BLOCKS,
    LITIGATION_GROUPS,
    LITIGATION_MEASURES,
    LITIGATION_TITLE,
    ORGANISATION_TYPES,
    OUTCOME_GROUPS,
    REGULATION_MEASURES,
    REGULATION_ROWS,
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS,
    ROW_RESULTS_TOTAL,
    litigation_field,
    regulation_field,
)

HEAD, LABEL, VALUE = "head", "label", "value"


@dataclass(frozen=True)
class Cell:
    """One (possibly merged) cell; ``row`` and ``col`` count from 0."""

    row: int
    col: int
    value: object
    role: str = VALUE
    rowspan: int = 1
    colspan: int = 1

    @property
    def text(self):
        if self.value is None:
            return ""
        if isinstance(self.value, Decimal):  # 12.5000 -> 12.5, 3E+1 -> 30
            return f"{self.value.normalize():f}"
        return str(self.value)


@dataclass
class Grid:
    """A table of ``width`` columns built row by row."""

    name: str
    width: int
    cells: list = field(default_factory=list)

    def add(self, row, col, value, role=VALUE, rowspan=1, colspan=1):
        self.cells.append(Cell(row, col, value, role, rowspan, colspan))

    @property
    def height(self):
        return max((c.row + c.rowspan for c in self.cells), default=0)

    def rows(self):
        """The cells of each row (a merged cell appears in its first row only)."""
        by_row = [[] for _ in range(self.height)]
        for cell in self.cells:
            by_row[cell.row].append(cell)
        return [sorted(cells, key=lambda c: c.col) for cells in by_row]

    def merged(self):
        """The cells that span more than one row or column."""
        return [c for c in self.cells if c.rowspan > 1 or c.colspan > 1]

    def at(self, row, col):
        """The cell covering position (``row``, ``col``), or None."""
        for c in self.cells:
            if c.row <= row < c.row + c.rowspan and c.col <= col < c.col + c.colspan:
                return c
        return None


def proactive_grid(values):
    """Table 二 (主动公开) from the figures in ``values`` (field -> figure)."""
    grid = Grid("proactive", width=4)
    row = 0
    grid.add(row, 0, "第二十条第（一）项", HEAD, colspan=4)
    row += 1
    grid.add(row, 0, "信息内容", HEAD)
    for i, (_m, title) in enumerate(REGULATION_MEASURES, start=1):
        grid.add(row, i, title, HEAD)
    for name, title in REGULATION_ROWS:
        row += 1
        grid.add(row, 0, title, LABEL)
        for i, (measure, _t) in enumerate(REGULATION_MEASURES, start=1):
            grid.add(row, i, values.get(regulation_field(name, measure)))
    for article, heading, items in DECISION_BLOCKS:
        row += 1
        grid.add(row, 0, article, HEAD, colspan=4)
        row += 1
        grid.add(row, 0, "信息内容", HEAD)
        grid.add(row, 1, heading, HEAD, colspan=3)
        for name, title in items:
            row += 1
            grid.add(row, 0, title, LABEL)
            grid.add(row, 1, values.get(name), colspan=3)
    return grid


def applications_grid(table):
    """Table 三 (依申请公开) from an :class:`~.aggregate.ApplicationTable`."""
    grid = Grid("applications", width=3 + len(COLUMNS))
    first = 3  # the first value column
    grid.add(0, 0, CHECK_NOTE, HEAD, rowspan=3, colspan=3)
    grid.add(0, first, "申请人情况", HEAD, colspan=len(COLUMNS))
    grid.add(1, first, APPLICANT_TYPE_TITLES["person"], HEAD, rowspan=2)
    grid.add(1, first + 1, "法人或其他组织", HEAD, colspan=len(ORGANISATION_TYPES))
    grid.add(1, first + len(COLUMNS) - 1, "总计", HEAD, rowspan=2)
    for i, (_code, title) in enumerate(ORGANISATION_TYPES):
        grid.add(2, first + 1 + i, title, HEAD)

    def values(row, counts):
        for i, column in enumerate(COLUMNS):
            grid.add(row, first + i, counts[column])

    grid.add(3, 0, ROW_NEW, LABEL, colspan=3)
    values(3, table.new)
    grid.add(4, 0, ROW_CARRIED_IN, LABEL, colspan=3)
    values(4, table.carried_in)
    row = 5
    result_rows = sum(len(g.items) for g in OUTCOME_GROUPS) + 1
    grid.add(row, 0, ROW_RESULTS, LABEL, rowspan=result_rows)
    for group in OUTCOME_GROUPS:
        if not group.numbered:
            code, _label = group.items[0]
            grid.add(row, 1, group.title, LABEL, colspan=2)
            values(row, table.results[code])
            row += 1
            continue
        grid.add(row, 1, group.title, LABEL, rowspan=len(group.items))
        for code, label in group.items:
            grid.add(row, 2, label, LABEL)
            values(row, table.results[code])
            row += 1
    grid.add(row, 1, ROW_RESULTS_TOTAL, LABEL, colspan=2)
    values(row, table.results_total)
    row += 1
    grid.add(row, 0, ROW_CARRIED_OUT, LABEL, colspan=3)
    values(row, table.carried_out)
    return grid


def litigation_grid(values):
    """Table 四 (行政复议、行政诉讼) from the figures in ``values``."""
    size = len(LITIGATION_MEASURES)
    grid = Grid("litigation", width=size * len(LITIGATION_GROUPS))
    review, *suits = LITIGATION_GROUPS
    grid.add(0, 0, review[1], HEAD, colspan=size)
    grid.add(0, size, LITIGATION_TITLE, HEAD, colspan=size * len(suits))
    for i, (_m, title) in enumerate(LITIGATION_MEASURES):
        grid.add(1, i, title, HEAD, rowspan=2)
    for g, (_prefix, title) in enumerate(suits, start=1):
        grid.add(1, g * size, title, HEAD, colspan=size)
        for i, (_m, measure_title) in enumerate(LITIGATION_MEASURES):
            grid.add(2, g * size + i, measure_title, HEAD)
    for g, (prefix, _title) in enumerate(LITIGATION_GROUPS):
        for i, (measure, _t) in enumerate(LITIGATION_MEASURES):
            grid.add(3, g * size + i, values.get(litigation_field(prefix, measure)))
    return grid
