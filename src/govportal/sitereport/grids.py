"""The report as one table, cell by cell (reusing :mod:`govportal.annualreport.grids`).

Three columns: the section (merged down its rows), the item and the value.
The page, the document body and the XLSX draw the same grid.
"""

from ..annualreport.grids import HEAD, LABEL, Grid


def report_grid(report):
    grid = Grid("site-report", width=3)
    grid.add(0, 0, "类别", HEAD)
    grid.add(0, 1, "指标", HEAD)
    grid.add(0, 2, "数据", HEAD)
    row = 1
    for title, rows in report.sections:
        grid.add(row, 0, title, LABEL, rowspan=len(rows))
        for item in rows:
            grid.add(row, 1, item.label, LABEL)
            grid.add(row, 2, item.value)
            row += 1
    return grid
