"""智能问答: answers from what is published (knowledge base, guides, documents)."""


def includeme(config):
    config.scan(".model")
