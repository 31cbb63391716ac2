import datetime
import itertools
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from perizinan.constants import TRANSITIONS, Jenis, Status, StatusIzin
from perizinan.forms import DokumenForm
from perizinan.models import Izin, PermohonanIzin, Usaha
from perizinan.rules import months_add
from perizinan.services import (
    izin_expire,
    izin_renewal_check,
    permohonan_izin_document_attach,
    permohonan_izin_draft_create,
    permohonan_izin_issue,
    permohonan_izin_problems,
    permohonan_izin_reject,
    permohonan_izin_revision_request,
    permohonan_izin_schedule,
    permohonan_izin_sign,
    permohonan_izin_submit,
    permohonan_izin_update,
    permohonan_izin_verify,
)
from portal.workflow import (
    TransitionError,
    applicant_editable,
    applicant_withdraw,
    workflow_allowed,
    workflow_transition,
)
from tests.factories import UserFactory
from tests.factories.perizinan import (
    izin_issued,
    jenis,
    pdf_upload,
    permohonan_izin_advance,
    permohonan_izin_complete_draft,
    usaha_data,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _submitted(owner, **kwargs):
    return permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=owner, **kwargs), actor=owner
    )


def test_new_siup_from_submission_to_issued_licence(owner, officer):
    permohonan = _submitted(owner)
    assert re.fullmatch(rf"IZN-{TODAY().year}-[0-9]{{6}}", permohonan.reference)
    assert permohonan.kelas_siup.code == "MENENGAH" and permohonan.biaya == 0
    assert permohonan.sla_due > TODAY()

    permohonan = permohonan_izin_advance(permohonan, officer=officer)
    izin = Izin.objects.get(permohonan=permohonan)
    assert re.fullmatch(rf"510/[0-9]{{4}}/SIUP/35\.04/{TODAY().year}", izin.nomor)
    assert izin.berlaku_hingga == months_add(TODAY(), 60) and izin.status == StatusIzin.AKTIF
    assert izin.kelas_siup.code == "MENENGAH"
    usaha = Usaha.objects.get()
    assert usaha.owner == owner and usaha.npwp == permohonan.npwp and izin.usaha == usaha
    moves = list(permohonan.riwayat_set.values_list("to_status", flat=True))
    assert moves == [
        Status.DIAJUKAN,
        Status.DIVERIFIKASI,
        Status.DIJADWALKAN,
        Status.DITANDATANGANI,
        Status.DITERBITKAN,
    ]


def test_numbers_are_unique_per_type_and_year(owner, officer):
    a = izin_issued(applicant=owner, officer=officer, code="TDP")
    b = izin_issued(
        applicant=owner, officer=officer, code="TDP", nama_usaha="UD Lain", npwp="0123456789012345"
    )
    assert a.nomor != b.nomor
    seq = [int(n.split("/")[1]) for n in (a.nomor, b.nomor)]
    assert seq[1] > seq[0]


def test_the_ho_levy_is_an_estimate_at_submission_and_set_by_the_officers_survey(owner, officer):
    from perizinan.models import IndeksGangguan
    from tests.factories.perizinan import ho_levy_in_force

    ho_levy_in_force()
    permohonan = _submitted(owner, code="HO")
    assert permohonan.biaya is None and permohonan.indeks_gangguan is None
    assert "Perkiraan retribusi HO Rp240.000 – Rp720.000" in permohonan.biaya_rincian  # 120 m² × 2 × 1..3
    with pytest.raises(TransitionError, match="hasil survei"):
        permohonan_izin_verify(permohonan=permohonan, actor=officer)
    sedang = IndeksGangguan.objects.get(name="Gangguan sedang")
    permohonan = permohonan_izin_verify(
        permohonan=permohonan, actor=officer, indeks_gangguan=sedang, note="Bengkel, bising siang hari."
    )
    assert permohonan.biaya == 120 * 2 * 2 * 1_000 and permohonan.indeks_gangguan == sedang
    survey = permohonan.riwayat_set.get(to_status=Status.DIVERIFIKASI).note
    assert "Gangguan sedang (2,00)" in survey and "Bengkel" in survey and "Rp480.000" in survey


def test_the_owner_cannot_set_the_nuisance_index(owner):
    from perizinan.models import IndeksGangguan

    draft = permohonan_izin_complete_draft(applicant=owner, code="HO")
    permohonan_izin_update(permohonan=draft, data={"indeks_gangguan": IndeksGangguan.objects.first()})
    draft.refresh_from_db()
    assert draft.indeks_gangguan is None


def test_tdp_is_recorded_free(owner):
    assert _submitted(owner, code="TDP").biaya == 0


ALL_PAIRS = list(itertools.product(Status, Status))


@pytest.mark.parametrize(("start", "to"), ALL_PAIRS, ids=[f"{a}->{b}" for a, b in ALL_PAIRS])
def test_every_transition_is_allowed_or_refused_by_the_table(owner, officer, start, to):
    permohonan = permohonan_izin_draft_create(applicant=owner, jenis_izin=jenis("TDP"))
    PermohonanIzin.objects.filter(pk=permohonan.pk).update(status=start)
    permohonan.refresh_from_db()
    allowed = to in TRANSITIONS.get(start, set())
    assert (to in workflow_allowed(instance=permohonan)) == allowed
    if allowed:
        moved = workflow_transition(instance=permohonan, to=to, actor=officer)
        assert moved.status == to and moved.riwayat_set.get().from_status == start
    else:
        with pytest.raises(TransitionError):
            workflow_transition(instance=permohonan, to=to, actor=officer)
        permohonan.refresh_from_db()
        assert permohonan.status == start and not permohonan.riwayat_set.exists()


def test_officer_services_refuse_out_of_order_and_incomplete_steps(owner, officer):
    permohonan = _submitted(owner)
    with pytest.raises(TransitionError):
        permohonan_izin_issue(permohonan=permohonan, actor=officer)
    with pytest.raises(TransitionError):
        permohonan_izin_sign(permohonan=permohonan, actor=officer, paid_amount=0)
    with pytest.raises(TransitionError, match="catatan"):
        permohonan_izin_revision_request(permohonan=permohonan, actor=officer, note=" ", fields=["npwp"])
    with pytest.raises(TransitionError, match="isian"):
        permohonan_izin_revision_request(permohonan=permohonan, actor=officer, note="NPWP buram", fields=[])
    with pytest.raises(TransitionError, match="alasan"):
        permohonan_izin_reject(permohonan=permohonan, actor=officer, note="")
    permohonan = permohonan_izin_verify(permohonan=permohonan, actor=officer)
    with pytest.raises(TransitionError, match="masa depan"):
        permohonan_izin_schedule(permohonan=permohonan, actor=officer, appointment_at=timezone.now())
    with pytest.raises(TransitionError, match="diubah orang lain"):
        permohonan_izin_verify(permohonan=permohonan, actor=officer, expected_from=Status.DIAJUKAN)
    permohonan.refresh_from_db()
    assert permohonan.status == Status.DIJADWALKAN and permohonan.riwayat_set.count() == 3


def test_signing_needs_the_exact_fee_and_a_receipt_number(owner, officer):
    siup = izin_issued(applicant=owner, officer=officer, tanggal_terbit=months_add(TODAY(), -60))
    renewal = permohonan_izin_complete_draft(
        applicant=owner, jenis_permohonan=Jenis.PERPANJANGAN, izin_lama=siup
    )
    renewal = permohonan_izin_submit(permohonan=renewal, actor=owner)
    assert renewal.biaya == 150_000
    renewal = permohonan_izin_advance(renewal, officer=officer, to=Status.DIJADWALKAN)
    with pytest.raises(TransitionError, match="Rp150.000"):
        permohonan_izin_sign(permohonan=renewal, actor=officer, paid_amount=100_000, payment_receipt="STS-9")
    with pytest.raises(TransitionError, match="kuitansi"):
        permohonan_izin_sign(permohonan=renewal, actor=officer, paid_amount=150_000, payment_receipt="")
    signed = permohonan_izin_sign(
        permohonan=renewal, actor=officer, paid_amount=150_000, payment_receipt="STS-9"
    )
    assert signed.paid_amount == 150_000 and signed.signed_at is not None


def test_revision_request_reopens_only_the_named_fields(owner, officer):
    permohonan = _submitted(owner)
    permohonan = permohonan_izin_revision_request(
        permohonan=permohonan, actor=officer, note="NPWP salah", fields=["npwp"]
    )
    with pytest.raises(ValidationError, match="tidak bisa diubah"):
        permohonan_izin_update(permohonan=permohonan, data={"nama_usaha": "CV Lain"})
    permohonan = permohonan_izin_update(permohonan=permohonan, data={"npwp": "0987654321098765"})
    permohonan = permohonan_izin_submit(permohonan=permohonan, actor=owner)
    assert permohonan.status == Status.DIAJUKAN and permohonan.npwp == "0987654321098765"


def test_a_correction_of_the_form_of_business_opens_the_documents_it_now_needs(owner, officer):
    # A sole trader's SIUP asks no deed; corrected to a PT, it needs the deed and the SK pengesahan.
    permohonan = _submitted(owner, nama_usaha="UD Sumber Rejeki", bentuk="perorangan")
    permohonan = permohonan_izin_revision_request(
        permohonan=permohonan, actor=officer, note="Usaha ini PT.", fields=["bentuk"]
    )
    permohonan = permohonan_izin_update(permohonan=permohonan, data={"bentuk": "pt"})
    assert set(permohonan_izin_problems(permohonan=permohonan)) == {"dokumen_akta", "dokumen_sk_pengesahan"}
    form = DokumenForm(permohonan=permohonan, editable=applicant_editable(permohonan))
    assert set(form.fields) == {"akta", "sk_pengesahan", "ktp", "npwp", "neraca"}  # a PT's, all open
    for kind in ("akta", "sk_pengesahan", "akta"):  # a wrong deed, once uploaded, may still be replaced
        permohonan_izin_document_attach(permohonan=permohonan, kind=kind, uploaded_file=pdf_upload())
    with pytest.raises(ValidationError, match="tidak bisa diubah"):  # not the business's name: not asked
        permohonan_izin_update(permohonan=permohonan, data={"nama_usaha": "PT Lain"})
    permohonan = permohonan_izin_submit(permohonan=permohonan, actor=owner)
    assert (permohonan.status, permohonan.bentuk) == (Status.DIAJUKAN, "pt")


def test_withdraw_before_verification_only(owner, officer):
    permohonan = applicant_withdraw(instance=_submitted(owner), actor=owner)
    assert permohonan.status == Status.DIBATALKAN
    verified = permohonan_izin_verify(permohonan=_submitted(owner, nama_usaha="UD Dua"), actor=officer)
    with pytest.raises(TransitionError):
        applicant_withdraw(instance=verified, actor=owner)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kekayaan_bersih", -1, None),
        ("kekayaan_bersih", 10**16, None),
        ("npwp", "01234567890123", "15 atau 16"),
        ("npwp", "01234567890123456", "15 atau 16"),
        ("npwp", "０１２３４５６７８９０１２３４", "15 atau 16"),  # full-width digits are not digits here
        ("npwp", "012345678901234\n", "15 atau 16"),
        ("nib", "123456789012", "13 angka"),
        ("penanggung_jawab_nik", "350402100580000", "16 angka"),
        ("luas_ruang", 0, None),
    ],
)
def test_bad_input_saves_nothing_and_says_why(owner, field, value, message):
    permohonan = permohonan_izin_complete_draft(applicant=owner)
    before = PermohonanIzin.objects.filter(pk=permohonan.pk).values().get()
    with pytest.raises(ValidationError) as caught:
        permohonan_izin_update(permohonan=permohonan, data={field: value})
    assert field in caught.value.message_dict
    if message:
        assert message in " ".join(caught.value.message_dict[field])
    assert PermohonanIzin.objects.filter(pk=permohonan.pk).values().get() == before


def test_renewal_prefills_from_the_licence_and_replaces_it(owner, officer):
    tdp = izin_issued(applicant=owner, officer=officer, code="TDP", tanggal_terbit=months_add(TODAY(), -59))
    renewal = permohonan_izin_draft_create(
        applicant=owner, jenis_izin=jenis("TDP"), jenis=Jenis.PERPANJANGAN, izin_lama=tdp
    )
    assert renewal.nama_usaha == tdp.usaha.nama_usaha and renewal.usaha == tdp.usaha
    renewal = permohonan_izin_complete_draft(
        applicant=owner,
        code="TDP",
        jenis_permohonan=Jenis.PERPANJANGAN,
        izin_lama=tdp,
        alamat_usaha="Jl. Baru 1",
    )
    renewal = permohonan_izin_advance(
        permohonan_izin_submit(permohonan=renewal, actor=owner), officer=officer
    )
    tdp.refresh_from_db()
    assert tdp.status == StatusIzin.DIPERBARUI
    # Renewed a month early, the old licence holds (its QR page says so) until the new one starts.
    assert tdp.in_force and renewal.izin.berlaku_mulai == tdp.berlaku_hingga > TODAY()
    tdp.berlaku_hingga = TODAY() - datetime.timedelta(days=1)
    assert not tdp.in_force
    new = renewal.izin
    assert new.nomor == tdp.nomor  # a TDP daftar ulang keeps its number (the type's rule)
    assert new.status == StatusIzin.AKTIF and new.usaha == tdp.usaha
    assert Usaha.objects.get().alamat_usaha == "Jl. Baru 1"


def test_a_renewal_sent_in_time_may_be_corrected_and_sent_again_after_its_window_closed(owner, officer):
    tdp = izin_issued(applicant=owner, officer=officer, code="TDP", tanggal_terbit=months_add(TODAY(), -59))
    draft = permohonan_izin_complete_draft(
        applicant=owner, code="TDP", jenis_permohonan=Jenis.PERPANJANGAN, izin_lama=tdp
    )
    renewal = permohonan_izin_submit(permohonan=draft, actor=owner)
    permohonan_izin_revision_request(
        permohonan=renewal, actor=officer, note="Alamat?", fields=["alamat_usaha"]
    )
    # Sent on the last days of its grace; corrected the day after the grace ended.
    grace = tdp.jenis_izin.grace_days
    Izin.objects.filter(pk=tdp.pk).update(berlaku_hingga=TODAY() - datetime.timedelta(days=grace + 1))
    PermohonanIzin.objects.filter(pk=renewal.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=2)
    )
    renewal = PermohonanIzin.objects.get(pk=renewal.pk)
    with pytest.raises(ValidationError, match="Masa tenggang"):  # a renewal started today is too late
        izin_renewal_check(izin=renewal.izin_lama, owner=owner)
    renewal = permohonan_izin_update(permohonan=renewal, data={"alamat_usaha": "Jl. Baru 2"})
    renewal = permohonan_izin_submit(permohonan=renewal, actor=owner)
    assert (renewal.status, renewal.alamat_usaha) == (Status.DIAJUKAN, "Jl. Baru 2")


def test_renewal_outside_the_window_names_the_opening_date(owner, officer):
    tdp = izin_issued(applicant=owner, officer=officer, code="TDP")
    opens = tdp.berlaku_hingga - datetime.timedelta(days=tdp.jenis_izin.renewal_window_days)
    with pytest.raises(ValidationError, match=f"baru dibuka pada {opens.day} "):
        permohonan_izin_draft_create(
            applicant=owner, jenis_izin=jenis("TDP"), jenis=Jenis.PERPANJANGAN, izin_lama=tdp
        )
    assert PermohonanIzin.objects.filter(jenis=Jenis.PERPANJANGAN).count() == 0


def test_expired_licence_renews_within_grace_but_not_after(owner, officer):
    in_grace = izin_issued(
        applicant=owner,
        officer=officer,
        code="TDP",
        tanggal_terbit=months_add(TODAY(), -60) - datetime.timedelta(10),
    )
    too_late = izin_issued(
        applicant=owner,
        officer=officer,
        code="TDP",
        tanggal_terbit=months_add(TODAY(), -60) - datetime.timedelta(40),
        nama_usaha="UD Telat",
        npwp="0123456789012345",
    )
    assert izin_expire() == 2
    in_grace.refresh_from_db()
    assert in_grace.status == StatusIzin.KEDALUWARSA
    draft = permohonan_izin_draft_create(
        applicant=owner, jenis_izin=jenis("TDP"), jenis=Jenis.PERPANJANGAN, izin_lama=in_grace
    )
    assert draft.izin_lama == in_grace
    with pytest.raises(ValidationError, match="ajukan izin baru"):
        permohonan_izin_draft_create(
            applicant=owner, jenis_izin=jenis("TDP"), jenis=Jenis.PERPANJANGAN, izin_lama=too_late
        )


def test_another_owners_licence_cannot_be_renewed(owner, officer):
    tdp = izin_issued(applicant=owner, officer=officer, code="TDP", tanggal_terbit=months_add(TODAY(), -59))
    with pytest.raises(ValidationError, match="bukan milik"):
        permohonan_izin_draft_create(
            applicant=UserFactory(), jenis_izin=jenis("TDP"), jenis=Jenis.PERPANJANGAN, izin_lama=tdp
        )


def test_one_open_renewal_per_licence(owner, officer):
    tdp = izin_issued(applicant=owner, officer=officer, code="TDP", tanggal_terbit=months_add(TODAY(), -59))
    first = permohonan_izin_complete_draft(
        applicant=owner, code="TDP", jenis_permohonan=Jenis.PERPANJANGAN, izin_lama=tdp
    )
    permohonan_izin_submit(permohonan=first, actor=owner)
    with pytest.raises(ValidationError, match=first.reference or "berjalan"):
        permohonan_izin_draft_create(
            applicant=owner, jenis_izin=jenis("TDP"), jenis=Jenis.PERPANJANGAN, izin_lama=tdp
        )


def test_a_business_with_an_active_licence_must_renew_not_apply_anew(owner, officer):
    izin = izin_issued(applicant=owner, officer=officer, code="TDP")
    draft = permohonan_izin_draft_create(applicant=owner, jenis_izin=jenis("TDP"), usaha=izin.usaha)
    assert draft.npwp == izin.usaha.npwp
    with pytest.raises(ValidationError, match="ajukan perpanjangan"):
        permohonan_izin_submit(permohonan=draft, actor=owner)


def test_disabled_licence_type_takes_no_new_drafts(owner):
    tdp = jenis("TDP")
    tdp.active = False
    tdp.save()
    with pytest.raises(ValidationError, match="tidak dilayani"):
        permohonan_izin_draft_create(applicant=owner, jenis_izin=tdp)


def test_licences_past_their_date_become_kedaluwarsa(owner, officer):
    izin = izin_issued(applicant=owner, officer=officer, code="TDP", tanggal_terbit=months_add(TODAY(), -61))
    fresh = izin_issued(applicant=owner, officer=officer, code="SIUP")
    assert izin_expire() == 1
    izin.refresh_from_db()
    fresh.refresh_from_db()
    assert izin.status == StatusIzin.KEDALUWARSA and fresh.status == StatusIzin.AKTIF
    assert izin_expire() == 0


def test_usaha_data_snapshot_stays_on_the_application(owner, officer):
    izin = izin_issued(applicant=owner, officer=officer)
    assert izin.permohonan.nama_usaha == usaha_data()["nama_usaha"]


def test_a_second_new_licence_of_one_type_for_a_business_waits_while_the_first_is_open(owner, officer):
    from tests.factories.perizinan import signing_booked

    usaha = izin_issued(applicant=owner, officer=officer, code="TDP").usaha
    drafts = []
    for _twice in range(2):
        draft = permohonan_izin_draft_create(applicant=owner, jenis_izin=jenis("SIUP"), usaha=usaha)
        draft = permohonan_izin_update(permohonan=draft, data={"kekayaan_bersih": 750_000_000})
        for kind in draft.jenis_izin.documents_for(draft.jenis, draft.bentuk):
            permohonan_izin_document_attach(permohonan=draft, kind=kind, uploaded_file=pdf_upload())
        drafts.append(signing_booked(draft))
    assert drafts[0].pk != drafts[1].pk
    first = permohonan_izin_submit(permohonan=drafts[0], actor=owner)
    with pytest.raises(ValidationError) as refused:
        permohonan_izin_submit(permohonan=drafts[1], actor=owner)
    assert first.reference in refused.value.message_dict["usaha"][0]


@pytest.mark.parametrize("renewal_first", [True, False])
def test_a_renewal_and_a_new_licence_of_one_type_for_a_business_are_never_both_open(
    owner, officer, renewal_first
):
    from tests.factories.perizinan import signing_booked

    # Expired, still in its grace: it may be renewed, and no active licence stops a new one either.
    tdp = izin_issued(
        applicant=owner,
        officer=officer,
        code="TDP",
        tanggal_terbit=months_add(TODAY(), -60) - datetime.timedelta(10),
    )
    izin_expire()

    def renewal():
        return permohonan_izin_complete_draft(
            applicant=owner, code="TDP", jenis_permohonan=Jenis.PERPANJANGAN, izin_lama=tdp
        )

    def new():
        draft = permohonan_izin_draft_create(applicant=owner, jenis_izin=jenis("TDP"), usaha=tdp.usaha)
        for kind in draft.jenis_izin.documents_for(draft.jenis, draft.bentuk):
            permohonan_izin_document_attach(permohonan=draft, kind=kind, uploaded_file=pdf_upload())
        return signing_booked(draft)

    first_draft, second_draft = (renewal(), new()) if renewal_first else (new(), renewal())
    first = permohonan_izin_submit(permohonan=first_draft, actor=owner)
    with pytest.raises(ValidationError) as refused:
        permohonan_izin_submit(permohonan=second_draft, actor=owner)
    assert first.reference in refused.value.message_dict["usaha"][0]


def test_a_siup_valid_while_the_business_runs_never_expires_and_its_late_daftar_ulang_stays_open(
    owner, officer
):
    import importlib

    from django.apps import apps

    from perizinan.rules import renewal_window

    siup = izin_issued(applicant=owner, officer=officer, code="SIUP", tanggal_terbit=months_add(TODAY(), -60))
    Izin.objects.filter(pk=siup.pk).update(berlaku_hingga=TODAY() - datetime.timedelta(days=200))  # long due
    assert izin_expire() == 0
    siup.refresh_from_db()
    assert siup.status == StatusIzin.AKTIF and siup.in_force
    draft = permohonan_izin_draft_create(
        applicant=owner, jenis_izin=jenis("SIUP"), jenis=Jenis.PERPANJANGAN, izin_lama=siup
    )
    assert draft.izin_lama == siup  # a daftar ulang, however late
    assert renewal_window(berlaku_hingga=siup.berlaku_hingga, window_days=90, grace_days=None)[1] > TODAY()
    # One marked expired before is made active again by the migration.
    Izin.objects.filter(pk=siup.pk).update(status=StatusIzin.KEDALUWARSA)
    importlib.import_module("perizinan.migrations.0022_siup_never_expires").restore(apps, None)
    siup.refresh_from_db()
    assert siup.status == StatusIzin.AKTIF
