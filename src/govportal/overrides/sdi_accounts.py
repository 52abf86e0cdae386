"""Accounts, groups and permissions are not edited in the SDI, not even by
the system administrator.

Substance D's forms for these bypass every rule govportal keeps about
accounts: its password reset is open to anyone and mails a link built from
the request's ``Host``; its password forms accept three characters; its user
and group sheets change memberships (and so roles) without revoking the
user's sign-in tickets or writing the audit trail; its ACL tab grants
permissions outside the roles model, which is the 安全管理员's duty
(三员分立).  So:

- password reset (``@@resetpassword`` and the reset links under
  ``principals/resets``) does not exist: 404;
- anything that changes users, groups or reset requests under
  ``principals`` (every POST there, and the add-user, add-group and
  change-password forms) is refused with a pointer to 管理 (``/@@admin``),
  where these changes are checked, revoke tickets and are audited;
- the ACL tab may be read, never changed.

Listing and reading users and groups in the SDI stays possible.
"""

from pyramid.httpexceptions import HTTPNotFound
from pyramid.location import lineage
from substanced.interfaces import IPasswordReset, IPasswordResets, IPrincipals

from ..i18n import _
from .answers import LINK_ADMIN, LINK_WORKSPACE, in_sdi, note_refusal, refuse

#: views that edit accounts even when asked with GET (``change_password``
#: is sent to our own password page by govportal.accounts.sdi_entry)
ACCOUNT_FORMS = frozenset({"add_user", "add_group"})
RESET_VIEWS = frozenset({"resetpassword", "request_reset"})
READ_METHODS = frozenset({"GET", "HEAD"})

MSG_ACCOUNTS = _(
    "sdi-accounts-in-admin",
    default="用户、用户组和口令不能在系统管理界面中修改，请到“管理”中办理："
    "那里会检查口令规则、撤销原有登录凭据并记入审计日志。",
)
MSG_ACL = _(
    "sdi-acl-in-admin",
    default="访问控制列表不能在系统管理界面中修改。权限通过角色分配，由安全管理员在“管理”中办理。",
)
MSG_NO_RESET = "管理界面不提供找回口令。忘记口令请联系系统管理员在“管理”中重置。"


def _in_principals(context):
    return any(IPrincipals.providedBy(node) for node in lineage(context))


def sdi_accounts(event):
    """ContextFound subscriber (after the gate): see the module docstring."""
    request = event.request
    if not in_sdi(request):
        return
    context = request.context
    name = request.view_name
    if (
        name in RESET_VIEWS
        or IPasswordReset.providedBy(context)
        or IPasswordResets.providedBy(context)
    ):
        note_refusal(request, "password-reset")
        raise HTTPNotFound(MSG_NO_RESET)
    if _in_principals(context) and (request.method not in READ_METHODS or name in ACCOUNT_FORMS):
        refuse(request, MSG_ACCOUNTS, links=(LINK_ADMIN, LINK_WORKSPACE), reason="accounts")
    if name == "acl_edit" and request.method not in READ_METHODS:
        refuse(request, MSG_ACL, links=(LINK_ADMIN,), reason="acl")
