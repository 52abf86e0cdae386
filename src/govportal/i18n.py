"""Translation string factory for the ``govportal`` message domain.

Every string a user reads is written as ``_('msgid', default='中文')`` or as a
plain Chinese default, and is looked up in ``locale/<lang>/LC_MESSAGES``.
The default locale is ``zh_CN``.
"""

from pyramid.i18n import TranslationStringFactory

DOMAIN = "govportal"

_ = TranslationStringFactory(DOMAIN)


def translate(request, message):
    """Translate ``message`` with the request's localizer (or return it as-is)."""
    localizer = getattr(request, "localizer", None)
    if localizer is None:
        return str(message)
    return localizer.translate(message)
