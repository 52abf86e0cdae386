"""管理: govportal's own administration, in Chinese, in the staff chrome.

Every page is on the portal root and has its own permission (三员分立,
``workflows/roles.yaml``):

``/@@admin``
    links to every administration page the user may use (:mod:`.home`);
    the staff navigation shows 管理 when there is any;
``/@@admin-users``, ``/@@admin-users-new``, ``/@@admin-user/<oid>``
    用户 — accounts (``manage_accounts``, the 系统管理员): :mod:`.users`,
    :mod:`.users_edit`, :mod:`.users_actions`;
``/@@admin-roles`` …
    角色 — grants per portal, department and column, department groups,
    who has what (``manage_roles``, the 安全管理员): :mod:`.roles`;
``/@@admin-security`` …
    安全 — unlock, force a password change, revoke sessions, reset the
    second factor, password policy (``manage_security``): :mod:`.users_security`;
``/@@admin-sites``, ``/@@admin-settings`` …
    部门、栏目、站点设置 (``manage_site``): the ``sites*`` and ``settings*``
    modules.

The account state itself (passwords, lockout, sessions, second factor) is
:mod:`govportal.accounts`; every change here is announced with
:func:`govportal.security.events.record_action`.
"""

from ..security.events import ActionRecorded
from .home import admin_links
from .users_model import note_sign_in


def includeme(config):
    # request.admin_links: the pages the user may use (navigation, /@@admin)
    config.add_request_method(admin_links, "admin_links", reify=True)
    # the last sign-in of each user, for the 用户 list
    config.add_subscriber(note_sign_in, ActionRecorded)
    # the sites and settings pages' static files (admin-static)
    config.include(".sites")
    # One scan of the whole package: the users, roles and security pages and
    # the sites and settings pages register themselves with @view_config.
    config.scan(".")
