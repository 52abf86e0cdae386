"""Codes and titles of letters: channels, categories, refusal reasons,
satisfaction levels.  Stored values are the codes; titles are message ids."""

from ...i18n import _

#: The channels of 第二十四条, in the order the 互动交流 page shows them.
CHANNELS = (
    ("mailbox", _("领导信箱")),
    ("consult", _("咨询")),
    ("complaint", _("投诉")),
    ("suggest", _("建议")),
)
CHANNEL_CODES = tuple(code for code, _title in CHANNELS)

#: What a letter is about (类别), as county mailboxes ask.
CATEGORIES = (
    ("social_security", _("社会保障")),
    ("education", _("教育")),
    ("health", _("医疗卫生")),
    ("housing", _("住房建设")),
    ("transport", _("交通出行")),
    ("environment", _("生态环境")),
    ("agriculture", _("农业农村")),
    ("business", _("营商环境")),
    ("public_security", _("社会治安")),
    ("civil_affairs", _("民政事务")),
    ("labour", _("劳动就业")),
    ("other", _("其他")),
)
CATEGORY_CODES = tuple(code for code, _title in CATEGORIES)

#: Satisfaction with a reply (the writer, with the query code, after the reply).
SATISFACTION = (
    ("very_satisfied", _("非常满意")),
    ("satisfied", _("满意")),
    ("basic", _("基本满意")),
    ("unsatisfied", _("不满意")),
    ("very_unsatisfied", _("非常不满意")),
)
SATISFACTION_CODES = tuple(code for code, _title in SATISFACTION)
#: Levels counted as satisfied in the statistics (满意率).
SATISFIED_CODES = ("very_satisfied", "satisfied", "basic")


def title_of(vocabulary, code):
    """The title of ``code`` in ``vocabulary`` (the code itself if unknown)."""
    for value, title in vocabulary:
        if value == code:
            return title
    return code
