import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from koordinasi.constants import Klasifikasi, Sifat, Status
from koordinasi.models import NomorUrut, PolaPenomoran, RiwayatNaskah
from koordinasi.selectors import naskah_visible_to
from koordinasi.services import naskah_compose_send, naskah_draft_save, naskah_open, naskah_reply, naskah_send
from portal.wilayah.models import Instansi
from tests.factories.koordinasi import naskah_data, naskah_draft, naskah_sent, pdf_upload

pytestmark = pytest.mark.django_db


def test_send_numbers_from_the_agency_pattern_and_year(a, b):
    year = timezone.localdate().year
    first = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    second = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], kode_klasifikasi="500.16")
    assert first.nomor == f"000.8.3/1/DPMPTSP/{year}"
    assert second.nomor == f"500.16/2/DPMPTSP/{year}"
    assert (first.status, first.nomor_urut, first.tahun) == (Status.TERKIRIM, 1, year)
    assert RiwayatNaskah.objects.filter(naskah=first, to_status=Status.TERKIRIM).count() == 1


def test_each_agency_counts_on_its_own_and_the_pattern_is_configurable(a, b):
    PolaPenomoran.objects.create(instansi=b.instansi, pola="{kode_klasifikasi}/{seq}/{unit}")
    naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    from_b = naskah_sent(sender=b, to_agencies=["DPMPTSP"])
    assert from_b.nomor == "000.8.3/1/BAGIAN-UMUM"


def test_pattern_must_hold_seq_and_known_placeholders(a):
    pola = PolaPenomoran(instansi=a.instansi, pola="{kode_klasifikasi}/{unit}/{tahun}")
    with pytest.raises(ValidationError) as error:
        pola.full_clean()
    assert "tahun" in str(error.value)


def test_a_pattern_whose_format_no_part_fits_is_refused_before_any_send(a):
    pola = PolaPenomoran(instansi=a.instansi, pola="{kode_klasifikasi}/{seq:s}/{unit}/{year}")
    with pytest.raises(ValidationError, match="Pola tidak sah"):
        pola.full_clean()


def test_a_pattern_without_the_year_starts_again_at_one_each_year_without_a_clash(a, b):
    from django.db.models import F

    from koordinasi.models import Naskah

    PolaPenomoran.objects.create(instansi=a.instansi, pola="{kode_klasifikasi}/{seq}/{unit}")
    last_year = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    Naskah.objects.filter(pk=last_year.pk).update(tahun=F("tahun") - 1)
    NomorUrut.objects.filter(instansi=a.instansi).update(tahun=F("tahun") - 1)
    this_year = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    assert this_year.nomor == last_year.nomor == "000.8.3/1/DPMPTSP"


def test_serial_restarts_each_year(a, b):
    NomorUrut.objects.create(instansi=a.instansi, tahun=timezone.localdate().year - 1, terakhir=41)
    assert naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"]).nomor_urut == 1


def test_a_refused_send_leaves_no_gap(a, b):
    draft = naskah_draft(sender=a)  # no addressee yet
    with pytest.raises(ValidationError):
        naskah_send(naskah=draft, actor=a)
    assert naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"]).nomor_urut == 1


def _stored_files(settings):
    return sorted(p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file())


def test_a_refused_send_keeps_none_of_its_attachments_on_disk(a, b, settings):
    kept = naskah_draft(sender=a, files=[pdf_upload("tersimpan.pdf")])  # a draft's earlier attachment
    before = _stored_files(settings)
    with pytest.raises(ValidationError):  # Rahasia to a whole agency: refused
        naskah_compose_send(
            author=a,
            data=naskah_data(to_agencies=["BAGIAN-UMUM"], klasifikasi=Klasifikasi.RAHASIA),
            files=[pdf_upload("rahasia-1.pdf"), pdf_upload("rahasia-2.pdf")],
            naskah=kept,
        )
    assert _stored_files(settings) == before and len(before) >= 1
    assert list(kept.lampiran_set.values_list("nama", flat=True)) == ["tersimpan.pdf"]
    with kept.lampiran_set.get().berkas.open("rb") as still_there:
        assert still_there.read(4) == b"%PDF"


def test_a_refused_reply_keeps_none_of_its_attachments_on_disk(a, b, settings):
    sent = naskah_sent(sender=a, to_officers=[b])
    before = _stored_files(settings)
    with pytest.raises(ValidationError):
        naskah_reply(naskah=sent, actor=b, isi="", files=[pdf_upload("balasan.pdf")])
    assert _stored_files(settings) == before


def test_draft_has_no_number_and_sends_once(a, b):
    draft = naskah_draft(sender=a, to_agencies=["BAGIAN-UMUM"])
    assert (draft.status, draft.nomor) == (Status.DRAF, "")
    sent = naskah_send(naskah=draft, actor=a)
    with pytest.raises(ValidationError):
        naskah_send(naskah=sent, actor=a)


def test_saving_a_draft_from_a_tab_opened_before_it_was_sent_keeps_the_memo_sent(a, b):
    stale = naskah_draft(sender=a, to_agencies=["BAGIAN-UMUM"])  # the second tab's copy
    sent = naskah_send(
        naskah=naskah_draft_save(author=a, data=naskah_data(to_agencies=["BAGIAN-UMUM"]), naskah=stale),
        actor=a,
    )
    with pytest.raises(ValidationError, match="sudah dikirim"):
        naskah_draft_save(author=a, data=naskah_data(perihal="Diubah"), naskah=stale)
    sent.refresh_from_db()
    assert (sent.status, sent.perihal) == (Status.TERKIRIM, "Koordinasi pelayanan perizinan") and sent.nomor


def test_only_the_author_sends_a_draft(a, a2, b):
    draft = naskah_draft(sender=a, to_agencies=["BAGIAN-UMUM"])
    with pytest.raises(ValidationError):
        naskah_send(naskah=draft, actor=a2)


def test_restricted_memo_goes_to_named_officers_only(a, b):
    draft = naskah_draft(sender=a, to_agencies=["BAGIAN-UMUM"], klasifikasi=Klasifikasi.RAHASIA)
    with pytest.raises(ValidationError) as error:
        naskah_send(naskah=draft, actor=a)
    assert "pegawai" in str(error.value)


@pytest.mark.parametrize(
    ("sifat", "hours"), [(Sifat.SEGERA, 48), (Sifat.SANGAT_SEGERA, 24), (Sifat.BIASA, None)]
)
def test_due_time_follows_the_sifat(clock, a, b, sifat, hours):
    clock.now = timezone.make_aware(datetime.datetime(2030, 3, 6, 10))  # a Wednesday (more: test_deadlines)
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], sifat=sifat)
    expected = naskah.sent_at + datetime.timedelta(hours=hours) if hours else None
    assert naskah.due_at == expected


def test_arrival_email_goes_to_every_officer_of_the_addressed_agency(
    a, b, b2, c, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], sifat=Sifat.SEGERA)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([b.email, b2.email])
    assert naskah.nomor in mail.outbox[0].subject
    assert "Segera" in mail.outbox[0].subject


def test_restricted_arrival_email_names_no_subject(a, b, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        naskah_sent(sender=a, to_officers=[b], klasifikasi=Klasifikasi.RAHASIA, perihal="Audit kas rahasia")
    assert [m.to[0] for m in mail.outbox] == [b.email]
    assert "Audit kas" not in mail.outbox[0].body


def test_attachments_are_checked_by_content(a, b):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], files=[pdf_upload("surat.pdf")])
    lampiran = naskah.lampiran_set.get()
    assert (lampiran.nama, lampiran.jenis) == ("surat.pdf", "pdf")
    assert len(lampiran.sha256) == 64


def test_reply_goes_to_the_sender_in_the_same_thread(a, b):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], klasifikasi=Klasifikasi.TERBATAS)
    naskah_open(naskah=naskah, user=b)
    balasan = naskah_reply(naskah=naskah, actor=b, isi="Siap, kami hadir.")
    assert balasan.utas_id == naskah.pk and balasan.balasan_untuk_id == naskah.pk
    assert balasan.instansi == b.instansi and balasan.nomor.endswith(f"/1/BAGIAN-UMUM/{balasan.tahun}")
    assert [p.pegawai for p in balasan.penerima_set.all()] == [a]
    assert balasan.klasifikasi == Klasifikasi.TERBATAS and balasan.perihal.startswith("Re: ")
    again = naskah_reply(naskah=balasan, actor=a, isi="Terima kasih.")
    assert again.utas_id == naskah.pk
    assert [p.pegawai for p in again.penerima_set.all()] == [b]


@pytest.mark.parametrize("klasifikasi", [Klasifikasi.BIASA, Klasifikasi.RAHASIA])
def test_whoever_gave_a_disposisi_reads_the_reply_it_led_to(a, a2, b, b2, c, klasifikasi):
    from koordinasi.constants import Instruksi
    from koordinasi.selectors import naskah_visible_to
    from koordinasi.services import disposisi_give

    naskah = naskah_sent(sender=a, to_officers=[b], klasifikasi=klasifikasi)
    disposisi_give(naskah=naskah, actor=b, kepada=b2, instruksi=Instruksi.TINDAK_LANJUTI)
    balasan = naskah_reply(naskah=naskah, actor=b2, isi="Sudah kami tindak lanjuti.")
    readers = {u for u in (a, a2, b, b2, c) if naskah_visible_to(user=u).filter(pk=balasan.pk).exists()}
    assert readers == {a, b, b2}  # the addressee, the giver, the replier; not a colleague or a stranger


def test_a_reply_to_a_sender_who_has_left_goes_to_their_agency(a, a2, b):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    secret = naskah_sent(sender=a, to_officers=[b], klasifikasi=Klasifikasi.RAHASIA)
    a.is_active = False
    a.save()
    balasan = naskah_reply(naskah=naskah, actor=b, isi="Siap.")
    assert [(p.instansi, p.pegawai) for p in balasan.penerima_set.all()] == [(a.instansi, None)]
    assert naskah_visible_to(user=a2).filter(pk=balasan.pk).exists()
    with pytest.raises(ValidationError, match="sudah tidak aktif"):  # a secret goes to no agency
        naskah_reply(naskah=secret, actor=b, isi="Siap.")


def test_reply_refused_to_who_cannot_read(a, b, c):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    with pytest.raises(ValidationError):
        naskah_reply(naskah=naskah, actor=c, isi="Saya ikut.")


def test_agencies_exist():
    assert set(Instansi.objects.values_list("code", flat=True)) >= {
        "DPMPTSP",
        "BAGIAN-UMUM",
        "DISPENDUKCAPIL",
    }


def test_disposisi_emails_its_receiver(a, b, b2, django_capture_on_commit_callbacks):
    from koordinasi.services import disposisi_give

    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    with django_capture_on_commit_callbacks(execute=True):
        disposisi_give(naskah=naskah, actor=b, kepada=b2, instruksi="koordinasikan", catatan="Hubungi BPKAD.")
    assert [m.to[0] for m in mail.outbox] == [b2.email]
    assert naskah.nomor in mail.outbox[0].subject and "Hubungi BPKAD." in mail.outbox[0].body


def test_disposisi_completes_once_and_only_by_its_receiver(a, b, b2):
    from koordinasi.services import disposisi_complete, disposisi_give

    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    disposisi = disposisi_give(naskah=naskah, actor=b, kepada=b2, instruksi="tindak_lanjuti")
    with pytest.raises(ValidationError):
        disposisi_complete(disposisi=disposisi, actor=b)
    done = disposisi_complete(disposisi=disposisi, actor=b2, catatan="Beres.")
    assert done.selesai_at is not None
    with pytest.raises(ValidationError):
        disposisi_complete(disposisi=disposisi, actor=b2)


def test_disposisi_deadline_cannot_be_past(a, b, b2):
    from koordinasi.services import disposisi_give

    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    with pytest.raises(ValidationError):
        disposisi_give(
            naskah=naskah,
            actor=b,
            kepada=b2,
            instruksi="tindak_lanjuti",
            batas_waktu=timezone.localdate() - datetime.timedelta(days=1),
        )


def test_arrival_email_is_sent_once_per_officer(a, b):
    from koordinasi.notifications import naskah_arrival_notify

    naskah = naskah_sent(sender=a, to_officers=[b])
    naskah_arrival_notify(naskah_id=naskah.pk)
    naskah_arrival_notify(naskah_id=naskah.pk)
    assert len(mail.outbox) == 1


def test_restricted_disposisi_email_carries_no_note(a, b, b2, django_capture_on_commit_callbacks):
    from koordinasi.services import disposisi_give

    naskah = naskah_sent(
        sender=a, to_officers=[b], klasifikasi=Klasifikasi.RAHASIA, perihal="Audit kas rahasia"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        disposisi_give(
            naskah=naskah, actor=b, kepada=b2, instruksi="koordinasikan", catatan="Selisih kas Rp2 miliar."
        )
    assert [m.to[0] for m in mail.outbox] == [b2.email]
    assert "Selisih kas" not in mail.outbox[0].body and "Selisih kas" not in mail.outbox[0].alternatives[0][0]
