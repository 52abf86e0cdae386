"""Templates are compiled one at a time.

CPython 3.11 before 3.11.9 can fail with ``SystemError: AST constructor
recursion depth mismatch`` when several threads compile Python code from
AST objects at the same moment (CPython gh-106905).  Chameleon compiles each
template on its first use; a cold process answering concurrent requests
(waitress's threads) therefore sometimes answered 500 on its first pages
(seen under 16 concurrent writers on ``@@ws-add`` and ``@@ws-item``).

Compiling is rare (once per template and process) and fast, so serialising
it costs nothing measurable: :func:`install` wraps Chameleon's
``BaseTemplate._cook`` in one re-entrant lock (a template's compilation may
load another's).  Rendering is not affected.
"""

import functools
import threading

from chameleon.template import BaseTemplate

_LOCK = threading.RLock()
_MARK = "__govportal_compile_lock__"


def install():
    """Wrap ``BaseTemplate._cook`` once (idempotent)."""
    cook = BaseTemplate._cook
    if getattr(cook, _MARK, False):
        return

    @functools.wraps(cook)
    def locked_cook(self, *args, **kwargs):
        with _LOCK:
            return cook(self, *args, **kwargs)

    setattr(locked_cook, _MARK, True)
    BaseTemplate._cook = locked_cook
