"""The figures of a site's report that the system knows, each with its source.

:func:`generated` returns ``{field key: Figure(value, source)}`` for a site
(the portal root or a department) and a year.  Every date is taken in the
site's time zone (:mod:`govportal.sitetime`): an item published at 00:30
China time on 1 January belongs to the new year even though it is still
31 December in UTC.

* 信息发布 — the site's documents in a public state whose 发布日期 falls in
  the year, by the kind of their column (``info`` 概况类, ``news``/``notice``
  政务动态, ``disclosure``/``policy`` 信息公开目录);
* 办事服务 — service guides in the site's columns, cases (办件) the site leads
  submitted in the year, by applicant type;
* 互动交流 — letters (received, answered, average days, published replies),
  consultations, surveys and interviews opened in the year;
* 专栏专题 — the portal's special topics kept and opened in the year
  (:mod:`govportal.topics.figures`);
* 安全防护 — the monitor's alarms of the site opened / cleared in the year,
  and the newest restore drill (:mod:`govportal.backup.status`).
"""

from dataclasses import dataclass
from datetime import datetime

from pyramid.traversal import find_root

from ..annualreport.aggregate import text
from ..annualreport.sources import organ_columns, organ_title
from ..content import IDepartment, IDocument
from ..content.portal import site_setting
from ..i18n import _
from ..sitetime import local_date
from ..siteurl import public_resource_url
from ..workflow import get_state
from ..workflow.facts import public_states
from .official import NO, YES

NEWS_KINDS = ("news", "notice")
DISCLOSURE_KINDS = ("disclosure", "policy")


@dataclass(frozen=True)
class Figure:
    value: object
    source: str


def _in_year(value, year, registry):
    day = local_date(value, registry)
    return day is not None and day.year == year


def _items(site):
    """``(column, item)`` for every item directly in a column of ``site``."""
    for column, _trail in organ_columns(site):
        for item in column.values():
            yield column, item


def documents(site, year, registry):
    public = public_states(registry)
    counts = {"pub_total": 0, "pub_overview": 0, "pub_news": 0, "pub_disclosure": 0}
    for column, item in _items(site):
        if not IDocument.providedBy(item) or get_state(item, registry) not in public:
            continue
        if not _in_year(getattr(item, "publish_date", None), year, registry):
            continue
        kind = getattr(column, "kind", "other")
        counts["pub_total"] += 1
        if kind == "info":
            counts["pub_overview"] += 1
        elif kind in NEWS_KINDS:
            counts["pub_news"] += 1
        elif kind in DISCLOSURE_KINDS:
            counts["pub_disclosure"] += 1
    source = text(_("本站已发布文件（按发布日期、栏目类型统计）"))
    return {key: Figure(value, source) for key, value in counts.items()}


def services(site, year, registry):
    from ..services.guide import IServiceGuide
    from ..services.queries import cases_of

    guides = [item for _c, item in _items(site) if IServiceGuide.providedBy(item)]
    online = [g for g in guides if getattr(g, "online_mode", "none") == "here"]
    cases = [c for c in cases_of(site) if _in_year(c.submitted_at, year, registry)]
    kinds = [(c.applicant or {}).get("type") for c in cases]
    src_cases = text(_("本站主办的网上办件（按提交日期统计）"))
    return {
        "svc_catalogue": Figure(YES if guides else NO, text(_("本站办事指南"))),
        "svc_items": Figure(len(guides), text(_("本站办事指南数量"))),
        "svc_online": Figure(len(online), text(_("可在线申请的办事指南数量"))),
        "cases_total": Figure(len(cases), src_cases),
        "cases_person": Figure(
            kinds.count("person"), text(_("本站主办的网上办件（按提交日期统计），申请人为个人"))
        ),
        "cases_legal": Figure(
            kinds.count("legal"), text(_("本站主办的网上办件（按提交日期统计），申请人为法人"))
        ),
    }


def letters(site, year, registry):
    from ..interaction.letters.model import find_box

    box = find_box(site)
    items = list(box.values()) if box is not None else []
    received = [x for x in items if _in_year(x.received_on or x.submitted_at, year, registry)]
    finished = [x for x in items if _in_year(x.answered_on, year, registry)]
    spans = [
        (x.answered_on - local_date(x.received_on or x.submitted_at, registry)).days
        for x in finished
    ]
    average = round(sum(spans) / len(spans), 1) if spans else 0
    public = [x for x in items if _in_year(x.published_at, year, registry)]
    return {
        "unified_platform": Figure(YES, text(_("本系统统一留言平台"))),
        "letters_received": Figure(len(received), text(_("本站收到的留言（按收到日期）"))),
        "letters_finished": Figure(len(finished), text(_("本站办结的留言（按答复日期）"))),
        "letters_avg_days": Figure(average, text(_("办结留言自收到至答复的平均自然日数"))),
        "letters_public": Figure(len(public), text(_("本站公开答复的留言（按公开日期）"))),
    }


def interaction(site, year, registry):
    from ..interaction.consultations.model import IConsultation
    from ..interaction.contributions.actions import all_of
    from ..interaction.interviews.model import IInterview
    from ..interaction.surveys.model import ISurvey

    polls = interviews = opinions = questions = 0
    for _column, item in _items(site):
        if IConsultation.providedBy(item) or ISurvey.providedBy(item):
            if _in_year(getattr(item, "opens_on", None), year, registry):
                polls += 1
                opinions += len(list(all_of(item)))
        elif IInterview.providedBy(item):
            if _in_year(getattr(item, "starts_at", None), year, registry):
                interviews += 1
                questions += len(list(all_of(item)))
    return {
        "polls": Figure(polls, text(_("本站本年开始的意见征集和问卷调查"))),
        "poll_opinions": Figure(opinions, text(_("本站意见征集收到的意见（不含问卷答卷）"))),
        "interviews": Figure(interviews, text(_("本站本年举行的在线访谈"))),
        "interview_questions": Figure(questions, text(_("本站在线访谈收到的网民留言"))),
        "smart_answers": Figure(YES, text(_("本系统智能问答（互动交流）"))),
    }


def topics(site, year, registry):
    """专栏专题: the portal's special topics (govportal.topics); a department has none."""
    from ..topics.figures import topic_figures

    counts = {"topics_kept": 0, "topics_new": 0}
    if not IDepartment.providedBy(site):
        counts = topic_figures(site, registry, year)
    source = text(_("本站专题专栏（开设中及本年归档的专题；本年首次开设的专题）"))
    return {key: Figure(value, source) for key, value in counts.items()}


def security(site, year, registry):
    from pyramid.traversal import resource_path

    from ..backup.status import backup_state
    from ..monitoring.alarms import closed_alarms, open_alarms

    root = find_root(site)
    path = resource_path(site)
    alarms = [a for a in open_alarms(root) + closed_alarms(root, limit=100_000)]
    found = [a for a in alarms if a.site_path == path and _in_year(a.opened, year, registry)]
    fixed = [a for a in found if a.closed is not None]
    _backup, drill = backup_state(registry.settings)
    try:
        drilled_at = datetime.fromisoformat(drill["live_now"]) if drill else None
    except (KeyError, TypeError, ValueError):
        drilled_at = None
    drilled = _in_year(drilled_at, year, registry)
    return {
        "sec_found": Figure(len(found), text(_("运行监测告警（本年发现）"))),
        "sec_fixed": Figure(len(fixed), text(_("运行监测告警（已处置）"))),
        "sec_monitoring": Figure(YES, text(_("运行维护监测（可用性、篡改、链接等）"))),
        "sec_drill": Figure(YES if drilled else NO, text(_("备份恢复演练记录"))),
    }


def basics(site, registry):
    """网站基本信息 from the portal's site settings (管理 › 站点设置).

    A department's site is part of the portal's site group: it shares the
    portal's domain, hence its ICP and 公安机关 records; a department with its
    own 网站标识码 overrides that figure (with the reason)."""
    root = find_root(site)
    name = organ_title(site)
    department = IDepartment.providedBy(site)
    return {
        "site_name": Figure(f"{name}网站", text(_("站点名称"))),
        "home_url": Figure(public_resource_url(registry, site), text(_("站点公开网址设置"))),
        "sponsor": Figure(
            name if department else site_setting(root, "sponsor"),
            text(_("部门名称")) if department else text(_("门户网站站点设置（主办单位）")),
        ),
        "site_code": Figure(
            site_setting(root, "site_code") or None, text(_("门户网站站点设置（网站标识码）"))
        ),
        "icp": Figure(
            site_setting(root, "icp_number") or None, text(_("门户网站站点设置（ICP备案号）"))
        ),
        "police_record": Figure(
            site_setting(root, "police_number") or None,
            text(_("门户网站站点设置（公安机关备案号）")),
        ),
    }


SOURCES = (documents, services, letters, interaction, topics, security)


def generated(site, year, registry):
    """Every figure the system computes for ``site`` in ``year``."""
    figures = basics(site, registry)
    for source in SOURCES:
        figures.update(source(site, year, registry))
    return figures
