"""The demo that ``govportal-demo`` builds passes the self-check: every site
≥ 95 with no veto item, by the computation and by ``govportal-selfcheck``
(exit 0; the test suite's smaller demo, without articles, fails: exit 1);
``--site`` and ``--json``; the weekly job by its stored next run."""

import io
import json
from datetime import timedelta

from govportal.schedule.runner import run_in_transaction
from govportal.selfcheck import history, script
from govportal.selfcheck.runs import selfcheck_job
from govportal.sitetime import now_utc, site_zone
from tests.conftest import read_root
from tests.test_bootstrap import write_ini

from .helpers import results


def test_full_demo_scores_95_with_no_veto(full_demo_app):
    found = results(full_demo_app)
    assert len(found) == 6
    for result in found.values():
        assert result.score >= 95, result.as_dict()
        assert not result.vetoes, result.as_dict()
        assert result.passed


def test_script_on_the_full_demo(full_demo_settings, tmp_path, capsys):
    ini = write_ini(tmp_path / "demo.ini", full_demo_settings)
    out = io.StringIO()
    assert script.main([ini], out=out) == 0
    text = out.getvalue()
    print(text)  # the figures of the final report
    lines = [line for line in text.splitlines() if not line.startswith(" ")]
    assert len(lines) == 6 and all("合格；单项否决：无" in line for line in lines)
    assert "[B2 无数据]" in text
    out = io.StringIO()
    assert script.main([ini, "--site", "jyj", "--json"], out=out) == 0
    data = json.loads(out.getvalue())
    assert [d["site"] for d in data] == ["/jyj"] and data[0]["vetoes"] == []
    out = io.StringIO()
    assert script.main([ini, "--site", "nosuch"], out=out) == 2


def test_script_fails_the_small_demo(app_settings, tmp_path):
    ini = write_ini(tmp_path / "small.ini", app_settings)
    out = io.StringIO()
    assert script.main([ini], out=out) == 1
    assert "不合格；单项否决：B3、B4" in out.getvalue()  # 财政局: nothing published


def test_weekly_job_by_stored_next_run(wsgi_app, monkeypatch):
    def job(root, request):
        return selfcheck_job(root, request)

    registry = wsgi_app.registry
    run_in_transaction(registry, job, "test")  # sets the first weekly time only
    runs = lambda root: len(history.runs(root))  # noqa: E731
    assert read_root(wsgi_app, runs) == 0
    first = read_root(wsgi_app, lambda root: history.book(root).clock.next_run)
    assert first > now_utc() and first.astimezone(site_zone(registry)).weekday() == 0
    run_in_transaction(registry, job, "test")  # idle round: not due
    assert read_root(wsgi_app, runs) == 0
    later = first + timedelta(minutes=1)
    monkeypatch.setattr("govportal.selfcheck.runs.sitetime.now_utc", lambda: later)
    run_in_transaction(registry, job, "test")
    assert read_root(wsgi_app, runs) == 1
    assert read_root(wsgi_app, lambda root: history.book(root).clock.next_run) == first + timedelta(
        days=7
    )
