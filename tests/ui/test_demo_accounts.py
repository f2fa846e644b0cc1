"""`make demo` gives a new user a working clerk and technician, created through the audited accounts API."""

from kiosk.accounts import AccountStore, Role
from kiosk.accounts.cli import ACCOUNTS_DB
from kiosk.config.schema import Config
from kiosk.keys import create_device_keys
from kiosk.store import DB_FILE, Store
from ui.demo import DEMO_PASSWORD, ensure_demo_accounts


def test_demo_accounts_log_in_and_are_audited_once(tmp_path):
    keys, _ = create_device_keys(tmp_path, "intl")
    store = Store.open(tmp_path / DB_FILE, suite="intl", keys=keys, config=Config(), create=True)
    try:
        ensure_demo_accounts(tmp_path, store)
        ensure_demo_accounts(tmp_path, store)  # a second demo start changes nothing
        accounts = AccountStore(tmp_path / ACCOUNTS_DB)
        try:
            assert accounts.authenticate("xiezhu", DEMO_PASSWORD).role is Role.CLERK
            assert accounts.authenticate("jishu", DEMO_PASSWORD).role is Role.TECHNICIAN
        finally:
            accounts.close()
        created = [r for r in store.audit_records() if r.event == "account_created"]
        assert len(created) == 2 and all(r.actor_ref == "admin:demo" for r in created)
        assert store.verify_audit().ok
    finally:
        store.close()
