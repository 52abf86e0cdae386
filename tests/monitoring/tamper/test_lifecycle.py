"""Legitimate changes never alarm: a new approved version is baselined
again, a retracted or archived item stops being watched."""

from tests.concurrency.helpers import quiet_server
from tests.public.helpers import transition_as

from .helpers import (
    TEXT,
    FakedPath,
    baselines,
    get,
    new_version,
    open_tamper_alarms,
    published_document,
    served,
    sweep_once,
    tamper_mails,
)

pytestmark = quiet_server

NEW_TEXT = "关于做好校园安全工作的补充通知。"


def test_new_approved_version_rebaselines_without_alarm(app):
    path = published_document(app)
    with served(app) as port:
        sweep_once(app)
        first = baselines(app)[path]
        new_version(app, path, f"<p>{NEW_TEXT}</p>")
        assert NEW_TEXT in get(port, path).decode()
        report = sweep_once(app)
        assert "新建基线 1" in report and "发现篡改 0" in report, report
        assert baselines(app)[path] > first
        report = sweep_once(app)
        assert "发现篡改 0" in report, report
    assert open_tamper_alarms(app) == [] and tamper_mails(app) == []


def test_retracted_item_dropped_without_alarm(app):
    path = published_document(app)
    with served(app) as port:
        sweep_once(app)
        assert TEXT in get(port, path).decode()
        transition_as(app, path, "jyj_reviewer", "retract", comment="内容需要修改")
        report = sweep_once(app)
        assert "移除基线 1" in report and "撤下后仍可访问 0" in report, report
    assert path not in baselines(app)
    assert open_tamper_alarms(app) == [] and tamper_mails(app) == []


def test_archived_item_dropped_without_alarm(app):
    path = published_document(app)
    with served(app):
        sweep_once(app)
        transition_as(app, path, "jyj_reviewer", "archive")
        report = sweep_once(app)
        assert "移除基线 1" in report and "发现篡改 0" in report, report
    assert open_tamper_alarms(app) == []


def test_retracted_page_still_served_is_an_alarm(app):
    path = published_document(app)
    with served(app):
        sweep_once(app)
        transition_as(app, path, "jyj_reviewer", "retract", comment="内容需要修改")
        # a proxy (or a tampered cache) still answers the page
        app.registry.govportal_tamper_fetcher = FakedPath(
            app.registry.govportal_tamper_fetcher, path, (200, b"<main>old</main>")
        )
        report = sweep_once(app)
    assert "撤下后仍可访问 1" in report, report
    found = open_tamper_alarms(app)
    assert len(found) == 1, found
    [(_key, evidence)] = found
    assert evidence == {"url": "https://www.yingshan.gov.cn" + path, "status": 200}
