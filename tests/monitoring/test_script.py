"""``govportal-monitor CONFIG.ini TASK``: lists the tasks the monitor's parts
add, runs one in a transaction of its own (audited), refuses an unknown one;
and the dashboard's panels and summaries come in their declared order."""

import io

from pyramid.config import Configurator

from govportal.monitoring import panels, script

from ..test_bootstrap import write_ini


def test_lists_runs_and_refuses(app_settings, monkeypatch, tmp_path):
    ran = []

    def task(root, request, args):
        ran.append((root.__name__, list(args)))
        return "已检查 3 个站点"

    real_tasks = panels.tasks

    def with_demo_task(registry):
        found = real_tasks(registry)
        found["demo-check"] = (task, "演示检查")
        return found

    monkeypatch.setattr(script, "tasks", with_demo_task)
    ini = write_ini(tmp_path / "site.ini", app_settings)

    out = io.StringIO()
    assert script.main([ini], out=out) == 0
    assert "demo-check\t演示检查" in out.getvalue()

    out = io.StringIO()
    assert script.main([ini, "demo-check", "jyj"], out=out) == 0
    assert out.getvalue().strip() == "已检查 3 个站点"
    assert ran == [(None, ["jyj"])]  # the portal root

    out = io.StringIO()
    assert script.main([ini, "no-such-task"], out=out) == 2
    assert "未知任务：no-such-task" in out.getvalue()
    assert len(ran) == 1


def test_panels_in_order():
    config = Configurator(settings={})
    config.include("govportal.monitoring.panels")
    config.add_monitoring_panel("b", lambda s, r: "B", order=20)
    config.add_monitoring_panel("a", lambda s, r: "A", order=20)
    config.add_monitoring_panel("first", lambda s, r: "F", order=1)
    config.add_monitoring_summary("x", lambda s, r: panels.SiteStatus("X", "1"))
    config.commit()
    assert [name for name, _fn in panels.panels(config.registry)] == ["first", "a", "b"]
    assert [name for name, _fn in panels.summaries(config.registry)] == ["x"]
    assert panels.worst(["ok", "veto", "warning"]) == "veto"
    assert panels.worst([]) == "ok"
