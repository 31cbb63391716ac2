"""
Security headers on every kind of page, and pages a strict Content-Security-Policy cannot break:
no inline script, style or event handler anywhere, the admin included.
"""

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from koordinasi.constants import Format
from ktp.services import permohonan_draft_create, permohonan_submit
from portal.accounts.roles import Role
from portal.verification.models import IssuedDocument
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD
from tests.factories.koordinasi import naskah_sent, officer
from tests.factories.ktp import permohonan_complete_draft
from tests.portal.test_settings import PRODUCTION, _manage

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


def csp_directives(response):
    """Return the response's Content-Security-Policy as {directive: [sources]}."""
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


class InlineCode(HTMLParser):
    """Collect what a CSP without 'unsafe-inline' would block: style attributes, <style>, inline
    <script> (JSON data blocks are not executed and stay allowed), on* handlers, javascript: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        position = f"line {self.getpos()[0]}: <{tag}>"
        if "style" in attrs:
            self.found.append(f"{position} style={attrs['style']!r}")
        if tag == "style":
            self.found.append(f"{position} <style> element")
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/json":
            self.found.append(f"{position} inline script")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"{position} event handler {name}")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{position} javascript: URL")

    handle_startendtag = handle_starttag


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    parser.close()
    return parser.found


def assert_secure_page(response):
    assert response.status_code == 200, response.status_code
    assert_headers(response)
    assert inline_code(response.content.decode()) == []


def assert_headers(response):
    csp = csp_directives(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin")
    permissions = {p.strip() for p in response["Permissions-Policy"].split(",")}
    assert {"camera=()", "microphone=()", "geolocation=()", "payment=()"} <= permissions


@pytest.fixture
def warga(client):
    user = UserFactory(role=Role.WARGA)
    client.force_login(user)
    return user


@pytest.fixture
def submitted():
    applicant = UserFactory()
    return permohonan_submit(permohonan=permohonan_complete_draft(applicant=applicant), actor=applicant)


# ---------------------------------------------------------------------------------------------
# Headers and markup, page by page
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    ["/", "/ktp/", "/perizinan/", "/lacak/", "/informasi/", "/akun/login/", "/akun/signup/"],
)
def test_public_pages_carry_the_headers_and_no_inline_code(client, url):
    assert_secure_page(client.get(url))


def test_the_transparency_dashboard_and_its_svg_chart(client):
    response = client.get(reverse("public:transparency"))
    assert_secure_page(response)
    assert '<svg class="bar-chart"' in response.content.decode()


def test_a_ktp_form_step_and_the_same_step_with_errors(client, warga):
    assert_secure_page(client.get(reverse("ktp:start")))
    permohonan = permohonan_draft_create(applicant=warga, jenis="baru")
    url = reverse("ktp:biodata", args=[permohonan.pk])
    assert_secure_page(client.get(url))
    response = client.post(url, {"nik": "12345", "no_kk": "<script>alert(1)</script>"})
    assert_secure_page(response)
    assert "is-invalid" in response.content.decode()


def test_a_login_with_a_wrong_password_shows_its_error_under_the_policy(client):
    UserFactory(email="warga@contoh.id")
    response = client.post(reverse("account_login"), {"login": "warga@contoh.id", "password": "salah-sekali"})
    assert_secure_page(response)
    assert "alert" in response.content.decode() or "is-invalid" in response.content.decode()


def test_the_admin_login_redirect_and_the_404_page_carry_the_headers(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert_headers(response)
    missing = client.get("/halaman-yang-tidak-ada/")
    assert missing.status_code == 404
    assert_headers(missing)
    assert inline_code(missing.content.decode()) == []


def test_the_verification_page(client):
    target = UserFactory()
    document = IssuedDocument.objects.create(
        kind=IssuedDocument.Kind.BUKTI_PENDAFTARAN,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        reference="KTP-2026-000001",
        service="KTP-el",
        office="Kecamatan Boyolangu",
    )
    assert_secure_page(client.get(document.get_absolute_url()))


def test_the_citizens_own_pages(client, submitted):
    client.force_login(submitted.applicant)
    for url in (reverse("ktp:list"), reverse("ktp:detail", args=[submitted.pk]), "/akun/data-saya/"):
        assert_secure_page(client.get(url))


def test_the_admin_for_a_superuser_with_two_factor(client, submitted):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    for url in (
        reverse("admin:index"),
        reverse("admin:ktp_permohonanktp_changelist"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", args=[superuser.pk]),
    ):
        assert_secure_page(client.get(url))


def test_every_admin_changelist_and_add_form_has_no_inline_code(client):
    """Third-party admin templates too (django-celery-beat ships an inline script; it is overridden)."""
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    checked = 0
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        for view in ("changelist", "add"):
            response = client.get(reverse(f"admin:{info[0]}_{info[1]}_{view}"))
            if view == "add" and response.status_code == 403:
                continue  # the model is read-only in the admin (an append-only log, ...)
            assert response.status_code == 200, (info, view, response.status_code)
            assert_headers(response)
            assert inline_code(response.content.decode()) == [], (info, view)
            checked += 1
    assert checked > 20


def test_the_officers_change_form_with_its_workflow_buttons(client, submitted):
    client.force_login(UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02"))
    response = client.get(reverse("admin:ktp_permohonanktp_change", args=[submitted.pk]))
    assert_secure_page(response)
    body = response.content.decode()
    assert 'class="workflow-action"' in body and "css/admin.css" in body


def test_the_agency_officers_memo_pages_even_with_hostile_markdown(client):
    """A memo body may hold HTML with style attributes and scripts: the page still has none."""
    sender, reader = officer("DPMPTSP"), officer("BAGIAN-UMUM")
    isi = (
        '| a | b |\n|:--|--:|\n| 1 | 2 |\n\n<p style="color:red" onclick="x()">merah</p>'
        "<style>body{}</style><script>alert(1)</script>"
    )
    naskah = naskah_sent(sender=sender, to_agencies=["BAGIAN-UMUM"], isi=isi, format=Format.MARKDOWN)
    client.force_login(reader)
    for url in (
        reverse("koordinasi:index"),
        reverse("koordinasi:detail", args=[naskah.pk]),
        reverse("koordinasi:compose"),
    ):
        assert_secure_page(client.get(url))
    body = client.get(reverse("koordinasi:detail", args=[naskah.pk])).content.decode()
    assert "merah" in body and "<table>" in body and "alert(1)" not in body


def test_the_two_factor_setup_page_shows_its_qr_as_an_allowed_data_image(client):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02", two_factor=False)
    client.force_login(officer)
    assert_secure_page(client.get(reverse("account_reauthenticate")))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert_secure_page(response)
    assert 'src="data:image/svg+xml' in response.content.decode()


# ---------------------------------------------------------------------------------------------
# Every template, also those the sample above does not render
# ---------------------------------------------------------------------------------------------
def test_no_template_served_to_a_browser_has_inline_style_or_script():
    """PDF and email templates are never served as pages, so the policy does not apply to them."""
    offenders = {}
    for path in TEMPLATES.rglob("*.html"):
        relative = path.relative_to(TEMPLATES)
        if relative.parts[0] in ("pdf", "emails"):
            continue
        found = inline_code(path.read_text())
        if found:
            offenders[str(relative)] = found
    assert offenders == {}


def test_the_checker_finds_what_the_policy_would_block():
    html = (
        '<p style="color:red">x</p><style>p{}</style><script>alert(1)</script>'
        '<button onclick="go()">x</button><a href="javascript:void(0)">x</a>'
        '<script src="/static/a.js"></script><script type="application/json">{}</script>'
    )
    assert len(inline_code(html)) == 5


# ---------------------------------------------------------------------------------------------
# Cookies and HSTS
# ---------------------------------------------------------------------------------------------
def test_session_csrf_and_language_cookies_are_httponly_samesite_and_secure_when_configured(client, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = settings.LANGUAGE_COOKIE_SECURE = True
    UserFactory(email="warga@contoh.id")
    page = client.get(reverse("account_login"))
    assert "csrftoken" in page.cookies
    client.post(reverse("account_login"), {"login": "warga@contoh.id", "password": PASSWORD})
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    for name in ("sessionid", "csrftoken", "django_language"):
        cookie = client.cookies[name]
        assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax", name


def test_https_responses_carry_hsts(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in response["Strict-Transport-Security"]


def test_production_settings_turn_every_protection_on():
    names = [
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SAMESITE",
        "LANGUAGE_COOKIE_SECURE",
        "X_FRAME_OPTIONS",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "CONTENT_SECURITY_POLICY",
    ]
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = _manage("shell", "-v", "0", "-c", code, env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    value = json.loads(result.stdout)
    assert value["SECURE_SSL_REDIRECT"] and value["SECURE_HSTS_SECONDS"] >= 31536000
    assert value["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    for cookie in ("SESSION", "CSRF"):
        assert value[f"{cookie}_COOKIE_SECURE"] and value[f"{cookie}_COOKIE_HTTPONLY"]
        assert value[f"{cookie}_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert value["LANGUAGE_COOKIE_SECURE"] and value["X_FRAME_OPTIONS"] == "DENY"
    assert value["SECURE_CONTENT_TYPE_NOSNIFF"]
    policy = json.dumps(value["CONTENT_SECURITY_POLICY"])
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
