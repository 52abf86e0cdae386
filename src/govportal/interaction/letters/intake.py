"""A citizen's letter arrives: :func:`submit_letter` stores it.

The letter is stored in the private box of the site it was written to
(:func:`.model.find_box`), numbered in its own series (信件编号, setting
``govportal.interaction.number_format``, default
``{organ}-XJ{year}-{seq:05d}``, through
:func:`govportal.applications.numbers.allocate`), put in the first state of
``workflows/letter.yaml`` by the engine, its clock started
(:func:`.clock.start_clock`: 15 working days for the initial verification),
given a query code and its first public step; the writer gets a receipt by
mail when he gave an address, the site's staff a notice
(:mod:`.notify` of the handling side).

Idempotent under pyramid_retry: the number is reserved for the form's
one-time submission token and the query code derived from it
(:func:`code_of`), so a request run again stores the same letter with the
same number and code, and a replay of the form is answered from the
submissions ledger (:func:`govportal.submissions.once`) with them.
"""

from datetime import UTC, datetime

from ...applications.model import tracking_code_from
from ...applications.numbers import allocate, number_format
from ...content import IDepartment
from ...i18n import _, translate
from ...services.cases import CaseFile
from ...workflow import get_workflow
from . import clock
from .model import Letter, assign_code, find_box
from .notify import letter_received

#: The one-time submission kind of the letter form (govportal.submissions).
SUBMISSION_KIND = "letter"
SERIES = "XJ"
NUMBER_SETTING = "govportal.interaction.number_format"
NUMBER_FORMAT = "{organ}-XJ{year}-{seq:05d}"


def code_of(submission):
    """The query code of the letter ``submission`` stores (a replay shows it again)."""
    return tracking_code_from(submission.derive("govportal.interaction.letter-code"))


def site_name(site):
    """What ``letter.received_site`` records: a department's name, '' for the portal."""
    return site.__name__ if IDepartment.providedBy(site) else ""


def attachments_of(files):
    """Stored records of checked ``(filename, bytes, mimetype)`` triples."""
    return tuple(
        CaseFile(filename, mimetype, data, field="attachment") for filename, data, mimetype in files
    )


def first_step(request):
    return {
        "at": datetime.now(UTC),
        "title": translate(request, _("letters-step-received", default="来信已收到")),
        "note": translate(
            request,
            _(
                "letters-step-received-note",
                default="等待受理。能够当即答复的当即答复；不能当即答复的，"
                "自收到之日起15个工作日内告知初步核实情况和承诺办结时间。",
            ),
        ),
    }


def submit_letter(request, site, values, files=(), submission=None):
    """Store a new letter written to ``site``; returns ``(letter, code)``.

    ``values`` is what :func:`.form.validate` returns (``channel``,
    ``category``, ``subject``, ``body``, ``may_publish``, ``writer``);
    ``files`` the checked attachments.  ``submission`` is the form's one-time
    :class:`~govportal.submissions.Submission` (None: a new random code and
    number, e.g. the demo).
    """
    registry = request.registry
    letter = Letter(
        values["channel"],
        values["category"],
        values["subject"],
        values["body"],
        values["writer"],
        may_publish=values.get("may_publish", False),
    )
    letter.received_site = site_name(site)
    number = allocate(
        request,
        site,
        clock.today().year,
        key=submission.key if submission is not None else None,
        series=SERIES,
        fmt=number_format(registry, NUMBER_SETTING, NUMBER_FORMAT),
    )
    find_box(site, create=True).add(letter, number)
    get_workflow(letter, registry).initialize(letter, request)
    clock.start_clock(letter, registry, context=site)
    letter.attachments = attachments_of(files)
    code = assign_code(letter, code_of(submission) if submission is not None else None)
    letter.steps = (first_step(request),)
    letter_received(request, letter, code)
    return letter, code


def ensure_stores(root):
    """Site set-up (idempotent): the letter boxes and query-code index, the
    used challenges and the rate-limit windows, made before the first
    letters so that concurrent first writers do not all write the root; the
    index of published letters made again from the boxes."""
    from pyramid.threadlocal import get_current_registry

    from ...content import site_group
    from ...private_stores import root_tree
    from .. import limits
    from . import challenge, public_index
    from .model import ensure_stores as ensure_boxes

    ensure_boxes(root, site_group(root))
    root_tree(root, challenge.USED_ATTR, create=True)
    limits.find_limits(root, create=True)
    public_index.rebuild(root, get_current_registry())


def includeme(config):
    """The citizens' side of letters: the form, the public list, tracking,
    statistics (views scanned here), the index of published letters, and
    the pruning of the challenge and rate-limit records."""
    from .. import limits
    from . import challenge

    config.include(".public_index")
    for module in (".views_write", ".views_public", ".views_track", ".views_stats"):
        config.scan(module)
    config.add_periodic_job("govportal letters: used challenges pruning", challenge.prune)
    config.add_periodic_job("govportal interaction: rate-limit windows pruning", limits.prune)
