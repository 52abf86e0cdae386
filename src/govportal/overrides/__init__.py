"""Fixes for Substance D's rough edges, made with Pyramid's override hooks.

Each fix says why it exists, in the module that holds it.  Substance D
itself is installed unmodified.

- :mod:`.requests` — status codes, CSRF field names, undecodable input;
- :mod:`.root` — the root factory (never creates the site), uploads dir;
- :mod:`.fields` — SDI views that read fields unchecked (400, not 500);
- :mod:`.answers` — the refusal exceptions and their Chinese answers;
- :mod:`.sdi_gate` — the SDI is the system administrator's alone;
- :mod:`.sdi_accounts` — no password reset, account or ACL edits in the SDI;
- :mod:`.undo` — undo is off;
- :mod:`.sdi_services` — services and evolution are the installer's;
- :mod:`.contents` — the folder listing's buttons never answer 500;
- :mod:`.containment` — removals, moves, renames and copies, on every path;
- :mod:`.textindex` — generated item names stay out of the system text index;
- :mod:`.compilelock` — templates are compiled one at a time (a CPython 3.11 race).
"""

from pyramid.events import ContextFound, NewRequest, NewResponse
from pyramid.exceptions import BadCSRFToken
from pyramid.security import NO_PERMISSION_REQUIRED

from . import compilelock
from .answers import ContentRefused, SDIRefused, in_sdi, is_system_admin  # noqa: F401
from .contents import check_contents_post
from .fields import UNCHECKED_SDI_FIELDS, check_sdi_fields  # noqa: F401
from .requests import (
    bad_csrf_view,
    bad_encoding_view,
    forbidden_is_403,
    reject_unreadable_body,
    sdi_form_csrf_alias,
)
from .root import NotBootstrapped, ensure_uploads_tempdir, root_factory  # noqa: F401
from .sdi_accounts import sdi_accounts
from .sdi_gate import sdi_gate
from .sdi_services import sdi_services
from .undo import sdi_undo


def includeme(config):
    compilelock.install()
    config.add_view(bad_csrf_view, context=BadCSRFToken, permission=NO_PERMISSION_REQUIRED)
    ensure_uploads_tempdir(config.registry.settings)
    config.add_subscriber(forbidden_is_403, NewResponse)
    config.add_subscriber(reject_unreadable_body, NewRequest)
    config.add_subscriber(sdi_form_csrf_alias, NewRequest)
    # ContextFound subscribers run in this order: the gate first, so that
    # nobody but the system administrator learns anything from the others.
    config.add_subscriber(sdi_gate, ContextFound)
    config.add_subscriber(sdi_accounts, ContextFound)
    config.add_subscriber(sdi_undo, ContextFound)
    config.add_subscriber(sdi_services, ContextFound)
    config.add_subscriber(check_sdi_fields, ContextFound)
    config.add_subscriber(check_contents_post, ContextFound)
    config.add_view(
        bad_encoding_view, context=UnicodeDecodeError, permission=NO_PERMISSION_REQUIRED
    )
    config.include(".answers")
    config.include(".containment")
    config.include(".textindex")
    config.set_root_factory(root_factory)
