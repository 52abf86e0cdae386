"""The spreadsheet read back with openpyxl: values, merged ranges, layout."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from govportal.annualreport import AnnualReport, aggregate
from govportal.annualreport.grids import applications_grid
from govportal.annualreport.xlsx import report_xlsx

from .records import EXPECTED, SEEDED

VALUES = {
    "rules_issued": 0,
    "rules_repealed": 0,
    "rules_in_force": 0,
    "normative_issued": 3,
    "normative_repealed": 1,
    "normative_in_force": 12,
    "licensing": 1520,
    "penalty": 37,
    "coercion": 2,
    "fees": Decimal("12.5000"),
    "review_upheld": 1,
    "review_corrected": 1,
    "review_other": 0,
    "review_pending": 0,
    "review_total": 2,
    "direct_upheld": 0,
    "direct_corrected": 0,
    "direct_other": 0,
    "direct_pending": 1,
    "direct_total": 1,
    "after_review_upheld": 0,
    "after_review_corrected": 0,
    "after_review_other": 0,
    "after_review_pending": 0,
    "after_review_total": 0,
    "overview": "第一段。\n第二段。",
    "problems": "问题与改进。",
    "other_matters": "",
}


@pytest.fixture
def sheet():
    report = AnnualReport("营山县教育局", 2025, VALUES, aggregate(SEEDED, 2025), saved=True)
    return load_workbook(BytesIO(report_xlsx(report))).active


def find(sheet, value):
    """(row, column) of the first cell holding ``value``."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell.row, cell.column
    raise AssertionError(f"{value!r} not in the sheet")


def merged(sheet):
    return {str(r) for r in sheet.merged_cells.ranges}


def test_title_and_sections_in_order(sheet):
    assert sheet.title == "年度报告"
    assert sheet["A1"].value == "营山县教育局2025年度政府信息公开工作年度报告"
    assert "A1:O1" in merged(sheet)
    rows = [
        find(sheet, h)[0]
        for h in (
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        )
    ]
    assert rows == sorted(rows)
    first = rows[0]
    assert sheet.cell(first + 1, 1).value == "\u3000\u3000第一段。"
    assert sheet.cell(first + 2, 1).value == "\u3000\u3000第二段。"
    assert sheet.cell(rows[5] + 1, 1).value == "\u3000\u3000无。"


def test_application_table_values_and_merged_headers(sheet):
    top, left = find(sheet, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    assert left == 1
    ranges = merged(sheet)
    assert f"A{top}:C{top + 2}" in ranges  # the check note: 3 rows x 3 columns
    assert f"D{top}:J{top}" in ranges  # 申请人情况 over all seven columns
    assert f"D{top + 1}:D{top + 2}" in ranges  # 自然人
    assert f"E{top + 1}:I{top + 1}" in ranges  # 法人或其他组织
    assert f"J{top + 1}:J{top + 2}" in ranges  # 总计
    assert [sheet.cell(top + 2, c).value for c in range(5, 10)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]

    def values(row):
        return [sheet.cell(row, c).value for c in range(4, 11)]

    assert sheet.cell(top + 3, 1).value == "一、本年新收政府信息公开申请数量"
    assert f"A{top + 3}:C{top + 3}" in ranges
    assert values(top + 3) == EXPECTED["new"]
    assert values(top + 4) == EXPECTED["carried_in"]
    results = top + 5
    assert sheet.cell(results, 1).value == "三、本年度办理结果"
    assert f"A{results}:A{results + 21}" in ranges
    assert sheet.cell(results, 2).value == "（一）予以公开"
    assert values(results) == EXPECTED["results"]["disclose"]
    withhold = results + 2
    assert sheet.cell(withhold, 2).value == "（三）不予公开"
    assert f"B{withhold}:B{withhold + 7}" in ranges
    assert sheet.cell(withhold, 3).value == "1.属于国家秘密"
    assert values(withhold) == EXPECTED["results"]["withhold_state_secret"]
    assert sheet.cell(results + 21, 2).value == "（七）总计"
    assert values(results + 21) == EXPECTED["results_total"]
    assert sheet.cell(results + 22, 1).value == "四、结转下年度继续办理"
    assert values(results + 22) == EXPECTED["carried_out"]


def test_proactive_and_litigation_tables(sheet):
    ranges = merged(sheet)
    row, _col = find(sheet, "行政规范性文件")
    assert [sheet.cell(row, c).value for c in range(2, 5)] == [3, 1, 12]
    row, _col = find(sheet, "行政许可")
    assert sheet.cell(row, 2).value == 1520
    assert f"B{row}:D{row}" in ranges
    row, _col = find(sheet, "行政事业性收费")
    assert sheet.cell(row, 2).value == pytest.approx(12.5)
    top, _col = find(sheet, "行政复议")
    assert f"A{top}:E{top}" in ranges
    assert sheet.cell(top, 6).value == "行政诉讼"
    assert f"F{top}:O{top}" in ranges
    assert f"A{top + 1}:A{top + 2}" in ranges  # 结果维持 under 行政复议
    assert sheet.cell(top + 1, 6).value == "未经复议直接起诉"
    assert sheet.cell(top + 1, 11).value == "复议后起诉"
    assert [sheet.cell(top + 3, c).value for c in range(1, 16)] == [1, 1, 0, 0, 2] + [
        0,
        0,
        0,
        1,
        1,
    ] + [0] * 5


def test_grid_positions_are_covered_exactly_once():
    grid = applications_grid(aggregate(SEEDED, 2025))
    seen = {}
    for cell in grid.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                assert (r, c) not in seen, (r, c)
                seen[(r, c)] = cell
    assert len(seen) == grid.height * grid.width


def test_inconsistent_data_is_flagged_in_the_sheet():
    from datetime import date

    from govportal.annualreport import ApplicationRecord

    bad = ApplicationRecord("person", date(2025, 5, 1), None, date(2025, 5, 3), "BAD")
    report = AnnualReport("营山县教育局", 2025, VALUES, aggregate([bad], 2025))
    sheet = load_workbook(BytesIO(report_xlsx(report))).active
    texts = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(t.startswith("依申请公开数据未通过校验") for t in texts)
    assert any("BAD" in t and "没有记录办理结果" in t for t in texts)
