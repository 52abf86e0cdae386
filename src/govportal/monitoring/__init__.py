"""运行维护: the operations monitor (regulation 第二十七、二十八、三十三条;
checklist B2–B4, B15–B21, F12, F14, F15, H1).

A county site fails national inspection on a single veto; the monitor sees
each one coming before an inspector does.  One subpackage per part, each
with its own ``includeme``:

* :mod:`.health` — ``/healthz`` and ``/readyz`` (load balancers, systemd);
* :mod:`.metrics` — Prometheus metrics at ``/metrics`` (multi-process safe);
* :mod:`.probes` — availability probes of each site's home and key pages
  (B2, B20, B21), in-process and from outside (``govportal-probe``);
* :mod:`.freshness` — update monitoring by column rules (``etc/update-rules.yaml``;
  B3, B4, B8–B10, B12, B16–B18) and the dashboard ``@@monitoring``;
* :mod:`.links` — the broken-link crawler (B15, B19);
* :mod:`.tamper` — tamper detection against approved baselines, with restore
  (F14, B1).

Shared: :mod:`.store` (the monitor's own database), :mod:`.alarms` (raised
once, mailed once, kept), :mod:`.panels` (how parts add to the dashboard and
to ``govportal-monitor``).  Backups and restore drills are
:mod:`govportal.backup`.
"""

PARTS = (".health", ".metrics", ".probes", ".freshness", ".links", ".tamper")


def includeme(config):
    config.include(".store")
    config.include(".panels")
    for part in PARTS:
        config.include(part)
