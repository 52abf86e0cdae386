"""管理 → 检索同义词 (``/@@admin-synonyms``, ``manage_site``).

The site search's synonym and abbreviation dictionary (:mod:`.synonyms`),
one entry a line, stored in the database; until a first save the seed file
(``etc/search-synonyms.txt``) is shown and used.  A text over the limits or
with a malformed line is refused (400, the line named) and nothing is stored;
the form carries a one-time submission token, so a replayed POST stores
nothing twice.  A save records ``settings.change`` (target ``synonyms``) with
the number of entries.  The page also shows what a query would search for
(``?try=社保卡怎么补办``), so an editor sees the effect of an entry.
"""

from datetime import UTC, datetime

import colander
import deform
import deform.widget
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config
from substanced.interfaces import IRoot
from substanced.schema import Schema

from ..admin.sites_common import bind, done_json, form_errors, make_form, no_store, refuse_json
from ..i18n import _, translate
from ..security.events import record_action
from ..submissions import once, token_node
from .query import clean
from .synonyms import (
    MAX_CHARS,
    MAX_LINES,
    SynonymDictionary,
    SynonymError,
    get_dictionary,
    parse_text,
    save_synonyms,
    seed_text,
    synonym_store,
    understand,
)

VIEW = "admin-synonyms"
KIND = "admin-synonyms"


def _validate(node, value):
    try:
        parse_text(value)
    except SynonymError as e:
        raise colander.Invalid(node, str(e)) from None


def synonyms_schema(request):
    schema = Schema()
    schema.add(
        colander.SchemaNode(
            colander.String(allow_empty=True),
            name="text",
            title=_("admin-synonyms-text", default="同义词与简称"),
            description=_(
                "admin-synonyms-text-help",
                default="每行一组。“社会保障卡, 社保卡”：互为同义，任一个都能找到其余的；"
                "“开饭店 => 餐饮服务, 食品经营”：左边的词也能找到右边的词。“#”后为注释。",
            ),
            widget=deform.widget.TextAreaWidget(rows=24),
            validator=colander.All(
                colander.Length(
                    max=MAX_CHARS,
                    max_err=_(
                        "admin-synonyms-long",
                        default="最多 ${n} 个字符。",
                        mapping={"n": MAX_CHARS},
                    ),
                ),
                _validate,
            ),
            missing="",
        )
    )
    schema.add(token_node(request, KIND))
    return schema


def _tried(request, context):
    """``[(label, value)]`` describing what the ``try`` query searches for."""
    q = clean(request.GET.get("try", ""))
    if not q:
        return q, []
    parsed = understand(request, q, context)
    units = [" | ".join(u.texts) for u in parsed.units]
    variants = ["、".join(v.text for v in vs) for vs in parsed.segment_variants()]
    rows = [
        (translate(request, _("admin-synonyms-try-kind", default="查询类型")),
         translate(request, _("admin-synonyms-question", default="问句（按覆盖度检索）"))
         if parsed.question
         else translate(request, _("admin-synonyms-keywords", default="关键词（先按短语检索）"))),
        (translate(request, _("admin-synonyms-try-phrases", default="短语及同义改写")),
         "；".join(variants)),
        (translate(request, _("admin-synonyms-try-units", default="计入覆盖度的词")),
         "；".join(units)),
    ]  # fmt: skip
    return q, rows


def _page(request, context, form_html, status=200):
    request.response.status_int = status
    no_store(request)
    store = synonym_store(context)
    dictionary = get_dictionary(request.registry, context)
    q, rows = _tried(request, context)
    return {
        "heading": translate(request, _("admin-synonyms", default="检索同义词")),
        "intro": translate(
            request,
            _(
                "admin-synonyms-help",
                default="站内检索和智能问答按此词表理解群众的说法：查询中出现的词，"
                "同时按其同义词、全称检索。词表保存在数据库中，保存后所有服务器立即生效。",
            ),
        ),
        "help_items": [
            translate(
                request,
                _(
                    "admin-synonyms-state",
                    default="当前词表共 ${n} 个词语有同义词（${source}）。",
                    mapping={
                        "n": len(dictionary),
                        "source": translate(
                            request,
                            _("admin-synonyms-db", default="数据库中的词表")
                            if store is not None
                            else _("admin-synonyms-seed", default="尚未保存，使用初始词表"),
                        ),
                    },
                ),
            ),
            translate(
                request,
                _(
                    "admin-synonyms-limits",
                    default="最多 ${lines} 行、${chars} 个字符，每个词语最多 20 个字。"
                    "请只加确实同义的词：同义词过宽会让检索结果不准确。",
                    mapping={"lines": MAX_LINES, "chars": MAX_CHARS},
                ),
            ),
        ],
        "form_html": form_html,
        "try_q": q,
        "try_rows": rows,
        "try_url": request.resource_url(context, "@@" + VIEW),
        "back_url": request.application_url + "/@@admin",
        "ws_errors": [],
    }


@view_config(
    context=IRoot,
    name=VIEW,
    permission="manage_site",
    renderer="govportal.search:templates/admin_synonyms.pt",
)
def synonyms_view(context, request):
    schema = bind(synonyms_schema(request), request, context)
    buttons = [("save", translate(request, _("admin-save", default="保存")))]
    form = make_form(schema, request.resource_url(context, "@@" + VIEW), buttons, "synonyms")
    if request.method != "POST":
        store = synonym_store(context)
        text = store.text if store is not None else seed_text(request.registry)
        return _page(request, context, form.render({"text": text}))
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as e:
        answer = refuse_json(request, 400, form_errors(request, e))
        return answer or _page(request, context, e.render(), 400)

    def store_it(_submission):
        store = save_synonyms(
            context,
            appstruct["text"],
            changed_by=request.authenticated_userid,
            changed_at=datetime.now(UTC),
        )
        count = len(SynonymDictionary.from_text(store.text))
        record_action(
            request,
            "settings.change",
            target="synonyms",
            details={"terms": count, "version": store.version},
        )
        return {"terms": count, "version": store.version}

    outcome = once(request, KIND, store_it)
    answer = done_json(request, **outcome.result)
    if answer is not None:
        return answer
    message = _(
        "admin-synonyms-saved",
        default="同义词表已保存：${terms} 个词语有同义词。",
        mapping={"terms": outcome.result["terms"]},
    )
    request.session.flash(translate(request, message))
    return HTTPSeeOther(request.resource_url(context, "@@" + VIEW))
