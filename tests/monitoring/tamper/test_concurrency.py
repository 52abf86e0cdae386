"""16 sweeps at once (the scheduler of 16 processes, or 16 立即运行
clicks): the lease lets exactly one sweep; the tampered page is alarmed
and mailed once; sweeping again (a replay) changes nothing more."""

from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once

from .helpers import (
    audit_actions,
    hack_body,
    open_tamper_alarms,
    published_document,
    served,
    sweep_once,
    tamper_mails,
)

pytestmark = quiet_server


def test_sixteen_sweeps_at_once(app):
    path = published_document(app)
    with served(app):
        sweep_once(app)

        hack_body(app, path)

        def send(i, _prepared):
            yield "report", sweep_once(app)

        reports = at_once(WRITERS, send)["report"]
        assert len(reports) == WRITERS
        swept = [r for r in reports if "发现篡改" in r]
        assert len(swept) == 1, reports
        assert "发现篡改 1" in swept[0]
        assert len(tamper_mails(app)) == 1
        # the replay: the restore is confirmed, nothing is alarmed again
        report = sweep_once(app)
        assert "发现篡改 0" in report, report
    assert open_tamper_alarms(app) == []
    assert len(tamper_mails(app)) == 1
    assert audit_actions(app).count("monitoring.tamper_restored") == 1
    assert audit_actions(app).count("monitoring.alarm") == 1
