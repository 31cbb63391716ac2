import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from ktp.constants import Jenis, Status, StatusKTP
from ktp.models import KTP, LayananKecamatan, Penduduk, PermohonanKTP
from ktp.rules import nik_mismatch_warnings
from ktp.selectors import permohonan_visible_to
from ktp.services import (
    permohonan_biodata_update,
    permohonan_complete,
    permohonan_document_attach,
    permohonan_issue,
    permohonan_problems,
    permohonan_ready,
    permohonan_record,
    permohonan_reject,
    permohonan_revision_request,
    permohonan_slot_book,
    permohonan_submit,
    permohonan_verify,
    slot_days_offered,
)
from portal.accounts.roles import Role
from portal.holidays.models import HariLibur
from portal.holidays.selectors import working_days_add
from portal.nik import nik_structure_errors
from portal.workflow import TransitionError, applicant_withdraw
from tests.factories import UserFactory
from tests.factories.ktp import pdf_upload, permohonan_complete_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def warga():
    return UserFactory(role=Role.WARGA)


@pytest.fixture
def officer():
    return UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")


def test_nik_structure_accepts_women_plus_40_and_refuses_bad_day_or_month():
    assert nik_structure_errors("3504025005900001") == []
    assert nik_structure_errors("3504021005900001") == []
    assert len(nik_structure_errors("3504023505900001")) == 1
    assert len(nik_structure_errors("3504021013900001")) == 1


def test_nik_mismatch_is_a_warning_not_a_refusal():
    born = datetime.date(1990, 5, 10)
    assert nik_mismatch_warnings(nik="3504025005900001", tanggal_lahir=born, jenis_kelamin="P") == []
    assert len(nik_mismatch_warnings(nik="3504021005900001", tanggal_lahir=born, jenis_kelamin="P")) == 1
    assert len(nik_mismatch_warnings(nik="3504025105900001", tanggal_lahir=born, jenis_kelamin="P")) == 1


def test_submit_gives_a_sequence_reference_sla_due_date_history_and_email(
    warga, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    other = UserFactory()
    second = permohonan_submit(
        permohonan=permohonan_complete_draft(applicant=other, nik="3504021005900002", jenis_kelamin="L"),
        actor=other,
    )
    submitted = timezone.localdate(first.submitted_at)
    assert re.fullmatch(rf"KTP-{submitted.year}-[0-9]{{6}}", first.reference)
    assert int(second.reference[-6:]) == int(first.reference[-6:]) + 1
    assert first.status == Status.DIAJUKAN
    assert first.sla_due == working_days_add(start=submitted, days=14)
    assert list(first.riwayat_set.values_list("from_status", "to_status")) == [(Status.DRAF, Status.DIAJUKAN)]
    assert any(first.reference in m.subject for m in mail.outbox)


def test_a_deleted_application_never_frees_its_reference(warga):
    first = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    number = int(first.reference[-6:])
    PermohonanKTP.objects.filter(pk=first.pk).delete()
    other = UserFactory()
    second = permohonan_submit(
        permohonan=permohonan_complete_draft(applicant=other, nik="3504021005900002", jenis_kelamin="L"),
        actor=other,
    )
    assert int(second.reference[-6:]) == number + 1


def test_sla_skips_weekends_and_holidays():
    friday = datetime.date(2026, 12, 4)
    assert working_days_add(start=friday, days=1) == datetime.date(2026, 12, 7)
    HariLibur.objects.create(date=datetime.date(2026, 12, 7), name="Uji")
    assert working_days_add(start=friday, days=1) == datetime.date(2026, 12, 8)


def test_incomplete_draft_cannot_be_submitted_and_nothing_changes(warga):
    draft = permohonan_complete_draft(applicant=warga)
    draft.dokumen_set.all().delete()
    with pytest.raises(ValidationError) as exc:
        permohonan_submit(permohonan=draft, actor=warga)
    assert "dokumen_kk" in exc.value.message_dict
    draft.refresh_from_db()
    assert draft.status == Status.DRAF and draft.reference is None


def test_baru_needs_age_17_or_ever_married(warga):
    young = datetime.date.today().replace(year=datetime.date.today().year - 16)
    nik = f"350402{young.day + 40:02d}{young.month:02d}{young.year % 100:02d}0001"
    draft = permohonan_complete_draft(
        applicant=warga, nik=nik, tanggal_lahir=young, status_perkawinan="belum_kawin"
    )
    assert "tanggal_lahir" in permohonan_problems(permohonan=draft)
    permohonan_biodata_update(permohonan=draft, data={"status_perkawinan": "kawin"})
    assert "tanggal_lahir" not in permohonan_problems(permohonan=draft)


def test_perpanjangan_is_for_wna_with_kitap_date(warga):
    draft = permohonan_complete_draft(
        applicant=warga, jenis=Jenis.PERPANJANGAN_WNA, documents=("kk", "paspor")
    )
    problems = permohonan_problems(permohonan=draft)
    assert "kewarganegaraan" in problems
    permohonan_biodata_update(permohonan=draft, data={"kewarganegaraan": "WNA", "kebangsaan": "JEPANG"})
    problems = permohonan_problems(permohonan=draft)
    assert "kitap_berlaku_hingga" in problems and "dokumen_kitap" in problems


def test_hilang_requires_the_police_letter(warga):
    draft = permohonan_complete_draft(applicant=warga, jenis=Jenis.HILANG)
    assert "dokumen_surat_kehilangan" in permohonan_problems(permohonan=draft)


def test_nik_mismatch_must_be_confirmed_then_submits(warga):
    draft = permohonan_complete_draft(applicant=warga, nik="3504021005900001")
    assert "nik_mismatch_confirmed" in permohonan_problems(permohonan=draft)
    permohonan_biodata_update(permohonan=draft, data={"nik_mismatch_confirmed": True})
    assert permohonan_submit(permohonan=draft, actor=warga).status == Status.DIAJUKAN


def test_one_open_application_per_nik(warga):
    first = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    second = permohonan_complete_draft(applicant=warga)
    with pytest.raises(ValidationError) as exc:
        permohonan_submit(permohonan=second, actor=warga)
    assert first.reference in " ".join(exc.value.messages)
    applicant_withdraw(instance=first, actor=warga)
    assert permohonan_submit(permohonan=second, actor=warga).status == Status.DIAJUKAN


def test_the_database_refuses_two_open_applications_for_one_nik(warga):
    from django.db import IntegrityError, transaction

    first = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    second = permohonan_complete_draft(applicant=warga)
    with pytest.raises(IntegrityError), transaction.atomic():
        PermohonanKTP.objects.filter(pk=second.pk).update(status=Status.DIAJUKAN)
    assert first.status == Status.DIAJUKAN


def test_document_checked_by_content(warga):
    draft = permohonan_complete_draft(applicant=warga)
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError):
        permohonan_document_attach(
            permohonan=draft, kind="kk", uploaded_file=SimpleUploadedFile("kk.pdf", b"MZ\x90\x00 not a pdf")
        )
    assert draft.dokumen_set.get(kind="kk").content_kind == "pdf"
    permohonan_document_attach(permohonan=draft, kind="kk", uploaded_file=pdf_upload("baru.pdf"))
    assert draft.dokumen_set.filter(kind="kk").count() == 1


@pytest.fixture
def one_place_a_day(warga):
    """An office taking one applicant a day, a draft of `warga` booked on a day, and another's draft."""
    layanan = LayananKecamatan.objects.get(kecamatan__code="35.04.02")
    layanan.daily_capacity = 1
    layanan.save()
    first = permohonan_complete_draft(applicant=warga)
    other = permohonan_complete_draft(applicant=UserFactory(), nik="3504021005900002", jenis_kelamin="L")
    return layanan, first, other


def test_slot_capacity_is_never_exceeded(one_place_a_day):
    layanan, first, other = one_place_a_day
    day = first.appointment_date
    assert other.appointment_date != day
    with pytest.raises(ValidationError):
        permohonan_slot_book(permohonan=other, date=day)
    assert day not in slot_days_offered(layanan=layanan, exclude=other)


def test_an_abandoned_draft_gives_its_day_back_and_must_book_again_if_it_filled(
    warga, settings, one_place_a_day
):
    settings.KTP_DRAFT_SLOT_HOLD_HOURS = 24
    layanan, abandoned, other = one_place_a_day
    day = abandoned.appointment_date
    assert day not in slot_days_offered(layanan=layanan, exclude=other)  # held while fresh
    assert "appointment_date" not in permohonan_problems(permohonan=abandoned)

    PermohonanKTP.objects.filter(pk=abandoned.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=25)
    )
    assert day in slot_days_offered(layanan=layanan, exclude=other)
    permohonan_slot_book(permohonan=other, date=day)
    permohonan_submit(permohonan=other, actor=other.applicant)

    abandoned.refresh_from_db()
    assert "24 jam" in permohonan_problems(permohonan=abandoned)["appointment_date"]
    with pytest.raises(ValidationError) as refused:
        permohonan_submit(permohonan=abandoned, actor=warga)
    assert "appointment_date" in refused.value.message_dict
    abandoned.refresh_from_db()
    assert abandoned.status == Status.DRAF


def test_full_officer_journey_issues_the_card_and_replaces_the_old_one(warga, officer):
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    old = KTP.objects.create(
        penduduk=Penduduk.objects.create(nik=p.nik, nama="Lama"),
        blanko_serial="OLD-1",
        tanggal_terbit="2015-01-01",
    )
    p = permohonan_verify(permohonan=p, actor=officer)
    p = permohonan_record(permohonan=p, actor=officer)
    p = permohonan_issue(permohonan=p, actor=officer, blanko_serial="B-2026-1")
    p = permohonan_ready(permohonan=p, actor=officer)
    p = permohonan_complete(permohonan=p, actor=officer)
    assert p.status == Status.SELESAI
    old.refresh_from_db()
    assert old.status == StatusKTP.DIGANTI
    new = KTP.objects.get(blanko_serial="B-2026-1")
    assert new.status == StatusKTP.AKTIF and new.berlaku_hingga is None
    assert new.penduduk.nama == "Siti Aminah"
    assert p.riwayat_set.count() == 6


def test_refused_transitions_leave_no_trace(warga, officer):
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    with pytest.raises(TransitionError):
        permohonan_record(permohonan=p, actor=officer)
    with pytest.raises(TransitionError):
        permohonan_complete(permohonan=p, actor=officer)
    with pytest.raises(TransitionError):
        permohonan_reject(permohonan=p, actor=officer, note=" ")
    assert p.riwayat_set.count() == 1


def test_a_second_officer_clicking_the_same_button_gets_a_clear_message(warga, officer):
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    permohonan_verify(permohonan=p, actor=officer, expected_from=Status.DIAJUKAN)
    with pytest.raises(TransitionError, match="diubah orang lain"):
        permohonan_verify(permohonan=p, actor=officer, expected_from=Status.DIAJUKAN)
    assert p.riwayat_set.filter(to_status=Status.DIVERIFIKASI).count() == 1


def test_revision_round_trip_edits_only_named_fields_and_resubmits(warga, officer):
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    with pytest.raises(TransitionError):
        permohonan_revision_request(permohonan=p, actor=officer, note="", fields=["alamat"])
    p = permohonan_revision_request(
        permohonan=p, actor=officer, note="Alamat tidak lengkap", fields=["alamat", "kk"]
    )
    with pytest.raises(ValidationError):
        permohonan_biodata_update(permohonan=p, data={"nama": "Orang Lain"})
    p = permohonan_biodata_update(permohonan=p, data={"alamat": "Jl. Mayor Sujadi 12A"})
    permohonan_document_attach(permohonan=p, kind="kk", uploaded_file=pdf_upload())
    reference = p.reference
    p = permohonan_submit(permohonan=p, actor=warga)
    assert p.status == Status.DIAJUKAN and p.reference == reference and p.revision_fields == []


def test_withdraw_only_before_verification(warga, officer):
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    p = permohonan_verify(permohonan=p, actor=officer)
    with pytest.raises(TransitionError):
        applicant_withdraw(instance=p, actor=warga)


def test_history_is_append_only(warga):
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    row = p.riwayat_set.get()
    row.note = "ubah"
    with pytest.raises(TransitionError):
        row.save()
    with pytest.raises(TransitionError):
        row.delete()


def test_officers_see_only_their_kecamatan(warga, officer):
    boyolangu = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    other = UserFactory()
    kedungwaru = permohonan_submit(
        permohonan=permohonan_complete_draft(
            applicant=other, kecamatan_code="35.04.03", nik="3504031005900002", jenis_kelamin="L"
        ),
        actor=other,
    )
    assert list(permohonan_visible_to(user=officer)) == [boyolangu]
    dukcapil = UserFactory(role=Role.PETUGAS_DISPENDUKCAPIL, role__instansi="DISPENDUKCAPIL")
    assert set(permohonan_visible_to(user=dukcapil)) == {boyolangu, kedungwaru}
    agency_officer = UserFactory(role=Role.PETUGAS_INSTANSI, role__instansi="DISPENDUKCAPIL")
    assert not permohonan_visible_to(user=agency_officer).exists()
    assert not permohonan_visible_to(user=warga).exists()


@pytest.mark.parametrize("start", list(Status))
@pytest.mark.parametrize("target", list(Status))
def test_the_engine_allows_exactly_the_transitions_of_the_table(warga, officer, start, target):
    from ktp.constants import TRANSITIONS
    from portal.workflow import workflow_transition

    p = PermohonanKTP.objects.create(applicant=warga, jenis="baru", status=start)
    if target in TRANSITIONS.get(start, set()):
        workflow_transition(instance=p, to=target, actor=officer)
        p.refresh_from_db()
        assert p.status == target and p.riwayat_set.get().to_status == target
    else:
        with pytest.raises(TransitionError):
            workflow_transition(instance=p, to=target, actor=officer)
        p.refresh_from_db()
        assert p.status == start and not p.riwayat_set.exists()


def test_a_revision_request_names_only_what_the_citizen_can_correct(warga, officer):
    # A WNI's new card needs no passport nor a KITAP, and "zzz" is no field: the citizen could correct none.
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    for fields in (["zzz"], ["alamat", "paspor"], ["kebangsaan"], ["kitap_berlaku_hingga"]):
        with pytest.raises(TransitionError, match="ada pada permohonan ini"):
            permohonan_revision_request(permohonan=p, actor=officer, note="Perbaiki", fields=fields)
    p.refresh_from_db()
    assert p.status == Status.DIAJUKAN and p.revision_fields == []


def test_each_officer_transition_emails_the_citizen_in_indonesian_after_commit(
    warga, officer, django_capture_on_commit_callbacks
):
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    with django_capture_on_commit_callbacks(execute=True):
        permohonan_revision_request(permohonan=p, actor=officer, note="Foto KK buram", fields=["kk"])
    message = mail.outbox[-1]
    assert message.to == [warga.email]
    assert "Perlu perbaikan" in message.subject and p.reference in message.subject
    assert "Foto KK buram" in message.body and "tidak dipungut biaya" in message.body
    # What to correct is named in the message itself, for a citizen with no account to look it up on.
    assert "Yang diminta diperbaiki: Kartu Keluarga (KK)" in message.body
    assert "Yang diminta diperbaiki: Kartu Keluarga (KK)" in message.alternatives[0][0]


def test_the_notification_task_run_twice_sends_one_email(warga, django_capture_on_commit_callbacks):
    from ktp.tasks import permohonan_notify_task
    from portal.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    sent = len(mail.outbox)
    permohonan_notify_task.delay(p.pk, Status.DIAJUKAN)
    assert len(mail.outbox) == sent
    assert (
        Notification.objects.filter(event="ktp.status_changed", status=Notification.Status.SENT).count() == 1
    )
    assert mail.outbox[-1].alternatives and "KTP-el" in mail.outbox[-1].alternatives[0][0]


def test_a_kecamatan_sla_for_the_jenis_sets_the_due_date(warga):
    from ktp.models import SLAKecamatan

    layanan = LayananKecamatan.objects.get(kecamatan__code="35.04.02")
    SLAKecamatan.objects.create(layanan=layanan, jenis=Jenis.BARU, working_days=3)
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    assert p.sla_due == working_days_add(start=timezone.localdate(p.submitted_at), days=3)


def test_without_a_kecamatan_sla_the_promise_is_the_setting(warga, settings):
    settings.KTP_DEFAULT_SLA_DAYS = 5
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    assert p.sla_due == working_days_add(start=timezone.localdate(p.submitted_at), days=5)


def test_a_same_day_sla_of_0_working_days_is_kept_not_replaced_by_the_default(warga):
    from ktp.models import SLAKecamatan

    layanan = LayananKecamatan.objects.get(kecamatan__code="35.04.02")
    SLAKecamatan.objects.create(layanan=layanan, jenis=Jenis.BARU, working_days=0)
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    # Due the day it was submitted, or the next working day when that was a day off.
    due = timezone.localdate(p.submitted_at)
    while due.weekday() >= 5 or HariLibur.objects.filter(date=due).exists():
        due += datetime.timedelta(days=1)
    assert p.sla_due == due


def test_history_notes_the_portal_writes_are_in_indonesian_whatever_language_the_officer_reads():
    from django.utils import translation

    from ktp.services import permohonan_reschedule, slot_days_offered
    from tests.factories.ktp import permohonan_verified

    verified = permohonan_verified()
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    day = slot_days_offered(layanan=LayananKecamatan.objects.get(kecamatan=verified.kecamatan))[-1]
    with translation.override("en"):  # the officer's admin in English
        moved = permohonan_reschedule(permohonan=verified, actor=officer, date=day)
    # Read by the citizen in the Indonesian email ("Catatan petugas") and on their pages.
    assert moved.riwayat_set.last().note == f"Jadwal diubah ke {day:%d-%m-%Y}."


def test_a_document_asked_to_be_corrected_must_be_uploaded_again_before_resubmitting(warga, officer):
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    p = permohonan_revision_request(permohonan=p, actor=officer, note="Foto KK buram", fields=["kk"])
    # The same blurry scan sent back would only come back again.
    with pytest.raises(ValidationError) as refused:
        permohonan_submit(permohonan=p, actor=warga)
    assert "petugas meminta perbaikannya" in str(refused.value.message_dict["dokumen_kk"])
    permohonan_document_attach(permohonan=p, kind="kk", uploaded_file=pdf_upload())
    assert permohonan_submit(permohonan=p, actor=warga).status == Status.DIAJUKAN


def test_a_field_asked_to_be_checked_may_go_back_unchanged(warga, officer):
    # The citizen may find the address right as it was: only a document must be sent again.
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    p = permohonan_revision_request(permohonan=p, actor=officer, note="Periksa alamat", fields=["alamat"])
    assert permohonan_submit(permohonan=p, actor=warga).status == Status.DIAJUKAN


def test_a_holder_of_an_active_card_cannot_apply_for_a_new_one_but_for_a_replacement(warga):
    draft = permohonan_complete_draft(applicant=warga)
    KTP.objects.create(
        penduduk=Penduduk.objects.create(nik=draft.nik, no_kk=draft.no_kk, nama="Siti Aminah"),
        blanko_serial="BLK-1",
        tanggal_terbit=datetime.date(2020, 3, 2),
    )
    with pytest.raises(ValidationError) as refused:
        permohonan_submit(permohonan=draft, actor=warga)
    assert "sudah punya KTP-el aktif" in refused.value.message_dict["jenis"][0]
    assert "2020" not in refused.value.message_dict["jenis"][0]  # nothing of the card itself
    draft.refresh_from_db()
    assert draft.status == Status.DRAF

    applicant_withdraw(instance=draft, actor=warga)
    hilang = permohonan_complete_draft(
        applicant=warga, jenis=Jenis.HILANG, documents=("kk", "surat_kehilangan")
    )
    assert permohonan_submit(permohonan=hilang, actor=warga).status == Status.DIAJUKAN


def test_a_nik_typed_with_another_kk_learns_nothing_of_the_card(warga):
    """Both numbers must match, as for prefilling: a NIK alone would tell anyone who holds a card."""
    draft = permohonan_complete_draft(applicant=warga)
    KTP.objects.create(
        penduduk=Penduduk.objects.create(nik=draft.nik, no_kk="3504021203150009", nama="Siti Aminah"),
        blanko_serial="BLK-1",
        tanggal_terbit=datetime.date(2020, 3, 2),
    )
    assert "jenis" not in permohonan_problems(permohonan=draft)


def test_a_replaced_card_does_not_hold_back_a_new_application(warga):
    draft = permohonan_complete_draft(applicant=warga)
    KTP.objects.create(
        penduduk=Penduduk.objects.create(nik=draft.nik, no_kk=draft.no_kk, nama="Siti Aminah"),
        blanko_serial="BLK-1",
        tanggal_terbit=datetime.date(2020, 3, 2),
        status=StatusKTP.DIGANTI,
    )
    assert "jenis" not in permohonan_problems(permohonan=draft)


def test_an_open_application_is_named_only_to_its_own_applicant(warga):
    first = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    mine = permohonan_complete_draft(
        applicant=warga, jenis=Jenis.HILANG, documents=("kk", "surat_kehilangan")
    )
    with pytest.raises(ValidationError) as refused:
        permohonan_submit(permohonan=mine, actor=warga)
    assert first.reference in refused.value.message_dict["nik"][0]

    stranger = UserFactory()  # the same NIK typed by someone else: told no number
    theirs = permohonan_complete_draft(applicant=stranger)
    with pytest.raises(ValidationError) as refused:
        permohonan_submit(permohonan=theirs, actor=stranger)
    assert refused.value.message_dict["nik"] == ["NIK ini sudah punya permohonan yang masih berjalan."]


def test_a_foreign_resident_replacing_a_card_adds_the_kitap_only(client):
    from django.urls import reverse

    from ktp.constants import Dokumen
    from ktp.rules import required_documents

    for jenis in (Jenis.HILANG, Jenis.RUSAK):
        wna = required_documents(jenis=jenis, is_wna=True)
        assert Dokumen.KITAP in wna and Dokumen.PASPOR not in wna
    assert {Dokumen.PASPOR, Dokumen.KITAP} <= set(required_documents(jenis=Jenis.BARU, is_wna=True))
    # The service standard says so for each kind, from the same rule.
    page = client.get(reverse("ktp:standar")).content.decode()
    lost = page.split('id="jenis-hilang"')[1].split("</tr>")[0]
    first = page.split('id="jenis-baru"')[1].split("</tr>")[0]
    assert "WNA pemegang KITAP menambah: Kartu izin tinggal tetap (KITAP)." in lost
    assert str(Dokumen.PASPOR.label) not in lost and str(Dokumen.PASPOR.label) in first
