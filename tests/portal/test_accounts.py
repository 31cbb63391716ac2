import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.accounts.forms import UserAdminForm
from portal.accounts.models import User
from portal.accounts.roles import ROLE_PERMISSIONS, Role, roles_sync
from portal.accounts.services import user_assign_role
from portal.audit.models import AksesData
from portal.wilayah.models import Instansi, Kecamatan
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

SIGNUP = {
    "name": "Siti Rahayu",
    "email": "siti@contoh.id",
    "password1": "Kopi-Tubruk-Ngunut-7",
    "password2": "Kopi-Tubruk-Ngunut-7",
}


def _confirmation_link():
    return re.search(r"https?://[^/\s]+(/akun/confirm-email/[^\s]+/)", mail.outbox[-1].body).group(1)


def test_signup_creates_an_unverified_citizen_and_sends_a_verification_email(client):
    response = client.post("/akun/signup/", SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="siti@contoh.id")
    assert user.name == "Siti Rahayu"
    assert user.has_role(Role.WARGA)
    assert not user.is_staff
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1


def test_the_verification_link_verifies_the_email_and_logs_in(client):
    client.post("/akun/signup/", SIGNUP)
    link = _confirmation_link()
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="siti@contoh.id").verified
    assert client.get("/").context["user"].email == "siti@contoh.id"


def test_login_before_verification_is_refused_and_resends_the_link(client):
    client.post("/akun/signup/", SIGNUP)
    client.logout()
    response = client.post("/akun/login/", {"login": "siti@contoh.id", "password": SIGNUP["password1"]})
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_a_bad_verification_link_gets_a_clear_indonesian_message(client):
    response = client.get("/akun/confirm-email/bukan-kunci-yang-sah/")
    assert response.status_code in (200, 404)
    body = response.content.decode()
    assert "kedaluwarsa atau tidak sah" in body or "tidak valid" in body.lower()


def test_signup_with_a_taken_email_is_refused_in_indonesian_and_changes_nothing(client):
    UserFactory(email="siti@contoh.id")
    response = client.post("/akun/signup/", SIGNUP)
    assert response.status_code == 200
    assert "sudah terdaftar" in response.content.decode()
    assert User.objects.filter(email__iexact="siti@contoh.id").count() == 1
    assert mail.outbox == []


def test_signup_with_a_weak_password_is_refused_in_indonesian_and_creates_nothing(client):
    response = client.post("/akun/signup/", {**SIGNUP, "password1": "12345678", "password2": "12345678"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kata sandi ini terlalu umum" in body or "terlalu pendek" in body
    assert not User.objects.filter(email="siti@contoh.id").exists()


def test_login_with_email_and_logout(client):
    UserFactory(email="budi@contoh.id")
    response = client.post("/akun/login/", {"login": "budi@contoh.id", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]
    client.post("/akun/logout/")
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="budi@contoh.id")
    client.post("/akun/password/reset/", {"email": "budi@contoh.id"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/akun/password/reset/key/[^\s]+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"password1": "Sate-Ayam-Ponorogo-9", "password2": "Sate-Ayam-Ponorogo-9"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Sate-Ayam-Ponorogo-9")


def test_roles_exist_with_exactly_their_declared_permissions():
    roles_sync()
    for role, names in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role.value)
        have = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert have <= set(names)
        existing = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in Permission.objects.select_related("content_type")
        }
        assert have == set(names) & existing


def test_roles_sync_is_idempotent_and_undoes_hand_edits():
    roles_sync()
    group = Group.objects.get(name=Role.WARGA.value)
    group.permissions.add(*Group.objects.get(name=Role.ADMIN.value).permissions.all())
    roles_sync()
    assert group.permissions.count() == 0
    assert Group.objects.filter(name__in=Role.values).count() == len(Role)


def test_petugas_kecamatan_must_be_bound_to_a_kecamatan():
    user = UserFactory()
    with pytest.raises(ValidationError) as exc:
        user_assign_role(user=user, role=Role.PETUGAS_KECAMATAN)
    assert "kecamatan" in exc.value.message_dict
    assert not user.groups.exists()


def test_assigning_an_officer_role_binds_and_grants_admin_access():
    boyolangu = Kecamatan.objects.get(code="35.04.02")
    user = user_assign_role(user=UserFactory(), role=Role.PETUGAS_KECAMATAN, kecamatan=boyolangu)
    assert user.is_staff and user.kecamatan == boyolangu
    assert user.has_role(Role.PETUGAS_KECAMATAN)
    officer = user_assign_role(
        user=UserFactory(), role=Role.PETUGAS_INSTANSI, instansi=Instansi.objects.get(code="DPMPTSP")
    )
    assert not officer.is_staff


def test_admin_form_refuses_an_officer_group_without_its_instansi():
    roles_sync()
    user = UserFactory()
    form = UserAdminForm(
        instance=user,
        data={
            "email": user.email,
            "name": user.name,
            "password": user.password,
            "groups": [Group.objects.get(name=Role.PETUGAS_INSTANSI.value).pk],
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
        },
    )
    assert not form.is_valid()
    assert "instansi" in form.errors


def test_email_is_the_login_and_is_unique_case_insensitively_at_signup(client):
    UserFactory(email="siti@contoh.id")
    client.post("/akun/signup/", {**SIGNUP, "email": "SITI@contoh.id"})
    assert User.objects.filter(email__iexact="siti@contoh.id").count() == 1


def _user_change_post(client, user, **fields):
    data = {
        "email": user.email,
        "name": user.name,
        "password": user.password,
        "groups": list(user.groups.values_list("pk", flat=True)),
        "is_active": "on",
        "is_staff": "on" if user.is_staff else "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
    } | fields
    return client.post(reverse("admin:accounts_user_change", args=[user.pk]), data)


def test_the_admin_role_cannot_make_itself_or_anyone_superuser_nor_change_a_superuser(client):
    from portal.audit.models import AksesData

    admin_role = UserFactory(role=Role.ADMIN)
    assert admin_role.is_staff and not admin_role.is_superuser
    citizen = UserFactory(role=Role.WARGA)
    client.force_login(admin_role)
    assert _user_change_post(client, admin_role, is_superuser="on").status_code == 302
    assert _user_change_post(client, citizen, is_superuser="on").status_code == 302
    admin_role.refresh_from_db()
    citizen.refresh_from_db()
    assert not admin_role.is_superuser and not citizen.is_superuser
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert _user_change_post(client, superuser, email="penyusup@contoh.id").status_code == 403
    superuser.refresh_from_db()
    assert superuser.email != "penyusup@contoh.id"
    # Looking at a citizen's account is a look at their personal data: it is in their "Data saya".
    client.get(reverse("admin:accounts_user_change", args=[citizen.pk]))
    assert AksesData.objects.filter(actor=admin_role, subject=citizen).exists()


def test_the_user_admin_never_shows_a_password_hash_nor_takes_one_typed_in(client):
    admin_role = UserFactory(role=Role.ADMIN)
    citizen, superuser = UserFactory(role=Role.WARGA), UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin_role)
    for user in (citizen, superuser):
        page = client.get(reverse("admin:accounts_user_change", args=[user.pk])).content.decode()
        assert user.password not in page and user.password.rsplit("$", 1)[1] not in page
    other = UserFactory()
    assert _user_change_post(client, citizen, password=other.password).status_code == 302
    citizen.refresh_from_db()
    assert citizen.password != other.password


def test_a_double_submitted_signup_answers_the_second_click_with_the_email_sent_page(client, monkeypatch):
    from allauth.account.internal.flows import manage_email

    client.post("/akun/signup/", SIGNUP)
    # The second click was checked while the first was still saving: its address looked free.
    monkeypatch.setattr(manage_email, "email_already_exists", lambda email, **kwargs: (email, False))
    response = client.post("/akun/signup/", SIGNUP)
    assert response.status_code == 302 and response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email="siti@contoh.id").count() == 1


def test_the_user_admin_refuses_an_email_that_differs_from_an_account_s_only_in_case(client):
    UserFactory(email="siti@contoh.id")
    client.force_login(UserFactory(role=Role.ADMIN))
    data = {"email": "SITI@Contoh.id", "name": "Siti Kembar", "usable_password": "false"}
    response = client.post(reverse("admin:accounts_user_add"), data)
    assert response.status_code == 200 and "email" in response.context["adminform"].form.errors
    assert User.objects.filter(email__iexact="siti@contoh.id").count() == 1


def test_a_staff_role_given_in_the_user_admin_opens_the_admin_as_the_service_does(client):
    roles_sync()
    client.force_login(UserFactory(role=Role.ADMIN))
    citizen = UserFactory(role=Role.WARGA)
    group = Group.objects.get(name=Role.PETUGAS_KECAMATAN.value)
    boyolangu = Kecamatan.objects.get(code="35.04.02")
    assert _user_change_post(client, citizen, groups=[group.pk], kecamatan=boyolangu.pk).status_code == 302
    citizen.refresh_from_db()
    assert citizen.has_role(Role.PETUGAS_KECAMATAN) and citizen.is_staff


def test_an_email_changed_in_the_user_admin_no_longer_signs_in_nor_gets_reset_links(client):
    citizen = UserFactory(role=Role.WARGA, email="lama@contoh.id")
    client.force_login(UserFactory(role=Role.ADMIN, is_superuser=True))
    assert _user_change_post(client, citizen, email="baru@contoh.id").status_code == 302
    client.logout()
    response = client.post(reverse("account_login"), {"login": "lama@contoh.id", "password": PASSWORD})
    assert "_auth_user_id" not in client.session and response.status_code == 200
    client.post(reverse("account_reset_password"), {"email": "lama@contoh.id"})
    assert not [m for m in mail.outbox if "lama@contoh.id" in m.to]
    address = EmailAddress.objects.get(user=citizen)
    assert address.email == "baru@contoh.id" and address.primary and not address.verified


def _change_form_fields(client, user):
    response = client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    return set(response.context["adminform"].form.fields)


def test_only_a_superuser_changes_their_own_roles_in_the_user_admin(client):
    roles_sync()
    boyolangu = Kecamatan.objects.get(code="35.04.02")
    admin_role = UserFactory(role=Role.ADMIN)
    client.force_login(admin_role)
    officer_group = Group.objects.get(name=Role.PETUGAS_KECAMATAN.value)
    own_groups = [*admin_role.groups.values_list("pk", flat=True), officer_group.pk]
    assert _user_change_post(client, admin_role, groups=own_groups, kecamatan=boyolangu.pk).status_code == 302
    admin_role.refresh_from_db()
    assert not admin_role.has_role(Role.PETUGAS_KECAMATAN) and admin_role.kecamatan is None
    assert not {"groups", "kecamatan", "instansi", "is_staff", "is_superuser"} & _change_form_fields(
        client, admin_role
    )
    # Another account's roles are still the Admin role's to manage; a superuser manages their own.
    assert {"groups", "kecamatan", "is_staff"} <= _change_form_fields(client, UserFactory(role=Role.WARGA))
    superuser = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    assert {"groups", "is_staff", "is_superuser"} <= _change_form_fields(client, superuser)


def test_only_a_superuser_gives_the_admin_role(client):
    roles_sync()
    admin_group = Group.objects.get(name=Role.ADMIN.value)
    citizen, colleague = UserFactory(role=Role.WARGA), UserFactory(role=Role.ADMIN)
    client.force_login(UserFactory(role=Role.ADMIN))
    response = _user_change_post(client, citizen, groups=[admin_group.pk])
    assert response.status_code == 200 and "groups" in response.context["adminform"].form.errors
    assert not citizen.has_role(Role.ADMIN)
    # An Administrator made by a superuser keeps the role when a fellow Admin edits their account.
    assert _user_change_post(client, colleague, jabatan="Pranata Komputer").status_code == 302
    assert colleague.has_role(Role.ADMIN)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert _user_change_post(client, citizen, groups=[admin_group.pk]).status_code == 302
    assert citizen.has_role(Role.ADMIN)


def _password_post(client, user, password="Kopi-Luwak-Campurdarat-5"):
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    data = {"password1": password, "password2": password, "usable_password": "true"}
    return client.post(url, data)


def _reset_link(message):
    return re.search(r"https?://[^/\s]+(/akun/password/reset/key/[^\s]+/)", message.body).group(1)


def test_the_admin_role_cannot_set_a_citizen_s_password(client):
    citizen = UserFactory(role=Role.WARGA)
    client.force_login(UserFactory(role=Role.ADMIN))
    page = client.get(reverse("admin:auth_user_password_change", args=[citizen.pk])).content.decode()
    assert 'type="password"' not in page and "Kirim tautan" in page
    assert _password_post(client, citizen).status_code == 403
    citizen.refresh_from_db()
    assert citizen.check_password(PASSWORD)
    # The citizen's own way stays open: the reset link goes to their address, not the Admin's.
    client.post(reverse("account_reset_password"), {"email": citizen.email})
    assert mail.outbox[-1].to == [citizen.email]


def test_nobody_sets_another_s_password_in_the_user_admin_the_holder_is_sent_a_link(
    client, django_capture_on_commit_callbacks
):
    citizen = UserFactory(role=Role.WARGA)
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    superuser, admin_role = UserFactory(is_superuser=True, is_staff=True), UserFactory(role=Role.ADMIN)
    for actor, holder in ((superuser, citizen), (admin_role, officer), (admin_role, admin_role)):
        client.force_login(actor)
        assert _password_post(client, holder).status_code == 403
        holder.refresh_from_db()
        assert holder.check_password(PASSWORD)
        url = reverse("admin:auth_user_password_change", args=[holder.pk])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"kirim": "Kirim tautan"})
        assert response["Location"] == reverse("admin:accounts_user_change", args=[holder.pk])
        notice = mail.outbox[-1]
        assert notice.to == [holder.email] and actor.name in notice.body
        holder.refresh_from_db()
        assert holder.check_password(PASSWORD)  # kept until its holder sets a new one
    # The link is the holder's: it sets the password they choose.
    client.logout()
    page = client.get(_reset_link(notice), follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else _reset_link(notice)
    client.post(form_url, {"password1": "Sate-Ayam-Ponorogo-9", "password2": "Sate-Ayam-Ponorogo-9"})
    admin_role.refresh_from_db()
    assert admin_role.check_password("Sate-Ayam-Ponorogo-9")


def test_the_admin_role_sees_the_periodic_tasks_but_only_a_superuser_changes_them(client):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    roles_sync()
    task = PeriodicTask.objects.filter(enabled=True).first()  # the migrations schedule the sweeps
    name, interval = task.name, IntervalSchedule.objects.create(every=5, period="minutes")
    client.force_login(UserFactory(role=Role.ADMIN))
    change = reverse("admin:django_celery_beat_periodictask_change", args=[task.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"name": "dimatikan", "task": task.task}).status_code == 403
    # django-celery-beat's actions ask for no permission of their own: a viewer is offered none.
    changelist = reverse("admin:django_celery_beat_periodictask_changelist")
    assert 'name="action"' not in client.get(changelist).content.decode()
    for action in ("disable_tasks", "toggle_tasks"):
        client.post(changelist, {"action": action, "_selected_action": [task.pk], "index": 0})
        task.refresh_from_db()
        assert task.enabled and task.name == name
    for model in ("periodictask", "intervalschedule", "crontabschedule"):
        assert client.get(reverse(f"admin:django_celery_beat_{model}_add")).status_code == 403
    delete = reverse("admin:django_celery_beat_intervalschedule_delete", args=[interval.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert IntervalSchedule.objects.filter(pk=interval.pk).exists()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert 'name="action"' in client.get(changelist).content.decode()


def test_the_admin_role_cannot_change_a_citizen_s_email_to_take_the_password_reset(client):
    citizen = UserFactory(role=Role.WARGA, email="lama@contoh.id")
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02", email="petugas@contoh.id")
    client.force_login(UserFactory(role=Role.ADMIN))
    assert "email" not in _change_form_fields(client, citizen)
    _user_change_post(client, citizen, email="admin.pribadi@contoh.id")
    citizen.refresh_from_db()
    assert citizen.email == "lama@contoh.id"
    assert "email" in _change_form_fields(client, officer)  # an officer's account is the Admin's to keep


def test_an_officer_s_email_changed_by_an_admin_is_logged_and_told_to_the_old_address(
    client, django_capture_on_commit_callbacks
):
    # The new address gets the password link: a change the holder did not ask for must not pass unseen.
    officer = UserFactory(
        name="Rina Wulandari", role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02", email="rina@contoh.id"
    )
    admin_role = UserFactory(name="Budi Santoso", role=Role.ADMIN)
    client.force_login(admin_role)
    with django_capture_on_commit_callbacks(execute=True):
        response = _user_change_post(
            client, officer, email="rina.baru@contoh.id", kecamatan=officer.kecamatan_id
        )
        assert response.status_code == 302
    (told,) = [m for m in mail.outbox if m.to == ["rina@contoh.id"]]
    assert "Budi Santoso" in told.body and "ri***@contoh.id" in told.body
    assert "rina.baru@contoh.id" not in told.body  # masked: the old address may no longer be the holder's
    entry = AksesData.objects.get(subject=officer, action=AksesData.Action.GANTI_SUREL)
    assert entry.actor == admin_role and entry.description == "ri***@contoh.id → ri***@contoh.id"
    # The holder reads it in Data saya under the new address.
    officer.refresh_from_db()
    client.force_login(officer)
    assert "Mengganti alamat surel akun" in client.get(reverse("audit:data_saya")).content.decode()


def test_one_s_own_email_changed_in_the_user_admin_is_not_an_administrator_s_change(
    client, django_capture_on_commit_callbacks
):
    superuser = UserFactory(is_superuser=True, is_staff=True, email="saya@contoh.id")
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        assert _user_change_post(client, superuser, email="saya.baru@contoh.id").status_code == 302
    assert not AksesData.objects.filter(action=AksesData.Action.GANTI_SUREL).exists()
    assert not [m for m in mail.outbox if m.to == ["saya@contoh.id"]]


@pytest.mark.parametrize("name", ["12345", "...", "- -"])
def test_signup_refuses_a_name_without_a_letter_and_creates_nothing(client, name):
    response = client.post("/akun/signup/", {**SIGNUP, "name": name})
    assert response.status_code == 200
    assert "Nama harus berisi huruf." in response.content.decode()
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


@pytest.mark.parametrize("name", ["Moh. Sholeh", "Ni Luh Putu", "D'Amato", "I Gusti Ayu Kade-Sari"])
def test_signup_takes_names_as_indonesians_write_them(client, name):
    assert client.post("/akun/signup/", {**SIGNUP, "name": name}).status_code == 302
    assert User.objects.get(email=SIGNUP["email"]).name == name


def test_with_officer_domains_set_an_officer_s_address_must_be_an_official_one(client, settings):
    # The password link goes to the account's address: an Admin must not point it at a mailbox of their own.
    settings.OFFICER_EMAIL_DOMAINS = ["tulungagung.go.id"]
    roles_sync()
    boyolangu = Kecamatan.objects.get(code="35.04.02")
    group = Group.objects.get(name=Role.PETUGAS_KECAMATAN.value)
    client.force_login(UserFactory(role=Role.ADMIN))
    for address in ("rina@gmail.com", "rina@tulungagung.go.id.contoh.id", "rina@bukantulungagung.go.id"):
        citizen = UserFactory(role=Role.WARGA, email=address)
        response = _user_change_post(client, citizen, groups=[group.pk], kecamatan=boyolangu.pk)
        assert response.status_code == 200, address
        assert "alamat surel dinas (tulungagung.go.id)" in str(response.context["adminform"].form.errors)
        assert not citizen.has_role(Role.PETUGAS_KECAMATAN)
    official = UserFactory(role=Role.WARGA, email="rina@kec-boyolangu.tulungagung.go.id")
    assert _user_change_post(client, official, groups=[group.pk], kecamatan=boyolangu.pk).status_code == 302
    official.refresh_from_db()
    assert official.has_role(Role.PETUGAS_KECAMATAN)
    # Nor can an officer's address be moved out of the official domains.
    response = _user_change_post(client, official, email="rina@gmail.com", kecamatan=boyolangu.pk)
    assert response.status_code == 200
    official.refresh_from_db()
    assert official.email == "rina@kec-boyolangu.tulungagung.go.id"


def test_without_officer_domains_any_address_serves(client):
    roles_sync()
    boyolangu = Kecamatan.objects.get(code="35.04.02")
    group = Group.objects.get(name=Role.PETUGAS_KECAMATAN.value)
    client.force_login(UserFactory(role=Role.ADMIN))
    citizen = UserFactory(role=Role.WARGA, email="rina@gmail.com")
    assert _user_change_post(client, citizen, groups=[group.pk], kecamatan=boyolangu.pk).status_code == 302


LONG_EMAIL = "a" * 250 + "@contoh.id"  # a valid address, longer than the 254 characters an account keeps


def test_a_sign_up_with_an_address_too_long_to_keep_is_refused_and_leaves_no_account(client):
    response = client.post("/akun/signup/", {**SIGNUP, "email": LONG_EMAIL})
    assert response.status_code == 200
    assert "Alamat surel paling banyak 254 karakter." in response.content.decode()
    assert not User.objects.exists() and not EmailAddress.objects.exists()


def test_an_address_too_long_to_keep_is_not_added_to_an_account(client):
    user = UserFactory(email="siti@contoh.id")
    client.force_login(user)
    response = client.post("/akun/email/", {"action_add": "", "email": LONG_EMAIL})
    assert response.status_code == 200
    assert "Alamat surel paling banyak 254 karakter." in response.content.decode()
    assert list(EmailAddress.objects.values_list("email", flat=True)) == ["siti@contoh.id"]


def test_the_desk_forms_refuse_an_address_too_long_to_keep():
    from ktp.forms import LoketForm as KtpLoketForm
    from perizinan.forms import LoketForm as IzinLoketForm

    for form in (
        KtpLoketForm(data={"email": LONG_EMAIL}),
        IzinLoketForm(data={"email": LONG_EMAIL}, jenis_list=[]),
    ):
        assert "email" in form.errors


def test_a_citizen_s_phone_is_changed_only_by_a_superuser_and_the_holder_is_told(
    client, django_capture_on_commit_callbacks
):
    # Every SMS about the holder's applications goes to the number: kept like the address.
    citizen = UserFactory(name="Siti Aminah", role=Role.WARGA, email="siti@contoh.id", phone="081211112222")
    client.force_login(UserFactory(role=Role.ADMIN))
    assert "phone" not in _change_form_fields(client, citizen)
    _user_change_post(client, citizen, phone="081299998888")
    citizen.refresh_from_db()
    assert citizen.phone == "081211112222" and not AksesData.objects.filter(action=AksesData.Action.GANTI_HP)

    superuser = UserFactory(name="Budi Santoso", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        assert _user_change_post(client, citizen, phone="081299998888").status_code == 302
    citizen.refresh_from_db()
    assert citizen.phone == "081299998888"
    entry = AksesData.objects.get(subject=citizen, action=AksesData.Action.GANTI_HP)
    assert entry.actor == superuser and entry.description == "0812***22 → 0812***88"
    (told,) = [m for m in mail.outbox if m.to == ["siti@contoh.id"]]
    assert "Budi Santoso" in told.body and "0812***88" in told.body and "081299998888" not in told.body
    client.force_login(citizen)
    assert "Mengganti nomor HP akun" in client.get(reverse("audit:data_saya")).content.decode()


def test_signup_shows_the_password_errors_with_the_nik_error_at_once(client):
    response = client.post("/akun/signup/", {**SIGNUP, "nik": "3504011203900001", "password1": "12345"})
    form = response.context["form"]
    assert "Isi NIK dan nomor KK bersama-sama" in " ".join(form.non_field_errors())
    assert form.errors.get("password1") or form.errors.get("password2")
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


@pytest.mark.parametrize("password", ["sitirahayu", "SitiRahayu1", "rahayusiti"])
def test_a_password_like_the_name_is_refused_at_signup_and_on_change(client, password):
    response = client.post("/akun/signup/", {**SIGNUP, "password1": password, "password2": password})
    assert "terlalu mirip" in " ".join(response.context["form"].errors.get("password1", []))
    assert not User.objects.filter(email=SIGNUP["email"]).exists()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password(password, UserFactory(name="Siti Rahayu"))


def test_the_re_authentication_code_pages_label_and_explain_their_fields(client):
    citizen = UserFactory(role=Role.WARGA, email="siti@contoh.id")
    client.force_login(citizen)
    page = client.get(reverse("account_request_reauthentication_code")).content.decode()
    assert "Kirim kode ke" in page and "Recipient" not in page and "kode sekali pakai" in page
    response = client.post(reverse("account_request_reauthentication_code"), {"recipient": "siti@contoh.id"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Kode yang baru kami kirim" in page
