import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from ktp.constants import Status
from ktp.models import KTP, PermohonanKTP
from ktp.services import permohonan_submit
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_applications():
    a, b = UserFactory(), UserFactory()
    boyolangu = permohonan_submit(permohonan=permohonan_complete_draft(applicant=a), actor=a)
    kedungwaru = permohonan_submit(
        permohonan=permohonan_complete_draft(
            applicant=b, kecamatan_code="35.04.03", nik="3504031005900002", jenis_kelamin="L"
        ),
        actor=b,
    )
    return boyolangu, kedungwaru


@pytest.fixture
def boyolangu_officer(client):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    client.force_login(officer)
    return officer


def test_queue_lists_own_kecamatan_with_masked_nik(client, boyolangu_officer, two_applications):
    boyolangu, kedungwaru = two_applications
    body = client.get(reverse("admin:ktp_permohonanktp_changelist")).content.decode()
    assert boyolangu.reference in body and kedungwaru.reference not in body
    assert "3504********0001" in body and boyolangu.nik not in body


def test_another_kecamatans_application_document_and_action_are_404(
    client, boyolangu_officer, two_applications
):
    _, kedungwaru = two_applications
    doc = kedungwaru.dokumen_set.get()
    # Django's answer for an object outside the admin's queryset, as README says: back to the admin's home.
    response = client.get(reverse("admin:ktp_permohonanktp_change", args=[kedungwaru.pk]), follow=True)
    assert response.redirect_chain == [(reverse("admin:index"), 302)]
    assert "tidak ada. Mungkin telah dihapus?" in response.content.decode()
    assert client.get(reverse("admin:ktp_dokumen", args=[kedungwaru.pk, doc.pk])).status_code == 404
    response = client.post(
        reverse("admin:ktp_aksi", args=[kedungwaru.pk, "verifikasi"]), {"status_seen": "diajukan"}
    )
    assert response.status_code == 404
    kedungwaru.refresh_from_db()
    assert kedungwaru.status == Status.DIAJUKAN


def test_own_document_downloads_privately(client, boyolangu_officer, two_applications):
    boyolangu, _ = two_applications
    doc = boyolangu.dokumen_set.get()
    response = client.get(reverse("admin:ktp_dokumen", args=[boyolangu.pk, doc.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_search_by_exact_reference_or_full_nik_only(client, boyolangu_officer, two_applications):
    boyolangu, _ = two_applications
    url = reverse("admin:ktp_permohonanktp_changelist")
    assert boyolangu.reference in client.get(url, {"q": boyolangu.reference}).content.decode()
    assert boyolangu.reference in client.get(url, {"q": boyolangu.nik}).content.decode()
    assert boyolangu.reference not in client.get(url, {"q": boyolangu.nik[:10]}).content.decode()


def test_buttons_move_the_application_and_a_stale_click_is_refused(
    client, boyolangu_officer, two_applications
):
    boyolangu, _ = two_applications
    change = reverse("admin:ktp_permohonanktp_change", args=[boyolangu.pk])
    page = client.get(change).content.decode()
    assert "Verifikasi" in page and 'name="_save"' not in page  # a change goes through a button only
    url = reverse("admin:ktp_aksi", args=[boyolangu.pk, "verifikasi"])
    client.post(url, {"status_seen": "diajukan"})
    boyolangu.refresh_from_db()
    assert boyolangu.status == Status.DIVERIFIKASI
    # A second click finds the step done, and says so without blaming anyone.
    body = client.post(url, {"status_seen": "diajukan"}, follow=True).content.decode()
    assert "sudah berstatus Terverifikasi" in body and "diubah orang lain" not in body
    reject = reverse("admin:ktp_aksi", args=[boyolangu.pk, "tolak"])
    # Another step from the page as it was is refused: the application moved meanwhile, by this
    # officer's own click (a colleague is told it was changed by someone else).
    response = client.post(reject, {"status_seen": "diajukan", "note": "Berkas palsu"}, follow=True)
    assert "sudah Anda proses; statusnya kini Terverifikasi" in response.content.decode()
    response = client.post(reject, {"status_seen": "diverifikasi", "note": ""}, follow=True)
    assert "alasan penolakan" in response.content.decode()
    boyolangu.refresh_from_db()
    assert boyolangu.status == Status.DIVERIFIKASI


def test_change_page_shows_the_biodata_and_every_status_change(client, boyolangu_officer, two_applications):
    boyolangu, _ = two_applications
    client.post(reverse("admin:ktp_aksi", args=[boyolangu.pk, "verifikasi"]), {"status_seen": "diajukan"})
    page = client.get(reverse("admin:ktp_permohonanktp_change", args=[boyolangu.pk])).content.decode()
    assert boyolangu.nik in page and boyolangu.nama in page and boyolangu.desa.name in page
    history = page.split('id="riwayat-status"')[1]
    assert history.index("Diajukan") < history.index("Terverifikasi")
    assert boyolangu_officer.name in history


def test_queue_runs_the_same_number_of_queries_for_1_and_several_rows(
    client, boyolangu_officer, two_applications
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("admin:ktp_permohonanktp_changelist")
    boyolangu, _ = two_applications
    client.get(url)  # the first page of a session also writes the session row
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert response.context["cl"].result_count == 1
    for i in range(10, 39):
        u = UserFactory()
        permohonan_submit(
            permohonan=permohonan_complete_draft(applicant=u, nik=f"35040210059000{i}", jenis_kelamin="L"),
            actor=u,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.context["cl"].result_count == 30
    assert len(many) == len(one)


def test_assign_to_me_and_release(client, boyolangu_officer, two_applications):
    boyolangu, _ = two_applications
    url = reverse("admin:ktp_tugaskan", args=[boyolangu.pk])
    client.post(url, {"officer": "me"})
    boyolangu.refresh_from_db()
    assert boyolangu.assigned_to == boyolangu_officer
    client.post(url, {"officer": "none"})
    boyolangu.refresh_from_db()
    assert boyolangu.assigned_to is None
    # A double click on either button: the second finds it done.
    for officer, said in (("me", "Permohonan kini Anda tangani"), ("none", "Penugasan dilepas")):
        seen = "" if officer == "me" else str(boyolangu_officer.pk)
        client.post(url, {"officer": officer, "assigned_seen": seen})
        body = client.post(url, {"officer": officer, "assigned_seen": seen}, follow=True).content.decode()
        assert said in body and "diubah orang lain" not in body


def test_a_closed_application_offers_no_assignment_and_refuses_one(
    client, boyolangu_officer, two_applications
):
    boyolangu, _ = two_applications
    change = reverse("admin:ktp_permohonanktp_change", args=[boyolangu.pk])
    assert "Tangani sendiri" in client.get(change).content.decode()
    boyolangu.status = Status.DITOLAK
    boyolangu.save()
    assert "Tangani sendiri" not in client.get(change).content.decode()
    response = client.post(reverse("admin:ktp_tugaskan", args=[boyolangu.pk]), {"officer": "me"}, follow=True)
    boyolangu.refresh_from_db()
    assert boyolangu.assigned_to is None
    assert "sudah selesai atau ditutup" in response.content.decode()


def test_a_reschedule_from_a_page_drawn_before_a_colleagues_is_refused(client, boyolangu_officer):
    import re

    from ktp.models import LayananKecamatan
    from ktp.services import permohonan_reschedule, slot_days_offered
    from tests.factories.ktp import permohonan_verified

    verified = permohonan_verified()
    change = reverse("admin:ktp_permohonanktp_change", args=[verified.pk])
    seen = re.search(r'name="updated_seen" value="([^"]+)"', client.get(change).content.decode())[1]
    layanan = LayananKecamatan.objects.get(kecamatan=verified.kecamatan)
    days = [d for d in slot_days_offered(layanan=layanan) if d != verified.appointment_date]
    permohonan_reschedule(permohonan=verified, actor=UserFactory(), date=days[0])  # a colleague, meanwhile
    url = reverse("admin:ktp_aksi", args=[verified.pk, "jadwalkan_ulang"])
    post = {"status_seen": "diverifikasi", "updated_seen": seen, "date": days[1].isoformat(), "note": ""}
    response = client.post(url, post, follow=True)
    assert "baru saja diubah orang lain" in response.content.decode()
    verified.refresh_from_db()
    assert verified.appointment_date == days[0]
    # From the page as it is now, the new day is taken.
    post["updated_seen"] = verified.updated_at.isoformat()
    client.post(url, post)
    verified.refresh_from_db()
    assert verified.appointment_date == days[1]


def test_officers_see_only_residents_and_cards_of_their_kecamatan(client, boyolangu_officer):
    from ktp.models import Penduduk
    from portal.wilayah.models import Desa

    here = Penduduk.objects.create(
        nik="3504021005900011", nama="Warga Boyolangu", desa=Desa.objects.get(code="35.04.02.2001")
    )
    there = Penduduk.objects.create(
        nik="3504031005900012", nama="Warga Kedungwaru", desa=Desa.objects.get(code="35.04.03.2001")
    )
    KTP.objects.create(penduduk=there, blanko_serial="B-THERE", tanggal_terbit="2020-01-01")
    body = client.get(reverse("admin:ktp_penduduk_changelist")).content.decode()
    assert here.nama in body and there.nama not in body
    assert client.get(reverse("admin:ktp_penduduk_change", args=[there.pk])).status_code in (302, 404)
    assert "B-THERE" not in client.get(reverse("admin:ktp_ktp_changelist")).content.decode()


def test_the_change_page_fetches_what_it_shows_with_the_application(
    client, boyolangu_officer, two_applications
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    boyolangu, _kedungwaru = two_applications
    url = reverse("admin:ktp_permohonanktp_change", args=[boyolangu.pk])
    client.get(url)  # the session's first page: the sliding expiry and second-factor check
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200 and boyolangu.desa.name in page.content.decode()
    tables = [q["sql"].split(" FROM ", 1)[1].split()[0] for q in queries if q["sql"].startswith("SELECT")]
    assert '"wilayah_desa"' not in tables and '"ktp_pekerjaan"' not in tables


@pytest.mark.parametrize("status_seen", ["diverifikasi", ""])
def test_a_hand_made_request_for_a_button_the_status_does_not_offer_changes_nothing(
    client, boyolangu_officer, two_applications, status_seen
):
    # Verified already: "Verifikasi" is not offered, and verified -> verified is the engine's reschedule.
    boyolangu, _ = two_applications
    client.post(reverse("admin:ktp_aksi", args=[boyolangu.pk, "verifikasi"]), {"status_seen": "diajukan"})
    rows = boyolangu.riwayat_set.count()
    verify_again = reverse("admin:ktp_aksi", args=[boyolangu.pk, "verifikasi"])
    body = client.post(verify_again, {"status_seen": status_seen}, follow=True).content.decode()
    assert "Tindakan ini tidak tersedia untuk permohonan ini sekarang." in body
    assert boyolangu.riwayat_set.count() == rows


def test_dispendukcapil_sees_and_filters_each_applications_kecamatan(client, two_applications):
    boyolangu, kedungwaru = two_applications
    client.force_login(UserFactory(role=Role.PETUGAS_DISPENDUKCAPIL))
    url = reverse("admin:ktp_permohonanktp_changelist")
    page = client.get(url).content.decode()
    assert 'nowrap">Boyolangu<' in page and 'nowrap">Kedungwaru<' in page
    only = client.get(url, {"kecamatan__id__exact": kedungwaru.kecamatan_id}).content.decode()
    assert kedungwaru.reference in only and boyolangu.reference not in only


def test_the_kecamatan_filter_offers_no_empty_choice_which_no_submitted_application_has(
    client, two_applications
):
    client.force_login(UserFactory(role=Role.PETUGAS_DISPENDUKCAPIL))
    page = client.get(reverse("admin:ktp_permohonanktp_changelist")).content.decode()
    assert "kecamatan__id__exact=" in page and "kecamatan__isnull" not in page


def test_a_kecamatan_officer_gets_no_kecamatan_column_or_filter(client, boyolangu_officer, two_applications):
    page = client.get(reverse("admin:ktp_permohonanktp_changelist")).content.decode()
    assert "field-kecamatan" not in page and "kecamatan__id__exact" not in page


def test_the_queue_filters_the_office_visits_ahead(client, boyolangu_officer, two_applications):
    boyolangu, _ = two_applications
    url = reverse("admin:ktp_permohonanktp_changelist")
    PermohonanKTP.objects.filter(pk=boyolangu.pk).update(appointment_date=today() + timedelta(days=1))
    assert boyolangu.reference in client.get(url, {"jadwal": "besok"}).content.decode()
    assert boyolangu.reference in client.get(url, {"jadwal": "7_hari"}).content.decode()
    assert boyolangu.reference not in client.get(url, {"jadwal": "hari_ini"}).content.decode()
    assert boyolangu.reference not in client.get(url, {"jadwal": "lewat"}).content.decode()


def test_the_missed_visits_are_those_whose_day_passed_before_anyone_came(
    client, boyolangu_officer, two_applications
):
    boyolangu, _ = two_applications
    url = reverse("admin:ktp_permohonanktp_changelist")
    PermohonanKTP.objects.filter(pk=boyolangu.pk).update(appointment_date=today() - timedelta(days=1))
    assert boyolangu.reference in client.get(url, {"jadwal": "lewat"}).content.decode()
    came = PermohonanKTP.objects.get(pk=boyolangu.pk)
    came.status = Status.DIREKAM
    came.save(update_fields=["status"])  # a save, as the workflow's: the kept queue table is renewed
    assert boyolangu.reference not in client.get(url, {"jadwal": "lewat"}).content.decode()


def test_the_queue_opens_on_open_applications_and_a_status_or_search_finds_the_closed(
    client, boyolangu_officer, two_applications
):
    done, _ = two_applications
    citizen = UserFactory()
    draft = permohonan_complete_draft(applicant=citizen, nik="3504021005900002", jenis_kelamin="L")
    still_open = permohonan_submit(permohonan=draft, actor=citizen)
    done.status = Status.SELESAI
    done.save(update_fields=["status"])  # as the workflow saves: the kept queue table is renewed
    url = reverse("admin:ktp_permohonanktp_changelist")
    page = client.get(url).content.decode()
    assert still_open.reference in page and done.reference not in page
    for query in (
        {"selesai": "semua"},
        {"selesai": "sudah"},
        {"status__exact": "selesai"},
        {"q": done.reference},
    ):
        assert done.reference in client.get(url, query).content.decode(), query
    assert done.reference not in client.get(url, {"selesai": "belum"}).content.decode()


def test_a_revision_request_offers_only_the_documents_the_application_needs(
    client, boyolangu_officer, two_applications
):
    boyolangu, _ = two_applications  # a first card: the KK only
    page = client.get(reverse("admin:ktp_permohonanktp_change", args=[boyolangu.pk])).content.decode()
    assert 'name="fields" value="kk"' in page and 'name="fields" value="alamat"' in page
    assert 'name="fields" value="surat_kehilangan"' not in page and 'name="fields" value="paspor"' not in page


def test_the_status_filter_offers_no_draf_which_no_queue_shows(client, boyolangu_officer, two_applications):
    page = client.get(reverse("admin:ktp_permohonanktp_changelist")).content.decode()
    assert "status__exact=diajukan" in page and "status__exact=draf" not in page


def test_each_status_counts_what_choosing_it_lists(client, boyolangu_officer, two_applications):
    # Choosing a status lifts the queue's default (the open applications): so must its count.
    done, _ = two_applications
    done.status = Status.SELESAI
    done.save(update_fields=["status"])
    url = reverse("admin:ktp_permohonanktp_changelist")
    page = client.get(url, {"_facets": "True"}).content.decode()
    assert re.search(r'status__exact=selesai"[^>]*>\s*Selesai \(1\)', page)
    assert done.reference in client.get(url, {"_facets": "True", "status__exact": "selesai"}).content.decode()
    explicit = client.get(url, {"_facets": "True", "selesai": "belum"}).content.decode()
    assert re.search(r'status__exact=selesai"[^>]*>\s*Selesai \(0\)', explicit)


def test_the_residents_list_names_its_nik_column(client, boyolangu_officer):
    from ktp.models import Penduduk
    from portal.wilayah.models import Desa

    Penduduk.objects.create(nik="3504021005900011", nama="Warga", desa=Desa.objects.get(code="35.04.02.2001"))
    body = client.get(reverse("admin:ktp_penduduk_changelist")).content.decode()
    assert "3504********0011" in body and "Nik masked" not in body


def test_the_access_log_the_citizen_reads_is_written_in_the_portals_language(
    client, boyolangu_officer, two_applications
):
    # An officer working in English: the citizen's "Data saya" still reads the portal's language.
    from ktp.models import Penduduk
    from portal.audit.models import AksesData
    from portal.wilayah.models import Desa

    boyolangu, _ = two_applications
    doc = boyolangu.dokumen_set.get()
    resident = Penduduk.objects.create(
        nik="3504021005900011", nama="Warga", desa=Desa.objects.get(code="35.04.02.2001")
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.get(reverse("admin:ktp_dokumen", args=[boyolangu.pk, doc.pk]))
    client.get(reverse("admin:ktp_penduduk_change", args=[resident.pk]))
    card = KTP.objects.create(penduduk=resident, blanko_serial="B-LOG", tanggal_terbit="2020-01-01")
    client.get(reverse("admin:ktp_ktp_change", args=[card.pk]))  # a card shows its holder's name and NIK
    assert list(AksesData.objects.order_by("pk").values_list("description", flat=True)) == [
        f"{boyolangu.reference}: Kartu Keluarga (KK)",
        "Penduduk 3504********0011",
        "KTP-el 3504********0011",
    ]


def test_every_box_of_the_issue_and_reject_buttons_says_what_to_type(
    client, boyolangu_officer, two_applications
):
    from ktp.constants import Status

    boyolangu, _ = two_applications
    url = reverse("admin:ktp_permohonanktp_change", args=[boyolangu.pk])
    for status, box in ((Status.DIAJUKAN, "note"), (Status.DIREKAM, "blanko_serial")):
        PermohonanKTP.objects.filter(pk=boyolangu.pk).update(status=status)
        page = client.get(url).content.decode()
        tag = page[page.index(f'name="{box}"') :].split(">")[0]
        described_by = tag.split('aria-describedby="')[1].split('"')[0]
        assert f'<div class="help" id="{described_by}">' in page
    assert "huruf, angka atau tanda hubung" in page


def test_a_refused_button_gives_back_what_the_officer_typed(client, boyolangu_officer, two_applications):
    boyolangu, _ = two_applications
    url = reverse("admin:ktp_aksi", args=[boyolangu.pk, "minta_perbaikan"])
    note = "Foto KK buram di bagian kanan bawah; mohon unggah ulang hasil pindaian."
    body = client.post(url, {"status_seen": "diajukan", "note": note}, follow=True).content.decode()
    assert "Pilih paling sedikit satu" in body  # no field ticked: refused
    form = body.split('name="action" value="minta_perbaikan"')[0].rsplit("<form", 1)[1]
    assert f">{note}</textarea>" in form
    # Given back once: the page opened again is fresh.
    again = client.get(reverse("admin:ktp_permohonanktp_change", args=[boyolangu.pk])).content.decode()
    assert note not in again
    # A ticked field comes back ticked.
    client.post(url, {"status_seen": "diajukan", "note": "", "fields": ["nama"]})
    page = client.get(reverse("admin:ktp_permohonanktp_change", args=[boyolangu.pk])).content.decode()
    form = page.split('name="action" value="minta_perbaikan"')[0].rsplit("<form", 1)[1]
    assert 'value="nama" checked' in form
