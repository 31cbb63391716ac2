import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from portal.accounts.models import User
from tests.e2e.helpers import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_in_indonesian_then_english_through_the_switch_without_javascript(no_js_page):
    page = no_js_page
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_have_text("Layanan publik daring Kabupaten Tulungagung")
    screenshot(page, "home")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Online public services of Tulungagung Regency")
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")


def test_skip_link_is_the_first_focusable_element_and_focus_is_visible(no_js_page, open_page):
    page = no_js_page
    page.goto("/")
    page.keyboard.press("Tab")
    link = page.get_by_role("link", name="Langsung ke konten utama")
    expect(link).to_be_focused()
    expect(link).to_be_visible()
    expect(link).to_have_css("outline-style", "solid")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Layanan Publik Tulungagung")).to_have_css("outline-width", "3px")

    phone = open_page(phone=True)
    phone.goto("/")
    screenshot(phone, "home")


def test_a_form_with_errors_starts_with_a_summary_that_links_to_each_field(no_js_page):
    page = no_js_page
    page.goto("/akun/signup/")
    page.get_by_label("Nama lengkap").fill("Siti Rahayu")
    page.get_by_label("Email").fill("siti@contoh.id")
    page.locator("#id_password1").fill("Kopi-Tubruk-Ngunut-7")
    page.locator("#id_password2").fill("Kopi-Tubruk-Ngunut-8")
    page.get_by_role("button", name="Daftar").click()
    summary = page.locator("form .error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("Ada isian yang perlu diperbaiki")
    # The summary comes before every field of the form.
    assert page.locator("form .error-summary ~ * input, form .error-summary ~ input").count() > 0
    link = summary.get_by_role("link", name=re.compile(r"^Kata sandi \(lagi\)"))
    expect(link).to_have_attribute("href", "#id_password2")
    link.click()
    expect(page.locator("#id_password2")).to_be_focused()
    expect(page.get_by_label("Nama lengkap")).to_have_value("Siti Rahayu")


def test_a_citizen_signs_up_verifies_the_email_and_is_logged_in(no_js_page):
    page = no_js_page
    page.goto("/")
    page.get_by_role("link", name="Daftar akun").click()
    page.get_by_label("Nama lengkap").fill("Siti Rahayu")
    page.get_by_label("Email").fill("siti@contoh.id")
    page.locator("#id_password1").fill("Kopi-Tubruk-Ngunut-7")
    page.locator("#id_password2").fill("Kopi-Tubruk-Ngunut-7")
    page.get_by_role("button", name="Daftar").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verifikasi")
    assert User.objects.filter(email="siti@contoh.id").exists()

    link = re.search(r"https?://\S+/akun/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    page.get_by_role("button", name="Konfirmasi").click()
    expect(page.get_by_role("navigation").get_by_text("Siti")).to_be_visible()
    expect(page.get_by_role("link", name="Keluar")).to_be_visible()


def test_the_authenticator_secret_fits_its_box_on_a_phone(open_page):
    from tests.e2e.helpers import log_in
    from tests.factories import UserFactory
    from tests.factories.accounts import PASSWORD

    citizen = UserFactory(email="siti@contoh.id")
    page = open_page(js=False, phone=True)
    log_in(page, citizen.email)
    page.goto("/akun/2fa/totp/activate/")
    page.locator("#id_password").fill(PASSWORD)  # allauth asks for the password again first
    page.locator("form").get_by_role("button").last.click()
    page.wait_for_url(lambda url: "/totp/activate/" in url and "reauthenticate" not in url)
    secret = page.locator("#authenticator_secret")
    assert len(secret.input_value()) >= 32
    assert secret.evaluate("e => e.scrollWidth <= e.clientWidth")  # all of it shows, nothing cut off
