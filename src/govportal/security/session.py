"""Cookie sessions that never fail a response: a bounded flash queue.

Pyramid's cookie session raises ``ValueError`` when its cookie would pass
4 KB, and it does so in a response callback, i.e. *after* the transaction
committed: a client that never follows redirects (so never shows, and
never pops, its flash messages) collected messages until a stored write was
answered with a 500.  :func:`bounded` wraps a session factory so that

* each flash queue keeps only its newest :data:`MAX_FLASH` messages, each
  cut to :data:`MAX_FLASH_CHARS` characters;
* if the cookie is still too long, the flash queues are dropped and the
  cookie written without them; if even that is too long, the cookie is left
  as the browser has it (the change is lost, logged) — never an exception.
"""

import logging

log = logging.getLogger(__name__)

#: Messages kept per flash queue (the newest).
MAX_FLASH = 5
#: Longest flash message kept, in characters.
MAX_FLASH_CHARS = 300
FLASH_PREFIX = "_f_"


def bounded(factory, max_flash=MAX_FLASH, max_chars=MAX_FLASH_CHARS):
    """A session factory like ``factory`` with a bounded flash queue and a
    cookie writer that never raises."""

    class BoundedSession(factory):
        def flash(self, msg, queue="", allow_duplicate=True):
            if isinstance(msg, str) and len(msg) > max_chars:
                msg = msg[: max_chars - 1] + "…"
            super().flash(msg, queue, allow_duplicate)
            storage = dict.get(self, FLASH_PREFIX + queue)
            if storage is not None and len(storage) > max_flash:
                del storage[: len(storage) - max_flash]

        def _set_cookie(self, response):
            try:
                return super()._set_cookie(response)
            except ValueError:
                pass
            dropped = [k for k in dict.keys(self) if str(k).startswith(FLASH_PREFIX)]
            for key in dropped:
                dict.__delitem__(self, key)
            try:
                written = super()._set_cookie(response)
            except ValueError:
                log.warning("session cookie too long even without flash messages: not updated")
                return False
            log.warning("session cookie too long: flash queues %s dropped", dropped)
            return written

    BoundedSession.__name__ = "BoundedSession"
    return BoundedSession
