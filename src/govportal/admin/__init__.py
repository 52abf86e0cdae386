"""govportal.admin (being built)."""


def includeme(config):
    pass
