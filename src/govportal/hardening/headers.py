"""Security headers on every answer (issue 9, 等保 level 3).

:func:`security_headers` decides the headers of one answer from the WSGI
environ, its status and its headers; :mod:`.policy` adds them to everything
the application answers — pages, static files, error pages, redirects and
the render cache's answers (:mod:`govportal.cache.serve` answers before the
router, so a tween would miss them).

Which answers are *staff* answers (``frame-ancestors 'none'``,
``X-Frame-Options: DENY``, ``Referrer-Policy: same-origin``)?  Every answer
except a public one, and an answer is public only when both hold:

- the render cache's tween marked it ``Cache-Control: public`` — i.e. it is
  the answer to an anonymous GET/HEAD that set no cookie and did not touch
  the session (so never a signed-in user's page, a form with a CSRF token,
  the login page or the SDI), and
- its path names no staff view (:data:`STAFF_VIEWS`, any ``ws-*`` view, the
  SDI prefix) — belt and braces for anonymous refusals of staff views.

Public pages may be framed by the site itself (``frame-ancestors 'self'``,
``SAMEORIGIN``): nothing of ours frames them today, and a county portal is
often shown in its own 网站群 frames.  HSTS is sent when the request came
over https (``wsgi.url_scheme``, which waitress sets from the trusted
proxy's ``X-Forwarded-Proto``) or ``govportal.hardening.hsts`` says the site
is always behind TLS.
"""

from pyramid.settings import asbool

#: ``@@view`` names (or path segments) of staff pages.  Anything starting
#: with ``ws-`` or ``admin`` is staff too (:func:`is_staff_path`).
STAFF_VIEWS = frozenset(
    {
        "workspace",
        "audit",
        "login",
        "logout",
        "manage",
        "lock",
        "unlock",
        "break-lock",
        "checks",
        "checks-mask",
        "checks-override",
        "history",
        "transition",
        "bulk",
        "applications",
        "annual-report",
        "site-report",
        "timeliness",
        "revisions",
        "diff",
        "resetpassword",
        "reset-password",
        "password",
        "totp",
        "account",
    }
)
STAFF_PREFIXES = ("ws-", "admin", "audit", "account", "password", "totp")

#: The Content-Security-Policy of our own pages.  Scripts only from our own
#: origin (no inline script, no eval).  ``style-src 'unsafe-inline'``:
#: TinyMCE writes style attributes into its editor and content frame (its
#: documentation lists it as required), and several staff and public
#: templates still carry ``<style>`` blocks; inline style cannot run code.
#: ``img-src data: blob:``: TinyMCE's icons and pasted images;
#: ``connect-src 'self'``: TinyMCE's image upload and the lock/check calls.
BASE_CSP = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)

#: The SDI (system administrators only) is Substance D's, unmodified: its
#: templates (contents grid, ACL editor, catalog and database views, deform
#: forms) use inline ``<script>`` blocks, ``on…=`` handlers and SlickGrid
#: templates compiled with ``new Function``.  Rewriting them would mean
#: forking Substance D, so ``/manage`` gets inline script and eval — and is
#: still never framed (no clickjacking of the most powerful pages).
SDI_CSP = (
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)

HSTS = "max-age=31536000; includeSubDomains"


def _join(directives, frame_ancestors):
    return "; ".join((*directives, f"frame-ancestors {frame_ancestors}"))


class HeaderPolicy:
    """The ``govportal.hardening.*`` settings of the headers, parsed once."""

    def __init__(self, settings):
        prefix = settings.get("substanced.manage_prefix") or "/manage"
        self.manage_prefix = "/" + prefix.strip("/")
        self.hsts_always = asbool(settings.get("govportal.hardening.hsts", False))
        self.public_csp = _join(BASE_CSP, "'self'")
        self.staff_csp = _join(BASE_CSP, "'none'")
        self.sdi_csp = _join(SDI_CSP, "'none'")

    def is_sdi_path(self, path):
        prefix = self.manage_prefix
        return path == prefix or path.startswith(prefix + "/")

    def is_staff_path(self, path):
        """True if ``path`` leads to the SDI or names a staff view."""
        if self.is_sdi_path(path):
            return True
        for segment in path.split("/"):
            name = segment[2:] if segment.startswith("@@") else segment
            if not name:
                continue
            if segment.startswith("@@") or name in STAFF_VIEWS:
                if name in STAFF_VIEWS or name.startswith(STAFF_PREFIXES):
                    return True
        return False

    def headers_for(self, environ, headers):
        """The security headers of an answer with ``headers`` (a list of
        pairs) to the request of ``environ``: a list of pairs to add.
        Headers the answer already has are left alone."""
        present = {k.lower() for k, _v in headers}
        path = environ.get("PATH_INFO", "") or "/"
        sdi = self.is_sdi_path(path)
        public = not sdi and _is_public(headers) and not self.is_staff_path(path)
        if sdi:
            csp, frames, referrer = self.sdi_csp, "DENY", "same-origin"
        elif public:
            csp, frames, referrer = self.public_csp, "SAMEORIGIN", "strict-origin-when-cross-origin"
        else:
            csp, frames, referrer = self.staff_csp, "DENY", "same-origin"
        wanted = [
            ("Content-Security-Policy", csp),
            ("X-Frame-Options", frames),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", referrer),
        ]
        if self.hsts_always or environ.get("wsgi.url_scheme") == "https":
            wanted.append(("Strict-Transport-Security", HSTS))
        return [(k, v) for k, v in wanted if k.lower() not in present]


def _is_public(headers):
    for key, value in headers:
        if key.lower() == "cache-control":
            return "public" in value.lower()
    return False
