"""A citizen takes over the account the front desk recorded: by signing up with the same NIK and KK."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from ktp.loket import permohonan_loket_create
from portal.accounts.claims import account_claim_by_identity, account_claim_code, account_is_unclaimed
from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.crypto import personal_digest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NIK, KK = "3504025005900001", "3504021203150002"
SIGNUP = {
    "name": "Siti Aminah",
    "email": "siti@contoh.id",
    "password1": "Kopi-Tubruk-Ngunut-7",
    "password2": "Kopi-Tubruk-Ngunut-7",
}


@pytest.fixture
def desk_draft():
    loket = UserFactory(name="Rina Wulandari", role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    return permohonan_loket_create(officer=loket, jenis="baru", nik=NIK, no_kk=KK, name="Siti Aminah")


def _verify_and_login(client):
    link = re.search(r"https?://[^/\s]+(/akun/confirm-email/[^\s]+/)", mail.outbox[-1].body).group(1)
    client.post(link)


def test_signing_up_with_the_same_nik_and_kk_brings_the_desk_application_into_the_new_account(
    client, desk_draft
):
    recorded = desk_draft.applicant
    response = client.post(
        "/akun/signup/", SIGNUP | {"nik": NIK, "no_kk": KK, "claim_code": account_claim_code(recorded)}
    )
    assert response.status_code == 302
    user = User.objects.get(email="siti@contoh.id")
    desk_draft.refresh_from_db()
    assert desk_draft.applicant == user and desk_draft.assisted_by.name == "Rina Wulandari"
    recorded.refresh_from_db()
    assert not recorded.is_active and recorded.nik_hash == ""  # closed and never found again
    _verify_and_login(client)
    page = client.get(reverse("ktp:list")).content.decode()
    assert reverse("ktp:detail", args=[desk_draft.pk]) in page


def test_a_wrong_kk_claims_nothing_and_says_so_on_the_form(client, desk_draft):
    page = client.post("/akun/signup/", SIGNUP | {"nik": NIK, "no_kk": "3504021203150009"}).content.decode()
    assert "NIK ini sudah tercatat pada akun lain" in page and "hubungi administrator portal" in page
    assert not User.objects.filter(email="siti@contoh.id").exists()
    assert account_is_unclaimed(User.objects.get(pk=desk_draft.applicant_id))


def test_nik_without_kk_is_refused_and_both_empty_is_an_ordinary_signup(client):
    page = client.post("/akun/signup/", SIGNUP | {"nik": NIK}).content.decode()
    assert "Isi NIK dan nomor KK bersama-sama" in page
    assert client.post("/akun/signup/", SIGNUP).status_code == 302
    assert User.objects.get(email="siti@contoh.id").nik_hash == ""


def test_an_account_recorded_with_an_email_is_not_taken_over_by_signing_up_with_its_nik_and_kk(client):
    loket = UserFactory(name="Rina Wulandari", role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    draft = permohonan_loket_create(
        officer=loket, jenis="baru", nik=NIK, no_kk=KK, name="Siti Aminah", email="siti@contoh.id"
    )
    page = client.post(
        "/akun/signup/", SIGNUP | {"email": "orang.lain@contoh.id", "nik": NIK, "no_kk": KK}
    ).content.decode()
    assert "Ambil alih lewat tautan yang dikirim ke surel itu" in page
    assert not User.objects.filter(email="orang.lain@contoh.id").exists()
    draft.refresh_from_db()
    assert account_is_unclaimed(draft.applicant) and draft.applicant.email == "siti@contoh.id"


def test_a_claimed_account_cannot_be_claimed_again(desk_draft):
    first = UserFactory(role=Role.WARGA)
    account_claim_by_identity(user=first, nik=NIK, no_kk=KK, code=account_claim_code(desk_draft.applicant))
    with pytest.raises(Exception, match="sudah tercatat pada akun lain"):
        account_claim_by_identity(user=UserFactory(role=Role.WARGA), nik=NIK, no_kk=KK)
    desk_draft.refresh_from_db()
    assert desk_draft.applicant == first


def test_a_recorded_citizen_with_email_can_also_claim_by_the_forgotten_password_page(client):
    loket = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    draft = permohonan_loket_create(
        officer=loket, jenis="baru", nik=NIK, no_kk=KK, name="Siti Aminah", email="siti@contoh.id"
    )
    client.post("/akun/password/reset/", {"email": "siti@contoh.id"})
    link = re.search(r"https?://[^/\s]+(/akun/password/reset/key/[^\s]+/)", mail.outbox[-1].body).group(1)
    page = client.get(link, follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    client.post(form_url, {"password1": "Kopi-Tubruk-Ngunut-7", "password2": "Kopi-Tubruk-Ngunut-7"})
    citizen = User.objects.get(pk=draft.applicant_id)
    assert citizen.has_usable_password() and not account_is_unclaimed(citizen)
    assert citizen.emailaddress_set.get().verified  # the link went to that address


def test_the_user_admin_shows_who_recorded_an_account_and_its_phone(client, desk_draft):
    admin = UserFactory(role=Role.ADMIN, is_superuser=True)
    client.force_login(admin)
    recorded = desk_draft.applicant
    page = client.get(f"/admin/accounts/user/{recorded.pk}/change/").content.decode()
    assert "Dicatat petugas" in page and "Rina Wulandari" in page and 'name="phone"' in page


def test_signing_up_with_the_nik_of_a_deactivated_account_is_refused_on_the_form(client):
    UserFactory(
        role=Role.WARGA, nik_hash=personal_digest(NIK), no_kk_hash=personal_digest(KK), is_active=False
    )
    response = client.post("/akun/signup/", SIGNUP | {"nik": NIK, "no_kk": KK})
    assert response.status_code == 200
    assert "NIK ini sudah tercatat pada akun lain" in response.content.decode()
    assert not User.objects.filter(email="siti@contoh.id").exists()


def test_the_desk_names_a_nik_held_by_a_deactivated_account_instead_of_a_constraint():
    UserFactory(
        role=Role.WARGA, nik_hash=personal_digest(NIK), no_kk_hash=personal_digest(KK), is_active=False
    )
    loket = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    with pytest.raises(ValidationError) as refused:
        permohonan_loket_create(officer=loket, jenis="baru", nik=NIK, no_kk=KK, name="Siti Aminah")
    assert "dinonaktifkan" in str(refused.value.message_dict["nik"])


def test_the_desk_officer_s_looks_stay_in_data_saya_after_the_account_is_claimed(client, desk_draft):
    client.force_login(desk_draft.assisted_by)
    assert client.get(reverse("ktp:biodata", args=[desk_draft.pk])).status_code == 200
    client.logout()
    client.post(
        "/akun/signup/",
        SIGNUP | {"nik": NIK, "no_kk": KK, "claim_code": account_claim_code(desk_draft.applicant)},
    )
    _verify_and_login(client)
    page = client.get(reverse("audit:data_saya")).content.decode()
    assert "Rina Wulandari" in page and "Belum ada petugas" not in page


def test_the_nik_and_kk_alone_known_to_the_whole_family_do_not_take_over_a_desk_account(client, desk_draft):
    answers = {
        "": "Isi kode akun yang tercetak di bukti pendaftaran loket",
        "ABCD-EFGH": "Kode akun tidak cocok",
    }
    for code, refusal in answers.items():
        page = client.post(
            "/akun/signup/", SIGNUP | {"nik": NIK, "no_kk": KK, "claim_code": code}
        ).content.decode()
        assert refusal in page
    assert not User.objects.filter(email="siti@contoh.id").exists()
    assert account_is_unclaimed(User.objects.get(pk=desk_draft.applicant_id))


def test_the_claim_code_is_read_as_printed_whatever_the_case_dash_or_look_alike_digits(client, desk_draft):
    code = account_claim_code(desk_draft.applicant)
    typed = code.replace("-", " ").lower().replace("o", "0").replace("i", "1").replace("b", "8")
    assert (
        client.post("/akun/signup/", SIGNUP | {"nik": NIK, "no_kk": KK, "claim_code": typed}).status_code
        == 302
    )
    desk_draft.refresh_from_db()
    assert desk_draft.applicant.email == "siti@contoh.id"


def test_the_codes_tried_for_one_nik_are_limited_whatever_the_address_or_email(client, desk_draft, settings):
    settings.ACCOUNT_CLAIM_CODE_RATE = "3/d"
    for n, address in enumerate(["10.0.0.1", "10.0.0.2", "10.0.0.3"]):
        page = client.post(
            "/akun/signup/",
            SIGNUP | {"email": f"tebak{n}@contoh.id", "nik": NIK, "no_kk": KK, "claim_code": "ABCD-EFGH"},
            REMOTE_ADDR=address,
        ).content.decode()
        assert "Kode akun tidak cocok" in page
    # Even the right code waits now: the next tries are refused before the code is read.
    page = client.post(
        "/akun/signup/",
        SIGNUP | {"nik": NIK, "no_kk": KK, "claim_code": account_claim_code(desk_draft.applicant)},
        REMOTE_ADDR="10.0.0.4",
    ).content.decode()
    assert "Terlalu banyak kode akun dicoba untuk NIK ini" in page
    assert not User.objects.filter(email__startswith="tebak").exists()
    assert not User.objects.filter(email=SIGNUP["email"]).exists()
    assert account_is_unclaimed(User.objects.get(pk=desk_draft.applicant_id))


def test_codes_tried_with_a_wrong_kk_never_use_up_the_owners_tries(client, desk_draft, settings):
    settings.ACCOUNT_CLAIM_CODE_RATE = "3/d"
    wrong_kk = KK[:-1] + ("9" if KK[-1] != "9" else "8")
    for n in range(4):
        guess = {"email": f"tebak{n}@contoh.id", "nik": NIK, "no_kk": wrong_kk, "claim_code": "ABCD-EFGH"}
        page = client.post("/akun/signup/", SIGNUP | guess, REMOTE_ADDR=f"10.0.0.{n + 1}").content.decode()
        assert "Terlalu banyak kode akun" not in page
    owner = {"nik": NIK, "no_kk": KK, "claim_code": account_claim_code(desk_draft.applicant)}
    assert client.post("/akun/signup/", SIGNUP | owner, REMOTE_ADDR="10.0.0.9").status_code == 302
