"""办事服务: service guides, online applications, parallel approval, time
limits, e-supervision, 权力清单 and 好差评 (regulation 第十七至二十二条;
checklist B6, B14, D1, D2, D7).

Content
-------
``ServiceGuide`` (:mod:`.guide`) and ``PowerItem`` (:mod:`.power`) live in
columns and are reviewed like documents (``workflows/guide.yaml``; publication
refused while a required element is empty, :mod:`.elements`).
``ServiceCase`` and ``CaseTask`` (:mod:`.cases`) are online applications and
the co-handling departments' sign-off tasks (``workflows/servicecase.yaml``,
``workflows/casetask.yaml``), kept in a private box per handling site.

Modules
-------
:mod:`.vocabulary` codes and titles; :mod:`.elements` required elements;
:mod:`.guards` case and task guards; :mod:`.clock` time limits in working
days; :mod:`.actions` every step of a case; :mod:`.formfields` online forms
as data; :mod:`.drafts` saved forms; the views of each page beside them.
"""

from substanced.event import IObjectAdded
from zope.interface import Interface

from ..content import IDepartment
from .cases import CaseTask, ServiceCase, find_case_box
from .guards import GUARDS


def _department_added(event, *_objects):
    # A new department gets its case box at once (see cases.ensure_stores).
    if event.moving is None and not event.loading:
        find_case_box(event.object, create=True)


def includeme(config):
    # After govportal.workflow (the guard directive) and before the bindings
    # are checked at commit (the content types must exist by then).  No
    # add_view: cases and tasks are created by the online form and the lead's
    # steps, never in the SDI.
    config.add_content_type("ServiceCase", ServiceCase)
    config.add_content_type("CaseTask", CaseTask)
    for name, guard in GUARDS.items():
        config.add_workflow_guard(name, guard)
    config.include(".elements")
    config.add_subscriber(_department_added, [IObjectAdded, IDepartment, Interface])
    config.scan(".guide")
    config.scan(".power")
    # Each part of the aspect below includes itself (one line each).
    config.include(".drafts")  # saved forms: the expiry job
    config.include(".views_formbuilder")
    config.include(".guide_elements")  # the guides' required elements (H1)
    config.include(".views_guides")  # staff add/edit of guides (H1)
    config.include(".views_guide_item")  # the guides' workspace page (H1)
    config.scan(".catalog")  # the hall's indexes (H4)
    config.include(".views_hall")
    config.include(".views_guide_public")
    config.include(".clock")  # case time limits: the calendar recomputer (H3)
    config.include(".views_apply")  # the online application form (H4)
    config.include(".views_cases")  # the lead's queue and case pages (H5)
    config.include(".views_tasks")  # co-handling inbox and sign-off (H5)
    config.include(".certificate")  # certificates and /@@verify-certificate (H5)
    config.include(".power")  # 权力清单: required elements (H6)
    config.include(".views_power")
    config.include(".views_power_edit")
    config.include(".views_power_item")
    config.include(".supervision")  # 电子监察: the warnings job (H6)
    config.include(".views_supervision")
    config.include(".views_ratings")  # 好差评 (H6)
    config.include(".views_appeals")  # 好差评 appeals (H8)
    config.include(".views_stats")  # public 办事统计 (H8)
    config.include(".views_track")  # public case tracking (H4)
    config.include(".search")  # guides in the site search (H4)
