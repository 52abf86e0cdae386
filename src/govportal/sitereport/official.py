"""The layout of the 政府网站工作年度报表 (国办函〔2019〕19号 era template), as data.

The report is one table per section; every row is a :class:`Field` with a
key (the name the form and the store use), the template's label, its kind
(a count, a number of days, a yes/no answer or a text) and — when the
system can compute it — its ``source`` (:mod:`.sources` fills those).
Fields without a source are entered by the officer; a generated figure may
be overridden in the form, with a reason.
"""

from dataclasses import dataclass

COUNT, DAYS, YESNO, TEXT = "count", "days", "yesno", "text"
YES, NO = "是", "否"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = COUNT
    generated: bool = False


def f(key, label, kind=COUNT):
    """A field the officer enters."""
    return Field(key, label, kind)


def g(key, label, kind=COUNT):
    """A field the system computes (may be overridden with a reason)."""
    return Field(key, label, kind, generated=True)


SECTIONS = (
    (
        "网站基本信息",
        (
            g("site_name", "网站名称", TEXT),
            g("home_url", "首页网址", TEXT),
            g("sponsor", "主办单位", TEXT),
            g("site_code", "网站标识码", TEXT),
            g("icp", "ICP备案号", TEXT),
            g("police_record", "公安机关备案号", TEXT),
            f("unique_visitors", "独立用户访问总量（单位：个）"),
            f("page_views", "网站总访问量（单位：次）"),
        ),
    ),
    (
        "信息发布",
        (
            g("pub_total", "信息发布总数（单位：条）"),
            g("pub_overview", "其中：概况类信息更新量"),
            g("pub_news", "其中：政务动态信息更新量"),
            g("pub_disclosure", "其中：信息公开目录信息更新量"),
        ),
    ),
    (
        "专栏专题",
        (
            g("topics_kept", "维护数量（单位：个）"),
            g("topics_new", "新开设数量（单位：个）"),
        ),
    ),
    (
        "解读回应",
        (
            f("interp_total", "解读信息发布总数（单位：条）"),
            f("interp_material", "其中：解读材料数量"),
            f("interp_product", "其中：解读产品数量"),
            f("interp_media", "其中：媒体评论数量"),
            f("responses", "回应公众关注热点或重大舆情数量（单位：次）"),
        ),
    ),
    (
        "办事服务",
        (
            g("svc_catalogue", "是否发布服务事项目录", YESNO),
            f("svc_users", "注册用户数（单位：万）"),
            g("svc_items", "政务服务事项数量（单位：项）"),
            g("svc_online", "可全程在线办理政务服务事项数量（单位：项）"),
            g("cases_total", "办件量：总数（单位：件）"),
            g("cases_person", "办件量：自然人办件量"),
            g("cases_legal", "办件量：法人办件量"),
        ),
    ),
    (
        "互动交流",
        (
            g("unified_platform", "是否使用统一平台", YESNO),
            g("letters_received", "留言办理：收到留言数量（单位：条）"),
            g("letters_finished", "留言办理：办结留言数量（单位：条）"),
            g("letters_avg_days", "留言办理：平均办理时间（单位：天）", DAYS),
            g("letters_public", "留言办理：公开答复数量（单位：条）"),
            g("polls", "征集调查：征集调查期数（单位：期）"),
            g("poll_opinions", "征集调查：收到意见数量（单位：条）"),
            f("poll_results", "征集调查：公布调查结果期数（单位：期）"),
            g("interviews", "在线访谈：访谈期数（单位：期）"),
            g("interview_questions", "在线访谈：网民留言数量（单位：条）"),
            f("interview_answers", "在线访谈：答复网民提问数量（单位：条）"),
            g("smart_answers", "是否提供智能问答", YESNO),
        ),
    ),
    (
        "安全防护",
        (
            f("sec_checks", "安全检测评估次数（单位：次）"),
            g("sec_found", "发现问题数量（单位：个）"),
            g("sec_fixed", "问题整改数量（单位：个）"),
            g("sec_monitoring", "是否建立安全监测预警机制", YESNO),
            g("sec_drill", "是否开展应急演练", YESNO),
            f("sec_officer", "是否明确网站安全责任人", YESNO),
        ),
    ),
    (
        "移动新媒体",
        (
            f("media_any", "是否有移动新媒体", YESNO),
            f("weibo_name", "微博：名称", TEXT),
            f("weibo_posts", "微博：信息发布量（单位：条）"),
            f("weibo_followers", "微博：关注量（单位：个）"),
            f("wechat_name", "微信：名称", TEXT),
            f("wechat_posts", "微信：信息发布量（单位：条）"),
            f("wechat_followers", "微信：订阅数（单位：个）"),
            f("media_other", "其他", TEXT),
        ),
    ),
    (
        "创新发展",
        (
            f("inno_search", "搜索即服务", YESNO),
            f("inno_languages", "多语言版本", YESNO),
            f("inno_accessible", "无障碍浏览", YESNO),
            f("inno_personal", "千人千网", YESNO),
            f("inno_other", "其他", TEXT),
        ),
    ),
    (
        "填报信息",
        (
            f("head", "单位负责人", TEXT),
            f("reviewer", "审核人", TEXT),
            f("filler", "填报人", TEXT),
            f("phone", "联系电话", TEXT),
            f("filled_on", "填报日期", TEXT),
        ),
    ),
)

FIELDS = tuple(field for _title, fields in SECTIONS for field in fields)
BY_KEY = {field.key: field for field in FIELDS}
GENERATED = tuple(field for field in FIELDS if field.generated)
ENTERED = tuple(field for field in FIELDS if not field.generated)


def report_title(site_name, year):
    """E.g. 营山县人民政府门户网站2025年政府网站工作年度报表."""
    return f"{site_name}{year}年政府网站工作年度报表"
