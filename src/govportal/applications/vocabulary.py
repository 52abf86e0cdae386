"""Codes of applications for disclosure and their Chinese titles.

The codes are stable identifiers stored with every application and read by
the annual report (国办公开办函〔2021〕30号, checklist C13): never rename one.
Each tuple is ``(code, title)`` in the order of the report's table.
"""

#: Applicant types: the columns of the annual report's 依申请 table.
APPLICANT_TYPES = (
    ("person", "自然人"),
    ("org_business", "商业企业"),
    ("org_research", "科研机构"),
    ("org_charity", "社会公益组织"),
    ("org_legal", "法律服务机构"),
    ("org_other", "其他"),
)
APPLICANT_TYPE_CODES = tuple(code for code, _t in APPLICANT_TYPES)
ORGANISATION_TYPES = APPLICANT_TYPE_CODES[1:]

#: Outcomes (办理结果): the rows of 三、本年度办理结果, with their group.
OUTCOME_GROUPS = (
    ("disclose", "予以公开", ()),
    ("partial", "部分公开", ()),
    (
        "withhold",
        "不予公开",
        (
            ("withhold_state_secret", "国家秘密"),
            ("withhold_law", "其他法律行政法规禁止公开"),
            ("withhold_security", "危及“三安全一稳定”"),
            ("withhold_third_party", "保护第三方合法权益"),
            ("withhold_internal", "属于三类内部事务信息"),
            ("withhold_process", "属于四类过程性信息"),
            ("withhold_enforcement", "属于行政执法案卷"),
            ("withhold_query", "属于行政查询事项"),
        ),
    ),
    (
        "unable",
        "无法提供",
        (
            ("unable_not_held", "本机关不掌握相关政府信息"),
            ("unable_needs_making", "没有现成信息需要另行制作"),
            ("unable_unclear", "补正后申请内容仍不明确"),
        ),
    ),
    (
        "reject",
        "不予处理",
        (
            ("reject_petition", "信访举报投诉类申请"),
            ("reject_repeat", "重复申请"),
            ("reject_publication", "要求提供公开出版物"),
            ("reject_mass", "无正当理由大量反复申请"),
            ("reject_confirm", "要求行政机关确认或重新出具已获取信息"),
        ),
    ),
    (
        "other",
        "其他处理",
        (
            (
                "other_no_supplement",
                "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            ),
            (
                "other_no_fee",
                "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            ),
            ("other", "其他"),
        ),
    ),
)


def _flatten():
    rows = []
    for code, title, members in OUTCOME_GROUPS:
        if members:
            rows.extend((c, t, code, title) for c, t in members)
        else:
            rows.append((code, title, code, title))
    return tuple(rows)


#: ``(code, title, group code, group title)`` for every outcome, report order.
OUTCOME_ROWS = _flatten()
OUTCOMES = tuple((code, title) for code, title, _g, _gt in OUTCOME_ROWS)
OUTCOME_CODES = tuple(code for code, _t in OUTCOMES)
OUTCOME_TITLES = dict(OUTCOMES)

#: Outcome of a complaint disguised as an application, routed out (第三十九条).
PETITION_OUTCOME = "reject_petition"
#: Outcome when the applicant does not complete an unclear request in time.
NO_SUPPLEMENT_OUTCOME = "other_no_supplement"

#: Identity documents of a natural person (or of an organisation's contact).
ID_TYPES = (
    ("resident_id", "居民身份证"),
    ("passport", "护照"),
    ("hk_macao_permit", "港澳居民来往内地通行证"),
    ("taiwan_permit", "台湾居民来往大陆通行证"),
    ("residence_permit", "港澳台居民居住证"),
    ("foreign_permanent", "外国人永久居留身份证"),
)

#: 获取信息的方式: the form the information is given in, and how it travels.
DELIVERY_FORMS = (("paper", "纸质"), ("electronic", "电子"))
DELIVERY_CHANNELS = (
    ("post", "邮寄"),
    ("email", "电子邮件"),
    ("pickup", "自行领取"),
    ("online", "网上获取"),
)


def title_of(pairs, code):
    """The title of ``code`` in a ``(code, title)`` sequence (the code if unknown)."""
    return dict(pairs).get(code, code)
