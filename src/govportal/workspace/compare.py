"""对比修改: a working copy against its live document, or any two revisions.

The comparison itself (field by field, the body sentence by sentence) is
:mod:`govportal.revisions.diff`'s; this view picks what to compare.
"""

from pyramid.view import view_config

from ..content import IDocument
from ..i18n import _, translate
from . import helpers, integration
from .dashboard import TEMPLATES, no_store


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@view_config(
    context=IDocument, name="ws-diff", permission="view_history", renderer=TEMPLATES + "diff.pt"
)
def diff_view(context, request):
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    no_store(request)
    revisions = integration.optional("govportal.revisions", "get_revision")
    compare_wc = integration.optional("govportal.revisions", "compare_working_copy")
    compare_revs = integration.optional("govportal.revisions", "compare_revisions")
    macros = integration.optional("govportal.revisions.diff", "diff_macros")
    comparison, subtitle = None, ""
    a, b = _number(request.GET.get("a")), _number(request.GET.get("b"))
    if a is not None and b is not None and revisions is not None:
        old, new = revisions(context, min(a, b)), revisions(context, max(a, b))
        if old is not None and new is not None:
            comparison = compare_revs(context, old, new, request)
            subtitle = translate(
                request,
                _(
                    "ws-diff-revisions",
                    default="第 ${a} 版与第 ${b} 版的区别",
                    mapping={"a": old.number, "b": new.number},
                ),
            )
    elif integration.is_working_copy(context) and compare_wc is not None:
        comparison = compare_wc(context, request)
        subtitle = translate(
            request,
            _("ws-diff-working-copy", default="左：网站上的原稿；右：工作副本（待审核的修改）"),
        )
    elif revisions is not None:
        history = integration.revisions_of(context)
        if len(history) >= 2:
            comparison = compare_revs(context, history[-2], history[-1], request)
            subtitle = translate(
                request, _("ws-diff-last", default="最近一次修改（上一版与当前版）")
            )
    return {
        "comparison": comparison,
        "subtitle": subtitle,
        "empty": translate(request, _("ws-diff-none", default="没有可以对比的版本。")),
        "diff_macros": macros() if macros is not None else {},
    }
