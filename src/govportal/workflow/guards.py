"""Named guards that workflow files attach to transitions.

A guard is ``guard(content, request, transition) -> message or None``; a
message refuses the transition.  Register more with the
``config.add_workflow_guard(name, callable)`` directive; a workflow file that
names an unregistered guard stops start-up.
"""

from ..i18n import _

LAST_EDITOR_ATTR = "last_editor"


def get_last_editor(content):
    return getattr(content, LAST_EDITOR_ATTR, None)


def set_last_editor(content, userid):
    setattr(content, LAST_EDITOR_ATTR, userid)


def four_eyes(content, request, transition):
    """The approver may not be the item's last editor (四眼原则)."""
    userid = getattr(request, "authenticated_userid", None) if request is not None else None
    if userid is None:
        return _("workflow-anonymous", default="请先登录。")
    last = get_last_editor(content)
    if last is not None and str(last) == str(userid):
        return _(
            "workflow-four-eyes",
            default="您是该稿件的最后修改人，不能由本人审核通过，请由本部门其他审核员审核。",
        )
    return None


BUILTIN_GUARDS = {"four_eyes": four_eyes}


def add_workflow_guard(config, name, guard):
    """Directive: make ``guard`` available to workflow files as ``name``."""
    guard = config.maybe_dotted(guard)
    config.registry.govportal_workflow_guards[name] = guard
