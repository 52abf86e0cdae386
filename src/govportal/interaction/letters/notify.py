"""Mail and text messages about letters.

The writer hears of the receipt (number and, once, the query code), of a
transfer (转办: which department now handles it) and of the reply (the
tracking page ``<receiving site>/@@letter-track``, where the reply and the
satisfaction form are), by mail when he gave an address and by SMS to a
mainland mobile number.  Links use the site's public URL
(:func:`govportal.siteurl.public_resource_url`), never the request's host.
No message carries the reply or the writer's data.

The handling site's staff (users holding a role granted ``handle_letter``
in ``workflows/letter.yaml`` on that site) hear of each new letter and each
letter transferred to them, and of near-due, overdue and long unanswered
letters (:mod:`.reminders`), under :data:`TOPIC` (a user may switch it off).
Everything is sent when the transaction commits.
"""

from pyramid.traversal import find_root

from ...mail import send, send_to_users
from ...security.people import users_with_roles
from ...services.notify import _sms, organ_title
from ...services.sites import site_named
from ...siteurl import public_resource_url
from ...workflow import facts
from .model import LETTER_TYPE, site_of
from .vocabulary import CHANNELS, title_of

#: The notification topic of letter mails (see govportal.mail.wants).
TOPIC = "interaction"
HANDLER_PERMISSION = "handle_letter"
TRACK_VIEW = "@@letter-track"
ADMIN_VIEW = "@@letters-admin"


def receiving_site(letter):
    return site_named(find_root(letter), letter.received_site) or find_root(letter)


def track_url(request, letter):
    return public_resource_url(request.registry, receiving_site(letter), TRACK_VIEW)


def staff_url(request, letter):
    return public_resource_url(request.registry, site_of(letter), ADMIN_VIEW, letter.__name__)


def channel_title(request, letter):
    from ...i18n import translate

    return translate(request, title_of(CHANNELS, letter.channel))


def tell_writer(request, letter, what, detail="", code=None):
    """Tell the writer that ``what`` happened to his letter; returns the channels used."""
    writer = letter.writer or {}
    organ = organ_title(receiving_site(letter))
    url = track_url(request, letter)
    channel = channel_title(request, letter)
    used = []
    if writer.get("email"):
        lines = [f"您的{channel}来信（信件编号 {letter.number}）{what}。"]
        if detail:
            lines += ["", detail.strip()]
        if code:
            lines += ["", f"查询码：{code}（请妥善保存，凭信件编号和查询码查询办理情况和答复）"]
        lines += ["", f"办理情况查询：{url}"]
        subject = f"【{organ}】信件{letter.number}：{what}"
        send(request, [writer["email"]], subject, "\n".join(lines) + "\n")
        used.append("mail")
    if writer.get("phone"):
        text = f"【{organ}】您的来信{letter.number}{what}。"
        if code:
            text += f"查询码{code}。"
        text += f"查询：{url}"
        if _sms(request, writer["phone"], text):
            used.append("sms")
    return used


def handlers(site, registry):
    """Users holding a role granted ``handle_letter`` on ``site``."""
    roles = facts.roles_granted(registry, HANDLER_PERMISSION, LETTER_TYPE)
    return users_with_roles(site, roles, registry)


def tell_staff(request, site, subject, body, letter=None):
    """Mail ``site``'s letter handlers; returns the addresses mailed."""
    text = body.strip() + "\n"
    if letter is not None:
        text += f"\n信件页面：{staff_url(request, letter)}\n"
    return send_to_users(
        request, handlers(site, request.registry), f"【互动交流】{subject}", text, TOPIC
    )


def letter_received(request, letter, code):
    """A new letter (called by :func:`.intake.submit_letter`)."""
    tell_writer(
        request,
        letter,
        "已收到",
        "能够当即答复的将当即答复；不能当即答复的，将自收到之日起15个工作日内"
        "告知初步核实情况和承诺办结时间。",
        code=code,
    )
    site = site_of(letter)
    tell_staff(
        request,
        site,
        f"新{channel_title(request, letter)}来信 {letter.number}",
        f"{organ_title(site)}收到新的{channel_title(request, letter)}来信 {letter.number}，"
        f"请在{letter.verify_due.isoformat() if letter.verify_due else '15个工作日内'}前"
        "告知初步核实情况和承诺办结日期，或当即答复。",
        letter,
    )


def letter_transferred(request, letter):
    """转办 or 退回: the writer learns who handles it, the new site's staff get it."""
    site = site_of(letter)
    tell_writer(request, letter, f"已转{organ_title(site)}办理", "办理时限自收信之日起连续计算。")
    due = letter.due.isoformat() if letter.due else ""
    tell_staff(
        request,
        site,
        f"转办来信 {letter.number}",
        f"信件 {letter.number} 已转{organ_title(site)}办理，请及时受理。"
        f"办理时限连续计算，当前期限：{due}。",
        letter,
    )


def reply_ready(request, letter):
    """The reply went out: the writer reads it with the query code."""
    tell_writer(
        request, letter, "已答复", "请凭信件编号和查询码查看答复内容，并对答复进行满意度评价。"
    )
