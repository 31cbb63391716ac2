"""
Hostile input against every form of the portal: generated (hypothesis) and known-hostile values.

For each form: never a 500; a refused value leaves the database as it was (nothing half-saved) and
the page says why in Indonesian; an accepted value is shown escaped in the pages, the admin and the
PDFs. Each generated example runs in a savepoint that is rolled back, so examples do not pile up.
"""

import contextlib
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from portal.accounts.roles import Role
from portal.documents.samples import sample_pdf_bytes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOSTILE_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
KNOWN_HOSTILE = [
    SCRIPT,
    IMG,
    "'; DROP TABLE ktp_permohonanktp; --",
    "' OR '1'='1",
    "a\x00b",
    "\x00",
    "\x07\x1b[31m\x7f",
    "\u202eexe.fdp",  # right-to-left override
    "３５０４０２５００５９０００１",  # full-width digits
    "٣٥٠٤٠٢٥٠٠٥٩٠٠٠٠١",  # Arabic-Indic digits
    "Ѕіtі Аmіnаh",  # Cyrillic confusables
    "3504025005900001\n",
    "-1",
    "-99999999999999999999",
    "99999999999999999999999999999999",
    "1e309",
    "NaN",
    "2025-02-30",
    "0000-01-01",
    "99999-12-31",
    "2025-13-01",
    "",
    "   ",
    "x" * 5000,
    "{{ 7|add:7 }}{% debug %}",
    "%s%n%x",
    "../../etc/passwd",
]
# Any text but lone surrogates, which no browser can send as UTF-8.
GENERATED = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
HOSTILE = st.one_of(st.sampled_from(KNOWN_HOSTILE), GENERATED)
ENGLISH = ("This field", "Enter a valid", "Ensure this", "Select a valid", "Null characters", "is required")
RAW_MARKERS = ("<script>alert(1)", "<img src=x onerror")


@contextlib.contextmanager
def rolled_back():
    """Run one example in a savepoint and throw its writes away."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def assert_escaped(html):
    for marker in RAW_MARKERS:
        assert marker not in html, f"unescaped {marker!r} in the page"


def assert_refused_in_indonesian(response):
    """The form came back with its errors, every one in Indonesian and shown on the page."""
    assert response.status_code == 200
    form = response.context["form"]
    messages = [str(m) for errors in form.errors.values() for m in errors]
    assert messages, "refused without saying why"
    for message in messages:
        assert not any(english in message for english in ENGLISH), message
    html = response.content.decode()
    assert_escaped(html)
    shown = any(escape(message) in html for message in messages)
    assert shown or "alert-danger" in html, "the errors are not on the page"


def pdf_text(field):
    with field.open("rb") as f:
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(f.read())).pages)


def snapshot(instance, fields):
    instance = type(instance)._default_manager.get(pk=instance.pk)
    return {name: getattr(instance, name) for name in fields}


# ---------------------------------------------------------------------------------------------
# KTP-el: the citizen's steps.


@pytest.fixture
def warga(client):
    user = UserFactory(role=Role.WARGA, name="Warga Uji")
    client.force_login(user)
    return user


def ktp_biodata_post(**overrides):
    from ktp.models import Pekerjaan
    from portal.wilayah.models import Desa, Kecamatan

    data = {
        "nik": "3504025005900001",
        "no_kk": "3504021203150002",
        "nama": "Siti Aminah",
        "tempat_lahir": "Tulungagung",
        "tanggal_lahir": "1990-05-10",
        "jenis_kelamin": "P",
        "golongan_darah": "O",
        "agama": "islam",
        "status_perkawinan": "kawin",
        "pekerjaan": Pekerjaan.objects.get(code="88").pk,
        "kewarganegaraan": "WNI",
        "alamat": "Jl. Mayor Sujadi 12",
        "rt": "2",
        "rw": "3",
        "desa_kecamatan": Kecamatan.objects.get(code="35.04.02").pk,
        "desa_id": Desa.objects.filter(kecamatan__code="35.04.02").first().pk,
        "kecamatan": Kecamatan.objects.get(code="35.04.02").pk,
    }
    return data | overrides


KTP_FIELDS = [
    "nik",
    "no_kk",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "golongan_darah",
    "agama",
    "status_perkawinan",
    "pekerjaan",
    "kewarganegaraan",
    "alamat",
    "rt",
    "rw",
    "desa_kecamatan",
    "desa_id",
    "kecamatan",
]


@pytest.fixture
def ktp_draft(warga):
    from tests.factories.ktp import permohonan_complete_draft

    return permohonan_complete_draft(applicant=warga)


@HOSTILE_SETTINGS
@given(field=st.sampled_from(KTP_FIELDS), value=HOSTILE, drop=st.booleans())
def test_ktp_biodata_refuses_or_escapes_and_never_half_saves(client, ktp_draft, field, value, drop):
    url = reverse("ktp:biodata", args=[ktp_draft.pk])
    data = ktp_biodata_post(**{field: value})
    if drop:
        del data[field]
    before = snapshot(ktp_draft, ["nama", "alamat", "tempat_lahir", "rt", "rw", "tanggal_lahir", "desa_id"])
    with rolled_back():
        response = client.post(url, data)
        if response.status_code == 302:
            for page in ("ktp:periksa", "ktp:detail"):
                assert_escaped(client.get(reverse(page, args=[ktp_draft.pk])).content.decode())
        else:
            assert_refused_in_indonesian(response)
            assert snapshot(ktp_draft, before) == before


@pytest.fixture
def ktp_empty_draft(warga):
    from ktp.services import permohonan_draft_create

    return permohonan_draft_create(applicant=warga, jenis="baru")


@HOSTILE_SETTINGS
@given(nik=HOSTILE, no_kk=HOSTILE)
def test_ktp_nik_step_refuses_anything_but_sixteen_ascii_digits(client, ktp_empty_draft, nik, no_kk):
    from ktp.models import PermohonanKTP

    with rolled_back():
        response = client.post(
            reverse("ktp:biodata", args=[ktp_empty_draft.pk]), {"nik": nik, "no_kk": no_kk}
        )
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert_refused_in_indonesian(response)
            assert not PermohonanKTP.objects.get(pk=ktp_empty_draft.pk).nik


@HOSTILE_SETTINGS
@given(jenis=HOSTILE)
def test_ktp_start_refuses_an_unknown_kind_without_creating_a_draft(client, warga, jenis):
    from ktp.models import PermohonanKTP

    with rolled_back():
        count = PermohonanKTP.objects.count()
        response = client.post(reverse("ktp:start"), {"jenis": jenis})
        assert_refused_in_indonesian(response)
        assert PermohonanKTP.objects.count() == count


@HOSTILE_SETTINGS
@given(date=HOSTILE)
def test_ktp_slot_refuses_impossible_dates(client, ktp_draft, date):
    from ktp.models import PermohonanKTP

    booked = PermohonanKTP.objects.get(pk=ktp_draft.pk).appointment_date
    with rolled_back():
        response = client.post(reverse("ktp:jadwal", args=[ktp_draft.pk]), {"appointment_date": date})
        assert_refused_in_indonesian(response)
        assert PermohonanKTP.objects.get(pk=ktp_draft.pk).appointment_date == booked


@HOSTILE_SETTINGS
@given(name=st.one_of(st.sampled_from([SCRIPT, IMG, "\u202efdp.exe", "a\x00b", "x" * 300]), GENERATED))
def test_ktp_document_names_are_shown_escaped(client, ktp_draft, name):
    upload = SimpleUploadedFile(f"{name}.pdf", sample_pdf_bytes(), content_type="application/pdf")
    with rolled_back():
        response = client.post(reverse("ktp:dokumen", args=[ktp_draft.pk]), {"kk": upload})
        assert response.status_code in (200, 302)
        assert_escaped(client.get(reverse("ktp:dokumen", args=[ktp_draft.pk])).content.decode())


def test_ktp_script_in_name_address_and_file_name_is_text_in_pages_admin_and_receipt(client, warga):
    from ktp.receipts import permohonan_receipt_generate
    from ktp.services import permohonan_biodata_update, permohonan_submit
    from tests.factories.ktp import permohonan_complete_draft

    draft = permohonan_complete_draft(applicant=warga)
    nama = f"Siti {SCRIPT}"
    # The biodata form refuses markup in a name; the address takes it, as text.
    refused = client.post(reverse("ktp:biodata", args=[draft.pk]), ktp_biodata_post(nama=nama))
    assert refused.context["form"].errors["nama"] == [
        "Nama hanya boleh berisi huruf, angka, spasi, titik, koma, tanda hubung dan apostrof."
    ]
    response = client.post(reverse("ktp:biodata", args=[draft.pk]), ktp_biodata_post(alamat=f"Jl. {IMG}"))
    assert response.status_code == 302, response.context and response.context["form"].errors
    # A name that reaches the record another way (a resident's record, an officer) is still only text.
    permohonan_biodata_update(permohonan=type(draft).objects.get(pk=draft.pk), data={"nama": nama})
    upload = SimpleUploadedFile(f"{SCRIPT}.pdf", sample_pdf_bytes(), content_type="application/pdf")
    client.post(reverse("ktp:dokumen", args=[draft.pk]), {"kk": upload})
    assert_escaped(client.get(reverse("ktp:dokumen", args=[draft.pk])).content.decode())
    permohonan = permohonan_submit(permohonan=type(draft).objects.get(pk=draft.pk), actor=warga)
    for page in ("ktp:detail", "ktp:konfirmasi", "ktp:list"):
        html = client.get(reverse(page, args=[permohonan.pk] if page != "ktp:list" else [])).content.decode()
        assert_escaped(html)
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    client.force_login(officer)
    for url in (
        reverse("admin:ktp_permohonanktp_change", args=[permohonan.pk]),
        reverse("admin:ktp_permohonanktp_changelist"),
    ):
        html = client.get(url).content.decode()
        assert_escaped(html)
        assert "Siti &lt;script&gt;alert(1)&lt;/script&gt;" in html
    receipt = permohonan_receipt_generate(permohonan_id=permohonan.pk)
    assert nama in pdf_text(receipt.file)  # the literal text, not markup the PDF engine ran


# ---------------------------------------------------------------------------------------------
# Licences: the owner's steps, then the officer's buttons.


def izin_step_post(step):
    from perizinan.models import IndeksGangguan, IndeksLokasi
    from portal.wilayah.models import Desa, Kecamatan

    return {
        "identitas": {
            "nama_usaha": "CV Sumber Rejeki",
            "bentuk": "cv",
            "npwp": "012345678901234",
            "kbli": "47111",
        },
        "alamat": {
            "alamat_usaha": "Jl. Raya Boyolangu 17",
            "desa_kecamatan": Kecamatan.objects.get(code="35.04.02").pk,
            "desa_id": Desa.objects.filter(kecamatan__code="35.04.02").first().pk,
        },
        "penanggung-jawab": {"penanggung_jawab": "Budi Santoso", "penanggung_jawab_nik": "3504021005800001"},
        "skala": {
            "luas_ruang": "120",
            "indeks_lokasi": IndeksLokasi.objects.first().pk,
            "indeks_gangguan": IndeksGangguan.objects.first().pk,
        },
    }[step]


IZIN_FIELDS = [
    ("identitas", "nama_usaha"),
    ("identitas", "bentuk"),
    ("identitas", "npwp"),
    ("identitas", "nib"),
    ("identitas", "kbli"),
    ("alamat", "alamat_usaha"),
    ("alamat", "desa_kecamatan"),
    ("alamat", "desa_id"),
    ("penanggung-jawab", "penanggung_jawab"),
    ("penanggung-jawab", "penanggung_jawab_nik"),
    ("skala", "luas_ruang"),
    ("skala", "indeks_lokasi"),
    ("skala", "indeks_gangguan"),
]


@pytest.fixture
def izin_draft(warga):
    from tests.factories.perizinan import permohonan_izin_complete_draft

    return permohonan_izin_complete_draft(applicant=warga, code="HO")


@HOSTILE_SETTINGS
@given(step_field=st.sampled_from(IZIN_FIELDS), value=HOSTILE, drop=st.booleans())
def test_izin_steps_refuse_or_escape_and_never_half_save(client, izin_draft, step_field, value, drop):
    step, field = step_field
    data = izin_step_post(step) | {field: value}
    if drop:
        del data[field]
    names = ["nama_usaha", "npwp", "kbli", "alamat_usaha", "desa_id", "penanggung_jawab", "luas_ruang"]
    before = snapshot(izin_draft, names)
    with rolled_back():
        response = client.post(reverse("perizinan:step", args=[izin_draft.pk, step]), data)
        if response.status_code == 302:
            for page in ("perizinan:periksa", "perizinan:detail"):
                assert_escaped(client.get(reverse(page, args=[izin_draft.pk])).content.decode())
        else:
            assert_refused_in_indonesian(response)
            assert snapshot(izin_draft, names) == before


def test_izin_document_names_are_shown_escaped(client, izin_draft):
    kind = izin_draft.dokumen_set.first().kind
    upload = SimpleUploadedFile(f"{IMG}.pdf", sample_pdf_bytes(), content_type="application/pdf")
    response = client.post(reverse("perizinan:dokumen", args=[izin_draft.pk]), {kind: upload})
    assert response.status_code == 302
    html = client.get(reverse("perizinan:dokumen", args=[izin_draft.pk])).content.decode()
    assert_escaped(html)
    assert escape(f"{IMG}.pdf") in html


@HOSTILE_SETTINGS
@given(value=st.one_of(st.sampled_from(KNOWN_HOSTILE), st.integers().map(str), GENERATED))
def test_siup_net_assets_refuse_negative_huge_and_non_numbers(client, warga, value):
    from tests.factories.perizinan import permohonan_izin_complete_draft

    with rolled_back():
        draft = permohonan_izin_complete_draft(applicant=warga, code="SIUP")
        before = snapshot(draft, ["kekayaan_bersih"])
        response = client.post(
            reverse("perizinan:step", args=[draft.pk, "skala"]), {"kekayaan_bersih": value}
        )
        if response.status_code == 200:
            assert_refused_in_indonesian(response)
            assert snapshot(draft, ["kekayaan_bersih"]) == before
        else:
            assert response.status_code == 302
            assert 0 <= type(draft).objects.get(pk=draft.pk).kekayaan_bersih <= 10**15


@HOSTILE_SETTINGS
@given(code=HOSTILE, jenis=HOSTILE, usaha=HOSTILE)
def test_izin_start_choices_refuse_hostile_values_without_a_draft(client, warga, code, jenis, usaha):
    from perizinan.models import PermohonanIzin

    with rolled_back():
        count = PermohonanIzin.objects.count()
        assert_refused_in_indonesian(client.post(reverse("perizinan:start"), {"jenis_izin": code}))
        assert_refused_in_indonesian(client.post(reverse("perizinan:jenis", args=["SIUP"]), {"jenis": jenis}))
        assert_refused_in_indonesian(client.post(reverse("perizinan:baru", args=["SIUP"]), {"usaha": usaha}))
        assert PermohonanIzin.objects.count() == count


def test_izin_script_in_the_business_name_is_text_in_pages_admin_receipt_and_licence(client, warga):
    from perizinan.receipts import izin_pdf_generate, permohonan_izin_receipt_generate
    from perizinan.services import permohonan_izin_submit
    from tests.factories.perizinan import permohonan_izin_advance, permohonan_izin_complete_draft

    draft = permohonan_izin_complete_draft(applicant=warga, code="SIUP")
    name = f"CV {SCRIPT}"
    response = client.post(
        reverse("perizinan:step", args=[draft.pk, "identitas"]),
        izin_step_post("identitas") | {"nama_usaha": name},
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    permohonan = permohonan_izin_submit(permohonan=type(draft).objects.get(pk=draft.pk), actor=warga)
    for page in ("perizinan:detail", "perizinan:konfirmasi"):
        assert_escaped(client.get(reverse(page, args=[permohonan.pk])).content.decode())
    officer = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    client.force_login(officer)
    html = client.get(reverse("admin:perizinan_permohonanizin_change", args=[permohonan.pk])).content.decode()
    assert_escaped(html)
    assert "CV &lt;script&gt;alert(1)&lt;/script&gt;" in html
    receipt = permohonan_izin_receipt_generate(permohonan_id=permohonan.pk)
    assert name in pdf_text(receipt.file)  # the literal text, not markup the PDF engine ran
    izin = permohonan_izin_advance(permohonan, officer=officer).izin
    assert name in pdf_text(izin_pdf_generate(izin_id=izin.pk).file)
    html = client.get(reverse("admin:perizinan_izin_change", args=[izin.pk])).content.decode()
    assert_escaped(html)


# ---------------------------------------------------------------------------------------------
# The officers' workflow buttons in the admin.


@pytest.fixture
def ktp_submitted(warga):
    from ktp.services import permohonan_submit
    from tests.factories.ktp import permohonan_complete_draft

    return permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)


KTP_ACTIONS = [
    "verifikasi",
    "minta_perbaikan",
    "jadwalkan_ulang",
    "terbitkan",
    "tolak",
    "rekam",
    "bukan-aksi",
]


@HOSTILE_SETTINGS
@given(
    action=st.sampled_from(KTP_ACTIONS),
    note=HOSTILE,
    date=HOSTILE,
    serial=HOSTILE,
    fields=st.lists(HOSTILE, max_size=3),
    seen=HOSTILE,
)
def test_ktp_admin_actions_refuse_hostile_input_without_a_half_transition(
    client, ktp_submitted, action, note, date, serial, fields, seen
):
    from ktp.models import PermohonanKTP

    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    client.force_login(officer)
    url = reverse("admin:ktp_aksi", args=[ktp_submitted.pk, action])
    data = {"note": note, "date": date, "blanko_serial": serial, "fields": fields, "status_seen": seen}
    with rolled_back():
        history = ktp_submitted.riwayat_set.count()
        response = client.post(url, data)
        assert response.status_code in (302, 404)
        after = PermohonanKTP.objects.get(pk=ktp_submitted.pk)
        if after.status == ktp_submitted.status:
            assert ktp_submitted.riwayat_set.count() == history
        else:
            assert ktp_submitted.riwayat_set.count() == history + 1
        page = client.get(reverse("admin:ktp_permohonanktp_change", args=[ktp_submitted.pk]))
        assert_escaped(page.content.decode())


IZIN_ACTIONS = ["verifikasi", "minta_perbaikan", "jadwalkan", "tanda_tangan", "terbitkan", "tolak"]


@pytest.fixture
def izin_submitted(warga):
    from perizinan.services import permohonan_izin_submit
    from tests.factories.perizinan import permohonan_izin_complete_draft

    return permohonan_izin_submit(permohonan=permohonan_izin_complete_draft(applicant=warga), actor=warga)


NUMBERS = st.one_of(st.integers(min_value=-(10**30), max_value=10**30).map(str), HOSTILE)


@HOSTILE_SETTINGS
@given(
    action=st.sampled_from(IZIN_ACTIONS),
    stage=st.sampled_from(["diajukan", "diverifikasi", "dijadwalkan"]),
    values=st.fixed_dictionaries(
        {
            "note": HOSTILE,
            "date": HOSTILE,
            "time": HOSTILE,
            "place": HOSTILE,
            "paid_amount": NUMBERS,
            "payment_receipt": HOSTILE,
            "fields": st.lists(HOSTILE, max_size=3),
            "status_seen": HOSTILE,
        }
    ),
)
# Verifying with the status seen left empty succeeds, and confirms the booked signing day: two steps.
@example(
    action="verifikasi",
    stage="diajukan",
    values={
        "note": "x",
        "date": "",
        "time": "",
        "place": "",
        "paid_amount": "0",
        "payment_receipt": "",
        "fields": [],
        "status_seen": "",
    },
)
def test_izin_admin_actions_refuse_hostile_input_without_a_half_transition(
    client, izin_submitted, action, stage, values
):
    from perizinan.models import PermohonanIzin
    from tests.factories.perizinan import permohonan_izin_advance

    officer = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    client.force_login(officer)
    with rolled_back():
        # Each example starts from the row as saved: an earlier example's steps, rolled back in the
        # database, must not linger on the fixture's Python object (a booked day would then make
        # verifying schedule it too).
        permohonan = PermohonanIzin.objects.get(pk=izin_submitted.pk)
        if stage != "diajukan":
            permohonan = permohonan_izin_advance(permohonan, officer=officer, to=stage)
        history = permohonan.riwayat_set.count()
        response = client.post(reverse("admin:perizinan_aksi", args=[permohonan.pk, action]), values)
        assert response.status_code == 302
        after = PermohonanIzin.objects.get(pk=permohonan.pk)
        moved = after.status != permohonan.status
        # No half transition: either nothing was written, or the new history rows lead step by step
        # from the old status to the new one (verifying confirms the day the owner booked: two steps).
        added = [(row.from_status, row.to_status) for row in permohonan.riwayat_set.all()[history:]]
        steps = [permohonan.status] + [to for _from, to in added]
        assert [from_status for from_status, _to in added] == steps[:-1]
        assert steps[-1] == after.status
        if moved and action == "tanda_tangan":
            assert 0 <= after.paid_amount <= 10**12
        page = client.get(reverse("admin:perizinan_permohonanizin_change", args=[permohonan.pk]))
        assert_escaped(page.content.decode())


@pytest.mark.parametrize(
    "amount", ["99999999999999999999999", "-5000", "１５００００", "1e9", "150.000,50", "", "9" * 5000]
)
def test_a_payment_amount_that_is_not_a_sane_number_is_refused(client, izin_submitted, amount):
    from tests.factories.perizinan import permohonan_izin_advance

    officer = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    client.force_login(officer)
    permohonan = permohonan_izin_advance(izin_submitted, officer=officer, to="dijadwalkan")
    url = reverse("admin:perizinan_aksi", args=[permohonan.pk, "tanda_tangan"])
    response = client.post(url, {"paid_amount": amount, "payment_receipt": "STS-1"}, follow=True)
    assert response.status_code == 200
    permohonan.refresh_from_db()
    assert permohonan.status == "dijadwalkan"
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_an_officer_clicking_verify_twice_moves_the_application_once(client, ktp_submitted):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    client.force_login(officer)
    url = reverse("admin:ktp_aksi", args=[ktp_submitted.pk, "verifikasi"])
    history = ktp_submitted.riwayat_set.count()
    for _ in range(2):
        assert client.post(url, {"status_seen": ktp_submitted.status}).status_code == 302
    assert ktp_submitted.riwayat_set.count() == history + 1


# ---------------------------------------------------------------------------------------------
# Koordinasi: compose, reply, disposisi, done, and the inbox filters.


@pytest.fixture
def pegawai(client):
    from tests.factories.koordinasi import officer

    user = officer("BAGIAN-UMUM", name="Pegawai Uji")
    officer("DPMPTSP", name="Penerima Uji")  # naskah_post's addressed agency has someone to read it
    client.force_login(user)
    return user


def naskah_post(**overrides):
    from portal.wilayah.models import Instansi

    data = {
        "jenis": "nota_dinas",
        "sifat": "biasa",
        "klasifikasi": "biasa",
        "kode_klasifikasi": "000.8.3",
        "perihal": "Koordinasi pelayanan",
        "isi": "Mohon koordinasi jadwal.",
        "format": "teks",
        "kepada_instansi": [Instansi.objects.get(code="DPMPTSP").pk],
        "kirim": "1",
    }
    return data | overrides


NASKAH_FIELDS = [
    "jenis",
    "sifat",
    "klasifikasi",
    "kode_klasifikasi",
    "perihal",
    "isi",
    "format",
    "kepada_instansi",
]


@HOSTILE_SETTINGS
@given(field=st.sampled_from(NASKAH_FIELDS), value=HOSTILE, drop=st.booleans())
def test_koordinasi_compose_refuses_or_escapes_and_never_half_sends(client, pegawai, field, value, drop):
    from koordinasi.models import Naskah, Penerima

    data = naskah_post(**{field: value})
    if drop:
        del data[field]
    with rolled_back():
        counts = Naskah.objects.count(), Penerima.objects.count()
        response = client.post(reverse("koordinasi:compose"), data)
        if response.status_code == 302:
            naskah = Naskah.objects.latest("pk")
            assert_escaped(client.get(reverse("koordinasi:detail", args=[naskah.pk])).content.decode())
        else:
            assert_refused_in_indonesian(response)
            assert (Naskah.objects.count(), Penerima.objects.count()) == counts


HUGE_IDS = ["99999999999999999999999", "-99999999999999999999", "9223372036854775808", "0", "1.5"]


@pytest.mark.parametrize("value", HUGE_IDS)
def test_ids_no_table_can_hold_are_refused_not_a_500(client, pegawai, ktp_draft, value):
    from koordinasi.models import Naskah

    client.force_login(pegawai)
    for field in ("kepada_instansi", "tembusan_instansi", "kepada_pegawai", "tembusan_pegawai"):
        response = client.post(reverse("koordinasi:compose"), naskah_post(**{field: [value]}))
        assert_refused_in_indonesian(response)
    assert not Naskah.objects.filter(pengirim=pegawai).exists()
    client.force_login(ktp_draft.applicant)
    for field in ("pekerjaan", "kecamatan", "desa_kecamatan", "desa_id"):
        response = client.post(
            reverse("ktp:biodata", args=[ktp_draft.pk]), ktp_biodata_post(**{field: value})
        )
        assert_refused_in_indonesian(response)


def test_koordinasi_script_in_a_memo_is_text_on_the_page_and_in_the_pdf(client, pegawai):
    from koordinasi.models import Naskah

    perihal = f"Rapat {SCRIPT}"
    response = client.post(reverse("koordinasi:compose"), naskah_post(perihal=perihal, isi=f"Isi {IMG}"))
    assert response.status_code == 302, response.context and response.context["form"].errors
    naskah = Naskah.objects.latest("pk")
    assert_escaped(client.get(reverse("koordinasi:detail", args=[naskah.pk])).content.decode())
    pdf = client.get(reverse("koordinasi:export", args=[naskah.pk]))
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages
    )
    assert perihal in text.replace("\n", " ")


@pytest.fixture
def received(pegawai):
    """A memo from another agency to the signed-in officer's agency."""
    from tests.factories.koordinasi import naskah_sent, officer

    return naskah_sent(sender=officer("DPMPTSP"), to_agencies=["BAGIAN-UMUM"])


@HOSTILE_SETTINGS
@given(isi=HOSTILE, format=HOSTILE)
def test_koordinasi_reply_refuses_or_escapes(client, received, isi, format):
    from koordinasi.models import Naskah

    with rolled_back():
        count = Naskah.objects.count()
        response = client.post(
            reverse("koordinasi:reply", args=[received.pk]), {"isi": isi, "format": format}
        )
        # Sent: to the reply's page; refused: the memo's page again, with what was posted (400).
        assert response.status_code == (302 if Naskah.objects.count() > count else 400)
        html = client.get(response["Location"]).content.decode() if response.status_code == 302 else None
        assert_escaped(html or response.content.decode())


@HOSTILE_SETTINGS
@given(kepada=HOSTILE, instruksi=HOSTILE, batas_waktu=HOSTILE, catatan=HOSTILE)
def test_koordinasi_disposisi_refuses_hostile_values(
    client, received, kepada, instruksi, batas_waktu, catatan
):
    from koordinasi.models import Disposisi

    data = {"kepada": kepada, "instruksi": instruksi, "batas_waktu": batas_waktu, "catatan": catatan}
    with rolled_back():
        count = Disposisi.objects.count()
        response = client.post(reverse("koordinasi:disposisi", args=[received.pk]), data)
        assert response.status_code == 400  # the memo's page again, with what was posted
        assert Disposisi.objects.count() == count  # no hostile value names a colleague
        assert_escaped(response.content.decode())


@HOSTILE_SETTINGS
@given(catatan=HOSTILE)
def test_koordinasi_disposisi_done_keeps_any_report_as_text(client, pegawai, catatan):
    from koordinasi.constants import Instruksi
    from koordinasi.services import disposisi_give
    from tests.factories.koordinasi import naskah_sent, officer

    chief = officer("BAGIAN-UMUM")
    with rolled_back():
        naskah = naskah_sent(sender=officer("DPMPTSP"), to_agencies=["BAGIAN-UMUM"])
        row = disposisi_give(naskah=naskah, actor=chief, kepada=pegawai, instruksi=Instruksi.TINDAK_LANJUTI)
        response = client.post(reverse("koordinasi:disposisi_done", args=[row.pk]), {"catatan": catatan})
        assert response.status_code == 302
        assert_escaped(client.get(response["Location"]).content.decode())


@HOSTILE_SETTINGS
@given(q=HOSTILE, kotak=HOSTILE, sifat=HOSTILE)
@example(q="a\x00b", kotak="semua", sifat="")  # PostgreSQL refuses NUL: found by a CI run
def test_koordinasi_inbox_filters_take_any_text(client, pegawai, q, kotak, sifat):
    for name in ("koordinasi:index", "koordinasi:sent"):
        response = client.get(reverse(name), {"q": q, "kotak": kotak, "sifat": sifat, "belum_dibaca": q})
        assert response.status_code == 200
        assert_escaped(response.content.decode())


# ---------------------------------------------------------------------------------------------
# Accounts and public tracking.


@HOSTILE_SETTINGS
@given(email=HOSTILE, name=HOSTILE, password=HOSTILE)
def test_signup_refuses_hostile_values_without_an_account(client, email, name, password):
    from portal.accounts.models import User

    data = {"email": email, "name": name, "password1": password, "password2": password}
    with rolled_back():
        count = User.objects.count()
        response = client.post(reverse("account_signup"), data)
        if response.status_code == 200:
            assert_refused_in_indonesian(response)
            assert User.objects.count() == count
        elif response.status_code == 429:  # allauth's sign-up rate limit, in Indonesian
            assert User.objects.count() == count
            assert "Terlalu banyak permintaan" in response.content.decode()
        else:
            assert response.status_code == 302
            assert User.objects.count() == count + 1


def test_signing_up_twice_with_the_same_form_makes_one_account(client):
    from portal.accounts.models import User

    data = {
        "email": "ganda@contoh.id",
        "name": "Warga Ganda",
        "password1": "Rahasia-Kuat-2026!",
        "password2": "Rahasia-Kuat-2026!",
    }
    count = User.objects.count()
    client.post(reverse("account_signup"), data)
    client.logout()
    client.post(reverse("account_signup"), data)
    assert User.objects.count() == count + 1


@HOSTILE_SETTINGS
@given(reference=HOSTILE, tanggal_lahir=HOSTILE, npwp=HOSTILE)
def test_tracking_takes_any_text_without_a_500(client, reference, tanggal_lahir, npwp):
    data = {"reference": reference, "tanggal_lahir": tanggal_lahir, "npwp4": npwp}
    response = client.post(reverse("public:track"), data)
    assert response.status_code in (200, 429)
    assert_escaped(response.content.decode())


# ---------------------------------------------------------------------------------------------
# Double submits: the same POST twice makes one object.


def test_submitting_a_ktp_application_twice_submits_it_once(client, ktp_draft):
    url = reverse("ktp:periksa", args=[ktp_draft.pk])
    first, second = client.post(url), client.post(url)
    assert first.status_code == 302 and second.status_code == 302
    assert ktp_draft.riwayat_set.filter(to_status="diajukan").count() == 1


def test_starting_a_ktp_application_twice_leaves_one_draft(client, warga):
    from ktp.models import PermohonanKTP

    for _ in range(2):
        client.post(reverse("ktp:start"), {"jenis": "baru"})
    assert PermohonanKTP.objects.filter(applicant=warga).count() == 1


def test_starting_a_licence_twice_leaves_one_draft(client, warga):
    from perizinan.models import PermohonanIzin

    for _ in range(2):
        client.post(reverse("perizinan:baru", args=["SIUP"]), {"usaha": "baru"})
    assert PermohonanIzin.objects.filter(applicant=warga).count() == 1


def test_sending_the_same_memo_twice_sends_it_once(client, pegawai):
    from koordinasi.models import Naskah

    page = client.get(reverse("koordinasi:compose"))
    data = naskah_post(submit_token=page.context["form"]["submit_token"].value())
    first, second = (client.post(reverse("koordinasi:compose"), data) for _ in range(2))
    assert Naskah.objects.filter(pengirim=pegawai).count() == 1
    assert second["Location"] == first["Location"]  # the second click lands on the memo sent


def test_a_memo_refused_once_can_be_sent_after_correcting_it(client, pegawai):
    from koordinasi.models import Naskah

    page = client.get(reverse("koordinasi:compose"))
    token = page.context["form"]["submit_token"].value()
    refused = client.post(reverse("koordinasi:compose"), naskah_post(submit_token=token, perihal=""))
    assert_refused_in_indonesian(refused)
    assert client.post(reverse("koordinasi:compose"), naskah_post(submit_token=token)).status_code == 302
    assert Naskah.objects.filter(pengirim=pegawai).count() == 1


def test_the_same_reply_twice_is_sent_once(client, received):
    from koordinasi.models import Naskah

    page = client.get(reverse("koordinasi:detail", args=[received.pk]))
    data = {
        "isi": "Siap.",
        "format": "teks",
        "submit_token": page.context["balas_form"]["submit_token"].value(),
    }
    for _ in range(2):
        client.post(reverse("koordinasi:reply", args=[received.pk]), data)
    assert Naskah.objects.filter(balasan_untuk=received).count() == 1


def test_the_same_licence_submission_twice_submits_once(client, izin_draft):
    url = reverse("perizinan:periksa", args=[izin_draft.pk])
    client.post(url)
    client.post(url)
    assert izin_draft.riwayat_set.filter(to_status="diajukan").count() == 1


def test_dates_the_calendar_does_not_have_are_refused_in_indonesian(client, ktp_draft):
    for date in ("2025-02-30", "0000-01-01", "99999-01-01"):
        response = client.post(
            reverse("ktp:biodata", args=[ktp_draft.pk]), ktp_biodata_post(tanggal_lahir=date)
        )
        assert_refused_in_indonesian(response)
        assert "tanggal" in " ".join(response.context["form"].errors["tanggal_lahir"]).lower()
    assert type(ktp_draft).objects.get(pk=ktp_draft.pk).tanggal_lahir == datetime.date(1990, 5, 10)
