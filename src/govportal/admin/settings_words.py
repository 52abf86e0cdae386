"""管理 → 发布检查词表 (``/@@admin-words``, ``manage_site``).

The four word lists of the pre-publication checks (:mod:`govportal.checks.words`):
禁止发布词, 提示词, 常见错别字 (``错词 => 正确写法``) and 领导姓名与职务
(``姓名 => 职务、职务``), one entry a line, stored in the database.  Lists over
the limits (:data:`~govportal.checks.words.MAX_LIST_CHARS` characters,
:data:`~govportal.checks.words.MAX_LINES` lines, a line of
:data:`~govportal.checks.words.MAX_LINE_CHARS`) or with a malformed line are
refused (400) and nothing is stored.  A save records ``settings.change``
(target ``words``) with the number of entries of each list — not the words.
"""

from datetime import UTC, datetime

import colander
import deform
import deform.widget
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config
from substanced.interfaces import IRoot
from substanced.schema import Schema

from ..checks.words import (
    BLOCKED_FILE,
    LEADERS_FILE,
    MAX_LINE_CHARS,
    MAX_LINES,
    MAX_LIST_CHARS,
    TYPOS_FILE,
    WARNING_FILE,
    WordsError,
    check_texts,
    get_word_lists,
    save_words,
    seed_texts,
    words_store,
)
from ..i18n import _, translate
from ..security.events import record_action
from .sites_common import TEMPLATES, bind, done_json, form_errors, make_form, no_store, refuse_json

#: form field -> word-list file name
FIELDS = {
    "blocked": BLOCKED_FILE,
    "warning": WARNING_FILE,
    "typos": TYPOS_FILE,
    "leaders": LEADERS_FILE,
}

TITLES = {
    "blocked": _("admin-words-blocked", default="禁止发布词"),
    "warning": _("admin-words-warning", default="提示词"),
    "typos": _("admin-words-typos", default="常见错别字"),
    "leaders": _("admin-words-leaders", default="领导姓名与职务"),
}

HELP = {
    "blocked": _(
        "admin-words-blocked-help",
        default="出现即不能审核通过，须删除（审核员不能放行）。每行一个词。",
    ),
    "warning": _(
        "admin-words-warning-help",
        default="审核时提示，不阻止发布。每行一个词，可写“词语 => 建议”。",
    ),
    "typos": _(
        "admin-words-typos-help", default="每行“错词 => 正确写法”，审核时提示并给出正确写法。"
    ),
    "leaders": _(
        "admin-words-leaders-help",
        default="每行“姓名 => 职务、职务”；姓名前后写错职务时提示。领导班子调整后请及时更新。",
    ),
}


def _list_validator(file_name):
    def validate(node, value):
        try:
            check_texts({file_name: value})
        except WordsError as e:
            raise colander.Invalid(node, str(e)) from None

    return validate


def words_schema():
    schema = Schema()
    for field, file_name in FIELDS.items():
        schema.add(
            colander.SchemaNode(
                colander.String(allow_empty=True),
                name=field,
                title=TITLES[field],
                description=HELP[field],
                widget=deform.widget.TextAreaWidget(rows=12),
                validator=colander.All(
                    colander.Length(
                        max=MAX_LIST_CHARS,
                        max_err=_(
                            "admin-words-long",
                            default="最多 ${n} 个字符。",
                            mapping={"n": MAX_LIST_CHARS},
                        ),
                    ),
                    _list_validator(file_name),
                ),
                missing="",
            )
        )
    return schema


def _page(request, form_html, status=200):
    request.response.status_int = status
    no_store(request)
    return {
        "heading": translate(request, _("admin-words", default="发布检查词表")),
        "intro": translate(
            request,
            _(
                "admin-words-help",
                default="词表保存在数据库中，所有服务器同时生效，保存后立即用于发布前检查。",
            ),
        ),
        "help_items": [
            translate(
                request,
                _(
                    "admin-words-exceptions",
                    default="任何一行都可以在末尾加“| 例外 例外 …”，列出包含该词但本身正确的词组，"
                    "例如：按排 => 安排 | 按排名 按排序。“#”开头（或空格后）的内容为注释。",
                ),
            ),
            translate(
                request,
                _(
                    "admin-words-limits",
                    default="每个词表最多 ${lines} 行、${chars} 个字符，每行最多 ${line} 个字符。",
                    mapping={"lines": MAX_LINES, "chars": MAX_LIST_CHARS, "line": MAX_LINE_CHARS},
                ),
            ),
        ],
        "form_html": form_html,
        "back_url": request.application_url + "/@@admin-sites",
        "ws_errors": [],
    }


@view_config(
    context=IRoot,
    name="admin-words",
    permission="manage_site",
    renderer=TEMPLATES + "settings_form.pt",
)
def words_view(context, request):
    schema = bind(words_schema(), request, context)
    buttons = [("save", translate(request, _("admin-save", default="保存")))]
    form = make_form(schema, request.resource_url(context, "@@admin-words"), buttons, "words")
    if request.method != "POST":
        store = words_store(context)
        texts = store.texts if store is not None else seed_texts(request.registry)
        return _page(request, form.render({f: texts.get(n, "") for f, n in FIELDS.items()}))
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as e:
        return refuse_json(request, 400, form_errors(request, e)) or _page(request, e.render(), 400)
    texts = {file_name: appstruct[field] for field, file_name in FIELDS.items()}
    store = words_store(context)
    if store is not None and check_texts(texts) == store.texts:
        # nothing changed (or a replayed POST): nothing stored or recorded
        answer = done_json(request, version=store.version)
        if answer is not None:
            return answer
        request.session.flash(
            translate(request, _("admin-settings-same", default="没有修改任何设置。"))
        )
        return HTTPSeeOther(request.resource_url(context, "@@admin-words"))
    store = save_words(
        context, texts, changed_by=request.authenticated_userid, changed_at=datetime.now(UTC)
    )
    lists = get_word_lists(request.registry, context)
    counts = {
        "blocked": len(lists.blocked),
        "warning": len(lists.warning),
        "typos": len(lists.typos),
        "leaders": len(lists.leaders),
    }
    record_action(
        request, "settings.change", target="words", details=dict(counts, version=store.version)
    )
    answer = done_json(request, version=store.version, **counts)
    if answer is not None:
        return answer
    message = _(
        "admin-words-saved",
        default="词表已保存：禁止发布词 ${blocked} 个，提示词 ${warning} 个，"
        "错别字 ${typos} 个，领导 ${leaders} 人。",
        mapping=counts,
    )
    request.session.flash(translate(request, message))
    return HTTPSeeOther(request.resource_url(context, "@@admin-words"))
