"""Letter statistics per site and month, on the page and in the XLSX."""

import io
import re

from openpyxl import load_workbook

from .letter_helpers import answer_letter, number_and_code, post_letter
from .test_track import rate


def letters_with_a_rating(testapp):
    answered, code = number_and_code(post_letter(testapp))
    answer_letter(testapp, answered, publish=False)
    rate(testapp, answered, code, level="very_satisfied")
    number_and_code(post_letter(testapp))  # received, open
    jyj, _ = number_and_code(post_letter(testapp, "/jyj/"))
    return answered, jyj


def test_page_counts_per_site_and_month(testapp):
    letters_with_a_rating(testapp)
    page = testapp.get("/@@letter-stats")
    text = re.sub(r"\s+", " ", page.text)
    assert "信件办理统计（2026年）" in text
    # the portal: 2 received, 1 answered on time, 0 working days, 100 % satisfied
    portal = text[text.index("门户网站") :]
    assert re.search(
        r"<th scope=\"row\">1月</th> <td>2</td><td>1</td><td>1</td> "
        r"<td>100.0%</td> <td>0.0</td> <td>1</td> <td>100.0%</td>",
        portal,
    )
    # every department has its table; 教育局 received one
    assert "教育局" in text
    department = testapp.get("/jyj/@@letter-stats").text
    assert "门户网站" not in department
    assert re.search(r"<td>1</td><td>0</td><td>0</td>", re.sub(r"\s+", " ", department))


def test_other_year_and_bad_year(testapp):
    page = testapp.get("/@@letter-stats", {"year": "2025"})
    assert "信件办理统计（2025年）" in page.text
    assert page.text.count("12月") >= 1
    assert "（2026年）" in testapp.get("/@@letter-stats", {"year": "junk"}).text
    assert "（2026年）" in testapp.get("/@@letter-stats", {"year": "1999"}).text


def test_xlsx(testapp):
    letters_with_a_rating(testapp)
    res = testapp.get("/@@letter-stats.xlsx", {"year": "2026"})
    assert res.content_type.endswith("spreadsheetml.sheet")
    assert "letter-stats-2026.xlsx" in res.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(res.body)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:4] == ("单位", "月份", "收信数", "答复数")
    portal = [r for r in rows if r[0] == "门户网站"]
    assert portal[0][1:] == ("2026-01", 2, 1, 1, 100.0, 0.0, 1, 1, 100.0)
    assert portal[-1][1] == "合计"
    assert any(r[0] and "教育" in r[0] and r[2] == 1 for r in rows[2:])
