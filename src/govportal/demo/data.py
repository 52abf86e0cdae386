"""Demo data: a county portal with departments and columns per 第十三、十四条."""

import html
import re

from ..disclosure.columns import DISCLOSURE_COLUMNS

# 2: the disclosure columns (政府信息公开指南 … 依申请公开) on every site.
VERSION = 2
#: the articles of a full demo (govportal.demo.content)
ARTICLES_VERSION = 1

SITE_SETTINGS = {
    "legal_name": "营山县人民政府",
    "domain": "www.yingshan.gov.cn",
    "site_code": "5113220001",
    "icp_number": "蜀ICP备00000000号",
    "police_number": "川公网安备 00000000000000号",
    "sponsor": "营山县人民政府办公室",
    "organizer": "营山县大数据中心",
    "contact_phone": "0817-0000000",
    "contact_email": "webmaster@yingshan.gov.cn",
    "contact_address": "四川省南充市营山县",
    # the portal's own organ code, used in 索引号 of portal content
    "portal_organ_code": "008000000",
}

#: role -> portal-level group name
PORTAL_GROUPS = {"editor": "门户编辑", "reviewer": "门户审核", "auditor": "审计员"}
PORTAL_USERS = [
    ("portal_editor", "editor"),
    ("portal_reviewer", "reviewer"),
    ("auditor", "auditor"),
]

#: (url name, title, kind) — portal columns after regulation 第十三条
PORTAL_COLUMNS = [
    ("yw", "政务要闻", "news"),
    ("tzgg", "通知公告", "notice"),
    ("zcwj", "政策文件", "policy"),
    ("xxgk", "政府信息公开", "disclosure"),
    ("bmdt", "部门动态", "news"),
    ("xqgk", "营山概况", "info"),
    ("jggk", "机构职能", "info"),
    ("ghjh", "规划计划", "disclosure"),
    ("czzj", "财政资金", "disclosure"),
    ("zfcg", "政府采购", "disclosure"),
    ("xzsp", "行政审批", "service"),
    ("msgk", "民生保障", "disclosure"),
    ("yjgl", "应急管理", "disclosure"),
    ("jdjc", "监督检查", "disclosure"),
    ("zdxm", "重大项目", "disclosure"),
    ("zdzs", "征地拆迁", "disclosure"),
    ("jzjz", "救灾救助", "disclosure"),
    ("ggfw", "公共服务", "service"),
    ("bsfw", "办事服务", "service"),
    ("hdjl", "互动交流", "interaction"),
    *DISCLOSURE_COLUMNS,
]

#: department columns after regulation 第十四条
DEPARTMENT_COLUMNS = [
    ("jgzn", "机构职能", "info"),
    ("gfxwj", "规范性文件", "policy"),
    ("bszn", "办事指南", "service"),
    ("qlqd", "权责清单", "disclosure"),
    ("gzdt", "工作动态", "news"),
    ("tzgg", "通知公告", "notice"),
    # 互动交流 (第二十四条: each department's mailbox, consultations, 智能问答
    # knowledge base in hdjl/zswd; the column shows the site's 互动交流 page)
    ("hdjl", "互动交流", "interaction"),
    # 政府信息公开指南, 政府信息公开制度, 法定主动公开内容 (fdzdgk), 年报, 依申请公开;
    # new departments get them on creation (govportal.disclosure.columns)
    *DISCLOSURE_COLUMNS,
]

DEPARTMENTS = [
    {
        "name": "jyj",
        "title": "营山县教育局",
        "short_title": "教育局",
        "organ_code": "008000001",
        "description": "负责全县教育事业发展规划、学校管理和教育督导。",
        "contact_phone": "0817-8221101",
        "contact_address": "营山县朗池街道教育路12号",
        "office_hours": "工作日 上午9:00—12:00，下午14:00—17:30",
        "contact_email": "jyj@yingshan.gov.cn",
    },
    {
        "name": "wjj",
        "title": "营山县卫生健康局",
        "short_title": "卫生健康局",
        "organ_code": "008000002",
        "description": "负责全县医疗卫生、疾病预防控制和人口健康工作。",
        "contact_phone": "0817-8222202",
        "contact_address": "营山县朗池街道健康路8号",
        "office_hours": "工作日 上午9:00—12:00，下午14:00—17:30",
        "contact_email": "wjj@yingshan.gov.cn",
    },
    {
        "name": "rsj",
        "title": "营山县人力资源和社会保障局",
        "short_title": "人社局",
        "organ_code": "008000003",
        "description": "负责全县就业促进、社会保险和人事人才工作。",
        "contact_phone": "0817-8223303",
        "contact_address": "营山县城南街道人和路26号",
        "office_hours": "工作日 上午9:00—12:00，下午14:00—17:30",
        "contact_email": "rsj@yingshan.gov.cn",
    },
    {
        "name": "czj",
        "title": "营山县财政局",
        "short_title": "财政局",
        "organ_code": "008000004",
        "description": "负责全县财政收支、预算管理和财政监督。",
        "contact_phone": "0817-8224404",
        "contact_address": "营山县朗池街道财政巷3号",
        "office_hours": "工作日 上午9:00—12:00，下午14:00—17:30",
        "contact_email": "czj@yingshan.gov.cn",
    },
    {
        "name": "zwfwj",
        "title": "营山县政务服务管理局",
        "short_title": "政务服务局",
        "organ_code": "008000005",
        "description": "负责全县政务服务、行政审批制度改革和公共资源交易。",
        "contact_phone": "0817-8225505",
        "contact_address": "营山县城南街道政务服务中心大楼",
        "office_hours": "周一至周六 上午9:00—12:00，下午14:00—17:30",
        "contact_email": "zwfwj@yingshan.gov.cn",
    },
]


def regulation_html(text):
    """The regulation's text as paragraphs (the page furniture around it is dropped)."""
    start = text.find("第一章")
    end = text.find("扫一扫")
    body = text[start : end if end > 0 else None] if start >= 0 else text
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", body) if p.strip()]
    out = []
    for p in paragraphs:
        tag = "h2" if re.match(r"^第[一二三四五六七八九十]+章", p) else "p"
        out.append(f"<{tag}>{html.escape(p)}</{tag}>")
    return "\n".join(out)
