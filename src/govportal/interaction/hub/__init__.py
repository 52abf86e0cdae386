"""The 互动交流 page of every site (:mod:`.views`, :mod:`.summary`) and the
staff's deadline list (:mod:`.deadlines`: the ``add_interaction_deadlines``
directive; :mod:`.views_deadlines`: ``<site>/@@interaction-deadlines``)."""

from .deadlines import add_interaction_deadlines


def includeme(config):
    config.include(".views")
    config.include(".views_deadlines")


def register_directives(config):
    config.add_directive("add_interaction_deadlines", add_interaction_deadlines)
