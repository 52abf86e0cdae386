"""全国政府网站自查: the national self-check (国办秘函〔2019〕19号; checklist B1–B15).

Computes, on the live site, each single-veto item and each deduction for the
portal and each department, with the evidence (which column, which message,
which guide element, which link, which probe figures) and a score out of 100:

* :mod:`.rules` — ``etc/selfcheck.yaml`` (items, titles, points, caps),
  checked at start-up;
* :mod:`.items` — each item judged from the monitor's own figures;
* :mod:`.compute` — every site's items, score and verdict;
* :mod:`.history` — each run kept in the monitor database, the weekly
  periodic job;
* :mod:`.views` — ``@@selfcheck`` (score, evidence, history chart, 立即自查)
  and the dashboard's summary line; :mod:`.script` — ``govportal-selfcheck``.
"""


def includeme(config):
    config.include(".rules")
