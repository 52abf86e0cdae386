"""Update monitoring (栏目更新监测) and the monitoring dashboard (运行监测).

* :mod:`.rules` — ``etc/update-rules.yaml`` loaded and checked at start-up;
* :mod:`.compute` — each site's home page, columns (stale, empty) and
  :mod:`.messages` (letters and applications owed an answer), with their
  warning and veto levels;
* :mod:`.alerts` — the ``stale`` alarms, the hourly periodic job and the
  ``freshness`` task;
* :mod:`.summary` — the overview line of each site and the weekly summary
  mail (task ``summary``);
* :mod:`.panel` and :mod:`.views` — the dashboard pages ``@@monitoring``.
"""

from ...i18n import _


def includeme(config):
    from .alerts import freshness_job, freshness_task
    from .panel import freshness_panel
    from .summary import site_status, summary_job, summary_task

    config.include(".rules")
    config.add_monitoring_panel("freshness", freshness_panel, order=10)
    config.add_monitoring_summary("freshness", site_status, order=10)
    config.add_monitoring_task(
        "freshness", freshness_task, _("monitoring-task-freshness", default="栏目更新检查")
    )
    config.add_monitoring_task(
        "summary", summary_task, _("monitoring-task-summary", default="发送每周运行简报")
    )
    config.add_periodic_job("monitoring.freshness", freshness_job)
    config.add_periodic_job("monitoring.summary", summary_job)
    config.include(".views")
