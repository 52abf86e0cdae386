"""Undo is off in the SDI, for everyone.

Substance D's undo (the Undo tab, ``@@undo_multiple`` and the "undo" link of
its flash messages, ``@@undo_recent``) reverses whole database transactions
below every rule of the application: a retract or an archive comes undone
without a transition, the item's history and revisions say something that
is no longer true, the audit trail (kept outside this database) records an
action whose effect has vanished, and nothing checks who may change what.
Deciding per transaction whether it touched workflow content would need the
old state of every object it wrote; nearly every transaction of this site
does (documents, columns, their catalogs), so undo would be refused almost
always anyway.  Refusing it entirely is simple and safe.  Editors restore
an earlier revision of a document in the workspace instead (recorded, and
reviewed like any change).

The Undo tab answers this refusal (403, in Chinese) instead of its list,
which was reported answering 500 (issue 9).
"""

from ..i18n import _
from .answers import LINK_WORKSPACE, in_sdi, refuse

UNDO_VIEWS = frozenset({"undo", "undo_multiple", "undo_recent"})

MSG_UNDO = _(
    "sdi-undo-off",
    default="系统管理界面的撤销功能已停用：撤销会绕过审核流程、审核记录、历史版本和审计日志，"
    "直接改写数据库。需要恢复稿件内容时，请在编辑工作台中恢复历史版本。",
)


def sdi_undo(event):
    """ContextFound subscriber: refuse every undo view of the SDI."""
    request = event.request
    if in_sdi(request) and request.view_name in UNDO_VIEWS:
        refuse(request, MSG_UNDO, links=(LINK_WORKSPACE,), reason="undo")
