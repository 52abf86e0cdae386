"""Security: roles vocabulary, local roles, authentication and authorization.

``includeme`` reads ``roles.yaml`` from the workflows directory, installs the
local-roles authorization policy and the cookie authentication policy (both
replacing the ones Substance D's SDI sets), and makes every unsafe request
check its CSRF token by default.
"""

from pathlib import Path

from pyramid.exceptions import ConfigurationError

from .localroles import effective_roles, grant_roles, revoke_roles  # noqa: F401
from .policy import (
    LocalRolesAuthorizationPolicy,
    make_authentication_policy,
    make_session_factory,
)
from .vocabulary import DefinitionError, load_vocabulary

ROLES_FILE = "roles.yaml"


def get_vocabulary(registry):
    """The :class:`~govportal.security.vocabulary.Vocabulary` in force."""
    return registry.govportal_vocabulary


def includeme(config):
    settings = config.registry.settings
    path = Path(settings["govportal.workflows_dir"]) / ROLES_FILE
    try:
        vocab = load_vocabulary(path)
    except DefinitionError as e:
        raise ConfigurationError(str(e)) from None
    config.registry.govportal_vocabulary = vocab
    # Every POST (PUT, DELETE ...) must carry the session's CSRF token.
    config.set_default_csrf_options(require_csrf=True)
    # A view registered without a permission still requires "view".
    config.set_default_permission("view")


def set_policies(config):
    """Install our policies in place of the ones substanced.sdi sets: local
    roles need a role-aware ACL policy, and the cookie needs an idle timeout
    and SameSite.  Call it directly from the top-level ``includeme`` (not via
    ``config.include``) so that it overrides Substance D's included choice
    instead of conflicting with it."""
    registry = config.registry
    vocab = get_vocabulary(registry)
    config.set_authorization_policy(LocalRolesAuthorizationPolicy(vocab.global_roles))
    config.set_authentication_policy(
        make_authentication_policy(registry.settings, vocab.global_roles)
    )
    # Substance D's session cookie (it holds the CSRF token) is neither
    # HttpOnly nor Secure; ours is both (Secure where configured).
    config.set_session_factory(make_session_factory(registry.settings))
