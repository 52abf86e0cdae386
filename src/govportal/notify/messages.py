"""Topics of notification mail and the Chinese texts of each message."""

from ..i18n import _, translate

#: reviewers: an item was submitted for review
REVIEW_REQUEST = "review_request"
#: editors: their item was approved, scheduled or sent back
REVIEW_RESULT = "review_result"

#: topic -> (title, description) shown on the settings page
TOPICS = {
    REVIEW_REQUEST: (
        _("notify-topic-request", default="待审核通知"),
        _("notify-topic-request-help", default="本部门有稿件送审时通知我（审核员）。"),
    ),
    REVIEW_RESULT: (
        _("notify-topic-result", default="审核结果通知"),
        _(
            "notify-topic-result-help",
            default="我编辑或送审的稿件被审核通过、定时发布或退回时通知我（编辑）。",
        ),
    ),
}


def _where(item):
    from ..content import find_department

    dept = find_department(item)
    return dept.title if dept is not None else "门户网站"


def review_request(request, item, record, url):
    """(subject, body) of the mail to reviewers."""
    mapping = {
        "title": item.title,
        "who": record.actor_name,
        "where": _where(item),
        "when": record.local_when.strftime("%Y-%m-%d %H:%M"),
        "url": url,
        "comment": record.comment or "无",
    }
    subject = _("notify-request-subject", default="【待审核】${title}", mapping=mapping)
    body = _(
        "notify-request-body",
        default=(
            "您好：\n\n${who} 于 ${when} 将${where}的稿件《${title}》送审，请及时审核。\n"
            "送审说明：${comment}\n\n审核地址：${url}\n\n"
            "（本邮件由网站群系统自动发送。不想再收到此类通知，可在编辑工作台的“通知设置”中关闭。）"
        ),
        mapping=mapping,
    )
    return translate(request, subject), translate(request, body)


RESULT_TITLES = {
    "approve": _("notify-approved", default="已审核通过并发布"),
    "schedule": _("notify-scheduled", default="已审核通过，将定时发布"),
    "reject": _("notify-rejected", default="被退回修改"),
}


def review_result(request, item, record, url):
    """(subject, body) of the mail to the editor."""
    outcome = translate(request, RESULT_TITLES[record.transition])
    mapping = {
        "title": item.title,
        "who": record.actor_name,
        "outcome": outcome,
        "when": record.local_when.strftime("%Y-%m-%d %H:%M"),
        "url": url,
        "comment": record.comment or "无",
    }
    subject = _("notify-result-subject", default="【${outcome}】${title}", mapping=mapping)
    body = _(
        "notify-result-body",
        default=(
            "您好：\n\n您的稿件《${title}》${outcome}。\n审核人：${who}　时间：${when}\n"
            "审核意见：${comment}\n\n稿件地址：${url}\n\n"
            "（本邮件由网站群系统自动发送。不想再收到此类通知，可在编辑工作台的“通知设置”中关闭。）"
        ),
        mapping=mapping,
    )
    return translate(request, subject), translate(request, body)
