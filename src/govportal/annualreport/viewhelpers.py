"""View plumbing shared by the report pages (this package and :mod:`govportal.sitereport`).

:class:`ReportFormView` is the page of one organ's report for one year:
``GET`` shows the form and a preview, ``POST`` with ``save`` stores the
form, with ``generate`` also writes the draft document.  A report's own
view subclasses it with its names, messages, schema and store.
:func:`print_view_for` and :func:`xlsx_view_for` make the printable page
and the spreadsheet download; :func:`add_report_views` registers the three
on the portal and on every department.  Access is checked by
:func:`check_access` and the year parsed by :func:`report_year`.
"""

import deform
from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPSeeOther
from pyramid.response import Response
from pyramid.traversal import resource_path
from substanced.interfaces import IRoot
from substanced.util import get_oid

from ..content import IDepartment
from ..i18n import _, translate
from ..security.events import record_action
from ..sitetime import today
from ..workflow import get_state, get_workflow
from .draft import DraftLocked, column_by_choice, column_choices

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NO_STORE = "private, no-store"

#: The Regulation on the Disclosure of Government Information took effect in 2008.
FIRST_YEAR = 2008
#: The permission of every report view (workflows/roles.yaml).
PERMISSION = "annual_report"


def may_report(context, request):
    """Whether the user may make the report of the organ ``context``."""
    return bool(request.has_permission(PERMISSION, context))


def check_access(context, request):
    """Refuse (403) a user who may not make the report of ``context``."""
    if not may_report(context, request):
        raise HTTPForbidden(
            translate(
                request,
                _(
                    "annualreport-forbidden",
                    default="只有本机关的审核人员和站点管理员可以编制政府信息公开年报。",
                ),
            )
        )


def report_year(request):
    """The ``year`` parameter (default: last year), or a 400."""
    latest = today().year
    value = request.GET.get("year", "").strip()
    if not value:
        return latest - 1
    year = int(value) if value.isascii() and value.isdigit() else None
    if year is None or not FIRST_YEAR <= year <= latest:
        message = _(
            "annualreport-bad-year",
            default="年份无效：请选择${first}年至${last}年之间的年份。",
            mapping={"first": FIRST_YEAR, "last": latest},
        )
        raise HTTPBadRequest(translate(request, message))
    return year


class ReportFormView:
    """The page of one organ's report for one year (GET shows, POST saves).

    Subclasses set the view names, ``formid`` and ``messages`` (key → the
    ``_()`` message: ``save``, ``generate``, ``bad_action``,
    ``form_errors``, ``saved``, ``column_gone``, ``draft_locked``,
    ``generated``) and give the report's parts:

    * ``schema()`` — the unbound colander schema of the form;
    * ``draft_api()`` — ``(existing_draft, save_draft, default_column)``;
    * ``initial_appstruct()`` — the form's values on GET (without ``column``);
    * ``shown_report(attempted=None)`` — the report the page shows
      (``attempted``: the one just refused);
    * ``to_input(appstruct)`` — the validated form as what ``store(entered)``
      and ``compose_input(entered)`` (the report with that input) take;
    * optionally :meth:`refusal` and :meth:`page_extra`.
    """

    view_name = print_view_name = xlsx_view_name = formid = None
    messages = {}

    def __init__(self, context, request):
        check_access(context, request)
        self.context = context
        self.request = request
        self.year = report_year(request)

    def refusal(self, report):
        """A message refusing to generate ``report`` (409), or None."""
        return None

    def page_extra(self, report):
        """The page's template values proper to the report."""
        return {}

    def msg(self, key, **mapping):
        message = self.messages[key]
        if mapping:
            message = _(message, mapping=mapping)
        return translate(self.request, message)

    def url(self, view=None):
        view = view or self.view_name
        return self.request.resource_url(self.context, "@@" + view, query={"year": self.year})

    def form(self, generating=False):
        schema = self.schema().bind(
            request=self.request,
            context=self.context,
            columns=column_choices(self.context),
            generating=generating,
            _csrf_token_=self.request.session.get_csrf_token(),
        )
        buttons = (
            deform.Button("save", self.msg("save")),
            deform.Button("generate", self.msg("generate")),
        )
        return deform.Form(schema, buttons=buttons, formid=self.formid, action=self.url())

    def default_column(self):
        existing_draft, _save, default_column = self.draft_api()
        draft = existing_draft(self.context, self.year)
        column = (
            draft.__parent__
            if draft is not None
            else default_column(self.context, self.request.registry)
        )
        return "" if column is None else str(get_oid(column))

    def __call__(self):
        request = self.request
        if request.method != "POST":
            appstruct = self.initial_appstruct()
            appstruct["column"] = self.default_column()
            return self.page(self.shown_report(), self.form().render(appstruct))
        generating = "generate" in request.POST
        if not generating and "save" not in request.POST:
            raise HTTPBadRequest(self.msg("bad_action"))
        form = self.form(generating=generating)
        try:
            appstruct = form.validate(request.POST.items())
        except deform.ValidationFailure as e:
            request.response.status_int = 400
            return self.page(self.shown_report(), e.render(), errors=[self.msg("form_errors")])
        entered = self.to_input(appstruct)
        if generating:
            return self.generate(form, appstruct, entered)
        self.store(entered)
        request.session.flash(self.msg("saved", year=self.year))
        return HTTPSeeOther(self.url())

    def generate(self, form, appstruct, entered):
        request = self.request
        report = self.compose_input(entered)
        refusal = self.refusal(report)
        if refusal is not None:
            request.response.status_int = 409
            return self.page(report, form.render(appstruct), errors=[refusal])
        existing_draft, save_draft, _default = self.draft_api()
        draft = existing_draft(self.context, self.year)
        column = (
            draft.__parent__
            if draft is not None
            else column_by_choice(self.context, appstruct["column"])
        )
        if column is None:  # the choice was validated; the column went away meanwhile
            raise HTTPBadRequest(self.msg("column_gone"))
        try:
            document = save_draft(self.context, report, column, request)
        except DraftLocked as e:
            request.response.status_int = 409
            message = self.msg(
                "draft_locked", year=self.year, title=e.document.title, state=e.state_title
            )
            return self.page(self.shown_report(report), form.render(appstruct), [message])
        self.store(entered)
        request.session.flash(self.msg("generated", title=document.title, column=column.title))
        return HTTPSeeOther(self.url())

    def draft_info(self):
        """Title, state, column and URL of the year's draft, or None."""
        registry = self.request.registry
        draft = self.draft_api()[0](self.context, self.year)
        if draft is None:
            return None
        workflow = get_workflow(draft, registry)
        return {
            "title": draft.title,
            "state": workflow.state_title(get_state(draft, registry)),
            "column": draft.__parent__.title,
            "url": self.request.resource_url(draft, "@@ws-item"),
        }

    def page(self, report, form_html, errors=()):
        request = self.request
        request.response.cache_control = NO_STORE
        latest = today().year
        values = {
            "report": report,
            "form": form_html,
            "errors": list(errors),
            "year": self.year,
            "years": list(range(latest, FIRST_YEAR - 1, -1)),
            "page_url": request.resource_url(self.context, "@@" + self.view_name),
            "print_url": self.url(self.print_view_name),
            "xlsx_url": self.url(self.xlsx_view_name),
            "draft": self.draft_info(),
        }
        values.update(self.page_extra(report))
        return values


def print_view_for(compose, report_html):
    """The printable page of the saved report made by ``compose``."""

    def print_view(context, request):
        check_access(context, request)
        report = compose(context, report_year(request), request.registry)
        request.response.cache_control = NO_STORE
        return {"report": report, "report_html": report_html(report, request)}

    return print_view


def xlsx_view_for(compose, report_xlsx, what):
    """The saved report made by ``compose`` as the download ``<what>-<organ>-<year>.xlsx``."""

    def xlsx_view(context, request):
        check_access(context, request)
        year = report_year(request)
        report = compose(context, year, request.registry)
        name = "portal" if IRoot.providedBy(context) else context.__name__
        # Exports are audited (govportal.audit).
        record_action(
            request,
            "export",
            target=resource_path(context),
            details={"what": f"{what}.xlsx", "year": year},
        )
        return Response(
            body=report_xlsx(report),
            content_type=XLSX_TYPE,
            content_disposition=f'attachment; filename="{what}-{name}-{year}.xlsx"',
            cache_control=NO_STORE,
        )

    return xlsx_view


def add_report_views(config, page_view, print_view, xlsx_view, page_template, print_template):
    """Register the page, print and XLSX views of a report on the portal and departments."""
    for context in (IRoot, IDepartment):
        config.add_view(
            page_view,
            context=context,
            name=page_view.view_name,
            permission=PERMISSION,
            renderer=page_template,
        )
        config.add_view(
            print_view,
            context=context,
            name=page_view.print_view_name,
            permission=PERMISSION,
            request_method="GET",
            renderer=print_template,
        )
        config.add_view(
            xlsx_view,
            context=context,
            name=page_view.xlsx_view_name,
            permission=PERMISSION,
            request_method="GET",
        )
