"""Which views a department's own host serves: the public site only.

Staff pages (sign-in, the workspace, administration, the SDI, monitoring,
the API and its tokens...) live on the portal's host alone, where the
session and sign-in cookies are; a department host redirects them there.
The names come from the hardening package's list of staff views
(:data:`govportal.hardening.headers.STAFF_VIEWS`) plus the staff views that
are registered with the ``view`` permission and check access themselves.
"""

from ..hardening.headers import STAFF_PREFIXES, STAFF_VIEWS

#: staff views beyond the hardening list
MORE_STAFF_VIEWS = frozenset(
    {
        "tasks",
        "cases",
        "letters-admin",
        "letters-sent",
        "letter-stats",
        "letter-stats.xlsx",
        "interaction",
        "interaction-deadlines",
        "moderate",
        "service-stats",
        "results.xlsx",
        "bulk-transition",
        "working-copy-checkout",
        "form-builder",
        "survey-builder",
        "add-answer",
        "edit-answer",
        "add-power",
        "edit-power",
        "add_attachment",
        "add_column",
        "add_department",
        "add_document",
    }
)
MORE_STAFF_PREFIXES = (
    "monitoring",
    "scorecards",
    "selfcheck",
    "supervision",
    "api-tokens",
    "annual-report",
    "site-report",
    "revision-",
    "ask-gaps",
    "login",
)


def is_staff_view(name):
    """True if the view ``name`` (with or without ``@@``) is a staff page."""
    name = name[2:] if name.startswith("@@") else name
    if not name:
        return False
    return (
        name in STAFF_VIEWS
        or name in MORE_STAFF_VIEWS
        or name.startswith(STAFF_PREFIXES)
        or name.startswith(MORE_STAFF_PREFIXES)
    )


def root_only_views(registry):
    """Names of the public views registered for the portal root alone (帮助,
    网站地图, 长者版, the leaving notice...): a department host sends them to
    the portal."""
    from substanced.interfaces import IRoot

    contexts = {}
    for item in registry.introspector.get_category("views"):
        view = item["introspectable"]
        name = view.get("name")
        if name and view.get("route_name") is None:
            contexts.setdefault(name, set()).add(view.get("context"))
    return frozenset(n for n, found in contexts.items() if found == {IRoot})
