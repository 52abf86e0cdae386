"""Pre-publication checks (checklist G2, G3, G5, G7; regulation 第十六条).

Before an item is published its title, rich-text body and attachment text
(PDF, DOCX, XLSX … through :mod:`govportal.search.extract`) are checked for:

- personal data (:mod:`.personal`): resident ID numbers with a valid GB 11643
  check character and birth date, mobile numbers, bank card numbers passing
  Luhn — read however they are typed (full-width, in groups, with any kind
  of space or dash; amounts such as ``13000000000元`` are not phones) — and
  names and addresses where a form labels them (``姓名：``, ``申请人：``,
  ``住址：``, a table's header cell); read in the text, in the attributes a
  visitor sees (``alt``, ``title``, ``tel:``/``mailto:``/``sms:`` links) and
  in every part of the attachments (DOCX headers, footers, notes, text
  boxes, nested tables; XLSX sheets, comments, headers; PDF pages and
  annotations; ``.doc``/``.wps``/``.xls``/``.et``; zip members).  These
  **block** approval until masked (G7) or overridden by a reviewer with a
  recorded reason;
- attachments that cannot be read (other legacy formats such as ``.ppt``,
  encrypted or damaged files, zip bombs, timeouts) **block** too
  (“无法检查的附件：…”, shown to editor and reviewer) until a reviewer
  decides;
- words from the word lists (:mod:`.words`, in the database):
  blocked words **block** (and cannot be overridden), warning words, common
  typos (with the correction) and leaders' wrong titles are shown;
- links in the body to hosts outside ``.gov.cn``, listed for the reviewer.

API (for the workspace and other packages)
-------------------------------------------

``run_checks(content, request=None) -> Report``
    Findings across title, body and attachments.  ``report.findings`` are
    :class:`~.findings.Finding` s (kind, text, start, end, where, severity,
    masked, suggestion, context, message, key); ``report.blocking`` the
    ones that still block; ``report.summary()`` a plain dict.
``blocking_message(report, request=None)``
    “发现2处身份证号码、1处敏感词，请先遮盖…” or None.
``mask_personal_data(html) -> (new_html, count)``
    Masks personal data in the text nodes of a body and in the attributes
    it reads (never a web link's address), G7 format.  ``mask_text(text)``
    does it for plain text.
``mask_document(content, request) -> count``
    Masks title and body; needs ``edit``; fires ``ObjectModified`` itself
    (do not fire it again), keeps the last editor (four eyes) and writes a
    history record.
``highlight(html, findings) -> html``
    Wraps the findings' text in ``<mark class="check-<kind>" title="…">``,
    text nodes only, escaped.
``override(content, request, reason, findings=None) -> OverrideRecord``
    A reviewer lets personal-data findings (Findings, summary dicts or
    keys; None: all blocking ones) through; needs the permission of the
    guarded transition from the item's state (``approve``); recorded on the
    item (``get_overrides``) and in its history (``override_checks``).
    Raises :class:`ChecksRefused` (``.status``, ``.messages``) when refused.
``get_report_summary(content)``
    The summary stored on ``submit`` and after guarded transitions
    (``content.check_report``: when, counts, blocking, findings).

The ``prepublication`` workflow guard (:mod:`.guard`) works for any content
with a ``body`` (and ``attachments()`` if it has them).  Views: ``@@checks``,
``@@checks-mask``, ``@@checks-override`` (:mod:`.views`).

Setting: ``govportal.checks.words_dir`` — the directory that seeds the word
lists (default ``etc/words`` of the source checkout); the lists in use live
in the database, edited at ``/@@admin-words``.
"""

from ..i18n import _
from ..workflow.events import IContentTransitioned
from .errors import ChecksRefused
from .findings import Finding, Report, finding_key
from .guard import check_on_transition, prepublication
from .markup import body_text, external_links, highlight, mask_personal_data
from .masking import HISTORY_TRANSITION as MASK_ACTION
from .masking import mask_document
from .overrides import GUARD_NAME, get_overrides, override
from .overrides import HISTORY_TRANSITION as OVERRIDE_ACTION
from .personal import find_personal_data, mask_text
from .run import blocking_message, get_report_summary, run_checks
from .words import get_word_lists

__all__ = [
    "ChecksRefused",
    "Finding",
    "Report",
    "blocking_message",
    "body_text",
    "external_links",
    "find_personal_data",
    "finding_key",
    "get_overrides",
    "get_report_summary",
    "get_word_lists",
    "highlight",
    "mask_document",
    "mask_personal_data",
    "mask_text",
    "override",
    "run_checks",
]


def includeme(config):
    config.add_workflow_guard(GUARD_NAME, prepublication)
    config.add_history_action(
        OVERRIDE_ACTION, _("checks-override-action", default="放行个人信息检查")
    )
    config.add_history_action(MASK_ACTION, _("checks-mask-action", default="遮盖个人信息"))
    config.add_subscriber(check_on_transition, IContentTransitioned)
    config.include(".views")
