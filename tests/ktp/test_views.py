import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ktp.constants import Status
from ktp.models import Pekerjaan, Penduduk, PermohonanKTP
from ktp.services import permohonan_revision_request, permohonan_submit
from portal.accounts.roles import Role
from portal.wilayah.models import Desa, Kecamatan
from portal.workflow import applicant_withdraw
from tests.factories import UserFactory
from tests.factories.ktp import PDF, biodata, pdf_upload, permohonan_complete_draft
from tests.utils import problems_link_to_their_questions

pytestmark = pytest.mark.django_db

NIK, KK = "3504025005900001", "3504021203150002"


@pytest.fixture
def warga(client):
    user = UserFactory(role=Role.WARGA)
    client.force_login(user)
    return user


def _biodata_post(**overrides):
    desa = Desa.objects.filter(kecamatan__code="35.04.02").first()
    data = {
        "nik": NIK,
        "no_kk": KK,
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
        "desa_kecamatan": desa.kecamatan_id,
        "desa_id": desa.pk,
        "kecamatan": Kecamatan.objects.get(code="35.04.02").pk,
    }
    return data | overrides


def _start(client, jenis="baru"):
    response = client.post(reverse("ktp:start"), {"jenis": jenis})
    assert response.status_code == 302
    return PermohonanKTP.objects.latest("pk")


def test_the_whole_journey_ends_on_a_confirmation_with_the_reference(client, warga):
    permohonan = _start(client)
    url = reverse("ktp:biodata", args=[permohonan.pk])
    assert "NIK" in client.get(url).content.decode()
    assert client.post(url, {"nik": NIK, "no_kk": KK}).status_code == 302
    assert client.post(url, _biodata_post()).status_code == 302
    response = client.post(reverse("ktp:dokumen", args=[permohonan.pk]), {"kk": pdf_upload()})
    assert response.status_code == 302
    jadwal = client.get(reverse("ktp:jadwal", args=[permohonan.pk]))
    day = jadwal.context["form"].fields["appointment_date"].choices[0][0]
    assert (
        client.post(reverse("ktp:jadwal", args=[permohonan.pk]), {"appointment_date": day}).status_code == 302
    )
    periksa = client.get(reverse("ktp:periksa", args=[permohonan.pk])).content.decode()
    assert "Siti Aminah" in periksa and reverse("ktp:dokumen", args=[permohonan.pk]) in periksa
    response = client.post(reverse("ktp:periksa", args=[permohonan.pk]), follow=True)
    permohonan.refresh_from_db()
    assert permohonan.status == Status.DIAJUKAN
    assert permohonan.reference in response.content.decode()
    assert "gratis" in response.content.decode().lower()


def test_nik_and_kk_matching_a_resident_prefill_the_biodata(client, warga):
    Penduduk.objects.create(**{k: v for k, v in biodata().items() if k != "kecamatan"})
    permohonan = _start(client)
    client.post(reverse("ktp:biodata", args=[permohonan.pk]), {"nik": NIK, "no_kk": KK})
    permohonan.refresh_from_db()
    assert permohonan.nama == "Siti Aminah" and permohonan.kecamatan.code == "35.04.02"


def test_a_nik_with_a_wrong_kk_prefills_nothing(client, warga):
    Penduduk.objects.create(**{k: v for k, v in biodata().items() if k != "kecamatan"})
    permohonan = _start(client)
    client.post(reverse("ktp:biodata", args=[permohonan.pk]), {"nik": NIK, "no_kk": "3504029999999999"})
    permohonan.refresh_from_db()
    assert permohonan.nama == ""


def test_a_draft_survives_a_new_session_and_resumes(client, warga):
    permohonan = _start(client)
    client.post(reverse("ktp:biodata", args=[permohonan.pk]), {"nik": NIK, "no_kk": KK})
    client.post(reverse("ktp:biodata", args=[permohonan.pk]), _biodata_post())
    client.logout()
    client.force_login(warga)
    listing = client.get(reverse("ktp:list")).content.decode()
    assert reverse("ktp:biodata", args=[permohonan.pk]) in listing
    form = client.get(reverse("ktp:biodata", args=[permohonan.pk])).context["form"]
    assert form["nama"].value() == "Siti Aminah"


def test_a_bad_nik_gets_an_indonesian_message_and_saves_nothing(client, warga):
    permohonan = _start(client)
    response = client.post(
        reverse("ktp:biodata", args=[permohonan.pk]), {"nik": "3504029913900001", "no_kk": KK}
    )
    assert response.status_code == 200
    assert "bulan lahir" in response.content.decode()
    permohonan.refresh_from_db()
    assert permohonan.nik == ""


def test_a_nik_date_mismatch_asks_for_confirmation_then_saves(client, warga):
    permohonan = _start(client)
    url = reverse("ktp:biodata", args=[permohonan.pk])
    client.post(url, {"nik": NIK, "no_kk": KK})
    response = client.post(url, _biodata_post(tanggal_lahir="1990-05-11"))
    assert response.status_code == 200
    assert "berbeda dengan tanggal lahir" in response.content.decode()
    assert (
        client.post(url, _biodata_post(tanggal_lahir="1990-05-11", nik_mismatch_confirmed="on")).status_code
        == 302
    )
    permohonan.refresh_from_db()
    assert permohonan.tanggal_lahir == datetime.date(1990, 5, 11) and permohonan.nik_mismatch_confirmed


def test_a_renamed_file_is_refused_by_content(client, warga):
    permohonan = _start(client)
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile(
        "kk.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    response = client.post(reverse("ktp:dokumen", args=[permohonan.pk]), {"kk": fake})
    assert response.status_code == 200
    assert "Jenis berkas tidak diterima" in response.content.decode()
    assert not permohonan.dokumen_set.exists()


def test_another_citizen_gets_404_on_every_step(client, warga):
    other = UserFactory()
    draft = permohonan_complete_draft(applicant=other)
    for name in ("detail", "biodata", "dokumen", "jadwal", "periksa", "konfirmasi"):
        assert client.get(reverse(f"ktp:{name}", args=[draft.pk])).status_code == 404
    assert client.post(reverse("ktp:withdraw", args=[draft.pk])).status_code == 404


def test_a_second_open_application_links_to_the_open_one(client, warga):
    first = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    second = permohonan_complete_draft(applicant=warga)
    response = client.post(reverse("ktp:periksa", args=[second.pk]))
    body = response.content.decode()
    assert first.reference in body and reverse("ktp:detail", args=[first.pk]) in body


def test_revision_round_trip_through_the_pages(client, warga):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    permohonan_revision_request(permohonan=p, actor=officer, note="KK buram", fields=["alamat", "kk"])
    detail = client.get(reverse("ktp:detail", args=[p.pk])).content.decode()
    assert "KK buram" in detail and "Alamat" in detail
    form = client.get(reverse("ktp:biodata", args=[p.pk])).context["form"]
    assert form.fields["nama"].disabled and not form.fields["alamat"].disabled
    response = client.post(
        reverse("ktp:biodata", args=[p.pk]), _biodata_post(alamat="Jl. Baru 1", nama="Palsu")
    )
    assert response.status_code == 302
    client.post(reverse("ktp:dokumen", args=[p.pk]), {"kk": pdf_upload("kk-jelas.pdf")})
    client.post(reverse("ktp:periksa", args=[p.pk]))
    p.refresh_from_db()
    assert p.status == Status.DIAJUKAN and p.alamat == "Jl. Baru 1" and p.nama == "Siti Aminah"
    assert p.dokumen_set.get(kind="kk").original_name == "kk-jelas.pdf"


def test_the_confirmation_page_of_an_application_that_moved_on_shows_its_page_instead(client, warga):
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    url = reverse("ktp:konfirmasi", args=[p.pk])
    assert client.get(url).status_code == 200
    applicant_withdraw(instance=p, actor=warga)
    assert client.get(url)["Location"] == reverse("ktp:detail", args=[p.pk])


def test_the_officers_note_keeps_its_lines_on_the_page_and_in_the_email(
    client, warga, django_capture_on_commit_callbacks
):
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    note = "1. Foto KK buram.\n2. Alamat <b>tanpa</b> RT."
    with django_capture_on_commit_callbacks(execute=True):
        permohonan_revision_request(permohonan=p, actor=officer, note=note, fields=["kk", "alamat"])
    page = client.get(reverse("ktp:detail", args=[p.pk])).content.decode()
    email = mail.outbox[-1].alternatives[0][0]
    for html in (page, email):
        assert "1. Foto KK buram.<br>2. Alamat &lt;b&gt;tanpa&lt;/b&gt; RT." in html


def test_withdraw_before_verification_once_the_citizen_confirms(client, warga):
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    url = reverse("ktp:withdraw", args=[p.pk])
    assert 'name="yakin"' in client.get(reverse("ktp:detail", args=[p.pk])).content.decode()
    body = client.post(url, follow=True).content.decode()
    assert "Centang kotak konfirmasi untuk membatalkan permohonan." in body
    p.refresh_from_db()
    assert p.status == Status.DIAJUKAN
    client.post(url, {"yakin": "1"})
    p.refresh_from_db()
    assert p.status == Status.DIBATALKAN


def test_permohonan_saya_runs_the_same_queries_for_1_and_30_rows(client, warga):
    permohonan_complete_draft(applicant=warga)
    client.get("/")  # the session's first request also reads the account's roles (once a minute)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("ktp:list"))
    for i in range(29):
        PermohonanKTP.objects.create(applicant=warga, jenis="baru", nik=f"35040210059{i:05d}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("ktp:list"))
    assert len(response.context["permohonan_list"]) == 30
    assert len(many) == len(one)


def test_pages_say_the_service_is_free_and_need_no_javascript(client):
    body = client.get(reverse("ktp:index")).content.decode()
    assert "Gratis" in body and "<script" not in body
    assert PDF  # the factories' sample document is a PDF


def test_the_second_click_of_a_double_click_on_ajukan_lands_on_the_confirmation(client, warga, monkeypatch):
    from ktp import views

    permohonan = permohonan_complete_draft(applicant=warga)
    submit = views.permohonan_submit

    def first_click_submits_meanwhile(*, permohonan, actor):
        submit(permohonan=PermohonanKTP.objects.get(pk=permohonan.pk), actor=actor)
        return submit(permohonan=permohonan, actor=actor)  # this click, on the row as it read it

    monkeypatch.setattr(views, "permohonan_submit", first_click_submits_meanwhile)
    response = client.post(reverse("ktp:periksa", args=[permohonan.pk]))
    assert response.status_code == 302
    assert response.url == reverse("ktp:konfirmasi", args=[permohonan.pk])
    permohonan.refresh_from_db()
    assert permohonan.status == Status.DIAJUKAN
    assert permohonan.riwayat_set.filter(to_status=Status.DIAJUKAN).count() == 1


def test_a_refused_submission_points_to_the_labelled_list_instead_of_repeating_bare_messages(client, warga):
    draft = permohonan_complete_draft(applicant=warga)
    draft.dokumen_set.all().delete()
    PermohonanKTP.objects.filter(pk=draft.pk).update(nama="", alamat="")
    response = client.post(reverse("ktp:periksa", args=[draft.pk]))
    banner = [str(message) for message in response.context["messages"]]
    assert banner == ["Permohonan belum bisa diajukan: lengkapi dulu yang tercantum di bawah."]
    body = response.content.decode()
    biodata_url = reverse("ktp:biodata", args=[draft.pk])
    for name, label in (("nama", "Nama"), ("alamat", "Alamat")):  # labelled, and linked to the question
        link = f'<a class="alert-link" href="{biodata_url}#id_{name}">{label}</a>'
        assert f"<li>{link}: Wajib diisi.</li>" in body


def test_a_citizen_correcting_an_application_may_move_the_office_day_and_a_passed_day_blocks_it(
    client, warga
):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    p = permohonan_revision_request(permohonan=p, actor=officer, note="KK buram", fields=["kk"])
    PermohonanKTP.objects.filter(pk=p.pk).update(
        appointment_date=timezone.localdate() - datetime.timedelta(1)
    )
    client.post(reverse("ktp:dokumen", args=[p.pk]), {"kk": pdf_upload("kk-jelas.pdf")})
    response = client.post(reverse("ktp:periksa", args=[p.pk]))
    assert "Jadwal ke kantor sudah lewat. Pilih tanggal baru." in response.content.decode()
    p.refresh_from_db()
    assert p.status == Status.PERLU_PERBAIKAN
    page = client.get(reverse("ktp:jadwal", args=[p.pk]))
    day = page.context["form"].fields["appointment_date"].choices[0][0]
    assert client.post(reverse("ktp:jadwal", args=[p.pk]), {"appointment_date": day}).status_code == 302
    client.post(reverse("ktp:periksa", args=[p.pk]))
    p.refresh_from_db()
    assert p.status == Status.DIAJUKAN and p.appointment_date.isoformat() == str(day)


def test_the_check_answers_page_names_what_is_missing_as_its_label_is_written(client):
    warga = UserFactory(role=Role.WARGA)
    permohonan = permohonan_complete_draft(applicant=warga, documents=(), rt="")
    client.force_login(warga)
    body = client.get(reverse("ktp:periksa", args=[permohonan.pk])).content.decode()
    # Read in the list of problems only: a random CSRF token may hold "Rt" too.
    assert '#id_rt">RT</a>: ' in body and ">Rt</a>: " not in body
    assert "(kk)</a>: " not in body and "Kartu Keluarga (KK)</a>: " in body


def test_a_new_card_refused_to_a_holder_shows_the_way_forward(client):
    import datetime

    from ktp.models import KTP, Penduduk

    warga = UserFactory(role=Role.WARGA)
    draft = permohonan_complete_draft(applicant=warga)
    penduduk = Penduduk.objects.create(nik=draft.nik, no_kk=draft.no_kk, nama="Siti Aminah")
    KTP.objects.create(penduduk=penduduk, blanko_serial="BLK-1", tanggal_terbit=datetime.date(2020, 3, 2))
    client.force_login(warga)
    body = client.get(reverse("ktp:periksa", args=[draft.pk])).content.decode()
    assert "sudah punya KTP-el aktif" in body
    assert f'href="{reverse("ktp:detail", args=[draft.pk])}">Batalkan permohonan ini' in body
    assert f'href="{reverse("ktp:start")}">Ajukan permohonan jenis lain' in body


def test_each_unfinished_answer_links_to_its_question(client, warga):
    from ktp.services import permohonan_draft_create, permohonan_identity_set

    draft = permohonan_draft_create(applicant=warga, jenis="baru")
    url = reverse("ktp:periksa", args=[draft.pk])
    labels = problems_link_to_their_questions(client, url)  # to the NIK, asked first
    assert {"NIK", "Nama", "Jenis kelamin", "Kartu Keluarga (KK)"} <= set(labels), labels
    permohonan_identity_set(permohonan=draft, nik="3504025005900001", no_kk="3504020101080001")
    labels = problems_link_to_their_questions(client, url)  # each to its own question
    assert {"Nama", "Desa/kelurahan", "Kecamatan layanan", "Kartu Keluarga (KK)"} <= set(labels)


def test_a_withdrawn_draft_is_listed_as_such(client, warga):
    applicant_withdraw(instance=permohonan_complete_draft(applicant=warga), actor=warga)
    body = client.get(reverse("ktp:list")).content.decode()
    assert "Draf dibatalkan" in body and "None" not in body


def test_a_kecamatan_whose_office_is_not_set_up_sends_the_citizen_back_to_choose(client, warga):
    from django.core.exceptions import ValidationError

    from ktp.models import LayananKecamatan
    from ktp.services import permohonan_slot_book

    draft = permohonan_complete_draft(applicant=warga)
    LayananKecamatan.objects.filter(kecamatan=draft.kecamatan).delete()
    response = client.get(reverse("ktp:jadwal", args=[draft.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("ktp:biodata", args=[draft.pk])
    assert "belum membuka jadwal layanan daring" in response.content.decode()
    with pytest.raises(ValidationError, match="belum membuka jadwal"):
        permohonan_slot_book(permohonan=draft, date=draft.appointment_date)
