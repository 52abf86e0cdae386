"""``govportal-probe CONFIG.ini [--url URL ...]``: the availability probe from outside.

A server process that has died cannot report itself, so this probe runs
outside it — from a systemd timer every 5 minutes
(``etc/systemd/govportal-probe.timer``), ideally on another host.  It reads
the ``.ini`` only for settings (no application, no database): the URLs
(``--url``, else ``govportal.monitoring.probe_urls``, else
``govportal.public_url`` and ``probe_paths``), ``probe_timeout``, the alarm
lines, the 值班 addresses and phones (``ops_emails``, ``ops_phones``), mail
(``govportal.mail.delivery``: ``smtp`` with the ``mail.*`` settings, or
``file`` into ``govportal.mail.directory``) and SMS (``govportal.sms.*``).

Each run fetches every URL, appends the results to the history
(``--history``, default ``probe_history``: :mod:`.journal`), computes each
URL's 7-day failure rate from it and alarms — mail and SMS, once until the
URL recovers, then a recovery message — when the rate passes
``probe_alarm_percent`` (counted once the week holds 20 probes) or after
``probe_failures`` failures in a row; again at the veto line.  Exit status:
0 every URL up, 1 a URL down, 2 bad usage.
"""

import argparse
import re
import sys
from datetime import timedelta
from pathlib import Path

import plaster
from pyramid.i18n import make_localizer
from pyramid.settings import aslist

from ...i18n import _
from ...settings import DEFAULTS
from ...sitetime import now_utc
from . import journal
from .config import ProbeConfig
from .fetch import fetch_all
from .stats import consecutive_failures, format_duration, format_rate, rolling_week

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LOCALE_DIR = str(Path(__file__).resolve().parents[2] / "locale")


def setting(settings, name):
    value = settings.get(name)
    return DEFAULTS.get(name, "") if value is None or value == "" else value


def urls_to_probe(settings, conf, given=()):
    if given:
        return list(given)
    if conf.urls:
        return list(conf.urls)
    base = str(setting(settings, "govportal.public_url")).strip().rstrip("/")
    if not base:
        return []
    return [base + "/"] + [base + "/" + p.lstrip("/") for p in conf.paths]


def text(message):
    """``message`` (a translation string) in Chinese."""
    return make_localizer("zh_CN", [LOCALE_DIR]).translate(message)


def send_mail(settings, subject, body):
    """Mail the 值班 addresses now; returns the recipients."""
    from pyramid_mailer.mailer import DebugMailer, Mailer
    from pyramid_mailer.message import Message

    recipients = aslist(settings.get("govportal.monitoring.ops_emails", ""))
    if not recipients:
        return []
    sender = setting(settings, "mail.default_sender")
    message = Message(subject=subject, sender=sender, recipients=recipients, body=body)
    delivery = setting(settings, "govportal.mail.delivery")
    if delivery == "smtp":
        Mailer.from_settings(settings).send_immediately(message, fail_silently=False)
    elif delivery == "file":
        DebugMailer(str(setting(settings, "govportal.mail.directory"))).send(message)
    else:
        print(f"{subject}\n{body}")
    return recipients


def send_texts(settings, message):
    """SMS to the 值班 phones now (``govportal.sms.backend``)."""
    from ...notify.sms import sender_from_settings

    phones = [
        p for p in aslist(settings.get("govportal.monitoring.ops_phones", "")) if MOBILE.match(p)
    ]
    if phones:
        sender = sender_from_settings(settings)
        for phone in phones:
            sender.send(phone, message[:500])
    return phones


def notify(settings, subject_body):
    """Mail and SMS the 值班 people; False when that failed (said on stderr)."""
    subject, body = subject_body
    try:
        send_mail(settings, subject, body)
        send_texts(settings, subject)
    except Exception as e:  # an SMTP server down must not lose the round's results
        print(f"告警发送失败：{type(e).__name__}: {e}", file=sys.stderr)
        return False
    return True


#: alarm states of a URL, mildest first
STATES = ("", "warning", "veto")


def decide(conf, probes, was, now):
    """What one URL's probes mean: ``(state, action, week, consecutive)``,
    ``state`` the alarm kept after this probe, ``action`` ``alarm`` (newly
    open or worse), ``recovered`` or ``""``."""
    week = rolling_week(probes, now, conf.interval)
    consecutive = consecutive_failures(probes)
    level = conf.level(week.rate, week.probes, consecutive)
    new = "" if level == "ok" else level
    was = was if was in STATES else ""
    if new and STATES.index(new) > STATES.index(was):
        return new, "alarm", week, consecutive
    if not new and was and consecutive == 0:
        return "", "recovered", week, consecutive
    return max(was, new, key=STATES.index), "", week, consecutive


def message(action, level, url, week, consecutive, conf, result):
    mapping = {
        "url": url,
        "rate": format_rate(week.rate),
        "probes": week.probes,
        "failures": week.failures,
        "consecutive": consecutive,
        "alarm": f"{conf.alarm_percent:g}",
        "veto": f"{conf.veto_percent:g}",
        "downtime": format_duration(week.downtime),
        "error": result.error or "—",
    }
    if action == "recovered":
        subject = _(
            "probe-outside-recovered", default="已恢复：${url} 可以正常访问", mapping=mapping
        )
    elif level == "veto":
        subject = _(
            "probe-outside-veto",
            default="${url} 近7天访问失败率 ${rate}，已达单项否决线 ${veto}%",
            mapping=mapping,
        )
    else:
        subject = _(
            "probe-outside-alarm",
            default="${url} 无法访问（连续失败 ${consecutive} 次，近7天失败率 ${rate}）",
            mapping=mapping,
        )
    body = _(
        "probe-outside-body",
        default=(
            "外部可用性探测（govportal-probe）：${url}\n"
            "近7天探测 ${probes} 次，失败 ${failures} 次，失败率 ${rate}"
            "（告警线 ${alarm}%，单项否决线 ${veto}%）；最近连续失败 ${consecutive} 次，"
            "最近一次：${error}；估计停机 ${downtime}。\n"
            "请值班人员立即检查网站服务器、应用进程、网络和前置代理。\n"
        ),
        mapping=mapping,
    )
    return f"【网站运行监测】{text(subject)}", text(body)


def run(settings, urls, history, conf, out):
    """One round: fetch, record, alarm; returns the exit status."""
    at = now_utc()  # when the round started: the probes' time
    results = fetch_all(urls, conf.timeout)
    now = now_utc()
    with journal.locked(history):
        recent = journal.tail_since(history, now - timedelta(days=8))
        entries = []
        for url, result in zip(urls, results, strict=True):
            mine = [e for e in recent if e.get("url") == url]
            was = mine[-1].get("alarm", "") if mine else ""
            entry = {
                "at": at,
                "url": url,
                "ok": result.ok,
                "status": result.status,
                "seconds": result.seconds,
                "error": result.error,
            }
            probes = journal.as_probes([*mine, entry])
            level, action, week, consecutive = decide(conf, probes, was, now)
            entry["alarm"] = level
            entries.append(entry)
            if action and not notify(
                settings, message(action, level, url, week, consecutive, conf, result)
            ):
                entry["alarm"] = was  # not told: try again on the next run
            state = "正常" if result.ok else f"失败（{result.error}）"
            print(
                f"{url}\t{state}\tHTTP {result.status or '—'}\t{result.seconds:.2f} 秒\t"
                f"近7天失败率 {format_rate(week.rate)}{'（告警）' if level else ''}",
                file=out,
            )
        journal.append(history, entries)
        journal.prune(history, now)
    return 0 if all(r.ok for r in results) else 1


def main(argv=None, out=None):
    out = out or sys.stdout
    parser = argparse.ArgumentParser(description="Probe govportal's sites from outside the server.")
    parser.add_argument("config", help="the .ini file (read for settings only)")
    parser.add_argument("--url", action="append", default=[], help="a URL to probe (repeatable)")
    parser.add_argument("--history", help="the JSON-lines history file")
    parser.add_argument("--timeout", type=float, help="seconds after which a page counts as down")
    args = parser.parse_args(argv)
    settings = dict(plaster.get_settings(args.config, "app:main"))
    if args.timeout:
        settings["govportal.monitoring.probe_timeout"] = str(args.timeout)
    conf = ProbeConfig.from_settings(settings)
    urls = urls_to_probe(settings, conf, args.url)
    if not urls:
        print(
            "没有要探测的地址：请设置 govportal.public_url 或 probe_urls，或用 --url 指定。",
            file=out,
        )
        return 2
    return run(settings, urls, args.history or conf.history, conf, out)


if __name__ == "__main__":
    sys.exit(main())
