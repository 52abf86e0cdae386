"""Every govportal setting, listed once with its default.

Values in the ``.ini`` file override these.  :func:`apply_defaults` fills in
what the deployment did not set and derives settings that Substance D needs.
"""

import os
import secrets
import tempfile
from pathlib import Path

#: The repository checkout this package was installed from (editable install).
SOURCE_ROOT = Path(__file__).resolve().parents[2]

DEFAULTS = {
    # Where the workflow definitions (``*.yaml``) live.
    "govportal.workflows_dir": str(SOURCE_ROOT / "workflows"),
    # The seed of the 主题分类 taxonomy: copied into a database that has none
    # (govportal-init); the taxonomy in use lives in the database (/@@admin-topics).
    "govportal.topics_file": str(SOURCE_ROOT / "etc" / "topics.yaml"),
    # The skin that renders the public site, and where skins live.
    "govportal.skin": "default",
    "govportal.skins_dir": str(SOURCE_ROOT / "skins"),
    # A file holding the secret for signed cookies; created on first use.
    "govportal.secret_file": str(SOURCE_ROOT / "var" / "secret.key"),
    # Idle session timeout in seconds (等保: ≤ 30 minutes) and reissue time.
    "govportal.session_timeout": "1800",
    "govportal.session_reissue": "120",
    # Send the auth cookie only over HTTPS (production must set true).
    "govportal.secure_cookies": "false",
    # Accounts (govportal.accounts; the security administrator may override
    # the policy at run time, stored on the root).  Passwords: minimum
    # length, how many earlier passwords may not be reused, days before a
    # password expires (0: never), least zxcvbn score (0-4).
    "govportal.accounts.password_min_length": "10",
    "govportal.accounts.password_history": "5",
    "govportal.accounts.password_max_age_days": "90",
    "govportal.accounts.password_min_score": "3",
    # Lockout: failures of one login before it is locked, for how long.
    "govportal.accounts.lockout_failures": "5",
    "govportal.accounts.lockout_minutes": "15",
    # Throttling: failures from one client address within the window
    # before that address is refused (429) until the window has passed.
    "govportal.accounts.address_failures": "20",
    "govportal.accounts.address_window_minutes": "15",
    # Hours a password reset link stays valid (used once).
    "govportal.accounts.reset_link_hours": "24",
    # Roles whose holders must sign in with a second factor (TOTP), the
    # issuer name shown by authenticator apps, and minutes a sign-in may wait
    # between the password and the code.
    "govportal.accounts.totp_roles": "system_admin security_admin audit_admin site_admin",
    "govportal.accounts.totp_issuer": "营山县政府网站群",
    "govportal.accounts.pending_minutes": "5",
    # The site's time zone (govportal.sitetime): dates are stored in UTC and
    # shown and reasoned about in this zone (发布日期, 索引号 years, deadlines).
    "govportal.timezone": "Asia/Shanghai",
    # The site's public base URL (govportal.siteurl): links in mails, stored
    # bodies and background jobs use it, never the request's Host.  Empty:
    # https:// and the portal's 网站域名.
    "govportal.public_url": "",
    # Revisions (govportal.revisions.retention): revisions of published
    # records are all kept; on approval of an item whose personal data was
    # masked, purge the revisions that still hold that data (true/false);
    # keep at most this many revisions of a never-published draft (0: all).
    "govportal.revisions.purge_masked": "true",
    "govportal.revisions.draft_limit": "0",
    "pyramid.default_locale_name": "zh_CN",
    # pyramid_tm 2.x ignores tm.attempts; pyramid_retry reads retry.attempts.
    # Concurrent writers collide now and then (ZODB conflicts): enough
    # attempts, each after a jittered pause (govportal.retry) growing from
    # base_ms (doubled per failed attempt) up to max_ms.
    "retry.attempts": "12",
    "govportal.retry.base_ms": "25",
    "govportal.retry.max_ms": "2000",
    "tm.annotate_user": "true",
    # The system administrator's login, created by govportal-init with the
    # security and audit administrators (govportal.accounts.administrators).
    "substanced.initial_login": "sysadmin",
    "substanced.initial_email": "admin@localhost",
    # Catalogs are synced by govportal-init; autosync at start-up would need
    # the root before the site exists.
    "substanced.catalogs.autosync": "false",
    # Evolution runs in govportal-init (one process), not at every start-up.
    "substanced.autoevolve": "false",
    "substanced.statsd.enabled": "false",
    "mail.default_sender": "noreply@localhost",
    # Where notifications go (govportal.mail): smtp (mail.* settings),
    # file (one file per message in govportal.mail.directory) or memory.
    "govportal.mail.delivery": "file",
    "govportal.mail.directory": str(SOURCE_ROOT / "var" / "mail"),
    # Search indexing (govportal.search): "thread" indexes in a background
    # thread after commit; "inline" does queued work at the next search.
    "govportal.search.worker": "thread",
    # Seconds a search waits for this process's queued indexing.
    "govportal.search.flush_timeout": "3",
    # Compare every document with the index in the background at start-up.
    "govportal.search.check_at_start": "true",
    # The seed of the search's synonym dictionary: used until one is saved in
    # the database (/@@admin-synonyms), which then wins (govportal.search.synonyms).
    "govportal.search.synonyms_file": str(SOURCE_ROOT / "etc" / "search-synonyms.txt"),
    # Render cache of anonymous public pages (govportal.cache).  Off (and off
    # whenever pyramid.reload_templates is on): pages still get ETag,
    # Last-Modified and Cache-Control, nothing is kept in memory.
    "govportal.cache.enabled": "true",
    # Bounds of the per-process cache: pages kept, and megabytes of bodies.
    "govportal.cache.max_entries": "5000",
    "govportal.cache.max_mb": "64",
    # Query parameters that cached pages use (pagination, catalogue filters);
    # a request with any other parameter is rendered and not kept.
    "govportal.cache.query_params": "page topic publisher year",
    # Cookies that change a page (part of the cache key): 长者版 and locale.
    "govportal.cache.vary_cookies": "gp_mode _LOCALE_",
    # URL-dispatch routes whose pages may be kept (traversal pages always may).
    "govportal.cache.routes": "",
    # Seconds a shared cache (reverse proxy) may reuse a page without asking;
    # 0: it revalidates every time, so it never serves a page after a change.
    "govportal.cache.s_maxage": "0",
    # 依申请公开 (govportal.applications): submissions of the online form and
    # tracking-code look-ups allowed per client address and process, "N/SECONDS".
    "govportal.applications.apply_rate": "10/600",
    "govportal.applications.track_rate": "30/600",
    # Application numbers (govportal.applications.numbers): the format, with
    # {organ} (机构代码, else the site's URL name), {year} and {seq}; and how
    # often the short allocation transaction is tried on a conflict.
    "govportal.applications.number_format": "{organ}-{year}-{seq:04d}",
    "govportal.applications.number_attempts": "40",
    # 办事服务 (govportal.services): online applications and query-code look-ups
    # per client address and process ("N/SECONDS"); a case is 黄牌 (near due)
    # with this many working days left or fewer; working days a department has
    # to answer a bad rating (差评整改); days a saved form (暂存) is kept.
    "govportal.services.apply_rate": "10/600",
    # 办件编号: numbered apart from 依申请公开 ({organ}, {year}, {seq}).
    "govportal.services.number_format": "{organ}-BJ{year}-{seq:05d}",
    "govportal.services.track_rate": "30/600",
    "govportal.services.yellow_days": "3",
    "govportal.services.rectify_days": "5",
    "govportal.services.draft_days": "30",
    # Text messages (govportal.notify.sms): "log", "file" (JSON lines to
    # govportal.sms.file, default var/sms.log) or "none".
    "govportal.sms.backend": "log",
    # 互动交流 (govportal.interaction).  Letters: working days for the initial
    # verification (第二十五条), the latest promised date after receipt, "near
    # due" with this many working days left (also consultations' 采纳情况);
    # 信件编号 ({organ}, {year}, {seq}); the challenge's lifetime.
    "govportal.interaction.verify_days": "15",
    "govportal.interaction.max_promise_days": "60",
    "govportal.interaction.near_days": "3",
    "govportal.interaction.number_format": "{organ}-XJ{year}-{seq:05d}",
    "govportal.interaction.challenge_minutes": "30",
    # Per-address limits ("N/SECONDS"), counted in the database so that they
    # hold across processes: letters written and looked up, comments and
    # interview questions, survey answers (per survey), 智能问答 questions and
    # suggestions; the longest comment or question (characters).
    "govportal.interaction.write_rate": "5/3600",
    "govportal.interaction.track_rate": "20/600",
    "govportal.interaction.contribution_rate": "5/600",
    "govportal.interaction.contribution_max_chars": "2000",
    "govportal.interaction.survey_rate": "30/3600",
    "govportal.interaction.ask_rate": "30/60",
    "govportal.interaction.suggest_rate": "120/60",
    # Working days after a consultation closes for its 采纳情况; after an
    # interview ends for answers to open questions, near due from this day.
    "govportal.interaction.adoption_days": "15",
    "govportal.interaction.interview_answer_days": "5",
    "govportal.interaction.interview_near_after": "4",
    # One-time submission tokens (govportal.submissions): hours a form's token
    # stays valid; used tokens are remembered for twice as long.
    "govportal.submissions.max_age_hours": "24",
    # Annual report (govportal.annualreport): the organ's 政府信息公开年报
    # column, found by title or URL name (separated by spaces or commas).
    "govportal.annualreport.column_titles": "政府信息公开年报",
    "govportal.annualreport.column_names": "xxgknb",
    # Columns (by title, and documents by 主题分类) whose published documents
    # are counted as 行政规范性文件 / 规章 in table 二 of the report.
    "govportal.annualreport.normative_markers": "规范性文件",
    "govportal.annualreport.rule_markers": "规章",
    # 政府网站工作年度报表 (govportal.sitereport): URL names of the column its
    # draft goes to (empty: the disclosure report's 年报 column), and until
    # which day of January (site time) the yearly job drafts last year's report.
    "govportal.sitereport.column_names": "",
    "govportal.sitereport.january_days": "15",
    # Editing locks (govportal.locks): minutes a lock lasts unless refreshed.
    "govportal.locks.timeout": "30",
    # Scheduled publication and expiry (govportal.schedule): "thread" runs due
    # work every `interval` seconds in each serving process; "off" leaves it
    # to `govportal-schedule CONFIG.ini` (cron).
    "govportal.schedule.worker": "thread",
    "govportal.schedule.interval": "30",
    # Most items one bulk transition may name (govportal.workflow.bulk).
    "govportal.bulk.max_items": "200",
    # Request body limits (govportal.hardening), checked before anything reads
    # the body: megabytes for ordinary requests, and for multipart posts to
    # the views that take files (and the SDI's forms).  Keep waitress's
    # max_request_body_size (the .ini files) at the upload limit.
    "govportal.max_body_mb": "2",
    "govportal.max_upload_mb": "50",
    "govportal.upload_views": "ws-add ws-edit ws-image write",
    # Largest portal emblem (网站标志, 管理 → /@@admin-logo), in whole
    # megabytes; keep it below govportal.max_body_mb (that page is not an
    # upload view, so its posts have the ordinary body limit).
    "govportal.admin.max_logo_mb": "1",
    # Send Strict-Transport-Security on every answer even when the request
    # does not look like https (TLS ends at a proxy that hides it); https
    # requests always get it.
    "govportal.hardening.hsts": "false",
    # Seconds before a temporary upload file (substanced.uploads_tempdir)
    # left by an unfinished form is removed by the periodic sweep.
    "govportal.hardening.upload_max_age": "3600",
    # Attachment text extraction (search index and pre-publication checks)
    # runs in a child process: seconds and megabytes of address space it may
    # use, megabytes of text it may return, and the zip-bomb guard of Office
    # files (megabytes unpacked in all, and the largest unpacked/packed
    # ratio of a member above 1 MB).
    "govportal.extract.timeout": "20",
    "govportal.extract.memory_mb": "512",
    "govportal.extract.max_text_mb": "2",
    "govportal.extract.max_unzipped_mb": "50",
    "govportal.extract.max_ratio": "100",
    # The seed of the word lists of the pre-publication checks: copied into a
    # database that has none (govportal-init); the lists in use live in the
    # database (/@@admin-words).
    "govportal.checks.words_dir": str(SOURCE_ROOT / "etc" / "words"),
    # Audit trail (govportal.audit; its database is zodbconn.uri.audit, by
    # default Audit.fs next to a file:// Data.fs).  Days entries are kept
    # (等保: at least 180; smaller values are refused at start-up); older
    # ones are removed by `govportal-audit purge CONFIG.ini`.
    "govportal.audit.retention_days": "365",
    # Purge older entries once a day from the scheduler thread (needs
    # govportal.schedule.worker = thread); false: only `govportal-audit purge`.
    "govportal.audit.auto_purge": "true",
    # Proxies (addresses, space-separated) whose X-Forwarded-For the audit
    # believes for the client address; empty: REMOTE_ADDR as it is.
    "govportal.audit.trusted_proxies": "",
    # Most rows one export of the audit log (CSV/XLSX) holds.
    "govportal.audit.export_max_rows": "100000",
    # 运行维护 (govportal.monitoring; its data lives in zodbconn.uri.monitor,
    # by default Monitor.fs next to a file:// Data.fs).  Who is on duty
    # (值班, 第二十八条): addresses mailed and mobile numbers sent SMS (veto
    # level only) for every alarm, space-separated.
    "govportal.monitoring.ops_emails": "",
    "govportal.monitoring.ops_phones": "",
    # /metrics (Prometheus): client addresses allowed to scrape it, and a
    # bearer token that also allows it (empty: none).  Several processes
    # share their counters through PROMETHEUS_MULTIPROC_DIR (or this).
    "govportal.monitoring.metrics_allow": "127.0.0.1 ::1",
    "govportal.monitoring.metrics_token": "",
    "govportal.monitoring.metrics_dir": "",
    # Availability probes (B2, B20, B21): in the scheduler thread (thread)
    # or only from outside (off: govportal-probe from a systemd timer);
    # seconds between rounds, seconds after which a page counts as down,
    # paths probed on every site besides its home page, and the weekly
    # failure rates (percent) of the alarm and of the national veto.
    "govportal.monitoring.probes": "thread",
    "govportal.monitoring.probe_interval": "300",
    "govportal.monitoring.probe_timeout": "15",
    "govportal.monitoring.probe_paths": "/@@search /xxgk/",
    "govportal.monitoring.probe_alarm_percent": "3",
    "govportal.monitoring.probe_veto_percent": "5",
    # Consecutive failures of a home page that alarm at once; the base URL
    # the in-process probe fetches instead of govportal.public_url (empty:
    # the public URL; e.g. a local address that bypasses the proxy); the
    # URLs govportal-probe fetches (empty: public_url + probe_paths) and its
    # JSON-lines history file.
    "govportal.monitoring.probe_failures": "3",
    "govportal.monitoring.probe_base_url": "",
    "govportal.monitoring.probe_urls": "",
    "govportal.monitoring.probe_history": str(SOURCE_ROOT / "var" / "probe-history.jsonl"),
    # Update monitoring (B3, B4, B8–B12, B16–B18): the rules of each column
    # kind, as data; hour (site time) of the weekly summary mail on Mondays.
    "govportal.monitoring.update_rules_file": str(SOURCE_ROOT / "etc" / "update-rules.yaml"),
    "govportal.monitoring.summary_hour": "8",
    # Broken links (B15, B19): hours between two runs of the crawler, most
    # requests per second to one host, minutes one run may take, seconds one
    # request may take, and whether links to other hosts are checked.
    "govportal.monitoring.links_every_hours": "24",
    "govportal.monitoring.links_rate": "5",
    "govportal.monitoring.links_max_minutes": "30",
    "govportal.monitoring.links_timeout": "10",
    "govportal.monitoring.links_external": "true",
    # Tamper detection (F14): seconds between two sweeps of what is served
    # (through govportal.public_url, so through any cache or proxy), and the
    # directory keeping the approved copies restored after tampering
    # (empty: vault/ next to the mail directory's var/).
    "govportal.monitoring.tamper_interval": "600",
    "govportal.monitoring.vault_dir": "",
    # Backups (govportal.backup, govportal-backup INI): where they go, how
    # many full backups are kept (with their incrementals), days between
    # full backups, and days between two packs of the content database by
    # the scheduler (0: never; pack history older than pack_keep_days).
    "govportal.backup.dir": "",
    "govportal.backup.keep_full": "4",
    "govportal.backup.full_every_days": "7",
    "govportal.backup.pack_every_days": "7",
    "govportal.backup.pack_keep_days": "7",
    # Department scorecards (govportal.scorecards, H4): the weights file
    # (empty: etc/scorecard-weights.yaml of the source tree).
    "govportal.scorecards.weights_file": "",
    # JSON read API (govportal.api, /api/v1/): requests allowed per client
    # address (anonymous) and per partner token, as "N/SECONDS" (a token
    # bucket of N refilled over SECONDS, in-process); items per page by
    # default and at most; how long a created token lives unless the form
    # says otherwise (days).
    "govportal.api.anonymous_rate": "60/60",
    "govportal.api.token_rate": "600/60",
    "govportal.api.page_size": "20",
    "govportal.api.max_page_size": "100",
    "govportal.api.token_days": "365",
}


def _read_or_create_secret(path):
    """Read the secret at ``path``, creating it atomically if it is missing.

    Several processes may start at once: the secret is written to a private
    temporary file and linked into place, so a reader never sees a partial
    file and a second creator adopts the first one's secret.
    """
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".secret-")
        try:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass  # another process won the race; use its secret
        finally:
            os.unlink(tmp)
    value = path.read_text().strip()
    if len(value) < 32:
        raise ValueError(f"{path}: the secret is missing or too short")
    return value


def apply_defaults(settings):
    """Return a copy of ``settings`` completed with :data:`DEFAULTS`.

    The cookie secret comes, in order, from ``substanced.secret``, the
    ``GOVPORTAL_SECRET`` environment variable or ``govportal.secret_file``
    (created with a random value if missing) — never a fixed default.
    """
    result = dict(DEFAULTS)
    result.update({k: v for k, v in settings.items() if v is not None})
    if not result.get("substanced.secret"):
        result["substanced.secret"] = os.environ.get("GOVPORTAL_SECRET") or _read_or_create_secret(
            result["govportal.secret_file"]
        )
    return result
