"""全国政府网站自查: the national self-check (国办秘函〔2019〕19号; checklist B1–B15).

Computes, on the live site, each single-veto item and each deduction for the
portal and each department, with the evidence (which column, which message,
which guide element, which link, which probe figures) and a score out of 100:

* :mod:`.rules` — ``etc/selfcheck.yaml`` (items, titles, points, caps),
  checked at start-up;
* :mod:`.items` — each item judged from the monitor's own figures;
* :mod:`.compute` — every site's items, score and verdict;
* :mod:`.history` — each run kept in the monitor database;
* :mod:`.runs` — run now, the weekly periodic job, the ``selfcheck`` task;
* :mod:`.views` and :mod:`.chart` — ``@@selfcheck`` (score, evidence,
  history chart, 立即自查) and the dashboard's summary line;
* :mod:`.script` — ``govportal-selfcheck``.
"""

from ..i18n import _


def includeme(config):
    from .runs import selfcheck_job, selfcheck_task

    config.include(".rules")
    config.add_periodic_job("selfcheck.weekly", selfcheck_job)
    config.add_monitoring_task(
        "selfcheck", selfcheck_task, _("selfcheck-task", default="全国政府网站自查")
    )
    config.include(".views")
