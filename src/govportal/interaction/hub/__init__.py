"""The 互动交流 page of every site and the staff's deadline list
(:mod:`.deadlines`: the ``add_interaction_deadlines`` directive)."""

from .deadlines import add_interaction_deadlines


def includeme(config):
    pass


def register_directives(config):
    config.add_directive("add_interaction_deadlines", add_interaction_deadlines)
