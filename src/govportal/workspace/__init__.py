"""The editorial workspace (编辑工作台): editors' forms and reviewers' desk.

A Chinese interface for department editors and reviewers, built with
deform/colander; Substance D's management interface (``/manage``) stays for
administrators.  Pages (all private, never cached):

``/@@workspace``
    新建 (the columns where the user may add content), 待我审核 (every item
    awaiting the user's review in any department they review, oldest first,
    with the waiting time) and 我的稿件 (items the user created or last
    edited, by state), with check-report and lock indicators and checkboxes
    for bulk transitions (``/@@ws-bulk``).
``<column>/@@ws-add``, ``<item>/@@ws-edit``
    the document form (:mod:`.forms`): fields of ``DocumentSchema``, TinyMCE,
    an attachment upload, a stale-form serial, the edit lock; 保存 and 预览.
``<item>/@@ws-preview``
    the public page of the draft, marked 预览 (:mod:`.preview`).
``<item>/@@ws-item``
    state, transitions as buttons with a comment box, the check report with
    highlighted findings, masking and overrides, revisions and diffs, lock
    (:mod:`.review`, :mod:`.compare`).

Lists are catalog queries (:mod:`.queries`).  The aspects built beside the
workspace (revisions, checks, locks, scheduling, bulk) are reached through
:mod:`.integration`.
"""


def includeme(config):
    config.add_static_view("ws-static", "govportal.workspace:static", cache_max_age=3600)
    config.include(".sdi")
    config.include(".withdraw")
    config.scan(".")
