"""Results: hidden before close unless live, tables and accessible SVG
charts once public, text answers to staff only, the staff XLSX export,
the site's listing of surveys."""

import io
import re

from openpyxl import load_workbook

from govportal.interaction.surveys import chart
from govportal.interaction.surveys.model import LIVE

from .survey_helpers import CLOSED, OPEN, change_survey, post_answer


def test_results_hidden_before_close_unless_live(testapp):
    post_answer(testapp)
    page = testapp.get(OPEN + "@@results")
    assert 'id="results-hidden"' in page.text
    assert "<table" not in page.text and "<svg" not in page.text
    assert "查看调查结果" not in testapp.get(OPEN).text
    change_survey(testapp.app, OPEN, results_visibility=LIVE)
    page = testapp.get(OPEN + "@@results")
    assert 'id="results-hidden"' not in page.text
    assert re.search(r'id="results-total">(\d+)<', page.text)
    assert "经常使用" in page.text and 'role="img"' in page.text
    assert "查看调查结果" in testapp.get(OPEN).text


def test_closed_results_are_public_tables_and_charts(testapp):
    page = testapp.get(CLOSED + "@@results")
    total = int(re.search(r'id="results-total">(\d+)<', page.text).group(1))
    assert total == 20  # the quick demo
    assert (
        '<th scope="col">选项</th><th scope="col">人数</th><th scope="col">比例</th>' in page.text
    )
    assert page.text.count('role="img"') == 4  # four choice and scale questions
    assert 'aria-labelledby="chart-visits-t chart-visits-d"' in page.text
    assert '<desc id="chart-visits-d">没有办过：' in page.text
    assert "平均分" in page.text
    # text answers may hold personal data: never to the public
    assert "文字回答可能含有个人信息，不予公开" in page.text
    assert "希望网上办事大厅的材料清单" not in page.text
    assert "导出全部答卷" not in page.text
    assert testapp.get(CLOSED + "@@results.xlsx", status="*").status_int in (302, 403, 404)


def test_staff_see_text_answers_and_export_xlsx(browser):
    editor = browser("portal_editor")
    page = editor.get(CLOSED + "@@results")
    assert 'id="results-xlsx"' in page.text
    assert "文字回答（仅工作人员可见" in page.text
    res = editor.get(CLOSED + "@@results.xlsx")
    assert res.content_type.startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(res.body))
    sheet = book["答卷"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == (
        "序号",
        "提交时间",
        "1. 过去一年，您到县政务服务中心或通过网上办事大厅办过几次事？",
    )
    assert len(rows) == 2 + 20
    assert "统计" in book.sheetnames


def test_staff_preview_results_of_an_open_survey(browser):
    editor = browser("portal_editor")
    page = editor.get(OPEN + "@@results")
    assert 'id="results-preview"' in page.text and "<table" in page.text


def test_xlsx_keeps_formulas_out(browser, testapp):
    post_answer(testapp, answer=[("q-use", "0"), ("q-more", '=HYPERLINK("http://x")')])
    res = browser("portal_editor").get(OPEN + "@@results.xlsx")
    sheet = load_workbook(io.BytesIO(res.body))["答卷"]
    cells = [
        c for row in sheet.iter_rows() for c in row if c.value and str(c.value).startswith("=")
    ]
    assert cells and all(c.data_type == "s" for c in cells)


def test_chart_escapes_and_describes():
    svg = chart.bar_chart("c1", "题<1>", [("甲&乙", 3, 75.0), ("丙", 1, 25.0)])
    assert 'role="img"' in svg and '<title id="c1-t">题&lt;1&gt;</title>' in svg
    assert "甲&amp;乙：3 人（75.0%）；丙：1 人（25.0%）" in svg


def test_site_listing(testapp):
    page = testapp.get("/@@surveys")
    assert "营山县政务服务满意度问卷调查" in page.text
    assert "县城公共自行车租赁点设置意见调查" in page.text
    open_part = page.text.split('id="surveys-open"')[1].split('id="surveys-upcoming"')[0]
    assert "县城公共自行车" in open_part and "营山县政务服务满意度" not in open_part


def test_column_lists_the_surveys(testapp):
    page = testapp.get("/hdjl/zxdc/")
    assert "营山县政务服务满意度问卷调查" in page.text
