import pytest

from tests.e2e.audit import PHONE, AuditedPage, AuditLog, describe
from tests.e2e.helpers import DESKTOP


@pytest.fixture(scope="session")
def audit_log():
    """Every page the browser tests showed, with axe's findings; written to axe_e2e.json (see outputs.py)."""
    log = AuditLog()
    yield log
    if log.pages:
        log.write()


@pytest.fixture
def open_page(browser, live_server, audit_log):
    """
    Open a page in a new browser context (its own cookies and cache), checked by axe-core.

    js=False switches JavaScript off; phone=True gives a 360 x 640 viewport, where no citizen page
    may scroll sideways or give its header more than a third of the screen. The test fails on any
    serious or critical axe finding of a page it showed.
    """
    opened, keys = [], set()

    def _open(*, js=True, phone=False, **context_args):
        context = browser.new_context(
            locale="id-ID",
            base_url=live_server.url,
            viewport=PHONE if phone else DESKTOP,
            **context_args,
        )
        page = AuditedPage(context.new_page(), log=audit_log, js=js, keys=keys)
        opened.append((context, page))
        return page

    yield _open
    phone_problems = []
    for context, page in opened:
        phone_problems += page.finish()
        context.close()
    problems = describe(audit_log.blocking(keys))
    if phone_problems:
        problems += "\n" + "\n".join(phone_problems)
    if problems.strip():
        pytest.fail(f"Accessibility or phone-layout problems on pages this test showed:\n{problems}")


@pytest.fixture
def no_js_page(open_page):
    """A page with JavaScript switched off: the portal must work without it."""
    return open_page(js=False)


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def js(request):
    """Run a citizen's or business owner's journey twice: with JavaScript, then without it."""
    return request.param


@pytest.fixture
def citizen_page(open_page, js):
    """The citizen's page: a desktop with JavaScript, or a 360 px phone without it."""
    return open_page(js=js, phone=not js)
