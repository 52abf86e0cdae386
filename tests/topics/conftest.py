import pytest

from .helpers import demo_topics


@pytest.fixture
def topics_site(wsgi_app):
    """The demo site with department documents and the demo's two topics;
    returns the documents' paths by department."""
    return demo_topics(wsgi_app)
