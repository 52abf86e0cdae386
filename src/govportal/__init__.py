"""govportal: a county government's website group on Pyramid + Substance D + ZODB.

:func:`main` is the WSGI application factory (``egg:govportal``).
:func:`includeme` wires the aspects together.
"""

import os

from pyramid.config import Configurator

from .content import scan as content_scan
from .mail import set_mailer
from .security import set_policies
from .settings import apply_defaults


def includeme(config):
    # Every include runs before any scan: packages that register directives
    # (Substance D's @content, @mgmt_view, add_workflow; our add_workflow_guard)
    # must be set up before scanned decorators use them.
    config.include("pyramid_retry")
    # Jittered back-off before each retry, retries counted (govportal.retry).
    config.include(".retry")
    config.include("pyramid_tm")
    config.include("substanced")
    config.include(".skin")
    config.include(".security")
    set_policies(config)
    set_mailer(config)  # overrides the SMTP mailer Substance D includes
    config.include(".overrides")
    # Request hardening (body limit, security headers) and the audit trail
    # first: both must see every request and every event of the others.
    config.include(".hardening")
    config.include(".audit")
    # Accounts: sign-in, lockout, password policy, second factor, sessions.
    config.include(".accounts")
    config.include(".content")
    config.include(".calendar")
    # Before the catalog: the catalogs reindex a document after its 索引号 is set.
    config.include(".disclosure")
    config.include(".catalog")
    # Per-site host names (第九条): before the public site (its template
    # globals read the sitehosts' app_url on a department host).
    config.include(".sitehosts")
    config.include(".public")
    config.include(".cache")
    config.include(".search")
    config.add_translation_dirs("govportal:locale/")
    config.include(content_scan)
    # Revisions of documents and working copies (the WorkingCopy type).
    config.include(".revisions")
    # Workflows last among includes: bindings name content types that the
    # scans above register (Substance D checks them when actions execute).
    config.include(".workflow")
    # After the workflows (they provide add_workflow_guard): the guards and
    # views of locking, scheduling and bulk transitions.
    config.include(".locks")
    config.include(".schedule")
    # One-time submission tokens and their ledger (after .schedule: pruning job).
    config.include(".submissions")
    config.include(".workflow.bulk_views")
    # After the workflows: registers the prepublication guard they name.
    config.include(".checks")
    # The editorial workspace uses the workflows and the aspects above.
    config.include(".workspace")
    # Media of documents and links by reference (after the workspace and
    # the scheduler: its upload views and the expiry job).
    config.include(".media")
    config.include(".notify")
    # 信息报送: after the workspace and the notify topics it reuses; its
    # placement source feeds the catalog's placed_in index.
    config.include(".syndication")
    # After the workflows: registers the guards application.yaml names.
    config.include(".applications")
    # After the applications and the document workflow it reads and feeds.
    config.include(".annualreport")
    # 政府网站工作年度报表 (reuses the annual report's pieces; reads services,
    # interaction and the monitor lazily).
    config.include(".sitereport")
    # 办事服务: after the workflows (its guards) and the applications (numbers).
    config.include(".services")
    # 互动交流: after the services (the 智能问答 reads guides) and the search.
    config.include(".interaction")
    # 专题专栏: portal topics gathering departments' items (placements, listing queries).
    config.include(".topics")
    # 运行维护: health, metrics, probes, update monitoring, links, tamper
    # (over every aspect above: it reads what they publish), then backups.
    config.include(".monitoring")
    config.include(".selfcheck")
    # Department scorecards (H4): read the monitor, the self-check's peers.
    config.include(".scorecards")
    config.include(".backup")
    # 管理: the staff's administration, over every aspect above.
    config.include(".api")
    config.include(".admin")


def main(global_config, **settings):
    """Return the govportal WSGI application."""
    here = (global_config or {}).get("here")
    if here:
        # files the app writes belong next to the .ini (its var/), not in the
        # source checkout, when the .ini does not say where
        settings.setdefault("govportal.mail.directory", os.path.join(here, "var", "mail"))
    config = Configurator(settings=apply_defaults(settings))
    config.include(includeme)
    return config.make_wsgi_app()
