"""Published letters: ``<site>/@@letters`` and ``<site>/@@letters/<number>``.

The list shows the letters of a site (the portal: of every site of the
group, ``?site=<department>`` narrows it) whose workflow state is public
and whose writer agreed to publication (:mod:`.public_index`), per channel
(``?channel=``, tabs), newest reply first, with a search box within them
(``?q=``) and paging (``?page=``): the masked subject, received date,
reply date, replying department and status
(第二十五条).  One letter's page shows its masked subject, content and reply
(``letter.public``, prepared by the handling side with
:func:`govportal.checks.personal.mask_text`), the received and reply times
and the replying department.  Anything not published answers 404, like a
number that does not exist.
"""

from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ... import sitetime
from ...checks.personal import mask_text
from ...content import IDepartment, site_group
from ...i18n import translate
from ...public.listing import page_number
from ...workflow import get_workflow
from . import public_index
from .model import site_of
from .vocabulary import CATEGORIES, CHANNELS, title_of

TEMPLATES = "govportal.interaction.letters:templates/"
PAGE_SIZE = 20
MAX_QUERY = 40


def sites_of(context):
    """The sites whose letters ``context`` lists: all for the portal."""
    return site_group(context) if IRoot.providedBy(context) else [context]


def public_text(letter):
    """The masked subject, body and reply (masked now if never prepared)."""
    public = dict(letter.public or {})
    for name, original in (
        ("subject", letter.subject),
        ("body", letter.body),
        ("reply", (letter.reply or {}).get("text", "")),
    ):
        if name not in public:
            public[name] = mask_text(original or "")[0]
    return public


def published_letters(context, registry, sites=None):
    """The published letters of the site group that ``context`` belongs to,
    only those held by ``sites`` when given (a department's pages pass
    ``{department}``)."""
    letters = public_index.published(context, registry)
    if sites is not None:
        letters = [letter for letter in letters if site_of(letter) in sites]
    return letters


def organ_of(letter):
    site = site_of(letter)
    return getattr(site, "title", "") or getattr(site, "legal_name", "")


def row(letter, request):
    workflow = get_workflow(letter, request.registry)
    public = public_text(letter)
    return {
        "number": letter.__name__,
        "url": request.resource_url(site_of(letter), "@@letters", letter.__name__),
        "subject": public["subject"],
        "channel": translate(request, title_of(CHANNELS, letter.channel)),
        "received_on": letter.received_on,
        "answered_on": letter.answered_on,
        "organ": organ_of(letter),
        "state_title": workflow.state_title(workflow.state_of(letter)),
    }


def _matches(letter, query):
    public = public_text(letter)
    return any(query in (public.get(name) or "") for name in ("subject", "body", "reply"))


def _sort_key(letter):
    return (letter.answered_on or letter.received_on, letter.__name__)


def _text_param(request, name, limit):
    value = request.GET.get(name, "")
    return value.strip()[:limit] if isinstance(value, str) else ""


@view_config(
    context=IRoot, name="letters", permission="view", renderer=TEMPLATES + "public_list.pt"
)
@view_config(
    context=IDepartment, name="letters", permission="view", renderer=TEMPLATES + "public_list.pt"
)
def letters_view(context, request):
    if request.subpath:
        return letter_view(context, request)
    registry = request.registry
    sites = sites_of(context)
    chosen_site = _text_param(request, "site", 64)
    departments = [(s.__name__, s.title) for s in sites if IDepartment.providedBy(s)]
    if IRoot.providedBy(context) and chosen_site:
        sites = [s for s in sites if s.__name__ == chosen_site and IDepartment.providedBy(s)]
    sites = set(sites)
    channel = _text_param(request, "channel", 20)
    channel = channel if channel in dict(CHANNELS) else ""
    query = _text_param(request, "q", MAX_QUERY)
    letters = published_letters(context, registry, sites)
    if channel:
        letters = [letter for letter in letters if letter.channel == channel]
    if query:
        letters = [letter for letter in letters if _matches(letter, query)]
    letters.sort(key=_sort_key, reverse=True)
    total = len(letters)
    pages = max(1, -(-total // PAGE_SIZE))
    number = min(page_number(request), pages)
    shown = letters[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    base = {"channel": channel, "q": query, "site": chosen_site}

    def link(**changes):
        params = {k: v for k, v in dict(base, **changes).items() if v}
        return request.resource_url(context, "@@letters", query=params)

    return {
        "rows": [row(letter, request) for letter in shown],
        "total": total,
        "page": number,
        "pages": pages,
        "link": link,
        "channel": channel,
        "channels": [(code, translate(request, title)) for code, title in CHANNELS],
        "query": query,
        "chosen_site": chosen_site,
        "departments": departments if IRoot.providedBy(context) else [],
        "write_url": request.resource_url(context, "@@write"),
        "track_url": request.resource_url(context, "@@letter-track"),
    }


def find_published(context, number, registry):
    """The published letter ``number`` of ``context``'s sites, or None."""
    tree = public_index.public_tree(context)
    letter = tree.get(number) if tree is not None else None
    if letter is None or not public_index.is_published(letter, registry):
        return None
    return letter if site_of(letter) in sites_of(context) else None


def letter_view(context, request):
    if len(request.subpath) != 1:
        raise HTTPNotFound()
    letter = find_published(context, request.subpath[0][:64], request.registry)
    if letter is None:
        raise HTTPNotFound()
    request.override_renderer = TEMPLATES + "public_letter.pt"
    public = public_text(letter)
    return {
        "letter": row(letter, request),
        "category": translate(request, title_of(CATEGORIES, letter.category)),
        "body": public["body"],
        "reply": public["reply"],
        "submitted": sitetime.local(letter.submitted_at, request.registry),
        "answered": sitetime.local(letter.answered_at, request.registry),
        "list_url": request.resource_url(context, "@@letters"),
    }
