"""互动交流: how citizens speak to the government on its sites (regulation
第二十三至二十六条; checklist B5, B10, B18, D3–D6).

One subpackage per channel, each with its own ``includeme``:

* :mod:`.letters` — 领导信箱, 咨询, 投诉, 建议: the form, the handling workflow
  (``workflows/letter.yaml``), the 15-working-day rule of 第二十五条, public
  listing, query codes, satisfaction and statistics;
* :mod:`.contributions` — what citizens send to a consultation or an
  interview, moderated before it shows (``workflows/contribution.yaml``);
* :mod:`.consultations` — 意见征集 on draft decisions and the 采纳情况;
* :mod:`.surveys` — 在线调查: questionnaires as data, one answer per person,
  results as tables and charts;
* :mod:`.interviews` — 在线访谈: announcement, questions, live transcript,
  answers to questions left open within 5 working days;
* :mod:`.answers` — 智能问答: the knowledge base and answers from what is
  published;
* :mod:`.hub` — the 互动交流 page of every site and the staff's list of
  near-due and overdue items of every channel.

Content reviewed like documents (consultations, adoption reports, surveys,
interviews, knowledge entries) follows ``workflows/participation.yaml``.
"""


def includeme(config):
    from .hub import register_directives

    # Directives first: every channel registers its deadline source.
    register_directives(config)
    # After the workflows (guards, bindings checked at commit), the search
    # (search sources) and the services (the hub links the hall's guides).
    config.include(".letters")
    config.include(".contributions")
    config.include(".consultations")
    config.include(".surveys")
    config.include(".interviews")
    config.include(".answers")
    config.include(".hub")
    # Published items of the channels above listed in their columns.
    config.include(".published")
