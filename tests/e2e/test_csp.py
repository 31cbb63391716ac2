"""
The strict Content-Security-Policy breaks no page: Chromium, with JavaScript on, reports no
violation on the citizen's pages, the dashboard or the officers' admin.
"""

import pytest
from django_celery_beat.models import CrontabSchedule
from playwright.sync_api import expect

from ktp.services import permohonan_submit
from portal.accounts.roles import Role
from tests.e2e.helpers import staff_log_in
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD
from tests.factories.ktp import permohonan_complete_draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any script of the page; Playwright injects it outside the page's policy.
LISTEN = """
document.addEventListener("securitypolicyviolation", (e) =>
  window.reportCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


class Watched:
    """A page whose CSP violations (console and event) and script errors are collected."""

    def __init__(self, context):
        self.page = context.new_page()
        self.console, self.events, self.errors = [], [], []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        # A style sheet or script that does not load breaks a page as surely as a refused one.
        self.page.on("response", self._response)
        self.page.expose_function("reportCspViolation", lambda text: self.events.append(text))
        self.page.add_init_script(LISTEN)

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def _response(self, response):
        if response.status >= 400 and response.request.resource_type != "document":
            self.errors.append(f"{response.status} {response.url}")

    def visit(self, url):
        response = self.page.goto(url)
        assert response.status == 200, (url, response.status)
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        self.page.wait_for_load_state("load")
        self.assert_clean(url)

    def assert_clean(self, where=""):
        # Violation events are dispatched as tasks: let them arrive before looking.
        self.page.wait_for_timeout(100)
        assert self.console == [], (where, self.console)
        assert self.events == [], (where, self.events)
        assert self.errors == [], (where, self.errors)


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(locale="id-ID", base_url=live_server.url)
    yield context
    context.close()


def test_the_watcher_sees_a_violation(context):
    """The listener is real: markup with a style attribute added to a served page is refused."""
    watched = Watched(context)
    watched.visit("/")
    watched.page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color:red\">x</p>')")
    watched.page.wait_for_timeout(200)
    assert any("style-src" in text for text in watched.console)
    assert any(text.startswith("style-src") for text in watched.events)


def test_citizen_pages_and_the_dashboard_have_no_csp_violation(context):
    watched = Watched(context)
    for url in ("/", "/ktp/", "/perizinan/", "/transparansi/", "/lacak/", "/akun/login/"):
        watched.visit(url)
    UserFactory(email="warga@contoh.id", role=Role.WARGA)
    watched.page.locator("#id_login").fill("warga@contoh.id")
    watched.page.locator("#id_password").fill(PASSWORD)
    watched.page.locator("form").get_by_role("button").last.click()
    watched.visit("/ktp/ajukan/")
    watched.page.get_by_label("KTP-el baru").check()
    watched.page.get_by_role("button", name="Lanjut").click()
    # The NIK step, then the same step with its error messages.
    expect(watched.page.get_by_label("NIK")).to_be_visible()
    watched.assert_clean("NIK step")
    watched.page.get_by_label("NIK").fill("12345")
    watched.page.get_by_label("Nomor KK").fill("3504021203150002")
    watched.page.get_by_label("NIK").evaluate("el => el.removeAttribute('pattern')")
    watched.page.get_by_label("NIK").evaluate("el => el.closest('form').noValidate = true")
    watched.page.get_by_role("button", name="Simpan dan lanjut").click()
    expect(watched.page.locator(".is-invalid, .invalid-feedback, .errorlist").first).to_be_visible()
    watched.assert_clean("NIK step with errors")


def test_the_admin_as_a_superuser_has_no_csp_violation(context):
    applicant = UserFactory()
    permohonan = permohonan_submit(permohonan=permohonan_complete_draft(applicant=applicant), actor=applicant)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    CrontabSchedule.objects.create(minute="0", hour="6")
    watched = Watched(context)
    staff_log_in(watched.page, superuser.email)
    watched.assert_clean("login")
    for url in (
        "/admin/",
        "/admin/ktp/permohonanktp/",
        f"/admin/ktp/permohonanktp/{permohonan.pk}/change/",
        "/admin/accounts/user/",
        f"/admin/accounts/user/{superuser.pk}/change/",
    ):
        watched.visit(url)
    # The changelist's action bar (admin JavaScript) works under the policy.
    watched.visit("/admin/accounts/user/")
    watched.page.locator("#action-toggle").check()
    expect(watched.page.locator("input.action-select").first).to_be_checked()
    expect(watched.page.locator(".action-counter")).to_contain_text("2 dari 2")
    watched.assert_clean("changelist actions")
    # django-celery-beat's crontab help, moved from its inline script to static/js/.
    watched.visit("/admin/django_celery_beat/periodictask/add/")
    watched.page.locator("#id_crontab").select_option(index=1)
    expect(watched.page.locator(".field-crontab .help")).to_contain_text("—")
    watched.assert_clean("periodic task form")


def test_the_two_factor_setup_qr_code_shows_under_the_policy(context):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02", two_factor=False)
    watched = Watched(context)
    watched.page.goto("/akun/login/")
    watched.page.locator("#id_login").fill(officer.email)
    watched.page.locator("#id_password").fill(PASSWORD)
    watched.page.locator("form").get_by_role("button").last.click()
    watched.page.goto("/admin/")
    if "reauthenticate" in watched.page.url:
        watched.page.locator("#id_password").fill(PASSWORD)
        watched.page.locator("form").get_by_role("button").last.click()
    qr = watched.page.locator("img[src^='data:image/svg+xml']")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0
    watched.assert_clean("two-factor setup")
