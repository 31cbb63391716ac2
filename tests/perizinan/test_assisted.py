"""Front-desk licence filing: a licensing officer files for an owner present, in the owner's own account."""

import pytest
from django.core import mail
from django.urls import reverse

from perizinan.constants import Status
from perizinan.loket import loket_owner_find, permohonan_izin_loket_create
from perizinan.models import PermohonanIzin
from perizinan.services import permohonan_izin_submit, permohonan_izin_update
from portal.accounts.claims import (
    account_claim_by_identity,
    account_claim_code,
    account_is_unclaimed,
    desk_account_token,
)
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.perizinan import (
    jenis,
    pdf_upload,
    permohonan_izin_complete_draft,
    signing_booked,
    usaha_data,
)

pytestmark = pytest.mark.django_db

NIK, KK = "3504021005800001", "3504021203150002"


@pytest.fixture
def loket():
    return UserFactory(name="Dewi Lestari", role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")


def _complete(draft):
    from perizinan.services import permohonan_izin_document_attach

    draft = permohonan_izin_update(permohonan=draft, data=usaha_data())
    for kind in draft.jenis_izin.documents_for(draft.jenis, draft.bentuk):
        permohonan_izin_document_attach(permohonan=draft, kind=kind, uploaded_file=pdf_upload())
    return signing_booked(draft)


def _desk_filed(loket, **owner):
    draft = permohonan_izin_loket_create(
        officer=loket, jenis_izin=jenis("SIUP"), nik=NIK, no_kk=KK, **({"name": "Budi Santoso"} | owner)
    )
    return permohonan_izin_submit(permohonan=_complete(draft), actor=loket)


def test_a_desk_licence_application_belongs_to_the_owners_account_and_says_dibantu_petugas(
    loket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        p = _desk_filed(loket)
    assert p.status == Status.DIAJUKAN and p.assisted_by == loket and p.applicant != loket
    assert account_is_unclaimed(p.applicant) and p.applicant.name == "Budi Santoso"
    assert p.riwayat_set.get(to_status=Status.DIAJUKAN).note.startswith("Dibantu petugas Dewi Lestari")
    assert mail.outbox == []  # no email recorded: the owner follows it by the printed reference
    assert not PermohonanIzin.objects.filter(applicant=loket).exists()


def test_with_an_email_the_owner_gets_the_receipt_and_a_link_to_their_account(
    loket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        p = _desk_filed(loket, email="budi@contoh.id")
    assert [m.to for m in mail.outbox] == [["budi@contoh.id"]]
    assert p.reference in mail.outbox[0].body and "/akun/password/reset/key/" in mail.outbox[0].body


def test_an_owner_with_a_business_is_found_by_the_nik_of_its_penanggung_jawab(loket):
    owner = UserFactory(role=Role.WARGA)
    officer = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    from tests.factories.perizinan import izin_issued

    izin_issued(applicant=owner, officer=officer)
    assert loket_owner_find(nik=NIK) == owner
    # A business records no KK, so nothing ties this account to the NIK beyond the NIK itself.
    with pytest.raises(Exception, match="belum mencatat nomor KK"):
        permohonan_izin_loket_create(officer=loket, jenis_izin=jenis("TDP"), nik=NIK, no_kk=KK)
    assert not PermohonanIzin.objects.filter(assisted_by=loket).exists()


def test_an_owner_whose_account_holds_the_nik_and_kk_gets_the_desk_draft(loket):
    from portal.crypto import personal_digest

    owner = UserFactory(role=Role.WARGA, nik_hash=personal_digest(NIK), no_kk_hash=personal_digest(KK))
    with pytest.raises(Exception, match="Tanyakan warga apakah akun itu miliknya"):
        permohonan_izin_loket_create(officer=loket, jenis_izin=jenis("TDP"), nik=NIK, no_kk=KK)
    draft = permohonan_izin_loket_create(
        officer=loket, jenis_izin=jenis("TDP"), nik=NIK, no_kk=KK, confirmed=desk_account_token(owner, NIK)
    )
    assert draft.applicant == owner and draft.assisted_by == loket


def test_claiming_the_account_moves_the_applications_and_businesses(loket):
    p = _desk_filed(loket)
    claimant = UserFactory(role=Role.WARGA)
    account_claim_by_identity(user=claimant, nik=NIK, no_kk=KK, code=account_claim_code(p.applicant))
    p.refresh_from_db()
    assert p.applicant == claimant


def test_the_desk_page_and_the_confirmation_speak_to_the_desk(
    client, loket, django_capture_on_commit_callbacks
):
    client.force_login(loket)
    assert "Layani pemilik usaha di loket" in client.get(reverse("perizinan:start")).content.decode()
    response = client.post(
        reverse("perizinan:start"), {"jenis_izin": "TDP", "nik": NIK, "no_kk": KK, "name": "Budi Santoso"}
    )
    draft = PermohonanIzin.objects.get()
    assert response["Location"] == reverse("perizinan:step", args=[draft.pk, "identitas"])
    assert draft.penanggung_jawab == "Budi Santoso" and draft.penanggung_jawab_nik == NIK
    with django_capture_on_commit_callbacks(execute=True):
        p = permohonan_izin_submit(permohonan=_complete(draft), actor=loket)
    page = client.get(reverse("perizinan:konfirmasi", args=[p.pk])).content.decode()
    assert "Sampaikan kepada pemilik usaha" in page and "NIK, nomor KK dan kode akun" in page


def test_the_desk_form_keeps_the_answers_and_asks_for_the_name_of_a_new_owner(client, loket):
    client.force_login(loket)
    page = client.post(
        reverse("perizinan:start"), {"jenis_izin": "TDP", "nik": NIK, "no_kk": KK}
    ).content.decode()
    assert "Isi nama lengkapnya" in page and NIK in page and KK in page
    assert "Ada isian yang perlu diperbaiki" in page  # the summary at the top, as on every other form


def test_an_owner_filing_their_own_is_not_assisted():
    owner = UserFactory(role=Role.WARGA)
    p = permohonan_izin_submit(permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner)
    assert p.assisted_by is None


def test_a_free_application_says_tanpa_biaya_not_paid_at_the_office(client):
    owner = UserFactory(role=Role.WARGA)
    client.force_login(owner)
    draft = permohonan_izin_complete_draft(applicant=owner, code="SIUP")  # a new SIUP is free
    page = client.get(reverse("perizinan:periksa", args=[draft.pk])).content.decode()
    assert "Tanpa biaya" in page and "Dibayar di kantor saat tanda tangan basah" not in page
    p = permohonan_izin_submit(permohonan=draft, actor=owner)
    page = client.get(reverse("perizinan:konfirmasi", args=[p.pk])).content.decode()
    assert "tanpa biaya" in page and "dibayar di kantor" not in page


def test_a_nik_alone_never_attaches_an_application_to_someone_elses_account(loket):
    _desk_filed(loket)
    with pytest.raises(Exception, match="Nomor KK tidak cocok"):
        permohonan_izin_loket_create(
            officer=loket, jenis_izin=jenis("TDP"), nik=NIK, no_kk="3504021203150009", name="Orang Lain"
        )


def test_the_desk_page_lists_the_officers_unfinished_drafts(client, loket):
    draft = permohonan_izin_loket_create(
        officer=loket, jenis_izin=jenis("TDP"), nik=NIK, no_kk=KK, name="Budi"
    )
    client.force_login(loket)
    page = client.get(reverse("perizinan:start")).content.decode()
    assert (
        "Draf loket yang belum selesai" in page
        and reverse("perizinan:step", args=[draft.pk, "identitas"]) in page
    )


def test_the_receipt_is_ready_at_once_for_the_owner_waiting_at_the_desk(client, loket):
    p = _desk_filed(loket)  # no background task has run
    client.force_login(loket)
    page = client.get(reverse("perizinan:konfirmasi", args=[p.pk])).content.decode()
    assert reverse("perizinan:receipt", args=[p.pk]) in page and "sedang disiapkan" not in page


def test_a_desk_application_resubmitted_after_a_revision_tells_the_owner_it_is_submitted_again(
    loket, django_capture_on_commit_callbacks
):
    from perizinan.services import permohonan_izin_revision_request

    with django_capture_on_commit_callbacks(execute=True):
        p = _desk_filed(loket, email="budi@contoh.id")
    checker = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    with django_capture_on_commit_callbacks(execute=True):
        p = permohonan_izin_revision_request(
            permohonan=p, actor=checker, note="Alamat kurang", fields=["alamat_usaha"]
        )
    assert "Yang diminta diperbaiki: Alamat usaha" in mail.outbox[-1].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        p = permohonan_izin_submit(permohonan=p, actor=p.applicant)
    assert p.status == Status.DIAJUKAN
    assert [m.to for m in mail.outbox] == [["budi@contoh.id"]] and p.reference in mail.outbox[0].body
    assert "loket" not in p.riwayat_set.order_by("-pk").first().note  # the owner resubmitted online


def test_the_desk_officers_looks_at_an_owners_application_are_logged_the_owners_own_are_not(client, loket):
    from perizinan.receipts import permohonan_izin_receipt_generate
    from portal.audit.models import AksesData

    p = _desk_filed(loket)
    permohonan_izin_receipt_generate(permohonan_id=p.pk)
    client.force_login(p.applicant)
    client.get(reverse("perizinan:detail", args=[p.pk]))
    client.get(reverse("perizinan:receipt", args=[p.pk]))
    assert not AksesData.objects.exists()
    client.force_login(loket)
    assert client.get(reverse("perizinan:detail", args=[p.pk])).status_code == 200
    assert client.get(reverse("perizinan:receipt", args=[p.pk])).status_code == 200
    rows = AksesData.objects.order_by("pk")
    assert [(r.actor, r.subject, r.action) for r in rows] == [
        (loket, p.applicant, AksesData.Action.LIHAT),
        (loket, p.applicant, AksesData.Action.UNDUH_BUKTI),
    ]


def test_the_desk_officers_looks_at_the_steps_are_logged_and_end_when_they_leave_the_desk(client, loket):
    from portal.audit.models import AksesData

    draft = permohonan_izin_loket_create(
        officer=loket, jenis_izin=jenis("TDP"), nik=NIK, no_kk=KK, name="Budi Santoso"
    )
    client.force_login(loket)
    assert client.get(reverse("perizinan:periksa", args=[draft.pk])).status_code == 200
    assert list(AksesData.objects.values_list("actor", "subject", "action")) == [
        (loket.pk, draft.applicant_id, AksesData.Action.LIHAT)
    ]
    loket.groups.clear()  # moved off the desk
    for name in ("perizinan:periksa", "perizinan:detail"):
        assert client.get(reverse(name, args=[draft.pk])).status_code == 404


def test_the_desk_confirmation_names_the_booked_signing_day(client, loket):
    from django.utils import formats, timezone

    client.force_login(loket)
    p = _desk_filed(loket)
    day = formats.date_format(timezone.localtime(p.appointment_at), "l, j F Y")
    page = client.get(reverse("perizinan:konfirmasi", args=[p.pk])).content.decode()
    assert f"tanda tangan basah pada hari yang dipilih, {day}" in page


def test_the_desk_officer_moving_the_day_is_named_in_the_history(loket):
    from perizinan.jadwal import kantor_active, permohonan_izin_slot_book, signing_days_offered

    p = _desk_filed(loket)
    new_day = signing_days_offered(kantor=kantor_active(), permohonan=p)[2]
    p = permohonan_izin_slot_book(permohonan=p, day=new_day, actor=loket)
    note = p.riwayat_set.order_by("id").last().note
    assert "diubah petugas Dewi Lestari" in note and "pemohon" not in note
