import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from koordinasi.constants import Sifat, Status
from koordinasi.models import Disposisi, Naskah, TandaBaca
from koordinasi.services import disposisi_give, naskah_open
from portal.accounts.roles import Role
from portal.verification.models import IssuedDocument
from portal.wilayah.models import Instansi
from tests.factories import UserFactory
from tests.factories.koordinasi import PDF, naskah_sent, pdf_upload

pytestmark = pytest.mark.django_db


def compose_post(client, button, **fields):
    data = {
        "jenis": "nota_dinas",
        "sifat": "segera",
        "klasifikasi": "biasa",
        "kode_klasifikasi": "000.8.3",
        "perihal": "Rapat koordinasi OSS",
        "isi": "Mohon hadir **Senin** pukul 09.00.",
        "format": "markdown",
        button: "1",
        **fields,
    }
    return client.post(reverse("koordinasi:compose"), data)


def test_compose_and_send(client, a, b):
    client.force_login(a)
    response = compose_post(client, "kirim", kepada_instansi=[b.instansi.pk], lampiran=[pdf_upload()])
    naskah = Naskah.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "koordinasi:detail", args=[naskah.pk]
    )
    assert naskah.status == Status.TERKIRIM and naskah.nomor.startswith("000.8.3/1/DPMPTSP/")
    assert naskah.lampiran_set.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "<strong>Senin</strong>" in page


def test_compose_as_draft_then_send(client, a, b):
    client.force_login(a)
    response = compose_post(client, "simpan", kepada_pegawai=[b.pk])
    naskah = Naskah.objects.get()
    assert naskah.status == Status.DRAF and not naskah.nomor
    assert response["Location"] == reverse("koordinasi:draft_edit", args=[naskah.pk])
    assert "Rapat koordinasi OSS" in client.get(reverse("koordinasi:drafts")).content.decode()
    client.post(reverse("koordinasi:draft_send", args=[naskah.pk]))
    naskah.refresh_from_db()
    assert naskah.status == Status.TERKIRIM


def test_enter_in_a_field_saves_the_draft_and_never_sends(client, a, b):
    import re

    client.force_login(a)
    form = client.get(reverse("koordinasi:compose")).content.decode()
    form = form[form.index('enctype="multipart/form-data"') :]
    # The browser presses the form's first submit button: it carries no "kirim".
    first = re.search(r"<button[^>]*type=\"submit\"[^>]*>", form).group(0)
    assert 'name="kirim"' not in first
    compose_post(client, "enter", kepada_pegawai=[b.pk])  # what that button posts: no button name
    assert Naskah.objects.get().status == Status.DRAF


def test_send_without_addressee_shows_the_reason_and_keeps_nothing(client, a):
    client.force_login(a)
    response = compose_post(client, "kirim")
    assert response.status_code == 200
    assert "Kepada" in response.content.decode()
    assert not Naskah.objects.exists()


def test_a_memo_only_to_agencies_with_no_officer_in_the_portal_is_refused_and_named(client, a):
    client.force_login(a)
    capil = Instansi.objects.get(code="DISPENDUKCAPIL")  # no officer of theirs is in the portal
    form = client.get(reverse("koordinasi:compose")).content.decode()
    assert f"{capil.name} (belum ada pegawai di portal)" in form
    response = compose_post(client, "kirim", kepada_instansi=[capil.pk])
    assert response.status_code == 200 and not Naskah.objects.exists()
    reason = f"Belum ada pegawai aktif di portal pada instansi tujuan ({capil.name})"
    assert reason in response.content.decode()


def test_a_memo_sent_also_to_an_agency_with_no_officer_says_which_did_not_get_it(client, a, b):
    client.force_login(a)
    capil = Instansi.objects.get(code="DISPENDUKCAPIL")
    response = compose_post(client, "kirim", kepada_instansi=[b.instansi.pk], tembusan_instansi=[capil.pk])
    assert Naskah.objects.get().status == Status.TERKIRIM
    page = client.get(response["Location"]).content.decode()
    assert "Naskah terkirim dengan nomor" in page
    assert f"Belum ada pegawai di portal pada {capil.name}" in page
    assert b.instansi.name not in page.split("Belum ada pegawai di portal pada")[1].split("</div>")[0]


def test_an_addressee_deactivated_after_the_draft_is_named_not_silently_dropped(client, a, b, b2):
    client.force_login(a)
    compose_post(client, "simpan", kepada_pegawai=[b.pk], tembusan_pegawai=[b2.pk])
    draft = Naskah.objects.get()
    b2.is_active = False
    b2.save()
    page = client.get(reverse("koordinasi:draft_edit", args=[draft.pk])).content.decode()
    assert f"tidak lagi menjadi tujuan draf ini: {b2.get_full_name()}" in page
    response = client.post(reverse("koordinasi:draft_send", args=[draft.pk]), follow=True)
    draft.refresh_from_db()
    assert draft.status == Status.DRAF and draft.nomor == ""
    assert f"Sudah tidak aktif di portal: {b2.get_full_name()}" in response.content.decode()


def test_an_agency_deactivated_after_the_draft_is_named_as_its_officers_are(client, a, b, c):
    client.force_login(a)
    compose_post(client, "simpan", kepada_instansi=[b.instansi.pk], tembusan_pegawai=[c.pk])
    draft = Naskah.objects.get()
    Instansi.objects.filter(pk__in=[b.instansi.pk, c.instansi.pk]).update(is_active=False)
    page = client.get(reverse("koordinasi:draft_edit", args=[draft.pk])).content.decode()
    warning = page.split("tidak lagi menjadi tujuan draf ini:")[1].split("</div>")[0]
    assert b.instansi.name in warning and c.get_full_name() in warning


def test_a_refused_memo_names_the_attachments_to_choose_again(client, a):
    client.force_login(a)
    response = compose_post(client, "kirim", lampiran=[pdf_upload("notulen <rapat>.pdf")])  # no addressee
    body = response.content.decode()
    assert "Berkas belum tersimpan: notulen &lt;rapat&gt;.pdf. Pilih lagi berkasnya." in body
    assert not Naskah.objects.exists()


def test_more_attachments_than_one_request_carries_are_refused_and_the_limit_is_said(client, a, b, settings):
    client.force_login(a)
    many = [pdf_upload(f"lampiran-{i}.pdf") for i in range(settings.DOCUMENTS_PER_REQUEST + 1)]
    body = compose_post(client, "kirim", kepada_instansi=[b.instansi.pk], lampiran=many).content.decode()
    assert f"Paling banyak {settings.DOCUMENTS_PER_REQUEST} lampiran sekali kirim." in body
    assert not Naskah.objects.exists()
    assert f"paling banyak {settings.DOCUMENTS_PER_REQUEST} sekali kirim" in body  # in the field's help
    fresh = [pdf_upload(f"lampiran-{i}.pdf") for i in range(settings.DOCUMENTS_PER_REQUEST)]
    compose_post(client, "kirim", kepada_instansi=[b.instansi.pk], lampiran=fresh)
    assert Naskah.objects.get().lampiran_set.count() == settings.DOCUMENTS_PER_REQUEST


def test_a_body_longer_than_any_memo_is_refused_and_kept_in_the_form(client, a, b):
    from koordinasi.constants import ISI_MAX_CHARS

    client.force_login(a)
    body = compose_post(client, "kirim", kepada_instansi=[b.instansi.pk], isi="a" * (ISI_MAX_CHARS + 1))
    page = body.content.decode()
    assert body.status_code == 200 and not Naskah.objects.exists()
    assert f"{ISI_MAX_CHARS}" in page.replace(".", "").replace(",", "")  # the message names the limit
    assert f'maxlength="{ISI_MAX_CHARS}"' in page


def test_bad_attachment_is_refused_with_a_message(client, a, b):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(a)
    bad = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = compose_post(client, "kirim", kepada_instansi=[b.instansi.pk], lampiran=[bad])
    assert response.status_code == 200
    assert "tidak diterima" in response.content.decode()
    assert not Naskah.objects.exists()


def test_read_receipts_per_recipient(client, a, b, b2, c):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], to_officers=[c])
    client.force_login(b)
    client.get(reverse("koordinasi:detail", args=[naskah.pk]))
    client.get(reverse("koordinasi:detail", args=[naskah.pk]))
    receipt = TandaBaca.objects.get()
    assert (receipt.pembaca, receipt.instansi) == (b, b.instansi)
    client.force_login(a)
    page = client.get(reverse("koordinasi:detail", args=[naskah.pk])).content.decode()
    assert TandaBaca.objects.count() == 1  # the sender's own open is no receipt
    table = page[page.index('id="tanda-baca"') :]
    assert "Budi Penerima" in table and "Belum dibaca" in table  # Bagian Umum read; C did not
    client.force_login(b)
    assert (
        'id="tanda-baca"' not in client.get(reverse("koordinasi:detail", args=[naskah.pk])).content.decode()
    )


def test_inbox_unread_count_and_filters(client, a, b):
    urgent = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], sifat=Sifat.SANGAT_SEGERA, perihal="Banjir")
    plain = naskah_sent(sender=a, to_officers=[b], perihal="Undangan senam")
    Naskah.objects.filter(pk=urgent.pk).update(due_at=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(b)
    inbox = reverse("koordinasi:index")
    assert client.get(inbox).context["counts"] == {"semua": 2, "saya": 1, "instansi": 1}

    def listed(**params):
        return [n.pk for n in client.get(inbox, params).context["naskah_list"]]

    assert listed(sifat="sangat_segera") == [urgent.pk]
    assert listed(kotak="saya") == [plain.pk]
    assert listed(kotak="instansi") == [urgent.pk]
    assert listed(perlu_tindakan="on") == [urgent.pk]
    assert listed(terlambat="on") == [urgent.pk]
    assert listed(q="senam") == [plain.pk]
    assert listed(q=urgent.nomor) == [urgent.pk]
    assert listed(q="Ahmad") == [plain.pk, urgent.pk]
    naskah_open(naskah=plain, user=b)
    assert listed(belum_dibaca="on") == [urgent.pk]
    assert client.get(inbox).context["counts"]["semua"] == 1


def test_sent_list_shows_read_count(client, a, b):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    naskah_open(naskah=naskah, user=b)
    client.force_login(a)
    rows = list(client.get(reverse("koordinasi:sent")).context["naskah_list"])
    assert [(n.pk, n.read_count) for n in rows] == [(naskah.pk, 1)]


def test_the_sent_list_counts_the_readers_the_memo_page_lists(client, a, b, b2):
    # To Budi by name; Bayu, of the same agency, reads it through Budi's disposisi: not an addressee.
    naskah = naskah_sent(sender=a, to_officers=[b])
    naskah_open(naskah=naskah, user=b)
    disposisi_give(naskah=naskah, actor=b, kepada=b2, instruksi="tindak_lanjuti")
    naskah_open(naskah=naskah, user=b2)
    client.force_login(a)
    rows = list(client.get(reverse("koordinasi:sent")).context["naskah_list"])
    assert [(n.pk, n.read_count) for n in rows] == [(naskah.pk, 1)]
    receipts = client.get(reverse("koordinasi:detail", args=[naskah.pk])).context["receipts"]
    assert [[t.pembaca for t in row["readers"]] for row in receipts] == [[b]]


def test_disposisi_chain_through_the_pages(client, a, b, b2):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    third = b.__class__.objects.create(email="b3@umum.contoh.id", name="Bagus Ketiga", instansi=b.instansi)
    client.force_login(b)
    due = timezone.localdate() + datetime.timedelta(days=2)
    client.post(
        reverse("koordinasi:disposisi", args=[naskah.pk]),
        {"kepada": b2.pk, "instruksi": "tindak_lanjuti", "batas_waktu": due.isoformat(), "catatan": "Segera"},
    )
    first = Disposisi.objects.get()
    assert (first.dari, first.kepada, first.batas_waktu, first.induk) == (b, b2, due, None)

    client.force_login(b2)
    assert [
        n.pk for n in client.get(reverse("koordinasi:index"), {"perlu_tindakan": "on"}).context["naskah_list"]
    ] == [naskah.pk]
    client.post(
        reverse("koordinasi:disposisi", args=[naskah.pk]),
        {"kepada": third.pk, "instruksi": "untuk_diketahui"},
    )
    second = Disposisi.objects.latest("id")
    assert second.induk == first  # disposisi lanjutan continues the chain
    page = client.get(reverse("koordinasi:detail", args=[naskah.pk])).content.decode()
    assert "Bagus Ketiga" in page[page.index('id="disposisi"') :]

    client.post(
        reverse("koordinasi:disposisi_done", args=[first.pk]), {"selesai-catatan": "Sudah dikoordinasikan."}
    )
    first.refresh_from_db()
    assert first.selesai_at is not None and first.catatan_selesai == "Sudah dikoordinasikan."

    client.force_login(a)  # the sender is no participant of Bagian Umum's chain
    page = client.get(reverse("koordinasi:detail", args=[naskah.pk])).content.decode()
    assert 'id="disposisi"' not in page


def test_disposisi_only_within_own_agency_and_done_only_by_its_receiver(client, a, b, b2, c):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    client.force_login(b)
    client.post(
        reverse("koordinasi:disposisi", args=[naskah.pk]), {"kepada": c.pk, "instruksi": "tindak_lanjuti"}
    )
    assert not Disposisi.objects.exists()
    disposisi = disposisi_give(naskah=naskah, actor=b, kepada=b2, instruksi="tindak_lanjuti")
    assert client.post(reverse("koordinasi:disposisi_done", args=[disposisi.pk])).status_code == 404
    disposisi.refresh_from_db()
    assert disposisi.selesai_at is None


def test_sender_cannot_dispose_own_memo(client, a, a2, b):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    client.force_login(a)
    client.post(
        reverse("koordinasi:disposisi", args=[naskah.pk]), {"kepada": a2.pk, "instruksi": "tindak_lanjuti"}
    )
    assert not Disposisi.objects.exists()


def test_reply_through_the_page(client, a, b):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    client.force_login(b)
    response = client.post(reverse("koordinasi:reply", args=[naskah.pk]), {"isi": "Siap.", "format": "teks"})
    balasan = Naskah.objects.get(balasan_untuk=naskah)
    assert response["Location"] == reverse("koordinasi:detail", args=[balasan.pk])
    client.force_login(a)
    assert [n.pk for n in client.get(reverse("koordinasi:index")).context["naskah_list"]] == [balasan.pk]
    page = client.get(reverse("koordinasi:detail", args=[naskah.pk])).content.decode()
    assert balasan.nomor in page  # the thread


def test_export_is_a_verifiable_pdf(client, a, b):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], files=[pdf_upload()])
    client.force_login(b)
    response = client.get(reverse("koordinasi:export", args=[naskah.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    document = IssuedDocument.objects.get(kind=IssuedDocument.Kind.NASKAH_DINAS)
    assert document.reference == naskah.nomor and document.target == naskah
    assert client.get(document.get_absolute_url()).status_code == 200


def test_attachment_download_serves_the_file(client, a, b):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], files=[pdf_upload("surat.pdf")])
    client.force_login(b)
    response = client.get(reverse("koordinasi:attachment", args=[naskah.pk, naskah.lampiran_set.get().pk]))
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]


def test_a_subject_and_an_attachment_name_lose_their_direction_reversing_characters(client, a, b):
    upload = pdf_upload("laporan\u202efdp.docx")  # reads "laporanxcod.pdf": a PDF named as a document
    perihal = "Rapat \u202ekutnu\u202c anggaran"
    naskah = naskah_sent(sender=a, to_officers=[b], perihal=perihal, files=[upload])
    lampiran = naskah.lampiran_set.get()
    assert naskah.perihal == "Rapat kutnu anggaran"
    assert lampiran.nama == "laporanfdp.pdf" and lampiran.berkas.name.endswith(".pdf")
    client.force_login(b)
    response = client.get(reverse("koordinasi:attachment", args=[naskah.pk, lampiran.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="laporanfdp.pdf"' in response["Content-Disposition"]


def test_a_rahasia_attachment_is_logged_by_its_number_not_its_name(client, a, b):
    from koordinasi.models import LogAkses

    rahasia = naskah_sent(
        sender=a, to_officers=[b], klasifikasi="rahasia", files=[pdf_upload("hasil-tes-Budi.pdf")]
    )
    biasa = naskah_sent(sender=a, to_officers=[b], files=[pdf_upload("undangan.pdf")])
    client.force_login(b)
    for naskah in (rahasia, biasa):
        client.get(reverse("koordinasi:attachment", args=[naskah.pk, naskah.lampiran_set.get().pk]))
    logged = dict(LogAkses.objects.filter(aksi="lampiran").values_list("naskah_id", "keterangan"))
    assert logged == {rahasia.pk: f"lampiran #{rahasia.lampiran_set.get().pk}", biasa.pk: "undangan.pdf"}


@pytest.mark.parametrize("name", ["koordinasi:index", "koordinasi:sent"])
def test_a_forged_search_shows_its_error_and_no_memo(client, a, b, name):
    naskah_sent(sender=a, to_officers=[b])
    client.force_login(b if name == "koordinasi:index" else a)
    assert "Koordinasi pelayanan perizinan" in client.get(reverse(name)).content.decode()
    body = client.get(reverse(name), {"q": "x" * 101, "belum_dibaca": "on"}).content.decode()
    assert "Koordinasi pelayanan perizinan" not in body
    assert "paling banyak 100 karakter" in body


def test_home_page_links_the_inbox_for_officers(client, a):
    client.force_login(a)
    assert reverse("koordinasi:index") in client.get("/").content.decode()


def test_the_navigation_offers_no_inbox_to_staff_bound_to_no_agency(client):
    client.force_login(UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02"))
    assert client.get(reverse("koordinasi:index")).status_code == 403
    assert reverse("koordinasi:index") not in client.get(reverse("public:track")).content.decode()


def test_the_home_pages_link_asks_a_visitor_to_sign_in_and_tells_a_citizen_what_the_service_is(client):
    inbox = reverse("koordinasi:index")
    assert f'href="{inbox}"' in client.get("/").content.decode()  # listed for everyone
    response = client.get(inbox)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    client.force_login(UserFactory(role=Role.WARGA))
    response = client.get(inbox)
    body = response.content.decode()
    assert response.status_code == 403
    assert "Nota dinas dan surat antarinstansi untuk pegawai Pemerintah Kabupaten." in body
    assert "hanya untuk pegawai yang terdaftar pada sebuah instansi" in body


def test_compose_starts_with_the_agency_default_classification_code(client, a):
    from koordinasi.models import PolaPenomoran

    PolaPenomoran.objects.create(instansi=a.instansi, kode_klasifikasi_bawaan="500.16.7")
    client.force_login(a)
    assert client.get(reverse("koordinasi:compose")).context["form"]["kode_klasifikasi"].value() == "500.16.7"


def test_a_memo_posted_while_its_first_post_is_sent_goes_to_the_sent_box(client, a, b):
    from portal.submissions import Submission

    client.force_login(a)
    first = Submission(namespace="koordinasi", user=a, token="t" * 32, pending=reverse("koordinasi:sent"))
    first.earlier()  # the first post claimed the token, still sending
    response = compose_post(client, "kirim", kepada_instansi=[b.instansi.pk], submit_token="t" * 32)
    assert response["Location"] == reverse("koordinasi:sent")
    assert not Naskah.objects.exists()


@pytest.mark.parametrize("button", ["kirim", "simpan"])
def test_an_unexpected_failure_releases_the_form_for_its_retry(client, a, b, monkeypatch, button):
    from koordinasi import views

    client.force_login(a)
    token = client.get(reverse("koordinasi:compose")).context["form"]["submit_token"].value()

    def broken(**kwargs):
        raise RuntimeError("database connection lost")

    service = "naskah_compose_send" if button == "kirim" else "naskah_draft_save"
    with monkeypatch.context() as patch:
        patch.setattr(views, service, broken)
        with pytest.raises(RuntimeError):
            compose_post(client, button, kepada_instansi=[b.instansi.pk], submit_token=token)
    assert not Naskah.objects.exists()

    retry = compose_post(client, button, kepada_instansi=[b.instansi.pk], submit_token=token)
    naskah = Naskah.objects.get()  # the retry was acted on, not sent to "Terkirim" as a double click
    expected = "koordinasi:detail" if button == "kirim" else "koordinasi:draft_edit"
    assert retry["Location"] == reverse(expected, args=[naskah.pk])


def test_an_unexpected_failure_of_a_reply_releases_the_form_for_its_retry(client, a, b, monkeypatch):
    from koordinasi import views

    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    client.force_login(b)
    page = client.get(reverse("koordinasi:detail", args=[naskah.pk]))
    data = {
        "isi": "Siap.",
        "format": "teks",
        "submit_token": page.context["balas_form"]["submit_token"].value(),
    }

    def broken(**kwargs):
        raise RuntimeError("database connection lost")

    with monkeypatch.context() as patch:
        patch.setattr(views, "naskah_reply", broken)
        with pytest.raises(RuntimeError):
            client.post(reverse("koordinasi:reply", args=[naskah.pk]), data)

    retry = client.post(reverse("koordinasi:reply", args=[naskah.pk]), data)
    balasan = Naskah.objects.get(balasan_untuk=naskah)
    assert retry["Location"] == reverse("koordinasi:detail", args=[balasan.pk])


def test_the_row_markers_follow_the_same_rules_as_the_filters(client, a, b, b2):
    urgent = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], sifat=Sifat.SANGAT_SEGERA)
    late = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], sifat=Sifat.SEGERA)
    Naskah.objects.filter(pk=late.pk).update(due_at=timezone.now() - datetime.timedelta(hours=1))
    disposed = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    past = timezone.localdate() - datetime.timedelta(days=1)
    Disposisi.objects.create(
        naskah=disposed, instansi=b.instansi, dari=b2, kepada=b, instruksi="tindak_lanjuti", batas_waktu=past
    )
    read = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], sifat=Sifat.SANGAT_SEGERA)
    naskah_open(naskah=read, user=b)
    naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])  # nothing to do
    client.force_login(b)
    inbox = reverse("koordinasi:index")
    rows = client.get(inbox).context["naskah_list"]

    def listed(**params):
        return {n.pk for n in client.get(inbox, params).context["naskah_list"]}

    assert (
        {n.pk for n in rows if n.needs_action}
        == listed(perlu_tindakan="on")
        == {urgent.pk, late.pk, disposed.pk}
    )
    assert {n.pk for n in rows if n.overdue} == listed(terlambat="on") == {late.pk, disposed.pk}
    assert {n.pk for n in rows if not n.is_read} == listed(belum_dibaca="on")


def test_a_saved_attachment_ticked_on_the_draft_is_removed_and_its_file_deleted(
    client, a, b, settings, django_capture_on_commit_callbacks
):
    client.force_login(a)
    compose_post(
        client, "simpan", kepada_pegawai=[b.pk], lampiran=[pdf_upload("salah.pdf"), pdf_upload("benar.pdf")]
    )
    naskah = Naskah.objects.get()
    wrong = naskah.lampiran_set.get(nama="salah.pdf")
    path = settings.PRIVATE_MEDIA_ROOT / wrong.berkas.name
    assert path.exists()
    form = client.get(reverse("koordinasi:draft_edit", args=[naskah.pk])).context["form"]
    assert [label for _pk, label in form.fields["hapus_lampiran"].choices][0].startswith("salah.pdf (")
    fields = {
        "jenis": "nota_dinas",
        "sifat": "biasa",
        "klasifikasi": "biasa",
        "kode_klasifikasi": "000.8.3",
        "perihal": "Rapat koordinasi OSS",
        "isi": "Mohon hadir.",
        "format": "teks",
        "kepada_pegawai": [b.pk],
        "hapus_lampiran": [wrong.pk],
        "kirim": "1",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("koordinasi:draft_edit", args=[naskah.pk]), fields)
    naskah.refresh_from_db()
    assert naskah.status == Status.TERKIRIM
    assert list(naskah.lampiran_set.values_list("nama", flat=True)) == ["benar.pdf"]
    assert not path.exists()


def test_a_draft_is_deleted_with_its_attachments_only_by_its_author(
    client, a, a2, b, settings, django_capture_on_commit_callbacks
):
    client.force_login(a)
    compose_post(client, "simpan", kepada_pegawai=[b.pk], lampiran=[pdf_upload("draf.pdf")])
    naskah = Naskah.objects.get()
    path = settings.PRIVATE_MEDIA_ROOT / naskah.lampiran_set.get().berkas.name
    client.force_login(a2)
    assert client.post(reverse("koordinasi:draft_discard", args=[naskah.pk])).status_code == 404
    client.force_login(a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("koordinasi:draft_discard", args=[naskah.pk]), follow=True)
    assert "Draf dihapus." in response.content.decode()
    assert not Naskah.objects.exists() and not path.exists()
