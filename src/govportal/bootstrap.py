"""Create and upgrade the site in a database: run by one process before servers start.

``govportal-init`` and ``govportal-demo`` use these functions; tests use them
to build sites the way an installation does.
"""

import secrets
from contextlib import contextmanager

import transaction
from pyramid.paster import get_app
from pyramid.request import apply_request_extensions
from pyramid.security import ALL_PERMISSIONS, DENY_ALL, Allow, remember
from pyramid.threadlocal import manager
from substanced.event import RootAdded
from substanced.evolution import EvolutionManager, mark_unfinished_as_finished
from substanced.util import get_oid, set_acl

from .accounts.administrators import create_administrators
from .accounts.lockout import ensure_store
from .accounts.state import user_by_id
from .accounts.tickets import ticket_tokens
from .catalog import ensure_catalog
from .security import get_vocabulary
from .security.localroles import grant_roles
from .siteurl import blank_request
from .workflow import facts, get_workflow

PORTAL_ADDABLE = ("Department", "Column")


def portal_addable(context, introspectable):
    """What the portal root may contain (set as the root's ``__sdi_addable__``)."""
    return introspectable.get("content_type") in PORTAL_ADDABLE


def load_app(ini_path):
    """The WSGI app (and so the registry and databases) configured by ``ini_path``."""
    return get_app(ini_path, "main")


def close_app(app):
    """Stop an app's background work and close the databases it opened (a
    script must before it exits)."""
    indexer = getattr(app.registry, "govportal_search", None)
    if indexer is not None:
        indexer.close()
    scheduler = getattr(app.registry, "govportal_scheduler", None)
    if scheduler is not None:
        scheduler.close()
    for db in getattr(app.registry, "_zodb_databases", {}).values():
        db.close()


@contextmanager
def site_session(registry, commit=True):
    """Open a connection and a request bound to it; commit at the end."""
    db = registry._zodb_databases[""]
    conn = db.open()
    # links made by a script or job start with the public URL, not localhost
    request = blank_request(registry, root=conn.root().get("app_root"))
    request.registry = registry
    apply_request_extensions(request)
    request._primary_zodb_conn = conn
    # Not pyramid.scripting.prepare: it calls the root factory, which refuses
    # to run before the site exists.
    manager.push({"registry": registry, "request": request})
    # Use the thread's current transaction at the end, not the one begun
    # here: catalog reindexing commits in batches and starts new ones.
    transaction.begin()
    try:
        yield conn.root(), request
        if commit:
            transaction.commit()
        else:
            transaction.abort()
    except BaseException:
        transaction.abort()
        raise
    finally:
        manager.pop()
        conn.close()


def request_as(request, userid):
    """A request for the same app and connection, signed in as ``userid``."""
    # the ticket carries the user's ticket version (govportal.accounts.tickets)
    user = user_by_id(request._primary_zodb_conn.root()["app_root"], userid)
    tokens = ticket_tokens(user) if user is not None else ()
    headers = remember(request, userid, tokens=tokens)
    cookies = "; ".join(v.split(";", 1)[0] for k, v in headers if k.lower() == "set-cookie")
    new = blank_request(
        request.registry,
        root=request._primary_zodb_conn.root().get("app_root"),
        headers={"Cookie": cookies},
    )
    new.registry = request.registry
    apply_request_extensions(new)
    new._primary_zodb_conn = request._primary_zodb_conn
    new.root = request._primary_zodb_conn.root()["app_root"]
    new.context = new.root
    return new


def create_site(zodb_root, request):
    """Create the portal root if absent.

    Returns ``(root, created)``: ``created`` lists ``(login, password,
    title)`` of the three administrators (new random passwords, to change at
    the first sign-in; no default accounts), and is None when the site
    already existed.
    """
    registry = request.registry
    if "app_root" in zodb_root:
        root = zodb_root["app_root"]
        EvolutionManager(root, registry).evolve(commit=False)
        setup_portal(root, registry)
        return root, None
    # Substance D creates one user with the root (substanced.initial_login,
    # the system administrator); create_administrators gives it a password
    # under the policy and its own group instead of Substance D's admins.
    password = secrets.token_urlsafe(24)
    registry.settings["substanced.initial_password"] = password
    try:
        root = registry.content.create("Root")
    finally:
        del registry.settings["substanced.initial_password"]
    zodb_root["app_root"] = root
    transaction.savepoint()
    registry.notify(RootAdded(root))
    mark_unfinished_as_finished(root, registry, transaction)
    root.sdi_title = "营山县人民政府网站群"
    root.__sdi_addable__ = portal_addable
    admins = root["principals"]["groups"]["admins"]
    admins.title = "站点管理员"
    # the roles that manage the portal (``manage_site`` in workflows/site.yaml)
    grant_roles(root, get_oid(admins), *facts.roles_granted(registry, "manage_site", "Root"))
    initial = root["principals"]["users"].get(registry.settings["substanced.initial_login"])
    created = create_administrators(root, registry, initial=initial)
    setup_portal(root, registry)
    return root, created


def setup_portal(root, registry):
    """Idempotent set-up of an existing root: catalogs, workflow, service ACLs."""
    ensure_catalog(root)
    for catalog in root["catalogs"].values():
        catalog.update_indexes(registry=registry, reindex=True)
    workflow = get_workflow(root, registry)
    if workflow is not None:
        workflow.reset(root)
    # Users and groups are the system administrator's business (三员分立:
    # the permissions of that duty only, never ALL_PERMISSIONS to anyone);
    # each user keeps the rights Substance D gives on their own user object.
    duty = sorted(get_vocabulary(registry).duties.get("system_admin", ()))
    set_acl(
        root["principals"],
        [(Allow, "role:system_admin", ("view", *duty)), DENY_ALL],
        registry=registry,
    )
    # The Substance D admins group (our site administrators) holds no
    # ALL_PERMISSIONS: Substance D grants it on the root at creation; the
    # site workflow's state replaces that ACL, and anything left is removed.
    _drop_all_permissions(root, registry)
    ensure_store(root)
    # Trees that concurrent submissions write: made now, so that the first
    # submissions do not all write the root (govportal.submissions, .applications).
    from .applications.model import ensure_stores
    from .submissions.ledger import find_ledger

    find_ledger(root, create=True)
    ensure_stores(root)
    # 办事服务 (govportal.services): case boxes, the query-code index, saved forms.
    from .services.cases import ensure_stores as ensure_case_stores
    from .services.drafts import ensure_drafts
    from .services.sites import sites as service_sites

    ensure_case_stores(root, service_sites(root))
    ensure_drafts(root)
    # 互动交流 letters: boxes, query codes, used challenges, rate-limit windows.
    from .interaction.letters.intake import ensure_stores as ensure_letter_stores

    ensure_letter_stores(root)
    from .services.catalog import ensure_guide_catalog

    ensure_guide_catalog(root, registry)  # the service hall's indexes
    # Settings edited at run time live in the database; etc/ only seeds them.
    from .checks.words import seed_words
    from .disclosure.topics import seed_topics

    seed_topics(root, registry)
    seed_words(root, registry)
    # Links in bodies by reference, the register of pending uploads
    # (govportal.media; idempotent, free once done).
    from .media.migrate import migrate_bodies

    migrate_bodies(root, registry)


def _drop_all_permissions(root, registry):
    acl = list(getattr(root, "__acl__", ()) or ())
    kept = [ace for ace in acl if not (ace[0] == Allow and ace[2] == ALL_PERMISSIONS)]
    if kept != acl:
        set_acl(root, kept, registry=registry)
