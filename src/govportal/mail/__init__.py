"""Outgoing mail (notifications, deadline warnings) through pyramid_mailer.

Where mail goes is the ``govportal.mail.delivery`` setting:

``smtp``
    pyramid_mailer's transactional SMTP mailer, configured by the usual
    ``mail.*`` settings (``mail.host``, ``mail.port``, ``mail.username`` ...).
``file`` (the default; development)
    every message is written as a file under ``govportal.mail.directory``
    (``var/mail``), where a developer can read it.
``memory`` (tests)
    pyramid_mailer's DummyMailer: ``get_mailer(request).outbox`` holds what
    was sent after the transaction committed.

Senders use :func:`send_to_users`, which skips users without an address and
users who switched that kind of notification off (:func:`wants`), and sends
only when the transaction commits (a refused or retried request mails
nothing twice).
"""

import logging
import os

from pyramid_mailer import _set_mailer, get_mailer
from pyramid_mailer.mailer import DebugMailer, Mailer
from pyramid_mailer.message import Message
from pyramid_mailer.testing import DummyMailer

log = logging.getLogger(__name__)

#: Name of the attribute on a Substance D user holding the notification
#: topics the user switched off (a tuple of topic names).
OPTOUT_ATTR = "mail_optout"


def wants(user, topic):
    """Whether ``user`` has an address and wants mail about ``topic``."""
    return bool(getattr(user, "email", None)) and topic not in getattr(user, OPTOUT_ATTR, ())


def set_optout(user, topics):
    """Record the notification topics ``user`` switched off."""
    setattr(user, OPTOUT_ATTR, tuple(sorted(set(topics))))


def send_to_users(request, users, subject, body, topic):
    """Mail ``users`` (Substance D user objects) about ``topic`` when the
    transaction commits; returns the addresses mailed."""
    addresses = sorted({u.email for u in users if wants(u, topic)})
    if addresses:
        send(request, addresses, subject, body)
    return addresses


def send(request, recipients, subject, body):
    """Send a plain-text message to ``recipients`` when the transaction commits."""
    message = Message(subject=subject, recipients=list(recipients), body=body)
    get_mailer(request).send(message)


class _FileMailer(DebugMailer):
    """DebugMailer that sends on commit like the real one (its ``send``
    writes at once, so a refused transaction would still leave a file)."""

    def send(self, message):
        import transaction

        def _after(ok):
            if ok:
                DebugMailer.send(self, message)

        transaction.get().addAfterCommitHook(_after)


def set_mailer(config):
    """Register the mailer the settings ask for.

    Call from the top-level ``includeme``: Substance D includes
    ``pyramid_mailer`` (an SMTP mailer from ``mail.*``), and only an action
    of the including configurator overrides an included one without a
    conflict."""
    settings = config.registry.settings
    delivery = settings.get("govportal.mail.delivery", "file")
    if delivery == "smtp":
        mailer = Mailer.from_settings(settings)
    elif delivery == "memory":
        mailer = _TransactionalDummy()
    elif delivery == "file":
        directory = settings["govportal.mail.directory"]
        os.makedirs(directory, exist_ok=True)
        mailer = _FileMailer(directory)
    else:
        from pyramid.exceptions import ConfigurationError

        raise ConfigurationError(f"govportal.mail.delivery: unknown value {delivery!r}")
    _set_mailer(config, mailer)


includeme = set_mailer


class _TransactionalDummy(DummyMailer):
    """DummyMailer whose ``send`` lands in ``outbox`` only on commit."""

    def send(self, message):
        import transaction

        def _after(ok):
            if ok:
                self.outbox.append(message)

        transaction.get().addAfterCommitHook(_after)
