"""The crawler's settings (``govportal.monitoring.links_*``, see
:mod:`govportal.settings`), read once per run."""

from dataclasses import dataclass

from pyramid.settings import asbool

PREFIX = "govportal.monitoring."
#: Not in the shipped settings on purpose: only tests (whose pages are
#: served on 127.0.0.1) let the checker fetch private or loopback addresses.
ALLOW_PRIVATE = PREFIX + "links_allow_private"


@dataclass(frozen=True)
class CrawlSettings:
    every_hours: float = 24.0
    rate: float = 5.0
    max_seconds: float = 1800.0
    timeout: float = 10.0
    external: bool = True
    allow_private: bool = False

    def checker(self):
        from .external import HttpChecker

        return HttpChecker(timeout=self.timeout, rate=self.rate, allow_private=self.allow_private)


def crawl_settings(registry):
    settings = registry.settings

    def number(name, default):
        try:
            value = float(settings.get(PREFIX + name, default))
        except (TypeError, ValueError):
            return float(default)
        return value if value > 0 else float(default)

    return CrawlSettings(
        every_hours=number("links_every_hours", 24),
        rate=number("links_rate", 5),
        max_seconds=number("links_max_minutes", 30) * 60,
        timeout=number("links_timeout", 10),
        external=asbool(settings.get(PREFIX + "links_external", "true")),
        allow_private=asbool(settings.get(ALLOW_PRIVATE, "false")),
    )
