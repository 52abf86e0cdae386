"""The structure of the official annual-report template (国办公开办函〔2021〕30号).

Everything here is data: the six sections, the applicant columns and the
outcome rows of table 三 (in the template's order, with its wording), the
rows of table 二 and the columns of table 四.  :mod:`.grids` lays these out
as tables; the aggregation (:mod:`.aggregate`) counts into the same codes.

Outcome and applicant-type codes are the ones the applications package
(``govportal.applications``) records, so a decision maps onto exactly one row.
"""

from dataclasses import dataclass

#: section number -> heading, as the template words them
SECTIONS = (
    ("一", "总体情况"),
    ("二", "主动公开政府信息情况"),
    ("三", "收到和处理政府信息公开申请情况"),
    ("四", "政府信息公开行政复议、行政诉讼情况"),
    ("五", "存在的主要问题及改进情况"),
    ("六", "其他需要报告的事项"),
)

# -- table 三: applications ---------------------------------------------------

PERSON = "person"
#: the five kinds of 法人或其他组织, in the template's column order
ORGANISATION_TYPES = (
    ("org_business", "商业企业"),
    ("org_research", "科研机构"),
    ("org_charity", "社会公益组织"),
    ("org_legal", "法律服务机构"),
    ("org_other", "其他"),
)
#: every applicant type, in column order
APPLICANT_TYPES = (PERSON,) + tuple(code for code, _t in ORGANISATION_TYPES)
#: the column that sums the others
TOTAL = "total"
#: every column of table 三, in order
COLUMNS = APPLICANT_TYPES + (TOTAL,)

APPLICANT_TYPE_TITLES = dict(ORGANISATION_TYPES, person="自然人")


@dataclass(frozen=True)
class OutcomeGroup:
    """One of the six groups of 三、本年度办理结果.

    ``items`` are ``(outcome code, label)``; a group with a single item and
    no ``numbered`` sub-rows (予以公开, 部分公开) is one row whose label is the
    group's title.
    """

    title: str
    items: tuple
    numbered: bool = True


OUTCOME_GROUPS = (
    OutcomeGroup("（一）予以公开", (("disclose", ""),), numbered=False),
    OutcomeGroup(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        (("partial", ""),),
        numbered=False,
    ),
    OutcomeGroup(
        "（三）不予公开",
        (
            ("withhold_state_secret", "1.属于国家秘密"),
            ("withhold_law", "2.其他法律行政法规禁止公开"),
            ("withhold_security", "3.危及“三安全一稳定”"),
            ("withhold_third_party", "4.保护第三方合法权益"),
            ("withhold_internal", "5.属于三类内部事务信息"),
            ("withhold_process", "6.属于四类过程性信息"),
            ("withhold_enforcement", "7.属于行政执法案卷"),
            ("withhold_query", "8.属于行政查询事项"),
        ),
    ),
    OutcomeGroup(
        "（四）无法提供",
        (
            ("unable_not_held", "1.本机关不掌握相关政府信息"),
            ("unable_needs_making", "2.没有现成信息需要另行制作"),
            ("unable_unclear", "3.补正后申请内容仍不明确"),
        ),
    ),
    OutcomeGroup(
        "（五）不予处理",
        (
            ("reject_petition", "1.信访举报投诉类申请"),
            ("reject_repeat", "2.重复申请"),
            ("reject_publication", "3.要求提供公开出版物"),
            ("reject_mass", "4.无正当理由大量反复申请"),
            ("reject_confirm", "5.要求行政机关确认或重新出具已获取信息"),
        ),
    ),
    OutcomeGroup(
        "（六）其他处理",
        (
            (
                "other_no_supplement",
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            ),
            (
                "other_no_fee",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            ),
            ("other", "3.其他"),
        ),
    ),
)
#: every outcome code, in row order
OUTCOMES = tuple(code for group in OUTCOME_GROUPS for code, _label in group.items)

ROW_NEW = "一、本年新收政府信息公开申请数量"
ROW_CARRIED_IN = "二、上年结转政府信息公开申请数量"
ROW_RESULTS = "三、本年度办理结果"
ROW_RESULTS_TOTAL = "（七）总计"
ROW_CARRIED_OUT = "四、结转下年度继续办理"
CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def outcome_title(code):
    """The row label of outcome ``code``, with its group (e.g. 不予公开 1.属于国家秘密)."""
    for group in OUTCOME_GROUPS:
        for item, label in group.items:
            if item == code:
                return f"{group.title} {label}".strip() if label else group.title
    return code


# -- table 二: proactive disclosure ------------------------------------------

#: (field, label) of the 第二十条第（一）项 rows; each has issued / repealed / in force
REGULATION_ROWS = (("rules", "规章"), ("normative", "行政规范性文件"))
REGULATION_MEASURES = (
    ("issued", "本年制发件数"),
    ("repealed", "本年废止件数"),
    ("in_force", "现行有效件数"),
)
#: (article item, value heading, ((field, label), ...)) of the decision and fee rows
DECISION_BLOCKS = (
    ("第二十条第（五）项", "本年处理决定数量", (("licensing", "行政许可"),)),
    (
        "第二十条第（六）项",
        "本年处理决定数量",
        (("penalty", "行政处罚"), ("coercion", "行政强制")),
    ),
    ("第二十条第（八）项", "本年收费金额（单位：万元）", (("fees", "行政事业性收费"),)),
)


def regulation_field(row, measure):
    """Form field name of a 第二十条第（一）项 figure, e.g. ``normative_issued``."""
    return f"{row}_{measure}"


#: every figure of table 二, in reading order
PROACTIVE_FIELDS = tuple(
    regulation_field(row, measure)
    for row, _l in REGULATION_ROWS
    for measure, _m in REGULATION_MEASURES
) + tuple(field for _i, _h, rows in DECISION_BLOCKS for field, _l in rows)

# -- table 四: administrative review and litigation ---------------------------

#: (prefix, heading) of the three groups of table 四
LITIGATION_GROUPS = (
    ("review", "行政复议"),
    ("direct", "未经复议直接起诉"),
    ("after_review", "复议后起诉"),
)
#: the five columns of each group; the last is the sum of the four before it
LITIGATION_MEASURES = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
LITIGATION_TITLE = "行政诉讼"


def litigation_field(group, measure):
    """Form field name of a table 四 figure, e.g. ``direct_pending``."""
    return f"{group}_{measure}"


LITIGATION_FIELDS = tuple(
    litigation_field(g, m) for g, _t in LITIGATION_GROUPS for m, _l in LITIGATION_MEASURES
)

#: the officer's texts: field -> section number
TEXT_FIELDS = (("overview", "一"), ("problems", "五"), ("other_matters", "六"))


def report_title(organ_title, year):
    """The report's title, e.g. 营山县教育局2025年度政府信息公开工作年度报告."""
    return f"{organ_title}{year}年度政府信息公开工作年度报告"
