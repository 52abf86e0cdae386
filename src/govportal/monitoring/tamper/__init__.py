"""Tamper detection and restore (F14, B1: 网页被篡改 is a single veto).

Every published document has a *baseline* in the monitor database, taken
from its approval: the SHA-256 and a compressed copy of its page's content
region (:mod:`.region`), and its attachments' SHA-256 with the approved
bytes in a write-once vault (:mod:`.vault`).  A periodic sweep
(``govportal.monitoring.tamper_interval``; one process at a time,
:mod:`govportal.monitoring.lease`) compares what is *served* through the public URL, a *fresh*
render and the content *object* with the baseline (:mod:`.inspect`); a
difference raises a veto-level ``tamper`` alarm with the evidence (URL,
hashes, a unified diff) and restores the approved state (:mod:`.restore`):
the render cache purged, the approved fields set again, attachment bytes
written back from the vault.  Once the approved page is seen served again
the restore is audited (``monitoring.tamper_restored``) and the alarm
cleared (:mod:`.sweep`).

Home, department and column pages have no approval: what is served is
compared with a fresh render of the same moment (:mod:`.pages`).

Modules: :mod:`.book` (stored data), :mod:`.baseline` (what is recorded,
when), :mod:`.fetch` (served and fresh pages), :mod:`.inspect` (the
comparison), :mod:`.restore`, :mod:`.sweep`, :mod:`.pages`,
:mod:`.tasks` (the scheduler's job, ``govportal-monitor INI tamper`` and
``rebaseline``), :mod:`.views` (dashboard panel, summary, the rebaseline
button).
"""


def includeme(config):
    from .tasks import periodic, rebaseline_task, sweep_task
    from .views import panel, summary

    config.add_periodic_job("monitoring.tamper", periodic)
    config.add_monitoring_task("tamper", sweep_task, "防篡改巡检")
    config.add_monitoring_task("rebaseline", rebaseline_task, "重新记录防篡改基线")
    config.add_monitoring_panel("tamper", panel, order=60)
    config.add_monitoring_summary("tamper", summary, order=60)
    config.scan(".views")
