"""Codes and Chinese titles of the service aspect (办事服务).

Every list is ``((code, title), ...)``: codes are stored, titles shown.
Titles are translatable message ids of the zh_CN catalog.
"""

from ..i18n import _

#: 第十九条: the themes a citizen browses by.
THEMES = (
    ("education", _("教育")),
    ("medical", _("医疗")),
    ("social_security", _("社会保障")),
    ("employment", _("就业")),
    ("housing", _("住房")),
    ("transport", _("交通")),
    ("certificates", _("证件办理")),
    ("business_startup", _("企业开办")),
    ("qualification", _("资质认证")),
    ("marriage_birth", _("婚育")),
    ("tax", _("经营纳税")),
    ("utilities", _("公用事业")),
)

#: Who a service is for.
USER_TYPES = (
    ("person", _("个人")),
    ("legal", _("法人")),
)

#: Life events (人生事件 / 企业生命周期) a citizen or a business browses by.
LIFE_EVENTS = (
    ("birth", _("生育收养")),
    ("schooling", _("入学教育")),
    ("work", _("就业创业")),
    ("marriage", _("婚姻登记")),
    ("housing", _("住房保障")),
    ("medical", _("医疗卫生")),
    ("social_insurance", _("社会保险")),
    ("retirement", _("退休养老")),
    ("assistance", _("社会救助")),
    ("death", _("身后事")),
    ("startup", _("企业开办")),
    ("operation", _("经营许可")),
    ("investment", _("投资建设")),
    ("closure", _("注销退出")),
)

#: 事项类型 (权力清单 and service guides).
ITEM_TYPES = (
    ("licence", _("行政许可")),
    ("confirmation", _("行政确认")),
    ("payment", _("行政给付")),
    ("reward", _("行政奖励")),
    ("adjudication", _("行政裁决")),
    ("penalty", _("行政处罚")),
    ("enforcement", _("行政强制")),
    ("inspection", _("行政检查")),
    ("other_power", _("其他行政权力")),
    ("public_service", _("公共服务")),
)

#: How a material is handed in.
MATERIAL_FORMS = (
    ("original", _("原件")),
    ("copy", _("复印件")),
    ("both", _("原件和复印件")),
    ("electronic", _("电子件")),
)

#: Where a guide's 在线办理 leads.
ONLINE_MODES = (
    ("none", _("仅窗口办理")),
    ("external", _("四川省一体化政务服务平台办理")),
    ("here", _("本网站在线申请")),
)

#: Why a case's clock is paused (法定不计入办理时限的情形).
PAUSE_KINDS = (
    ("correction", _("补正材料")),
    ("hearing", _("听证")),
    ("testing", _("检验、检测、检疫")),
    ("expert", _("专家评审")),
    ("other", _("其他法定情形")),
)

#: The kinds of field the form builder offers.
FIELD_KINDS = (
    ("text", _("单行文本")),
    ("textarea", _("多行文本")),
    ("choice", _("单选")),
    ("multichoice", _("多选")),
    ("date", _("日期")),
    ("id_number", _("身份证号码")),
    ("credit_code", _("统一社会信用代码")),
    ("phone", _("联系电话")),
    ("address", _("地址")),
    ("file", _("材料上传")),
)

#: 好差评: five levels, 5 best.
RATING_LEVELS = (
    (5, _("非常满意")),
    (4, _("满意")),
    (3, _("基本满意")),
    (2, _("不满意")),
    (1, _("非常不满意")),
)
#: Ratings at or below this level are 差评 and start a rectification.
BAD_RATING = 2


def title_of(vocabulary, code):
    """The title of ``code`` in ``vocabulary`` (the code itself if unknown)."""
    for key, title in vocabulary:
        if key == code:
            return title
    return code


def codes(vocabulary):
    return tuple(code for code, _title in vocabulary)
