"""What a pre-publication check finds, and the report that collects it.

A :class:`Finding` is one occurrence of one problem (an ID number, a
sensitive word, a typo, an external link …) in one place: the body, the
title, or an attachment.  A :class:`Report` holds every finding of one run
together with the overrides recorded on the item, and knows which findings
still block publication.
"""

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from pyramid.i18n import TranslationString

from ..i18n import _

# -- kinds and severities ---------------------------------------------------------

ID_NUMBER = "id-number"
MOBILE = "mobile"
BANK_CARD = "bank-card"
#: A private person's name where a form labels it (姓名：, 申请人： …).
NAME = "name"
#: A residence's address below the township where a form labels it (住址： …).
ADDRESS = "address"
BLOCKED_WORD = "blocked-word"
WARNING_WORD = "warning-word"
TYPO = "typo"
LEADER_TITLE = "leader-title"
EXTERNAL_LINK = "external-link"
#: An attachment whose text could not be read within the extraction limits
#: (a zip bomb, a timeout, too much memory, a damaged file): nobody knows
#: what it holds, so it blocks until a reviewer decides (an override).
UNCHECKABLE = "uncheckable"

#: Personal data (G3, G5): blocks until masked or overridden by a reviewer.
PERSONAL_KINDS = (ID_NUMBER, MOBILE, BANK_CARD, NAME, ADDRESS)
#: Findings a reviewer may let through with a recorded reason.
OVERRIDABLE_KINDS = (*PERSONAL_KINDS, UNCHECKABLE)

#: Stops publication.
BLOCK = "block"
#: Shown to the reviewer, does not stop publication.
WARNING = "warning"
#: Listed for the reviewer's information (external links).
INFO = "info"

SEVERITIES = {
    ID_NUMBER: BLOCK,
    MOBILE: BLOCK,
    BANK_CARD: BLOCK,
    NAME: BLOCK,
    ADDRESS: BLOCK,
    BLOCKED_WORD: BLOCK,
    WARNING_WORD: WARNING,
    TYPO: WARNING,
    LEADER_TITLE: WARNING,
    EXTERNAL_LINK: INFO,
    UNCHECKABLE: BLOCK,
}

#: Chinese names of the kinds, in the order reports list them.
KIND_TITLES = {
    ID_NUMBER: _("checks-kind-id-number", default="身份证号码"),
    MOBILE: _("checks-kind-mobile", default="手机号码"),
    BANK_CARD: _("checks-kind-bank-card", default="银行卡号"),
    NAME: _("checks-kind-name", default="姓名"),
    ADDRESS: _("checks-kind-address", default="住址"),
    BLOCKED_WORD: _("checks-kind-blocked-word", default="敏感词"),
    WARNING_WORD: _("checks-kind-warning-word", default="提示词"),
    TYPO: _("checks-kind-typo", default="疑似错别字"),
    LEADER_TITLE: _("checks-kind-leader-title", default="领导职务"),
    EXTERNAL_LINK: _("checks-kind-external-link", default="外部链接"),
    UNCHECKABLE: _("checks-kind-uncheckable", default="不能检查的附件"),
}

#: Where a finding was made when it is not an attachment.
BODY = "body"
TITLE = "title"


def render(message, request=None):
    """``message`` (a translation string) as Chinese text.

    With a request its localizer translates; without one the default text
    is used with its mapping filled in.
    """
    if not isinstance(message, TranslationString):
        return str(message)
    localizer = getattr(request, "localizer", None) if request is not None else None
    if localizer is not None:
        return localizer.translate(message)
    return TranslationString(message.default or str(message), mapping=message.mapping).interpolate()


def finding_key(kind, text):
    """The override key of a finding: a hash of its kind and matched text.

    An override names keys, so the same ID number overridden once stays
    overridden, while a *new* number (another key) blocks again.
    """
    digest = hashlib.sha256(f"{kind}\0{text}".encode()).hexdigest()
    return digest[:24]


@dataclass(frozen=True)
class Finding:
    """One problem found at ``start:end`` of the text of ``where``.

    ``where`` is ``"body"``, ``"title"`` or an attachment's name (its
    ``__name__``; ``where_title`` is the attachment's title or file name).
    Offsets of body findings refer to :func:`govportal.checks.markup.body_text`,
    those of attachments to their extracted text.  ``masked`` is the G7 form
    of personal data, ``suggestion`` the correct form of a typo (or the
    correct titles of a leader), ``context`` a few characters either side
    (personal data masked in it), ``message`` a Chinese explanation.
    """

    kind: str
    text: str
    start: int
    end: int
    where: str = BODY
    where_title: str = ""
    masked: str = ""
    suggestion: str = ""
    context: str = ""
    message: str = ""
    severity: str = field(default="")

    def __post_init__(self):
        if not self.severity:
            object.__setattr__(self, "severity", SEVERITIES[self.kind])

    @property
    def key(self):
        return finding_key(self.kind, self.text)

    @property
    def personal(self):
        return self.kind in PERSONAL_KINDS

    @property
    def overridable(self):
        """Personal data and attachments that could not be checked may be let
        through by a reviewer; blocked words may not."""
        return self.kind in OVERRIDABLE_KINDS

    @property
    def shown(self):
        """The text as it may be shown in lists (personal data masked)."""
        return self.masked or self.text

    def as_dict(self):
        data = asdict(self)
        data["key"] = self.key
        return data


def context_of(text, start, end, shown=None, width=12):
    """``width`` characters either side of ``text[start:end]``, the match in 【】."""
    middle = text[start:end] if shown is None else shown
    # paragraphs and table cells (U+2029, U+241F) are shown as spaces
    before = text[max(0, start - width) : start].replace("\u2029", " ").replace("\u241f", " ")
    after = text[end : end + width].replace("\u2029", " ").replace("\u241f", " ")
    return f"{before}【{middle}】{after}"


class Report:
    """The findings of one run of the checks on one item.

    ``overridden`` is the set of finding keys that reviewers let through.
    """

    def __init__(self, findings, overridden=(), when=None):
        self.findings = list(findings)
        self.overridden = frozenset(overridden)
        self.when = when or datetime.now(UTC)

    def is_overridden(self, finding):
        return finding.overridable and finding.key in self.overridden

    @property
    def blocking(self):
        """Findings that still stop publication: personal data not overridden
        and blocked words."""
        return [f for f in self.findings if f.severity == BLOCK and not self.is_overridden(f)]

    @property
    def blocking_personal(self):
        """Blocking findings a reviewer may let through: personal data, and
        attachments that could not be checked (the override's default)."""
        return [f for f in self.blocking if f.overridable]

    @property
    def warnings(self):
        return [f for f in self.findings if f.severity == WARNING]

    def counts(self, findings=None):
        """``{kind: number}`` of ``findings`` (default: all), in kind order."""
        findings = self.findings if findings is None else findings
        counts = {}
        for kind in KIND_TITLES:
            n = sum(1 for f in findings if f.kind == kind)
            if n:
                counts[kind] = n
        return counts

    def summary(self):
        """A plain dict describing this run (what ``document.check_report`` holds).

        Attachment texts are not included; each finding's context is.
        """
        return {
            "when": self.when.isoformat(),
            "counts": self.counts(),
            "blocking": self.counts(self.blocking),
            "findings": [
                dict(f.as_dict(), overridden=self.is_overridden(f)) for f in self.findings
            ],
        }
