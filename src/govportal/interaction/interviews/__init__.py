"""在线访谈 (checklist D6): the interview (:mod:`.model`), its workspace
pages (:mod:`.views_edit`), the live transcript and answers
(:mod:`.actions`, :mod:`.views_live`), the public page and its polling JSON
(:mod:`.views_public`), the column's archive (:mod:`.views_list`) and the
answers' deadline source (:mod:`.deadlines`) and reminder mails
(:mod:`.reminders`)."""


def includeme(config):
    config.scan(".model")
    config.include(".views_edit")
    config.include(".views_live")
    config.include(".views_list")
    config.scan(".views_public")
    config.add_static_view(
        "interviews-static", "govportal.interaction.interviews:static", cache_max_age=3600
    )
    config.include(".reminders")
    config.add_interaction_deadlines(
        "interviews", "govportal.interaction.interviews.deadlines.interview_rows"
    )
