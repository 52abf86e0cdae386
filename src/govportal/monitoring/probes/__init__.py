"""Availability probes (可用性监测; checklist B2, B20, B21, F15).

Every ``probe_interval`` seconds (300) one process fetches each site's home
page and key pages (``probe_paths``) through the site's public URL, with
``probe_timeout`` (15 s) counting as down, and keeps the results in the
monitor's database (:mod:`.history`).  The weekly failure rate per site is
shown on the dashboard against the warning (3 %) and national veto (5 %)
lines, and alarms (:mod:`.verdicts`) go to the 值班 addresses and the
site's staff — by SMS too at the veto line.

A process that has died cannot report itself: ``govportal-probe``
(:mod:`.script`) probes from outside, from a systemd timer
(``etc/systemd/govportal-probe.timer``), with its own history file and
mail/SMS alarms.

Modules: :mod:`.config` (settings), :mod:`.fetch` (one probe),
:mod:`.stats` (rates, days, weeks, downtime), :mod:`.history` (the stored
series), :mod:`.rounds` (what to probe, recording a round),
:mod:`.verdicts` (levels and alarms), :mod:`.job` (the periodic job and
the ``probe`` task), :mod:`.panel` (dashboard), :mod:`.script`.
"""

from .config import ProbeConfig


def includeme(config):
    from .job import probe_job, probe_task
    from .panel import panel, summary

    settings = ProbeConfig.from_settings(config.registry.settings)
    if settings.mode not in ("thread", "off"):
        from pyramid.exceptions import ConfigurationError

        raise ConfigurationError(
            f"govportal.monitoring.probes: {settings.mode!r} is neither 'thread' nor 'off'"
        )
    config.add_periodic_job("govportal probes", probe_job)
    config.add_monitoring_panel("availability", panel, order=20)
    config.add_monitoring_summary("availability", summary, order=20)
    config.add_monitoring_task("probe", probe_task, "可用性探测")
