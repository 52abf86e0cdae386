"""Placeholder until backups land."""


def includeme(config):
    pass
