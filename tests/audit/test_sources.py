"""Actions announced elsewhere reach the audit: check overrides, exports."""

import json

from tests.http.helpers import JSON, add_document, transition

from .conftest import all_entries

ID = "510123198506121237"
COLUMN = "/jyj/gzdt/"


def test_check_override_is_recorded_without_the_number(wsgi_app, browser):
    editor, reviewer = browser("jyj_editor"), browser("jyj_reviewer")
    path = add_document(editor, COLUMN, "公示", f"<p>身份证号码{ID}</p>")
    transition(editor, path, "submit")
    reviewer.post(
        path + "@@checks-override",
        {"reason": "依法公示", "csrf_token": reviewer.csrf()},
        headers=JSON,
        status=200,
    )
    (entry,) = [e for e in all_entries(wsgi_app) if e["action"] == "check.override"]
    assert entry["actor"] == "jyj_reviewer"
    assert entry["target"] == path.rstrip("/")
    assert entry["details"]["reason"] == "依法公示"
    assert ID not in json.dumps(entry, ensure_ascii=False)


def test_annual_report_export_is_recorded(wsgi_app, browser):
    reviewer = browser("jyj_reviewer")
    res = reviewer.get("/jyj/@@annual-report.xlsx", {"year": "2025"}, status="*")
    if res.status_int == 404:  # still a management view
        res = reviewer.get("/manage/jyj/@@annual-report.xlsx", {"year": "2025"}, status="*")
    assert res.status_int == 200
    (entry,) = [e for e in all_entries(wsgi_app) if e["action"] == "export"]
    assert entry["actor"] == "jyj_reviewer"
    assert entry["target"] == "/jyj"
    assert entry["details"] == {"what": "annual-report.xlsx", "year": 2025}
