"""``/@@api-tokens``: partner tokens, for holders of ``manage_api`` (the
site administrator).

The page lists every token (name, partner, sites, kinds, expiry, last use,
state) with a 吊销 button each, and a form to create one.  Creating shows
the token once (only its hash is kept); the form carries a one-time
submission token (:mod:`govportal.submissions`), so a replayed POST shows
the same token again and stores nothing.  Create and revoke are audited.
"""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config
from substanced.interfaces import IRoot

from .. import sitetime
from ..i18n import _, translate
from ..security.events import record_action
from ..submissions import FIELD, issue, once
from ..workspace.dashboard import no_store
from . import tokens
from .access import public_sites, site_key

TEMPLATE = "govportal.api:templates/tokens.pt"
PERMISSION = "manage_api"
KIND_TITLES = {
    "sites": "站点",
    "columns": "栏目",
    "documents": "信息",
    "guides": "办事指南",
    "letters": "公开信件",
}
MAX_DAYS = 3650


def _site_choices(request):
    return [(site_key(s), getattr(s, "title", "") or "门户网站") for s in public_sites(request)]


def _local(value, registry):
    return sitetime.local(value, registry).strftime("%Y-%m-%d %H:%M") if value else ""


def _rows(request):
    root = request.root
    titles = dict(_site_choices(request))
    rows = []
    for record in tokens.all_tokens(root):
        state = "有效" if record.active() else ("已吊销" if record.revoked else "已过期")
        rows.append(
            {
                "id": record.id,
                "name": record.name,
                "partner": record.partner,
                "sites": "、".join(titles.get(k, k) for k in record.sites),
                "kinds": "、".join(KIND_TITLES.get(k, k) for k in record.kinds),
                "created": _local(record.created, request.registry),
                "expires": _local(record.expires, request.registry),
                "last_used": _local(tokens.last_used(root, record.id), request.registry),
                "state": state,
                "active": record.active(),
            }
        )
    return rows


def _page(request, errors=(), created=None, form=None):
    no_store(request)
    days = request.registry.settings.get("govportal.api.token_days") or "365"
    return {
        "rows": _rows(request),
        "sites": _site_choices(request),
        "kinds": list(KIND_TITLES.items()),
        "errors": [translate(request, e) for e in errors],
        "created": created,
        "form": form or {"name": "", "partner": "", "sites": [], "kinds": [], "days": days},
        "submission_field": FIELD,
        "submission_token": issue(request, "api-token"),
        "action": request.resource_url(request.context, "@@api-tokens"),
        "revoke_action": request.resource_url(request.context, "@@api-tokens-revoke"),
    }


@view_config(
    context=IRoot, name="api-tokens", permission=PERMISSION, renderer=TEMPLATE, request_method="GET"
)
def tokens_page(context, request):
    return _page(request)


def _read_form(request):
    post = request.POST
    form = {
        "name": post.get("name", "").strip(),
        "partner": post.get("partner", "").strip(),
        "sites": [k for k in post.getall("sites") if k in dict(_site_choices(request))],
        "kinds": [k for k in post.getall("kinds") if k in KIND_TITLES],
        "days": post.get("days", "").strip(),
    }
    errors = []
    if not 1 <= len(form["name"]) <= 60:
        errors.append(_("api-token-name-required", default="请填写令牌名称（不超过60字）。"))
    if not 1 <= len(form["partner"]) <= 60:
        errors.append(_("api-token-partner-required", default="请填写使用单位（不超过60字）。"))
    if not form["sites"]:
        errors.append(_("api-token-sites-required", default="请至少选择一个站点。"))
    if not form["kinds"]:
        errors.append(_("api-token-kinds-required", default="请至少选择一种资源类型。"))
    if not (form["days"].isdigit() and 1 <= int(form["days"]) <= MAX_DAYS):
        errors.append(_("api-token-days", default="有效天数应为 1 至 3650 之间的整数。"))
    return form, errors


@view_config(
    context=IRoot,
    name="api-tokens",
    permission=PERMISSION,
    renderer=TEMPLATE,
    request_method="POST",
)
def create_token(context, request):
    form, errors = _read_form(request)
    if errors:
        return _page(request, errors=errors, form=form)

    def create(submission):
        record, _plain = tokens.create(
            context,
            submission.derive("api-token"),
            form["name"],
            form["partner"],
            form["sites"],
            form["kinds"],
            int(form["days"]),
            request.authenticated_userid and str(request.authenticated_userid),
        )
        record_action(
            request,
            "api.token_created",
            target=record.id,
            details={
                "name": record.name,
                "partner": record.partner,
                "sites": ",".join(record.sites),
                "kinds": ",".join(record.kinds),
                "expires": record.expires.isoformat(),
            },
        )
        return {"id": record.id}

    outcome = once(request, "api-token", create)
    token_id, secret = tokens.make_secret(outcome.submission.derive("api-token"))
    created = {"id": outcome.result["id"], "token": tokens.plain_token(token_id, secret)}
    return _page(request, created=created)


@view_config(context=IRoot, name="api-tokens-revoke", permission=PERMISSION, request_method="POST")
def revoke_token(context, request):
    no_store(request)
    record = tokens.find(context, request.POST.get("token", "")[:40])
    if record is not None and record.revoked is None:
        tokens.revoke(record, str(request.authenticated_userid))
        record_action(
            request,
            "api.token_revoked",
            target=record.id,
            details={"name": record.name, "partner": record.partner},
        )
        request.session.flash(_("api-token-revoked", default="访问令牌已吊销。"))
    return HTTPSeeOther(request.resource_url(context, "@@api-tokens"))
