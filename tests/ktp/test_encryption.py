"""NIK and KK numbers are encrypted at rest, found only through their keyed hashes, and masked."""

import io

import pytest
from cryptography.fernet import Fernet
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from ktp.constants import Status
from ktp.models import Penduduk, PermohonanKTP
from ktp.selectors import penduduk_for_prefill, permohonan_open_for_nik
from ktp.services import permohonan_submit
from portal.accounts.roles import Role
from portal.audit.models import AksesData
from portal.crypto import personal_decrypt, personal_digest
from tests.factories import UserFactory
from tests.factories.ktp import biodata, permohonan_complete_draft

pytestmark = pytest.mark.django_db

NIK = "3504025005900001"
KK = "3504021203150002"


def _resident(**overrides):
    return Penduduk.objects.create(**{k: v for k, v in biodata(**overrides).items() if k != "kecamatan"})


def _raw(table, *columns):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table}")  # noqa: S608 - fixed names
        return cursor.fetchall()


@pytest.fixture
def submitted(django_capture_on_commit_callbacks):
    warga = UserFactory(role=Role.WARGA)
    with django_capture_on_commit_callbacks(execute=True):
        return permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)


@pytest.fixture
def officer(client):
    user = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    client.force_login(user)
    return user


def test_the_columns_hold_tokens_and_keyed_hashes_never_the_numbers(submitted):
    _resident()
    for table in ("ktp_penduduk", "ktp_permohonanktp"):
        rows = _raw(table, "nik", "no_kk", "nik_hash", "no_kk_hash")
        assert rows
        for nik, no_kk, nik_hash, no_kk_hash in rows:
            stored = f"{nik} {no_kk} {nik_hash} {no_kk_hash}"
            assert NIK not in stored and KK not in stored and NIK[-8:] not in stored
            assert personal_decrypt(nik) == NIK and personal_decrypt(no_kk) == KK
            assert nik_hash == personal_digest(NIK) and no_kk_hash == personal_digest(KK)
            assert len(nik_hash) == 64
    # The same NIK encrypts differently each time: the token itself gives nothing to compare.
    tokens = [row[0] for row in _raw("ktp_penduduk", "nik") + _raw("ktp_permohonanktp", "nik")]
    assert len(set(tokens)) == len(tokens)
    # A SQL search for the digits, as someone with a database dump would try, finds nothing.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM ktp_permohonanktp WHERE nik LIKE %s OR no_kk LIKE %s",
            [
                f"%{NIK[4:12]}%",
                f"%{KK[4:12]}%",
            ],
        )
        assert cursor.fetchone()[0] == 0


def test_the_model_reads_back_the_plain_numbers(submitted):
    fresh = PermohonanKTP.objects.get(pk=submitted.pk)
    assert (fresh.nik, fresh.no_kk, fresh.nik_masked, fresh.no_kk_masked) == (
        NIK,
        KK,
        "3504********0001",
        "3504********0002",
    )
    assert PermohonanKTP.objects.filter(pk=submitted.pk).values_list("nik", flat=True).get() == NIK


def test_a_lookup_on_the_encrypted_column_fails_loudly_instead_of_finding_nothing():
    with pytest.raises(FieldError):
        list(PermohonanKTP.objects.filter(nik=NIK))
    with pytest.raises(FieldError):
        list(Penduduk.objects.filter(no_kk__startswith="3504"))


def test_services_find_the_open_application_and_the_resident_by_exact_number(submitted):
    resident = _resident()
    assert permohonan_open_for_nik(nik=NIK) == submitted
    assert permohonan_open_for_nik(nik="3504025005900009") is None
    assert penduduk_for_prefill(nik=NIK, no_kk=KK) == resident
    assert penduduk_for_prefill(nik=NIK, no_kk="3504029999999999") is None
    assert penduduk_for_prefill(nik=NIK, no_kk="") is None


def test_the_database_refuses_a_second_open_application_for_the_same_nik(submitted):
    other = PermohonanKTP(applicant=UserFactory(), jenis="baru", nik=NIK, status=Status.DIAJUKAN)
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save()


def test_the_database_refuses_a_second_resident_with_the_same_nik_and_the_form_says_why():
    _resident()
    duplicate = Penduduk(nik=NIK, nama="Orang Lain")
    with pytest.raises(Exception) as exc:
        duplicate.full_clean()
    assert "Penduduk dengan NIK ini sudah tercatat." in str(exc.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Penduduk.objects.create(nik=NIK, nama="Orang Lain")


def test_issuing_updates_the_resident_found_by_nik_hash_and_keeps_hashes_in_step(submitted):
    resident = _resident(nama="Nama Lama", no_kk="3504020101010001")
    resident.refresh_from_db()
    assert resident.no_kk_hash == personal_digest("3504020101010001")
    # update_or_create saves only the changed fields: the KK hash must follow the KK number.
    penduduk, created = Penduduk.objects.update_or_create(
        nik_hash=personal_digest(NIK), defaults={"no_kk": KK, "nama": "Nama Baru"}
    )
    assert not created and penduduk.pk == resident.pk
    assert _raw("ktp_penduduk", "no_kk_hash") == [(personal_digest(KK),)]
    assert penduduk_for_prefill(nik=NIK, no_kk=KK) == resident


def test_officer_admin_search_finds_by_exact_nik_or_kk_only(client, officer, submitted):
    url = reverse("admin:ktp_permohonanktp_changelist")
    for term in (NIK, KK, "3504 0250 0590 0001", submitted.reference.lower()):
        body = client.get(url, {"q": term}).content.decode()
        assert submitted.reference in body, term
    for term in (NIK[:12], "3504********0001", "3504025005900009"):
        assert submitted.reference not in client.get(url, {"q": term}).content.decode(), term
    body = client.get(url, {"q": submitted.reference}).content.decode()
    assert NIK not in body and KK not in body and "3504********0001" in body


def test_officer_finds_a_resident_by_nik_in_the_admin_and_sees_it_masked_in_the_list(client, officer):
    resident = _resident(nama="Warga Terdaftar")
    url = reverse("admin:ktp_penduduk_changelist")
    body = client.get(url, {"q": NIK}).content.decode()
    assert "Warga Terdaftar" in body and "3504********0001" in body
    assert "Warga Terdaftar" not in client.get(url, {"q": NIK[:-1] + "9"}).content.decode()
    # The officer's detail page shows the full number, and that view is logged.
    detail = client.get(reverse("admin:ktp_penduduk_change", args=[resident.pk])).content.decode()
    assert NIK in detail
    assert AksesData.objects.filter(
        actor=officer, content_type=ContentType.objects.get_for_model(Penduduk), object_id=resident.pk
    ).exists()


def test_the_citizen_pages_and_the_email_show_only_the_masked_numbers(client, submitted, mailoutbox):
    client.force_login(submitted.applicant)
    pages = [
        client.get(reverse("ktp:list")).content.decode(),
        client.get(reverse("ktp:detail", args=[submitted.pk])).content.decode(),
        client.get(reverse("ktp:konfirmasi", args=[submitted.pk])).content.decode(),
    ]
    assert "3504********0001" in pages[1]
    emails = [m for m in mail.outbox if submitted.applicant.email in m.to]
    assert emails, "the submission sends a confirmation email"
    texts = [m.body for m in emails] + [alt[0] for m in emails for alt in getattr(m, "alternatives", [])]
    for text in pages + texts:
        assert NIK not in text and KK not in text


def test_rotating_the_key_keeps_old_rows_readable_and_reencrypt_moves_them(submitted, settings):
    old_key = settings.PERSONAL_DATA_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.PERSONAL_DATA_KEYS = [new_key, old_key]
    assert PermohonanKTP.objects.get(pk=submitted.pk).nik == NIK
    call_command("personal_data_reencrypt", stdout=io.StringIO())
    settings.PERSONAL_DATA_KEYS = [new_key]
    fresh = PermohonanKTP.objects.get(pk=submitted.pk)
    assert (fresh.nik, fresh.no_kk) == (NIK, KK)
    assert permohonan_open_for_nik(nik=NIK) == submitted
    settings.PERSONAL_DATA_KEYS = [old_key]
    with pytest.raises(ImproperlyConfigured):
        PermohonanKTP.objects.get(pk=submitted.pk)


def test_changing_the_hash_key_and_reencrypting_keeps_exact_search_working(submitted, settings):
    _resident()
    settings.PERSONAL_DATA_HASH_KEY = "a-new-hash-key-after-a-suspected-leak-0123456789"
    assert permohonan_open_for_nik(nik=NIK) is None  # the stored hashes are of the old key
    out = io.StringIO()
    call_command("personal_data_reencrypt", stdout=out)
    assert "ktp.Penduduk: 1 rows" in out.getvalue() and "perizinan.Usaha: 0 rows" in out.getvalue()
    assert permohonan_open_for_nik(nik=NIK) == submitted
    assert penduduk_for_prefill(nik=NIK, no_kk=KK) is not None


def test_no_key_configured_fails_loudly(settings):
    settings.PERSONAL_DATA_KEYS = []
    with pytest.raises(ImproperlyConfigured):
        Penduduk.objects.create(nik=NIK, nama="Tanpa Kunci")


def test_check_answers_page_masks_nik_and_kk_and_reveals_them_only_on_request(client):
    warga = UserFactory(role=Role.WARGA)
    draft = permohonan_complete_draft(applicant=warga)
    client.force_login(warga)
    body = client.get(reverse("ktp:periksa", args=[draft.pk])).content.decode()
    summaries = [part.split("</summary>", 1)[0] for part in body.split("<summary>")[1:]]
    assert any("3504********0001" in s for s in summaries) and any("3504********0002" in s for s in summaries)
    assert not any(NIK in s or KK in s for s in summaries)
    revealed = [part.split("</details>", 1)[0] for part in body.split("</summary>")[1:]]
    assert any(NIK in r for r in revealed) and any(KK in r for r in revealed)
