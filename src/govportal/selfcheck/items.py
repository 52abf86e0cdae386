"""Each item of the national self-check, judged on one site from the monitor's figures.

Every function here takes a :class:`Context` (one site, with the freshness
report the monitor computed for it) and returns an :class:`ItemResult`
with its evidence — nothing is re-queried that a monitoring part already
computes:

* B1 — open ``tamper`` alarms (:mod:`govportal.monitoring.alarms`) and
  public items whose stored pre-publication report still shows a blocked
  word (:mod:`govportal.checks`; the stored summary is read, no text is
  scanned again);
* B2 — the home page's rolling week of probes
  (:func:`govportal.monitoring.probes.verdicts.figures`);
* B3, B4, B8, B9, B10, B12 — :mod:`govportal.monitoring.freshness`;
* B5 — the letter box ``@@write`` checked as an anonymous visitor would
  follow a link (:func:`govportal.monitoring.links.internal.check_internal`)
  and the letters the monitor counts unanswered for three months;
* B6, B14 — the published 办事指南 (:mod:`.guides`);
* B15 — the broken links of the crawler's last finished run.

Without probe history or a finished link run the item says 无数据: no
deduction and no veto, never a claim that it passed (see :mod:`.compute`).
"""

from pyramid.traversal import resource_path

from ..interaction.letters.model import site_of
from ..interaction.letters.notify import ADMIN_VIEW
from ..interaction.letters.queries import long_unanswered
from ..monitoring import alarms
from ..monitoring.freshness.compute import EMPTY, STALE
from ..monitoring.links.internal import OK, check_internal
from ..monitoring.links.store import site_links
from ..monitoring.probes import history, verdicts
from .evidence import FAIL, NODATA, Evidence, deduction, veto
from .guides import b6, b14


def b1(ctx):
    result = veto(ctx, "B1")
    for alarm in alarms.open_alarms(ctx.root, site=ctx.site, kind="tamper"):
        text = ctx.t("selfcheck-b1-tamper", "未处置的篡改告警：${s}", s=alarm.subject)
        result.evidence.append(Evidence(text, ctx.url(ctx.site, "@@monitoring")))
    for item in ctx.shared["blocked"].get(resource_path(ctx.site), ()):
        title = getattr(item, "title", "") or item.__name__
        text = ctx.t("selfcheck-b1-words", "已发布信息含敏感词：${t}", t=title)
        result.evidence.append(Evidence(text, ctx.url(item, "@@checks")))
    if result.evidence:
        result.status = FAIL
    return result


def b2(ctx):
    result = veto(ctx, "B2")
    conf = ctx.shared["probe_config"]
    found = history.book(ctx.root, create=False)
    verdict = verdicts.figures(found, ctx.site, "", conf, ctx.now)
    url = ctx.url(ctx.site, "@@monitoring" if ctx.site.__parent__ else "@@monitoring-site")
    if not verdict.probes:
        result.status = NODATA
        result.note = ctx.t(
            "selfcheck-b2-nodata", "近7天没有首页探测记录，可用性无法判断（不扣分，也不算合格）"
        )
        result.evidence.append(Evidence(result.note, url))
        return result
    ev = verdict.evidence
    text = ctx.t(
        "selfcheck-b2-figures",
        "首页近7天探测 ${p} 次，失败 ${f} 次，失败率 ${r}（否决线 ${v}%）",
        p=verdict.probes,
        f=verdict.failures,
        r=ev["rate"],
        v=f"{conf.veto_percent:g}",
    )
    result.evidence.append(Evidence(text, url))
    if verdict.level == "veto":
        result.status = FAIL
    elif verdict.probes < 7 * 20:
        result.note = ctx.t("selfcheck-b2-few", "探测次数不足每天20次，结论仅供参考")
    return result


def _column_text(ctx, state):
    if state.status == EMPTY:
        return ctx.t("selfcheck-column-empty", "栏目“${c}”为空白栏目", c=state.title)
    return ctx.t(
        "selfcheck-column-stale",
        "栏目“${c}”${d} 天未更新（最近更新 ${l}，规定 ${r} 天）",
        c=state.title,
        d=state.days,
        l=state.last.isoformat(),
        r=state.rule.days,
    )


def _column_evidence(ctx, states):
    base = ctx.base()
    return [Evidence(_column_text(ctx, s), f"{base}{s.path}/") for s in states]


def b3(ctx):
    result = veto(ctx, "B3")
    fresh = ctx.fresh
    if fresh.home_last is None:
        text = ctx.t("selfcheck-b3-none", "首页没有已发布的信息")
    else:
        text = ctx.t(
            "selfcheck-b3-days",
            "首页最近更新 ${l}，已 ${d} 天",
            l=fresh.home_last.isoformat(),
            d=fresh.home_days,
        )
    result.evidence.append(Evidence(text, ctx.url(ctx.site)))
    problem = fresh.problem("home")
    if problem is not None and problem.level == "veto":
        result.status = FAIL
    return result


def b4(ctx):
    result = veto(ctx, "B4")
    problem = ctx.fresh.problem("columns")
    if problem is not None and problem.level == "veto":
        result.status = FAIL
    result.evidence = _column_evidence(ctx, ctx.fresh.stale + ctx.fresh.empty)
    return result


def b5(ctx):
    result = veto(ctx, "B5")
    target = resource_path(ctx.site).rstrip("/") + "/@@write"
    verdict, status, reason = check_internal(ctx.root, ctx.anon, target)
    if verdict != OK:
        text = ctx.t(
            "selfcheck-b5-channel",
            "在线咨询渠道（领导信箱）无法访问：${s} ${r}",
            s=status,
            r=reason,
        )
        result.evidence.append(Evidence(text, ctx.url(ctx.site, "@@write")))
    if ctx.fresh.messages is not None and ctx.fresh.messages.long_unanswered:
        for letter in long_unanswered(ctx.site, ctx.registry, on=ctx.fresh.today):
            text = ctx.t(
                "selfcheck-b5-letter",
                "留言“${s}”${d} 收到，超过3个月未答复",
                s=letter.subject,
                d=letter.received_on.isoformat(),
            )
            url = ctx.url(site_of(letter), ADMIN_VIEW, letter.__name__)
            result.evidence.append(Evidence(text, url))
    if result.evidence:
        result.status = FAIL
    return result


def _columns_item(ctx, item):
    match = ctx.rules.columns[item]
    states = [c for c in ctx.fresh.columns if c.status in (STALE, EMPTY) and match.matches(c)]
    return deduction(ctx, item, _column_evidence(ctx, states))


def b8(ctx):
    return _columns_item(ctx, "B8")


def b9(ctx):
    return _columns_item(ctx, "B9")


def b12(ctx):
    return _columns_item(ctx, "B12")


def b10(ctx):
    found = ctx.fresh.messages
    gap = ctx.registry.govportal_update_rules.reply_gap_days
    evidence = []
    if found is not None and found.reply_gap is not None and found.reply_gap > gap:
        text = ctx.t(
            "selfcheck-b10",
            "有待办留言 ${n} 件，已 ${d} 天没有答复任何留言",
            n=found.open_letters,
            d=found.reply_gap,
        )
        evidence.append(Evidence(text, ctx.url(ctx.site, ADMIN_VIEW)))
    return deduction(ctx, "B10", evidence)


def b15(ctx):
    found = site_links(ctx.root, resource_path(ctx.site) or "/")
    if found is None:
        result = deduction(ctx, "B15", [])
        result.status = NODATA
        result.note = ctx.t("selfcheck-b15-nodata", "失效链接检查尚未完成一次，无法判断（不扣分）")
        return result
    base = ctx.base()
    evidence = []
    for record in found.broken.values():
        text = ctx.t(
            "selfcheck-b15",
            "“${p}”中的链接 ${u} 失效（${s} ${r}）",
            p=record.get("title", ""),
            u=record.get("shown") or record.get("url", ""),
            s=record.get("status") or "—",
            r=record.get("reason", ""),
        )
        evidence.append(Evidence(text, base + record.get("page", "")))
    return deduction(ctx, "B15", evidence)


ITEMS = (b1, b2, b3, b4, b5, b6, b8, b9, b10, b12, b14, b15)
