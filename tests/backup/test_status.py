"""The backups' line of the monitoring overview: a warning without a backup
or a passed drill, "ok" after both; the portal's line only."""

from govportal.backup.drill import main as drill_main
from govportal.backup.run import run_backup
from govportal.backup.status import summary
from govportal.bootstrap import site_session

from .helpers import write_ini


def _status(app):
    with site_session(app.registry, commit=False) as (zodb_root, request):
        root = zodb_root["app_root"]
        return summary(root, request), summary(root["jyj"], request)


def test_overview_line_before_and_after_a_backup_and_drill(wsgi_app, app_settings, tmp_path):
    status, department = _status(wsgi_app)
    assert department is None
    assert status.level == "warning" and status.value == "无备份"
    assert "14 天内没有恢复演练" in status.detail

    ini = write_ini(tmp_path, app_settings)
    run_backup(ini, full=True)
    status, _department = _status(wsgi_app)
    assert status.level == "warning" and "没有恢复演练" in status.detail
    assert status.value.startswith("2026-01-01")  # the site's time (China), test clock

    assert drill_main([str(ini)]) == 0
    status, _department = _status(wsgi_app)
    assert status.level == "ok", status.detail
    assert "最近演练" in status.detail and status.facts["drill"]["ok"]


def test_the_overview_page_shows_the_line(browser, tmp_path):
    page = browser("admin").get("/@@monitoring")
    assert "备份" in page.text and "无备份" in page.text
