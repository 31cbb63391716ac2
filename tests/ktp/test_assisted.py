"""Front-desk filing: a kecamatan officer files for a citizen present, in the citizen's own account."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from ktp.constants import Status
from ktp.loket import loket_citizen_find, permohonan_loket_create
from ktp.models import PermohonanKTP
from ktp.services import (
    permohonan_draft_create,
    permohonan_identity_set,
    permohonan_reject,
    permohonan_submit,
    permohonan_verify,
)
from portal.accounts.claims import account_claim_code, account_is_unclaimed, desk_account_token
from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.crypto import personal_digest, recipient_mask
from portal.workflow import applicant_withdraw
from tests.factories import UserFactory
from tests.factories.ktp import biodata, permohonan_complete_draft

pytestmark = pytest.mark.django_db

# The biodata factory's citizen: a woman born 10-05-1990 in Boyolangu.
NIK, KK = "3504025005900001", "3504021203150002"


@pytest.fixture
def loket():
    return UserFactory(name="Rina Wulandari", role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")


def _desk_filed(loket, **citizen):
    draft = permohonan_loket_create(
        officer=loket, jenis="baru", nik=NIK, no_kk=KK, **({"name": "Siti Aminah"} | citizen)
    )
    return permohonan_submit(permohonan=permohonan_complete_draft_for(draft), actor=loket)


def permohonan_complete_draft_for(draft):
    """Finish the steps of a desk draft exactly as the citizen's own steps would."""
    from ktp.models import LayananKecamatan
    from ktp.services import (
        permohonan_biodata_update,
        permohonan_document_attach,
        permohonan_slot_book,
        slot_days_offered,
    )
    from tests.factories.ktp import pdf_upload

    draft = permohonan_biodata_update(permohonan=draft, data=biodata())
    permohonan_document_attach(permohonan=draft, kind="kk", uploaded_file=pdf_upload())
    layanan = LayananKecamatan.objects.get(kecamatan=draft.kecamatan)
    return permohonan_slot_book(permohonan=draft, date=slot_days_offered(layanan=layanan)[0])


def test_a_desk_application_belongs_to_the_citizens_own_recorded_account_never_the_officers(loket):
    p = _desk_filed(loket, phone="081234567890")
    citizen = p.applicant
    assert citizen != loket and p.assisted_by == loket
    assert citizen.name == "Siti Aminah" and citizen.phone == "081234567890" and citizen.email is None
    assert citizen.has_role(Role.WARGA) and not citizen.has_usable_password()
    assert account_is_unclaimed(citizen) and citizen.recorded_by == loket
    assert NIK not in citizen.nik_hash  # only the keyed hash is kept on the account
    assert not PermohonanKTP.objects.filter(applicant=loket).exists()


def test_the_history_says_dibantu_petugas_with_the_officers_name(loket):
    p = _desk_filed(loket)
    assert p.riwayat_set.get(to_status=Status.DIAJUKAN).note.startswith("Dibantu petugas Rina Wulandari")


def test_a_second_visit_finds_the_same_citizen_by_full_nik(loket):
    first = _desk_filed(loket)
    assert loket_citizen_find(nik=NIK)[0] == first.applicant
    assert loket_citizen_find(nik=NIK[:-1] + "9") == (None, "")  # full NIK only, never a prefix or a guess


def test_a_citizen_who_applied_online_is_found_by_the_nik_and_kk_an_officer_verified(loket):
    warga = UserFactory(role=Role.WARGA, phone="")
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    assert loket_citizen_find(nik=NIK) == (None, "")  # submitted, not yet checked against documents
    permohonan_verify(
        permohonan=p, actor=UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    )
    assert loket_citizen_find(nik=NIK)[0] == warga
    draft = permohonan_loket_create(
        officer=loket,
        jenis="baru",
        nik=NIK,
        no_kk=KK,
        phone="081299998888",
        confirmed=desk_account_token(warga, NIK),
    )
    assert draft.applicant == warga
    warga.refresh_from_db()
    assert warga.phone == ""  # an account the citizen keeps is theirs to fill in, not the desk's


def test_a_nik_with_another_kk_never_attaches_a_draft_to_the_online_applicants_account(loket):
    warga = UserFactory(role=Role.WARGA, phone="")
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    permohonan_verify(
        permohonan=p, actor=UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    )
    with pytest.raises(Exception, match="Nomor KK tidak cocok"):
        permohonan_loket_create(officer=loket, jenis="baru", nik=NIK, no_kk="3504039999990001", phone="0812")
    assert not PermohonanKTP.objects.filter(assisted_by=loket).exists()
    warga.refresh_from_db()
    assert warga.phone == ""


def test_a_nik_typed_into_someone_elses_draft_never_gets_the_citizen_filed_into_that_account(loket):
    other = UserFactory(role=Role.WARGA)
    permohonan_identity_set(
        permohonan=permohonan_draft_create(applicant=other, jenis="rusak"), nik=NIK, no_kk="3504029999990001"
    )
    withdrawn = permohonan_submit(
        permohonan=permohonan_complete_draft(applicant=other, jenis="baru"), actor=other
    )
    applicant_withdraw(instance=withdrawn, actor=other)
    p = _desk_filed(loket)
    assert p.applicant != other and p.applicant.name == "Siti Aminah"
    assert not PermohonanKTP.objects.filter(applicant=other, assisted_by=loket).exists()


def test_an_unknown_citizen_without_a_name_is_refused_with_a_clear_message(loket):
    with pytest.raises(Exception, match="Isi nama lengkapnya"):
        permohonan_loket_create(officer=loket, jenis="baru", nik=NIK, no_kk=KK)
    assert not User.objects.filter(recorded_by=loket).exists()


def test_with_an_email_the_receipt_and_the_claim_link_are_sent_and_the_link_sets_a_password(
    client, loket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        p = _desk_filed(loket, email="siti@contoh.id")
    assert [m.to for m in mail.outbox] == [["siti@contoh.id"]]
    body = mail.outbox[0].body
    assert p.reference in body and "Rina Wulandari" in body
    link = re.search(r"https?://[^/\s]+(/akun/password/reset/key/[^\s]+/)", body).group(1)
    page = client.get(link, follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    client.post(form_url, {"password1": "Kopi-Tubruk-Ngunut-7", "password2": "Kopi-Tubruk-Ngunut-7"})
    citizen = User.objects.get(pk=p.applicant_id)
    assert citizen.has_usable_password() and not account_is_unclaimed(citizen)
    assert EmailAddress.objects.get(user=citizen).verified  # the link went to that address


def test_without_an_email_nothing_is_sent_and_the_citizen_follows_by_tracking(
    loket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _desk_filed(loket)
    assert mail.outbox == []


def test_the_desk_page_records_the_citizen_and_the_confirmation_speaks_to_the_desk(
    client, loket, django_capture_on_commit_callbacks
):
    client.force_login(loket)
    page = client.get(reverse("ktp:start"))
    assert "Layani warga di loket" in page.content.decode()
    response = client.post(
        reverse("ktp:start"),
        {"nik": NIK, "no_kk": KK, "jenis": "baru", "name": "Siti Aminah", "phone": "0812 3456 7890"},
    )
    draft = PermohonanKTP.objects.get()
    assert response["Location"] == reverse("ktp:biodata", args=[draft.pk])
    assert draft.applicant.name == "Siti Aminah" and draft.nik == NIK and draft.no_kk == KK
    assert draft.nama == "Siti Aminah"  # the biodata starts with the name the desk recorded
    with django_capture_on_commit_callbacks(execute=True):
        p = permohonan_submit(permohonan=permohonan_complete_draft_for(draft), actor=loket)
    page = client.get(reverse("ktp:konfirmasi", args=[p.pk])).content.decode()
    assert "Sampaikan kepada warga" in page and "Siti Aminah" in page
    assert "Datang ke Kantor Kecamatan" not in page  # not the wording for someone filing from home
    assert "mendaftar akun di portal dengan NIK, nomor KK dan kode akun" in page
    assert client.get(reverse("ktp:receipt", args=[p.pk])).status_code == 200


def test_the_desk_form_keeps_every_answer_on_a_mistake(client, loket):
    client.force_login(loket)
    page = client.post(
        reverse("ktp:start"), {"nik": NIK, "no_kk": KK, "jenis": "baru", "phone": "12ab"}
    ).content.decode()
    assert page.count(NIK) >= 1 and "Nomor HP diawali 08" in page and "Isi nama lengkapnya" not in page
    # Listed at the top with a link to its field, as on every other form.
    assert "Ada isian yang perlu diperbaiki" in page and 'href="#id_phone"' in page
    page = client.post(reverse("ktp:start"), {"nik": NIK, "no_kk": KK, "jenis": "baru"}).content.decode()
    assert "Isi nama lengkapnya" in page and KK in page


def test_the_ktp_admin_shows_dibantu_petugas(client, loket):
    p = _desk_filed(loket)
    admin = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    client.force_login(admin)
    page = client.get(reverse("admin:ktp_permohonanktp_change", args=[p.pk])).content.decode()
    assert "Dibantu petugas" in page and "Rina Wulandari" in page
    # A citizen who lost the receipt (or holds one printed before it carried the code) gets it here.
    assert "Kode akun loket" in page and account_claim_code(p.applicant) in page


def test_a_citizen_starting_their_own_is_not_assisted():
    warga = UserFactory(role=Role.WARGA)
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    assert p.assisted_by is None and PermohonanKTP.objects.get().riwayat_set.get().note == ""


def test_kiosk_mode_offers_selesai_which_ends_the_session(client, settings, loket):
    settings.KIOSK_MODE = True
    client.force_login(loket)
    page = client.get("/").content.decode()
    assert ">Selesai</button>" in page
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_a_nik_alone_never_attaches_an_application_to_someone_elses_account(loket):
    _desk_filed(loket)
    with pytest.raises(Exception, match="Nomor KK tidak cocok"):
        permohonan_loket_create(officer=loket, jenis="hilang", nik=NIK, no_kk="3504021203150009")


def test_the_desk_page_lists_the_officers_unfinished_drafts(client, loket):
    draft = permohonan_loket_create(officer=loket, jenis="baru", nik=NIK, no_kk=KK, name="Siti Aminah")
    client.force_login(loket)
    page = client.get(reverse("ktp:start")).content.decode()
    assert "Draf loket yang belum selesai" in page and reverse("ktp:biodata", args=[draft.pk]) in page


def test_the_receipt_is_ready_at_once_for_the_citizen_waiting_at_the_desk(client, loket):
    p = _desk_filed(loket)  # no background task has run
    client.force_login(loket)
    page = client.get(reverse("ktp:konfirmasi", args=[p.pk])).content.decode()
    assert "Unduh bukti pendaftaran (PDF)" in page and "sedang disiapkan" not in page


def test_only_the_citizen_can_withdraw_a_desk_application_not_the_officer_who_filed_it(client, loket):
    p = _desk_filed(loket)
    client.force_login(loket)
    detail = client.get(reverse("ktp:detail", args=[p.pk])).content.decode()
    assert reverse("ktp:withdraw", args=[p.pk]) not in detail
    body = client.post(reverse("ktp:withdraw", args=[p.pk]), {"yakin": "1"}, follow=True).content.decode()
    assert "Hanya pemohon sendiri yang bisa membatalkan permohonannya." in body
    p.refresh_from_db()
    assert p.status == Status.DIAJUKAN and p.riwayat_set.filter(to_status=Status.DIBATALKAN).count() == 0
    client.force_login(p.applicant)
    assert (
        reverse("ktp:withdraw", args=[p.pk])
        in client.get(reverse("ktp:detail", args=[p.pk])).content.decode()
    )
    client.post(reverse("ktp:withdraw", args=[p.pk]), {"yakin": "1"})
    p.refresh_from_db()
    assert p.status == Status.DIBATALKAN


@pytest.mark.parametrize("resubmitted_by", ["loket", "citizen"])
def test_a_desk_application_resubmitted_after_a_revision_tells_the_citizen_it_is_submitted_again(
    loket, django_capture_on_commit_callbacks, resubmitted_by
):
    from ktp.services import permohonan_revision_request

    with django_capture_on_commit_callbacks(execute=True):
        p = _desk_filed(loket, email="siti@contoh.id")
    checker = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    with django_capture_on_commit_callbacks(execute=True):
        p = permohonan_revision_request(permohonan=p, actor=checker, note="Alamat kurang", fields=["alamat"])
    mail.outbox.clear()
    actor = loket if resubmitted_by == "loket" else p.applicant
    with django_capture_on_commit_callbacks(execute=True):
        p = permohonan_submit(permohonan=p, actor=actor)
    assert p.status == Status.DIAJUKAN
    assert [m.to for m in mail.outbox] == [["siti@contoh.id"]]
    assert p.reference in mail.outbox[0].body and "Diajukan" in mail.outbox[0].subject + mail.outbox[0].body
    note = p.riwayat_set.order_by("-pk").first().note
    assert ("diajukan di loket" in note) == (resubmitted_by == "loket")


def test_the_desk_officers_looks_at_a_citizens_application_are_logged_the_citizens_own_are_not(client, loket):
    from ktp.receipts import permohonan_receipt_generate
    from portal.audit.models import AksesData

    p = _desk_filed(loket)
    permohonan_receipt_generate(permohonan_id=p.pk)
    client.force_login(p.applicant)
    client.get(reverse("ktp:detail", args=[p.pk]))
    client.get(reverse("ktp:receipt", args=[p.pk]))
    assert not AksesData.objects.exists()
    client.force_login(loket)
    assert client.get(reverse("ktp:detail", args=[p.pk])).status_code == 200
    assert client.get(reverse("ktp:receipt", args=[p.pk])).status_code == 200
    rows = AksesData.objects.order_by("pk")
    assert [(r.actor, r.subject, r.action) for r in rows] == [
        (loket, p.applicant, AksesData.Action.LIHAT),
        (loket, p.applicant, AksesData.Action.UNDUH_BUKTI),
    ]


def test_the_desk_officers_looks_at_the_steps_are_logged_and_end_when_they_leave_the_desk(client, loket):
    from portal.audit.models import AksesData

    draft = permohonan_loket_create(officer=loket, jenis="baru", nik=NIK, no_kk=KK, name="Siti Aminah")
    client.force_login(loket)
    for step in ("biodata", "periksa"):
        assert client.get(reverse(f"ktp:{step}", args=[draft.pk])).status_code == 200
    assert (
        list(AksesData.objects.values_list("actor", "subject", "action"))
        == [(loket.pk, draft.applicant_id, AksesData.Action.LIHAT)] * 2
    )
    loket.groups.clear()  # moved off the desk
    for name in ("ktp:biodata", "ktp:detail", "ktp:receipt"):
        assert client.get(reverse(name, args=[draft.pk])).status_code == 404


def _squatter():
    """An online account that declared the biodata citizen's NIK and KK at sign-up."""
    return UserFactory(
        role=Role.WARGA,
        name="Penyerobot",
        nik_hash=personal_digest(NIK),
        no_kk_hash=personal_digest(KK),
    )


def test_an_online_account_holding_the_nik_is_used_only_once_the_citizen_present_says_it_is_theirs(loket):
    squatter = _squatter()
    with pytest.raises(ValidationError) as refused:
        permohonan_loket_create(officer=loket, jenis="baru", nik=NIK, no_kk=KK, name="Siti Aminah")
    message = refused.value.message_dict["confirmed"][0]
    assert (
        "Penyerobot" in message
        and recipient_mask(squatter.email) in message
        and squatter.email not in message
    )
    assert not PermohonanKTP.objects.filter(assisted_by=loket).exists()
    draft = permohonan_loket_create(
        officer=loket, jenis="baru", nik=NIK, no_kk=KK, confirmed=desk_account_token(squatter, NIK)
    )
    assert draft.applicant == squatter


def test_the_answer_about_one_account_never_files_into_another(loket):
    shown = _squatter()
    other_nik = "3504024107850003"
    other = UserFactory(role=Role.WARGA, nik_hash=personal_digest(other_nik), no_kk_hash=personal_digest(KK))
    for token in (desk_account_token(shown, NIK), "forged", desk_account_token(other, NIK)):
        with pytest.raises(ValidationError, match="Tanyakan warga"):
            permohonan_loket_create(officer=loket, jenis="baru", nik=other_nik, no_kk=KK, confirmed=token)
    assert not PermohonanKTP.objects.filter(assisted_by=loket).exists()


def test_an_online_account_without_email_is_named_without_a_server_error(loket):
    squatter = _squatter()
    User.objects.filter(pk=squatter.pk).update(email=None)  # a password a superuser set, no address
    with pytest.raises(ValidationError, match="NIK ini dipakai akun daring Penyerobot\\."):
        permohonan_loket_create(officer=loket, jenis="baru", nik=NIK, no_kk=KK)
    assert squatter.nik_hash


def test_the_desk_page_names_the_online_account_and_files_into_it_on_the_citizens_answer(client, loket):
    squatter = _squatter()
    client.force_login(loket)
    data = {"nik": NIK, "no_kk": KK, "jenis": "baru"}
    page = client.post(reverse("ktp:start"), data)
    html = page.content.decode()
    assert "NIK ini sudah dipakai akun daring" in html and "Ya, akun Penyerobot" in html
    token = page.context["form"].fields["confirmed"].widget.choices[0][0]
    done = client.post(reverse("ktp:start"), data | {"confirmed": token})
    assert done.status_code == 302 and PermohonanKTP.objects.get(assisted_by=loket).applicant == squatter


def test_the_desk_receipt_prints_the_claim_code_only_for_an_account_recorded_without_email(loket):
    from pypdf import PdfReader

    from ktp.receipts import permohonan_receipt_generate

    def receipt_text(permohonan):
        with permohonan_receipt_generate(permohonan_id=permohonan.pk).file.open("rb") as pdf:
            return " ".join(page.extract_text() for page in PdfReader(pdf).pages)

    warga = UserFactory(role=Role.WARGA)
    online = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    assert "Kode akun" not in receipt_text(online)
    applicant_withdraw(instance=online, actor=warga)
    p = _desk_filed(loket)
    assert account_claim_code(p.applicant) in receipt_text(p)


def test_status_emails_to_a_desk_account_carry_the_link_that_opens_it_not_a_sign_in_page(
    client, loket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        p = _desk_filed(loket, email="siti@contoh.id")
    checker = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    with django_capture_on_commit_callbacks(execute=True):
        permohonan_verify(permohonan=p, actor=checker)
    body = mail.outbox[-1].body
    assert "minta tautan pembuat kata sandi" in body and reverse("account_reset_password") in body
    assert "/akun/password/reset/key/" not in body  # no live link kept in the stored message
    client.post(reverse("account_reset_password"), {"email": "siti@contoh.id"})
    link = re.search(r"https?://[^/\s]+(/akun/password/reset/key/[^\s]+/)", mail.outbox[-1].body).group(1)
    page = client.get(link, follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    client.post(form_url, {"password1": "Kopi-Tubruk-Ngunut-7", "password2": "Kopi-Tubruk-Ngunut-7"})
    assert not account_is_unclaimed(User.objects.get(pk=p.applicant_id))
    with django_capture_on_commit_callbacks(execute=True):
        permohonan_reject(permohonan=p, actor=checker, note="Foto KK tidak terbaca.")
    assert reverse("ktp:detail", args=[p.pk]) in mail.outbox[-1].body  # taken over: its own page now


def test_a_superuser_releases_a_squatted_nik_and_the_desk_then_records_its_owner(
    client, loket, django_capture_on_commit_callbacks
):
    from portal.audit.models import AksesData

    squatter = _squatter()
    officer = UserFactory(
        role=Role.PETUGAS_INSTANSI, role__instansi="DPMPTSP", nik_hash=personal_digest("1" * 16)
    )
    client.force_login(UserFactory(role=Role.ADMIN))
    changelist = reverse("admin:accounts_user_changelist")
    page = client.get(changelist)
    assert page.status_code == 200 and "nik_release" not in page.content.decode()  # not the Admin role's
    client.force_login(UserFactory(role=Role.ADMIN, is_superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(changelist, {"action": "nik_release", "_selected_action": [squatter.pk, officer.pk]})
    squatter.refresh_from_db()
    officer.refresh_from_db()
    assert squatter.nik_hash == squatter.no_kk_hash == "" and squatter.is_active
    assert officer.nik_hash  # an officer's account is never released this way
    assert AksesData.objects.filter(subject=squatter, action=AksesData.Action.LEPAS_NIK).exists()
    assert [m.to for m in mail.outbox] == [[squatter.email]] and "melepas NIK" in mail.outbox[0].body
    draft = permohonan_loket_create(officer=loket, jenis="baru", nik=NIK, no_kk=KK, name="Siti Aminah")
    assert draft.applicant != squatter and draft.applicant.recorded_by == loket


def test_releasing_a_squatted_nik_closes_what_no_officer_checked_so_its_owner_can_apply(
    client, loket, django_capture_on_commit_callbacks
):
    squatter = _squatter()
    # The squatter applied with the owner's NIK: an open application bars the owner's own.
    submitted = permohonan_submit(
        permohonan=permohonan_complete_draft(applicant=squatter, nik=NIK, no_kk=KK), actor=squatter
    )
    draft = permohonan_identity_set(
        permohonan=permohonan_draft_create(applicant=squatter, jenis="baru"), nik=NIK, no_kk=KK
    )
    with pytest.raises(ValidationError):
        _desk_filed(loket)
    client.force_login(UserFactory(role=Role.ADMIN, is_superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "nik_release", "_selected_action": [squatter.pk]},
            follow=True,
        ).content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.DITOLAK
    assert "pemilik NIK menunjukkan KTP-el dan Kartu Keluarga aslinya" in submitted.riwayat_set.last().note
    assert PermohonanKTP.objects.get(pk=draft.pk).status == Status.DIBATALKAN
    assert submitted.reference in page and "ditutup" in page
    # The squatter is told of the rejection as of any; the owner now applies at the desk.
    assert any(submitted.reference in m.subject for m in mail.outbox)
    owner = _desk_filed(loket)
    assert owner.status == Status.DIAJUKAN and owner.applicant != squatter


def test_a_squatter_s_application_an_officer_checked_is_left_to_its_kecamatan(
    client, loket, django_capture_on_commit_callbacks
):
    squatter = _squatter()
    submitted = permohonan_submit(
        permohonan=permohonan_complete_draft(applicant=squatter, nik=NIK, no_kk=KK), actor=squatter
    )
    verified = permohonan_verify(permohonan=submitted, actor=loket)
    client.force_login(UserFactory(role=Role.ADMIN, is_superuser=True))
    page = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "nik_release", "_selected_action": [squatter.pk]},
        follow=True,
    ).content.decode()
    verified.refresh_from_db()
    assert verified.status == Status.DIVERIFIKASI
    assert verified.reference in page and "beri tahu kantornya" in page
