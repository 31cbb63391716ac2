"""
Notifications are written in the language the recipient chose on the portal: a foreign resident
who reads the portal in English gets their status news in English. Tasks run without a request, so
the choice is kept on the account: set by the language switch while signed in, and at sign-up.
"""

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from ktp.services import permohonan_revision_request, permohonan_submit
from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.notifications.services import notification_language, notification_send
from portal.wilayah.models import Kecamatan
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD
from tests.factories.ktp import permohonan_complete_draft

pytestmark = pytest.mark.django_db


def ping(recipient):
    return notification_send(
        event="portal.ping", target=Kecamatan.objects.first(), recipient=recipient, context={}
    )


def test_an_account_that_chose_english_is_written_to_in_english_and_others_in_indonesian():
    UserFactory(email="anna@contoh.id", language="en")
    UserFactory(email="siti@contoh.id")

    with translation.override("id"):
        ping("anna@contoh.id")
    with translation.override("en"):  # whatever the sender's language, the recipient's counts
        ping("siti@contoh.id")
        ping("orang.luar@contoh.id")  # no account: the portal's language

    english, indonesian, outsider = mail.outbox
    assert english.subject == "Tulungagung Public Services: test message"
    assert "Test message from Tulungagung Public Services." in english.body
    assert indonesian.subject == outsider.subject == "Layanan Publik Tulungagung: pesan uji"


def test_a_status_email_reaches_an_english_reader_in_english(django_capture_on_commit_callbacks):
    warga = UserFactory(role=Role.WARGA, language="en")
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)

    with django_capture_on_commit_callbacks(execute=True):
        permohonan_revision_request(permohonan=p, actor=officer, note="Foto KK buram", fields=["kk"])

    message = mail.outbox[-1]
    assert "Needs correction" in message.subject and p.reference in message.subject
    assert "Foto KK buram" in message.body  # the officer's own words are not translated
    assert "Corrections requested: Family card (KK)" in message.body
    assert "Perlu perbaikan" not in message.body and "Status permohonan" not in message.body


def test_an_sms_is_written_in_its_persons_language_even_on_a_phone_the_family_shares(settings):
    from portal.notifications import sms
    from portal.notifications.services import notification_send_to_person

    settings.SMS_BACKEND = "portal.notifications.sms.LocmemSmsBackend"
    sms.outbox.clear()
    UserFactory(email="ibu@contoh.id", phone="081234567890")  # the same phone, Indonesian
    anna = UserFactory(email="anna@contoh.id", phone="081234567890", language="en")
    target = Kecamatan.objects.first()
    context = {"permohonan": None}
    assert notification_language(channel="sms", recipient="081234567890") == settings.LANGUAGE_CODE
    assert notification_language(channel="email", recipient="ANNA@contoh.id") == "en"
    sent = notification_send_to_person(
        person=anna, event="portal.ping", target=target, key="", context=context
    )
    assert [n.channel for n in sent] == ["email", "sms"]
    assert mail.outbox[0].subject == "Tulungagung Public Services: test message"
    assert sms.outbox == [("081234567890", "Test message from Tulungagung Public Services.")]


def test_the_language_switch_keeps_a_signed_in_users_choice(client):
    user = UserFactory(email="anna@contoh.id")
    client.force_login(user)

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    user.refresh_from_db()
    assert user.language == "en"

    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})  # no such language: nothing kept
    client.get("/i18n/setlang/", {"language": "id", "next": "/"})  # only a POST switches
    user.refresh_from_db()
    assert user.language == "en"

    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    user.refresh_from_db()
    assert user.language == "id"


def test_the_language_switch_works_as_before_for_a_visitor(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/lacak/"})
    assert response.status_code == 302 and response["Location"] == "/lacak/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Track" in client.get("/lacak/").content.decode()


def test_a_sign_up_in_english_is_notified_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(
        "/akun/signup/",
        {
            "name": "Anna Schmidt",
            "email": "anna@contoh.id",
            "password1": "Kopi-Tubruk-Ngunut-7",
            "password2": "Kopi-Tubruk-Ngunut-7",
        },
    )
    assert User.objects.get(email="anna@contoh.id").language == "en"


def test_signing_in_on_a_new_browser_shows_the_portal_in_the_accounts_language(client):
    UserFactory(email="anna@contoh.id", language="en", role=Role.WARGA)

    response = client.post("/akun/login/", {"login": "anna@contoh.id", "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_signing_in_keeps_the_language_this_browser_chose(client):
    UserFactory(email="anna@contoh.id", language="en", role=Role.WARGA)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"

    response = client.post("/akun/login/", {"login": "anna@contoh.id", "password": PASSWORD})
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
