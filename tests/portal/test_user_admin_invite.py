"""
An account made in the user admin gets no usable password: its holder sets one with the link sent
to its address, and the administrator who made it can set none through any admin URL.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from portal.accounts.models import User
from portal.accounts.roles import Role, roles_sync
from portal.notifications.models import Notification
from portal.wilayah.models import Kecamatan
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TRIED = "Kopi-Luwak-Campurdarat-5"


def _link(message):
    return re.search(r"https?://[^/\s]+(/akun/password/reset/key/[^\s]+/)", message.body).group(1)


def _add(client, django_capture_on_commit_callbacks, **extra):
    data = {"email": "petugas.baru@contoh.id", "name": "Petugas Baru", "_save": "Simpan"} | extra
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:accounts_user_add"), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    return User.objects.get(email="petugas.baru@contoh.id")


def _change_post(client, user, **fields):
    data = {
        "email": user.email,
        "name": user.name,
        "groups": list(user.groups.values_list("pk", flat=True)),
        "kecamatan": user.kecamatan_id or "",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
    } | fields
    return client.post(reverse("admin:accounts_user_change", args=[user.pk]), data)


def test_an_account_the_admin_role_makes_has_no_password_and_its_holder_is_sent_the_link(
    client, django_capture_on_commit_callbacks
):
    roles_sync()
    admin_role = UserFactory(role=Role.ADMIN)
    client.force_login(admin_role)
    form = client.get(reverse("admin:accounts_user_add")).content.decode()
    assert 'type="password"' not in form and 'name="usable_password"' not in form
    # A password typed into a hand-made POST is not taken.
    officer = _add(
        client,
        django_capture_on_commit_callbacks,
        password1=TRIED,
        password2=TRIED,
        usable_password="true",
    )
    assert not officer.has_usable_password() and not officer.check_password(TRIED)
    address = EmailAddress.objects.get(user=officer)
    assert address.email == officer.email and address.primary and not address.verified
    [invitation] = mail.outbox
    assert invitation.to == ["petugas.baru@contoh.id"] and admin_role.name in invitation.body
    assert Notification.objects.get(recipient=officer.email).event == "portal.password_link_by_admin"

    # Made an officer of a kecamatan, whose queue holds citizens' applications: still no password.
    group = Group.objects.get(name=Role.PETUGAS_KECAMATAN.value)
    boyolangu = Kecamatan.objects.get(code="35.04.02")
    assert _change_post(client, officer, groups=[group.pk], kecamatan=boyolangu.pk).status_code == 302
    officer.refresh_from_db()
    assert officer.has_role(Role.PETUGAS_KECAMATAN) and not officer.has_usable_password()

    # No admin URL sets it: the password page only sends the link, a direct POST is refused, and
    # the change form's password field takes nothing.
    password_url = reverse("admin:auth_user_password_change", args=[officer.pk])
    assert 'type="password"' not in client.get(password_url).content.decode()
    for data in (
        {"password1": TRIED, "password2": TRIED, "usable_password": "true"},
        {"password1": TRIED, "password2": TRIED, "kirim": "Kirim tautan"},
        {"usable_password": "false", "unset-password": "1"},
    ):
        assert client.post(password_url, data).status_code == 403
    other = UserFactory()
    assert _change_post(client, officer, password=other.password, password1=TRIED).status_code == 302
    officer.refresh_from_db()
    assert not officer.has_usable_password() and officer.password != other.password
    assert not officer.check_password(TRIED)

    # The holder, and only whoever reads that mailbox, sets it with the link.
    client.logout()
    page = client.get(_link(invitation), follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else _link(invitation)
    client.post(form_url, {"password1": "Sate-Ayam-Ponorogo-9", "password2": "Sate-Ayam-Ponorogo-9"})
    officer.refresh_from_db()
    assert officer.check_password("Sate-Ayam-Ponorogo-9")
    assert EmailAddress.objects.get(user=officer).verified  # the link proved the address
    # Used once: the same link sets nothing a second time.
    page = client.get(_link(invitation), follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else _link(invitation)
    client.post(form_url, {"password1": TRIED, "password2": TRIED})
    officer.refresh_from_db()
    assert not officer.check_password(TRIED)


def test_a_superuser_makes_accounts_the_same_way(client, django_capture_on_commit_callbacks):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    user = _add(client, django_capture_on_commit_callbacks, password1=TRIED, password2=TRIED)
    assert not user.has_usable_password()
    assert [m.to for m in mail.outbox] == [["petugas.baru@contoh.id"]]
    password_url = reverse("admin:auth_user_password_change", args=[user.pk])
    assert client.post(password_url, {"password1": TRIED, "password2": TRIED}).status_code == 403


def test_an_account_without_email_gets_no_link_and_no_error(client):
    recorded = UserFactory(role=Role.WARGA)
    User.objects.filter(pk=recorded.pk).update(email=None)  # as the front desk records one
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("admin:auth_user_password_change", args=[recorded.pk])
    assert "tidak punya alamat surel" in client.get(url).content.decode()
    response = client.post(url, {"kirim": "Kirim tautan"}, follow=True)
    assert "tidak punya alamat surel" in response.content.decode()
    assert not mail.outbox
