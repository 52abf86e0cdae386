"""在线访谈 (checklist D6)."""


def includeme(config):
    config.scan(".model")
