"""意见征集 (regulation 第二十六条, checklist D5): a draft open for comment
and its 采纳情况.

* :mod:`.model` — Consultation and AdoptionReport, status by dates, links;
* :mod:`.schema` — the workspace form's fields;
* :mod:`.views_edit` — ``<column>/@@ws-add-consultation``, ``@@ws-edit``,
  the draft's files;
* :mod:`.views_item` — the workspace pages, ``@@ws-add-report``;
* :mod:`.views_report` — the adoption report's form;
* :mod:`.views_public` — the public pages, the comment form, ``@@consultations``;
* :mod:`.views_staff` — ``/@@ws-consultations`` (the staff's list, 新建);
* :mod:`.deadlines` — the report's time limit on the staff's deadline list.

Comments are contributions (:mod:`..contributions`), moderated at
``<consultation>/@@moderate``.
"""


def includeme(config):
    from . import deadlines

    config.scan(".model")
    config.include(".views_edit")
    config.include(".views_item")
    config.include(".views_report")
    config.include(".views_public")
    config.include(".views_staff")
    config.add_interaction_deadlines("consultations", deadlines.source)
