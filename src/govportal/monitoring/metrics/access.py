"""Who may read ``/metrics``: listed addresses, or the bearer token.

``govportal.monitoring.metrics_allow`` lists addresses and networks
(``127.0.0.1 ::1 10.0.0.0/8``) whose direct requests may scrape;
``govportal.monitoring.metrics_token`` (empty: none) lets any client that
sends ``Authorization: Bearer <token>`` scrape.  A request that came
through a proxy (any ``Forwarded``, ``X-Forwarded-For`` or ``X-Real-IP``
header) is never allowed by its address — behind nginx on the same host
every visitor would otherwise be 127.0.0.1 — only by the token.
Everyone else gets a plain 404, as if there were nothing there.
"""

import hmac
import ipaddress
import logging

from pyramid.settings import aslist

log = logging.getLogger(__name__)

ALLOW_SETTING = "govportal.monitoring.metrics_allow"
TOKEN_SETTING = "govportal.monitoring.metrics_token"  # noqa: S105 - a setting name
PROXY_HEADERS = ("HTTP_FORWARDED", "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP")


def _network(text):
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        log.warning("%s: %r is not an address or network; ignored", ALLOW_SETTING, text)
        return None


def _address(text):
    try:
        address = ipaddress.ip_address((text or "").split("%", 1)[0])
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


class Access:
    """The scrape permission, parsed once from the settings."""

    def __init__(self, settings):
        found = (_network(a) for a in aslist(settings.get(ALLOW_SETTING, "127.0.0.1 ::1")))
        self.networks = tuple(n for n in found if n is not None)
        self.token = (settings.get(TOKEN_SETTING) or "").strip().encode("utf-8")

    def allows(self, environ):
        if self.token:
            header = environ.get("HTTP_AUTHORIZATION", "")
            scheme, _sep, given = header.partition(" ")
            if scheme.lower() == "bearer" and hmac.compare_digest(
                given.strip().encode("utf-8"), self.token
            ):
                return True
        if any(name in environ for name in PROXY_HEADERS):
            return False
        address = _address(environ.get("REMOTE_ADDR"))
        if address is None:
            return False
        return any(net.version == address.version and address in net for net in self.networks)
