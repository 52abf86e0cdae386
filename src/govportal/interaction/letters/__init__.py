"""信件: 领导信箱, 咨询, 投诉, 建议 on the portal and on every department
(regulation 第二十四、二十五条; checklist B5, B10, B18, D3, D4).

Model in :mod:`.model` (a private box per site, query codes), codes and
titles in :mod:`.vocabulary`, guards of ``workflows/letter.yaml`` in
:mod:`.guards`.
"""

from substanced.event import IObjectAdded
from zope.interface import Interface

from ...content import IDepartment
from .guards import GUARDS
from .model import LETTER_TYPE, Letter, find_box


def _department_added(event, *_objects):
    # A new department gets its letter box at once (see model.ensure_stores).
    if event.moving is None and not event.loading:
        find_box(event.object, create=True)


def includeme(config):
    # No add_view: letters are created by the public form, never in the SDI.
    config.add_content_type(LETTER_TYPE, Letter)
    for name, guard in GUARDS.items():
        config.add_workflow_guard(name, guard)
    config.add_subscriber(_department_added, [IObjectAdded, IDepartment, Interface])
    # the citizens' side: the form, the public list, tracking, statistics
    config.include(".intake")
    # the handling side: clock, steps, reminders, staff pages
    config.include(".views_staff")
