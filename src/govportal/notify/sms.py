"""Text messages (短信) to applicants: an interface, two backends, sent on commit.

Senders call :func:`send_sms` (``request``, a mainland mobile number, the
text); the message goes out only when the request's transaction commits —
a refused, failed or retried request sends nothing twice — through the
:class:`ISMSSender` utility registered at start-up.  A real gateway (the
province's SMS platform) is another class with a ``send(phone, text)``
method registered for :class:`ISMSSender` (``config.registry.registerUtility``).

Settings (``[app:main]``):

``govportal.sms.backend``
    ``log`` (the default): each message is logged (number masked) and
    nothing is sent; ``file``: each message is appended as one JSON line
    (``{"at", "phone", "text"}``) to ``govportal.sms.file``, where a
    developer or a test reads it; ``none``: messages are dropped.
``govportal.sms.file``
    the file of the ``file`` backend; default ``sms.log`` beside the mail
    directory (``var/sms.log`` next to the ``.ini``).
"""

import json
import logging
import os
import re
import threading

import transaction
from pyramid.exceptions import ConfigurationError
from zope.interface import Interface, implementer

from ..sitetime import now_utc

log = logging.getLogger(__name__)

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
#: Longest text sent (a long message is split by the gateway; keep it short).
MAX_TEXT = 500


class ISMSSender(Interface):
    """What sends text messages."""

    def send(phone, text):
        """Send ``text`` to the mobile number ``phone`` now."""


def mask(phone):
    """``138****8000``: what logs show of a number."""
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 7 else "****"


@implementer(ISMSSender)
class LogSender:
    """Logs each message (number masked); sends nothing."""

    def send(self, phone, text):
        log.info("SMS to %s: %s", mask(phone), text)


@implementer(ISMSSender)
class NullSender:
    """Drops every message."""

    def send(self, phone, text):
        pass


@implementer(ISMSSender)
class FileSender:
    """Appends each message as one JSON line to ``path`` (threads and
    processes may share the file: each line is one ``O_APPEND`` write)."""

    def __init__(self, path):
        self.path = path
        self._lock = threading.Lock()

    def send(self, phone, text):
        line = json.dumps(
            {"at": now_utc().isoformat(), "phone": phone, "text": text}, ensure_ascii=False
        )
        data = (line + "\n").encode("utf-8")
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, data)
            finally:
                os.close(fd)

    def read(self):
        """Every message written so far (for tests and the demo)."""
        if not os.path.exists(self.path):
            return []
        with open(self.path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]


def sender_from_settings(settings):
    """The sender ``govportal.sms.backend`` asks for."""
    backend = (settings.get("govportal.sms.backend") or "log").strip()
    if backend == "log":
        return LogSender()
    if backend == "none":
        return NullSender()
    if backend == "file":
        path = settings.get("govportal.sms.file") or os.path.join(
            os.path.dirname(str(settings.get("govportal.mail.directory") or "var/mail")),
            "sms.log",
        )
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        return FileSender(path)
    raise ConfigurationError(f"govportal.sms.backend: unknown value {backend!r}")


def get_sender(registry):
    return registry.queryUtility(ISMSSender) or LogSender()


def send_sms(request, phone, text):
    """Send ``text`` to ``phone`` when the transaction commits; returns
    whether it was queued (False for a number that is not a mainland
    mobile: landlines get no messages)."""
    phone = (phone or "").strip()
    if not _MOBILE.match(phone):
        return False
    sender = get_sender(request.registry)
    text = str(text)[:MAX_TEXT]

    def after_commit(ok):
        if not ok:
            return
        try:
            sender.send(phone, text)
        except Exception:  # a gateway failure must not fail the committed request
            log.exception("SMS to %s failed", mask(phone))

    manager = getattr(request, "tm", None) or transaction.manager
    manager.get().addAfterCommitHook(after_commit)
    return True


def includeme(config):
    config.registry.registerUtility(sender_from_settings(config.registry.settings), ISMSSender)
