from pyramid.authorization import ACLAuthorizationPolicy
from pyramid.security import DENY_ALL, Allow, Everyone

from govportal.security.localroles import (
    BLOCK_ATTR,
    effective_roles,
    get_local_roles,
    grant_roles,
    revoke_roles,
    role_holders,
)
from govportal.security.policy import LocalRolesAuthorizationPolicy


class Node:
    def __init__(self, name, parent=None, acl=None, block=False):
        self.__name__ = name
        self.__parent__ = parent
        if acl is not None:
            self.__acl__ = acl
        if block:
            setattr(self, BLOCK_ATTR, True)


def tree():
    root = Node("", acl=[(Allow, "role:site_admin", ("view", "edit")), (Allow, Everyone, "view")])
    dept_a = Node("a", root, block=True)
    dept_b = Node("b", root, block=True)
    doc_a = Node("doc", dept_a, acl=[(Allow, "role:editor", ("view", "edit")), DENY_ALL])
    doc_b = Node("doc", dept_b, acl=[(Allow, "role:editor", ("view", "edit")), DENY_ALL])
    grant_roles(root, "g:admins", "site_admin")
    grant_roles(root, "g:portal-editors", "editor")
    grant_roles(dept_a, "g:a-editors", "editor")
    grant_roles(dept_b, "g:b-editors", "editor")
    return root, dept_a, dept_b, doc_a, doc_b


GLOBAL = frozenset({"site_admin"})


def test_grant_and_revoke():
    node = Node("x")
    grant_roles(node, "u1", "editor", "reviewer")
    grant_roles(node, "u1", "editor")
    assert get_local_roles(node) == {"u1": frozenset({"editor", "reviewer"})}
    revoke_roles(node, "u1", "editor")
    assert get_local_roles(node) == {"u1": frozenset({"reviewer"})}
    revoke_roles(node, "u1")
    assert get_local_roles(node) == {}


def test_roles_stop_at_department_but_global_roles_pass():
    root, dept_a, dept_b, doc_a, doc_b = tree()
    assert effective_roles(doc_a, ["g:a-editors"], GLOBAL) == {"editor"}
    assert effective_roles(doc_b, ["g:a-editors"], GLOBAL) == set()
    assert effective_roles(doc_a, ["g:portal-editors"], GLOBAL) == set()
    assert effective_roles(root, ["g:portal-editors"], GLOBAL) == {"editor"}
    assert effective_roles(doc_b, ["g:admins"], GLOBAL) == {"site_admin"}


def test_policy_confines_department_editors():
    root, dept_a, dept_b, doc_a, doc_b = tree()
    policy = LocalRolesAuthorizationPolicy(GLOBAL)
    assert policy.permits(doc_a, [Everyone, "u", "g:a-editors"], "edit")
    assert not policy.permits(doc_b, [Everyone, "u", "g:a-editors"], "edit")
    assert not policy.permits(doc_b, [Everyone, "u", "g:a-editors"], "view")
    assert not policy.permits(doc_a, [Everyone, "u", "g:portal-editors"], "edit")
    # the plain ACL policy would never grant a role principal
    assert not ACLAuthorizationPolicy().permits(doc_a, [Everyone, "g:a-editors"], "edit")


def test_principals_allowed_expands_roles_to_holders():
    root, dept_a, dept_b, doc_a, doc_b = tree()
    policy = LocalRolesAuthorizationPolicy(GLOBAL)
    assert policy.principals_allowed_by_permission(doc_a, "edit") == {"g:a-editors"}
    assert role_holders(doc_b, "site_admin", GLOBAL) == {"g:admins"}
    assert Everyone in policy.principals_allowed_by_permission(dept_a, "view")


def test_role_principals_handed_in_carry_no_rights():
    """Role principals computed for one context (e.g. in effective_principals)
    must not grant anything on another context."""
    root, dept_a, dept_b, doc_a, doc_b = tree()
    policy = LocalRolesAuthorizationPolicy(GLOBAL)
    forged = [Everyone, "u", "g:a-editors", "role:editor", "role:site_admin"]
    assert not policy.permits(doc_b, forged, "edit")
    assert policy.permits(doc_a, forged, "edit")


def test_view_requires_view_on_every_container():
    root, dept_a, dept_b, doc_a, doc_b = tree()
    doc_a.__acl__ = [(Allow, Everyone, "view"), DENY_ALL]
    policy = LocalRolesAuthorizationPolicy(GLOBAL)
    assert policy.permits(doc_a, [Everyone], "view")
    dept_a.__acl__ = [(Allow, "role:editor", "view"), DENY_ALL]  # hidden from visitors
    assert not policy.permits(doc_a, [Everyone], "view")
    assert policy.permits(doc_a, [Everyone, "g:a-editors"], "view")
