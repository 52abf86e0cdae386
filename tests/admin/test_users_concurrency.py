"""Two administrators create one login in different cases at the same time:
the later transaction conflicts (and is retried by pyramid_retry, whose
form then finds the login taken), so no two accounts differ only in case."""

import pytest
import transaction
from ZODB.POSException import ConflictError

from govportal.admin.users_model import create_user, login_taken


def _open(app):
    tm = transaction.TransactionManager()
    conn = app.registry._zodb_databases[""].open(transaction_manager=tm)
    return tm, conn, conn.root()["app_root"]


def test_logins_differing_in_case_conflict(wsgi_app):
    tm1, conn1, root1 = _open(wsgi_app)
    tm2, conn2, root2 = _open(wsgi_app)
    try:
        for root, login in ((root1, "Wang"), (root2, "wang")):
            assert login_taken(root, login) is None
            values = {"login": login, "fullname": "王", "email": "w@example.gov.cn"}
            create_user(root, wsgi_app.registry, values)
        tm1.commit()
        with pytest.raises(ConflictError):
            tm2.commit()
    finally:
        tm1.abort(), tm2.abort()
        conn1.close(), conn2.close()
