"""The probes' settings (``govportal.monitoring.probe*``), read once per use.

Shared by the in-process probe job and the external ``govportal-probe``
script, which reads the ``.ini`` without starting the application: every
value falls back to :data:`govportal.settings.DEFAULTS`.
"""

from dataclasses import dataclass

from pyramid.settings import aslist

from ...settings import DEFAULTS

PREFIX = "govportal.monitoring."
#: probes a rolling week must hold before its failure rate alarms: the
#: national rule measures a week of at least 20 probes a day (B2)
MIN_PROBES = 20
#: probes a day the national rule asks for (B2)
PROBES_PER_DAY = 20
#: days of history kept (13 months and a little)
KEEP_DAYS = 400


def _get(settings, name, empty_ok=False):
    """The setting, or its default when missing (or empty, unless ``empty_ok``)."""
    value = settings.get(PREFIX + name)
    if value is None or (str(value).strip() == "" and not empty_ok):
        value = DEFAULTS.get(PREFIX + name, "")
    return str(value).strip()


@dataclass(frozen=True)
class ProbeConfig:
    """What a probe round needs to know."""

    mode: str
    interval: float
    timeout: float
    paths: tuple
    alarm_percent: float
    veto_percent: float
    failures: int
    base_url: str
    urls: tuple
    history: str

    @classmethod
    def from_settings(cls, settings):
        return cls(
            mode=_get(settings, "probes") or "thread",
            interval=max(float(_get(settings, "probe_interval")), 1.0),
            timeout=max(float(_get(settings, "probe_timeout")), 0.01),
            paths=tuple(aslist(_get(settings, "probe_paths", empty_ok=True))),
            alarm_percent=float(_get(settings, "probe_alarm_percent")),
            veto_percent=float(_get(settings, "probe_veto_percent")),
            failures=max(int(_get(settings, "probe_failures")), 1),
            base_url=(settings.get(PREFIX + "probe_base_url") or "").strip().rstrip("/"),
            urls=tuple(aslist(settings.get(PREFIX + "probe_urls") or "")),
            history=_get(settings, "probe_history"),
        )

    def level(self, rate, probes, consecutive):
        """``ok``, ``warning`` or ``veto`` for a week's failure ``rate``
        (percent, over ``probes`` probes) and the ``consecutive`` failures
        of the newest probes: the rate counts once the week holds
        :data:`MIN_PROBES` probes; consecutive failures warn at once."""
        counted = probes >= MIN_PROBES and rate is not None
        if counted and rate >= self.veto_percent:
            return "veto"
        if (counted and rate > self.alarm_percent) or consecutive >= self.failures:
            return "warning"
        return "ok"
