"""Mail of 信息报送: the target site's reviewers on an offer, the offering
editor on a decision.  Sent on commit (govportal.mail), under the topics
of the review mail (govportal.notify) so the users' opt-outs apply; links
start with the configured public URL (govportal.siteurl)."""

from substanced.util import get_oid

from ..i18n import _, translate
from ..mail import send_to_users
from ..notify.messages import REVIEW_REQUEST, REVIEW_RESULT
from ..security.people import users_of, users_with_roles
from ..siteurl import public_resource_url
from ..workflow import facts
from .model import REVIEW_PERMISSION, state_title
from .rows import site_label

FOOTER = "（本邮件由网站群系统自动发送。不想再收到此类通知，可在编辑工作台的“通知设置”中关闭。）"


def offer_made(request, offer, document, target):
    roles = facts.roles_granted(request.registry, REVIEW_PERMISSION)
    reviewers = users_with_roles(target, roles, request.registry)
    me = str(request.authenticated_userid)
    reviewers = [u for u in reviewers if str(get_oid(u, "")) != me]
    mapping = {
        "title": document.title,
        "where": site_label(request.root, offer.source),
        "column": target.title,
        "who": offer.last.actor_name,
        "url": public_resource_url(request.registry, request.root, "@@syndication-review"),
        "footer": FOOTER,
    }
    subject = _("syndication-mail-offer-subject", default="【信息报送】${title}", mapping=mapping)
    body = _(
        "syndication-mail-offer-body",
        default=(
            "您好：\n\n${who}（${where}）将稿件《${title}》报送到“${column}”栏目，请及时审核"
            "（采用或退回）。\n\n审核地址：${url}\n\n${footer}"
        ),
        mapping=mapping,
    )
    send_to_users(
        request, reviewers, translate(request, subject), translate(request, body), REVIEW_REQUEST
    )


def decided(request, offer, document, target):
    offered_by = offer.offered.actor_id
    editors = users_of(request.root, [offered_by] if offered_by is not None else [])
    mapping = {
        "title": document.title,
        "column": target.title,
        "outcome": state_title(offer.state, request.registry),
        "who": offer.last.actor_name,
        "reason": offer.last.comment or "无",
        "url": public_resource_url(request.registry, request.root, "@@syndication"),
        "footer": FOOTER,
    }
    subject = _(
        "syndication-mail-result-subject",
        default="【信息报送${outcome}】${title}",
        mapping=mapping,
    )
    body = _(
        "syndication-mail-result-body",
        default=(
            "您好：\n\n您报送到“${column}”栏目的稿件《${title}》${outcome}。\n"
            "审核人：${who}　理由：${reason}\n\n报送记录：${url}\n\n${footer}"
        ),
        mapping=mapping,
    )
    send_to_users(
        request, editors, translate(request, subject), translate(request, body), REVIEW_RESULT
    )
