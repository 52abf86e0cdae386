"""The demo site: the county portal, five departments, users for every role
and the founding regulation published as a disclosure document.

Data lives in :mod:`govportal.demo.data`; this module only builds it, using
the same content types, groups and workflow transitions as real use.
"""

import secrets
from datetime import date
from pathlib import Path

from substanced.util import get_oid

from ..accounts.state import utcnow
from ..bootstrap import request_as
from ..security.groups import ensure_department_groups
from ..security.localroles import grant_roles
from ..workflow import facts, get_workflow
from . import data
from .services import build_services

DEMO_MARKER = "govportal_demo_version"
ARTICLES_MARKER = "govportal_demo_articles_version"
REGULATION_FILE = Path(__file__).with_name("regulation.txt")


def _password():
    return secrets.token_urlsafe(9)


def _column(container, registry, name, title, kind, order):
    if name not in container:
        container[name] = registry.content.create("Column", title=title, kind=kind, position=order)
    return container[name]


#: the demo's words for the roles of the document workflow, and the
#: permission that tells which role it is (the workflow files name roles)
DEMO_ROLE_PERMISSIONS = {"editor": "submit", "reviewer": "approve"}


def demo_role(registry, key):
    """The role the demo data calls ``key``: for ``editor`` and ``reviewer``
    the role that the document workflow grants submitting or approving;
    other keys (``auditor``) are role names of roles.yaml."""
    permission = DEMO_ROLE_PERMISSIONS.get(key)
    if permission is None:
        return key
    return facts.roles_granted(registry, permission, "Document")[0]


def _user(principals, registry, login, groups, created):
    users = principals["users"]
    if login in users:
        return users[login]
    password = _password()
    user = principals.add_user(login, password, f"{login}@localhost", registry=registry)
    user.tzname, user.locale = "Asia/Shanghai", "zh_CN"
    # random and shown once: valid for the password-expiry period
    user.password_changed_at = utcnow()
    for group in groups:
        group.memberids.connect([user])
    created.append((login, password, "、".join(g.__name__ for g in groups)))
    return user


def build_demo(root, request, full=False):
    """Create the demo content if absent.  Returns [(login, password, groups)]
    for the users created now (empty on later runs).

    ``full``: also publish the demo's articles in every column of the portal
    and of the demo departments (``govportal-demo`` does; the test suite's
    template does not, to stay fast: see :mod:`govportal.demo.content`)."""
    registry = request.registry
    done = getattr(root, DEMO_MARKER, None) == data.VERSION
    if done and (not full or getattr(root, ARTICLES_MARKER, None) == data.ARTICLES_VERSION):
        return []
    for key, value in data.SITE_SETTINGS.items():
        setattr(root, key, value)
    principals = root["principals"]
    groups = principals["groups"]
    created = []
    # portal-level groups and their roles at the root
    portal_groups = {}
    for role, name in data.PORTAL_GROUPS.items():
        group = groups.get(name) or principals.add_group(name, registry=registry)
        grant_roles(root, get_oid(group), demo_role(registry, role))
        portal_groups[role] = group
    for order, (name, title, kind) in enumerate(data.PORTAL_COLUMNS):
        _column(root, registry, name, title, kind, order)
    for login, role in data.PORTAL_USERS:
        _user(principals, registry, login, [portal_groups[role]], created)
    # the demo's site administrator (group admins, role site_admin at the
    # root, granted by create_site); signs in with a second factor
    _user(principals, registry, "admin", [groups["admins"]], created)
    # departments, their columns, groups and users
    for dept_spec in data.DEPARTMENTS:
        name = dept_spec["name"]
        if name not in root:
            root[name] = registry.content.create(
                "Department",
                title=dept_spec["title"],
                short_title=dept_spec["short_title"],
                organ_code=dept_spec["organ_code"],
                description=dept_spec["description"],
            )
        dept = root[name]
        for key in ("contact_phone", "contact_address", "office_hours", "contact_email"):
            if dept_spec.get(key) and not getattr(dept, key, ""):
                setattr(dept, key, dept_spec[key])
        for order, (cname, ctitle, kind) in enumerate(data.DEPARTMENT_COLUMNS):
            _column(dept, registry, cname, ctitle, kind, order)
        dept_groups = ensure_department_groups(dept, registry)
        for key in ("editor", "reviewer"):  # logins say what the user does
            group = dept_groups[demo_role(registry, key)]
            _user(principals, registry, f"{name}_{key}", [group], created)
    _publish_regulation(root, request, principals)
    setattr(root, DEMO_MARKER, data.VERSION)
    if full:
        from .content import build_articles

        build_articles(root, request, principals, data.DEPARTMENTS)
        setattr(root, ARTICLES_MARKER, data.ARTICLES_VERSION)
        from .syndication import build_syndication

        build_syndication(root, request)  # 信息报送: departments' news on the portal
    build_services(root, request, principals, full)  # 办事指南, 权责清单, 办件
    from .interaction import build_interaction

    build_interaction(root, request, principals, full)  # 互动交流
    if full:  # 专题专栏: gathers the articles published above
        from .specialtopics import build_special_topics

        build_special_topics(root, request, principals)
    return created


def _publish_regulation(root, request, principals):
    """Publish the founding regulation through submit → approve (four eyes)."""
    column = root["zcwj"]
    if "yingshan-website-regulation-2019" in column:
        return
    registry = request.registry
    text = REGULATION_FILE.read_text(encoding="utf-8") if REGULATION_FILE.exists() else ""
    editor = principals["users"]["portal_editor"]
    reviewer = principals["users"]["portal_reviewer"]
    as_editor = request_as(request, get_oid(editor))
    doc = registry.content.create(
        "Document",
        title="营山县政府网站管理办法",
        body=data.regulation_html(text),
        source="县政府办",
        publisher="营山县人民政府办公室",
        topic="重要政务信息",
        written_date=date(2019, 10, 12),
        publish_date=date(2019, 10, 12),
        validity="valid",
        index_number="",
        last_editor=get_oid(editor),
    )
    column["yingshan-website-regulation-2019"] = doc
    workflow = get_workflow(doc, registry)
    workflow.transition(doc, as_editor, "submit", comment="请审核")
    as_reviewer = request_as(request, get_oid(reviewer))
    workflow.transition(doc, as_reviewer, "approve", comment="同意发布")


__all__ = ["build_demo", "Path"]
