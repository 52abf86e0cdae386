"""智能问答's public pages.

``<site>/@@ask?q=`` (public: ``view`` of the site)
    the question box (an accessible combobox; without script a plain
    form), the answer panel (:func:`.ask.ask`: entries with their answers,
    service guides, documents), "这个回答有帮助吗？" on each entry, the hot
    questions, and "没有找到答案？转为咨询" to the 咨询 form of the site
    (``@@write?channel=consult&body=<the question>``).
``<site>/@@ask.json?q=``
    the same answer as JSON; errors as JSON (400 without a question, 429
    over the per-address limit ``govportal.interaction.ask_rate``, default
    30 a minute, 503 while the index is being built).
``<site>/@@ask-suggest.json?q=``
    up to 8 entries whose question or other wording holds what was typed
    (limit ``govportal.interaction.suggest_rate``, default 120 a minute).

Asking writes nothing: counts go through :mod:`.counts`.
"""

import re

from pyramid.events import NewRequest
from pyramid.renderers import render_to_response
from pyramid.view import view_config
from substanced.interfaces import IRoot
from substanced.util import get_oid

from ...applications.views_public import RateLimiter, parse_rate
from ...cache import dont_cache
from ...content import IColumn, IDepartment
from ...i18n import _, translate
from ...search.indexer import get_indexer
from ...search.query import clean
from ...submissions import FIELD, issue
from . import counts
from .ask import ask, highlight, snippet
from .model import is_knowledge_column, site_of
from .queries import hot_entries, published_entries, suggestions

TEMPLATE = "govportal.interaction.answers:templates/ask.pt"
FEEDBACK = "answers-feedback"
#: requests that wait for this process's queued indexing before they open the database
ASK_PATH = re.compile(r"/@@ask(?:\.json)?/?$")
DECISION = "govportal.answers.rate.{}"
RATES = {"ask": "30/60", "suggest": "120/60"}


def wait_for_index(event):
    """Like the site search: what was just published is found at once."""
    request = event.request
    if request.method in ("GET", "HEAD") and ASK_PATH.search(request.path_info or ""):
        indexer = get_indexer(request.registry)
        if indexer is not None:
            indexer.serving = True
            indexer.flush()


def allowed(request, name):
    """The per-address limit ``name``, decided once per request (retries)."""
    key = DECISION.format(name)
    if key not in request.environ:
        registry = request.registry
        limiters = registry.__dict__.setdefault("govportal_answers_limiters", {})
        if name not in limiters:
            setting = registry.settings.get(f"govportal.interaction.{name}_rate") or RATES[name]
            limiters[name] = RateLimiter(*parse_rate(setting))
        request.environ[key] = limiters[name].allow(request.client_addr or "-")
    return request.environ[key]


def site_title(site):
    return site.title if IDepartment.providedBy(site) else "门户网站"


def consult_url(request, site, q):
    query = {"channel": "consult"}
    if q:
        query["body"] = q
    return request.resource_url(site, "@@write", query=query)


def _entry(request, answer, found):
    entry = found.obj
    return {
        "title": entry.title,
        "title_html": highlight(answer, entry.title),
        "url": request.resource_url(entry),
        "answer_html": entry.answer,
        "site": site_title(site_of(entry)),
        "obj": entry,
    }


def _item(request, answer, found):
    obj = found.obj
    return {
        "title": obj.title,
        "title_html": highlight(answer, obj.title or ""),
        "url": request.resource_url(obj),
        "snippet_html": snippet(request, answer, obj),
        "site": site_title(site_of(obj)),
    }


def answer_values(request, site, q):
    """The answer to ``q`` as plain values (and the counts noted)."""
    answer = ask(request, site, q)
    values = {
        "q": answer.q,
        "ready": answer.ready,
        "asked": bool(answer.parsed),
        "found": answer.found,
        "entries": [_entry(request, answer, f) for f in answer.entries],
        "guides": [_item(request, answer, f) for f in answer.guides],
        "documents": [_item(request, answer, f) for f in answer.documents],
        "consult_url": consult_url(request, site, answer.q),
    }
    if answer.parsed and answer.ready:
        if answer.entries:
            counts.note_served(request.registry, get_oid(answer.entries[0].obj))
        elif not answer.found:
            counts.note_gap(request.registry, "" if IRoot.providedBy(site) else site.__name__, q)
    return values


@view_config(context=IRoot, name="ask", permission="view", renderer=TEMPLATE)
@view_config(context=IDepartment, name="ask", permission="view", renderer=TEMPLATE)
def ask_view(context, request):
    return ask_page(context, request)


def ask_page(context, request, column=None):
    """The ask page of ``context`` (a site); ``column``: a knowledge column
    whose published entries are listed below (its own page)."""
    dont_cache(request)
    request.response.headers["Cache-Control"] = "private, no-store"
    counts.visitor_id(request)
    raw = request.GET.get("q", "")
    q = clean(raw) if isinstance(raw, str) else ""
    limited = bool(q) and not allowed(request, "ask")
    if limited:
        request.response.status_int = 429
        values = {"q": q, "asked": False, "found": False, "ready": True}
        values.update(entries=[], guides=[], documents=[])
        values["consult_url"] = consult_url(request, context, q)
    elif q:
        values = answer_values(request, context, q)
    else:
        values = {"q": "", "asked": False, "found": False, "ready": True}
        values.update(entries=[], guides=[], documents=[])
        values["consult_url"] = consult_url(request, context, "")
    return {
        **values,
        "limited": limited,
        "scope": site_title(context),
        "hot": [(e.title, request.resource_url(e)) for e in hot_entries(request, context)],
        "action": request.resource_url(context, "@@ask"),
        "suggest_url": request.resource_url(context, "@@ask-suggest.json"),
        "csrf_token": request.session.get_csrf_token(),
        "token_field": FIELD,
        "feedback_token": lambda: issue(request, FEEDBACK),
        "voted": lambda e: counts.has_voted(request, e),
        "feedback_url": lambda e: request.resource_url(e, "@@ask-feedback"),
        "column": column,
        "listing": sorted(
            (e for e in published_entries(request, context) if e.__parent__ is column),
            key=lambda e: e.title,
        )
        if column is not None
        else [],
    }


class KnowledgeColumnPredicate:
    """``knowledge_column=True``: a site's 智能问答知识库 column."""

    def __init__(self, value, config):
        self.value = bool(value)

    def text(self):
        return f"knowledge_column = {self.value}"

    phash = text

    def __call__(self, context, request):
        return is_knowledge_column(context) == self.value


def knowledge_column_view(context, request):
    """The knowledge column's page: the site's ask page and its entries."""
    values = ask_page(site_of(context), request, column=context)
    return render_to_response(TEMPLATE, values, request=request)


def _json_error(request, status, message):
    request.response.status_int = status
    request.response.headers["Cache-Control"] = "no-store"
    return {"error": translate(request, message)}


@view_config(context=IRoot, name="ask.json", permission="view", renderer="json")
@view_config(context=IDepartment, name="ask.json", permission="view", renderer="json")
def ask_json(context, request):
    raw = request.GET.get("q", "")
    q = clean(raw) if isinstance(raw, str) else ""
    if not q:
        return _json_error(
            request, 400, _("answers-json-no-q", default="请输入要问的问题（参数 q）。")
        )
    if not allowed(request, "ask"):
        return _json_error(request, 429, _("answers-rate", default="提问过于频繁，请稍后再试。"))
    values = answer_values(request, context, q)
    if not values["ready"]:
        return _json_error(
            request, 503, _("answers-building", default="问答服务正在建立索引，请稍后再试。")
        )
    request.response.headers["Cache-Control"] = "no-store"
    for entry in values["entries"]:
        entry.pop("obj")
    return values


@view_config(context=IRoot, name="ask-suggest.json", permission="view", renderer="json")
@view_config(context=IDepartment, name="ask-suggest.json", permission="view", renderer="json")
def suggest_json(context, request):
    raw = request.GET.get("q", "")
    q = clean(raw)[:40] if isinstance(raw, str) else ""
    if not allowed(request, "suggest"):
        return _json_error(request, 429, _("answers-rate", default="提问过于频繁，请稍后再试。"))
    request.response.headers["Cache-Control"] = "no-store"
    rows = suggestions(request, context, q) if q else []
    return {
        "q": q,
        "suggestions": [
            {
                "label": label,
                "question": entry.title,
                "url": request.resource_url(entry),
                "ask_url": request.resource_url(context, "@@ask", query={"q": label}),
            }
            for entry, label in rows
        ],
    }


def includeme(config):
    config.add_subscriber(wait_for_index, NewRequest)
    config.add_view_predicate("knowledge_column", KnowledgeColumnPredicate)
    config.add_view(
        knowledge_column_view, context=IColumn, permission="view", knowledge_column=True
    )
    config.scan(".views_ask")
