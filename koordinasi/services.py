import os

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.cache import version_bump
from portal.documents.services import atomic_with_files, file_delete_on_commit, file_stored
from portal.documents.storage import sha256_of
from portal.names import bidi_stripped
from portal.queue import enqueue_on_commit
from portal.workflow import workflow_transition

from .attachments import extension_of, lampiran_clean
from .constants import Akses, Alasan, Format, Jenis, Peran, Sifat, Status
from .deadlines import naskah_due_at
from .models import Disposisi, HakBaca, Lampiran, LogAkses, Naskah, Penerima, TandaBaca
from .numbering import nomor_format, nomor_urut_next, pola_for
from .selectors import addressees_unreached, inbox_version_name, naskah_received_by, naskah_visible_to

NASKAH_FIELDS = ("jenis", "sifat", "klasifikasi", "kode_klasifikasi", "perihal", "isi", "format")
# (form field, role, kind of addressee)
RECIPIENT_FIELDS = (
    ("kepada_instansi", Peran.KEPADA, "instansi"),
    ("kepada_pegawai", Peran.KEPADA, "pegawai"),
    ("tembusan_instansi", Peran.TEMBUSAN, "instansi"),
    ("tembusan_pegawai", Peran.TEMBUSAN, "pegawai"),
)
REPLY_JENIS = {Jenis.NOTA_DINAS, Jenis.SURAT_DINAS, Jenis.MEMO}


@atomic_with_files()
def naskah_draft_save(*, author, data: dict, files=(), naskah: Naskah | None = None) -> Naskah:
    """Create or update the author's draft with its fields, addressees and new attachments."""
    if not author.instansi_id:
        raise ValidationError(_("Hanya pegawai instansi yang dapat memakai layanan koordinasi."))
    if naskah is None:
        naskah = Naskah(pengirim=author, instansi_id=author.instansi_id)
    elif naskah.pk:
        # Read again under a lock: another tab may have sent this draft since its form was opened, and
        # saving the stale copy would turn the numbered memo back into a draft.
        naskah = Naskah.objects.select_for_update().filter(pk=naskah.pk).first()
        if naskah is None or naskah.pengirim_id != author.pk:
            raise ValidationError(_("Hanya draf milik Anda sendiri yang dapat diubah."))
        if naskah.status != Status.DRAF:
            raise ValidationError(_("Naskah ini sudah dikirim; perubahan tidak disimpan."))
    for field in NASKAH_FIELDS:
        if field in data:
            setattr(naskah, field, bidi_stripped(data[field]) if field == "perihal" else data[field])
    naskah.full_clean()
    naskah.save()
    _recipients_replace(naskah, data)
    _attachments_delete(naskah.lampiran_set.filter(pk__in=data.get("hapus_lampiran") or ()))
    for uploaded_file in files:
        lampiran_attach(naskah=naskah, uploaded_file=uploaded_file)
    return naskah


@transaction.atomic
def naskah_draft_delete(*, author, naskah) -> None:
    """Delete the author's draft with its addressees and attachments (their files once committed)."""
    locked = (
        Naskah.objects.select_for_update().filter(pk=naskah.pk, pengirim=author, status=Status.DRAF).first()
    )
    if locked is None:
        raise ValidationError(_("Naskah ini sudah dikirim atau bukan draf Anda; tidak ada yang dihapus."))
    _attachments_delete(locked.lampiran_set.all())
    locked.delete()


def _attachments_delete(attachments):
    """Delete these attachments of a draft; their files go once the transaction commits."""
    for lampiran in attachments:
        file_delete_on_commit(lampiran.berkas)
        lampiran.delete()


def _recipients_replace(naskah, data):
    naskah.penerima_set.all().delete()
    seen = set()
    for field, peran, kind in RECIPIENT_FIELDS:
        for target in data.get(field) or ():
            if (kind, target.pk) in seen:  # Kepada wins over Tembusan for the same addressee
                continue
            seen.add((kind, target.pk))
            Penerima.objects.create(naskah=naskah, peran=peran, **{kind: target})


def lampiran_attach(*, naskah: Naskah, uploaded_file) -> Lampiran:
    """Check an upload by its content and size, store it privately and attach it to the memo."""
    kind, uploaded_file = lampiran_clean(uploaded_file=uploaded_file)
    # Named, stored and served by what its content is: a PDF sent as "x.docx" downloads as "x.pdf".
    stem = os.path.splitext(bidi_stripped(uploaded_file.name or ""))[0].strip() or "lampiran"
    nama = stem[:190] + extension_of(kind)
    lampiran = Lampiran(
        naskah=naskah, nama=nama, jenis=kind, ukuran=uploaded_file.size, sha256=sha256_of(uploaded_file)
    )
    lampiran.berkas.save(nama, uploaded_file, save=False)
    file_stored(lampiran.berkas)
    lampiran.full_clean()
    lampiran.save()
    return lampiran


def naskah_send_problems(*, naskah: Naskah) -> list[str]:
    """Return why the memo cannot be sent yet; empty when it can."""
    rows = list(naskah.penerima_set.all())
    problems = []
    if not any(r.peran == Peran.KEPADA for r in rows):
        problems.append(_("Pilih paling sedikit satu instansi atau pegawai tujuan (Kepada)."))
    if naskah.is_restricted and any(r.instansi_id for r in rows):
        problems.append(
            _("Naskah Rahasia dan Sangat rahasia hanya boleh ditujukan kepada pegawai, bukan instansi.")
        )
    if any(r.pegawai_id == naskah.pengirim_id for r in rows):
        problems.append(_("Anda tidak dapat mengirim naskah kepada diri sendiri."))
    if not naskah.isi.strip():
        problems.append(_("Isi naskah masih kosong."))
    empty, gone = addressees_unreached(naskah=naskah)
    if gone:
        problems.append(
            _("Sudah tidak aktif di portal: %(names)s. Hapus dari tujuan atau pilih pegawai lain.")
            % {"names": ", ".join(user.get_full_name() for user in gone)}
        )
    kepada = [r.instansi_id for r in rows if r.peran == Peran.KEPADA]
    if kepada and set(kepada) <= {agency.pk for agency in empty}:
        problems.append(
            _(
                "Belum ada pegawai aktif di portal pada instansi tujuan (%(names)s): naskah ini tidak "
                "akan diterima siapa pun. Pilih tujuan lain, atau kirim lewat surat biasa."
            )
            % {"names": ", ".join(agency.name for agency in empty)}
        )
    return problems


@transaction.atomic
def naskah_send(*, naskah: Naskah, actor) -> Naskah:
    """Number the draft from its agency's counter and send it; email the addressees after commit."""
    locked = Naskah.objects.select_for_update().select_related("instansi").get(pk=naskah.pk)
    if locked.pengirim_id != actor.pk:
        raise ValidationError(_("Hanya penyusun draf yang dapat mengirimnya."))
    if locked.status != Status.DRAF:
        raise ValidationError(_("Naskah ini sudah dikirim."))
    problems = naskah_send_problems(naskah=locked)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    due_at = naskah_due_at(sifat=locked.sifat, sent_at=now)
    update = _number_fields(locked, now=now) | {"sent_at": now, "due_at": due_at}
    sent = workflow_transition(instance=locked, to=Status.TERKIRIM, actor=actor, update=update)
    _readers_grant(sent)
    from .tasks import naskah_arrival_notify_task

    enqueue_on_commit(naskah_arrival_notify_task, sent.pk)
    return sent


def _readers_grant(naskah):
    """
    Write who may read the memo just sent: its sender, its named addressees, and each addressed
    agency as a whole unless the memo is Rahasia or Sangat rahasia (then only the named officers).
    """
    rows = [HakBaca(naskah=naskah, pegawai_id=naskah.pengirim_id, alasan=Alasan.PENGIRIM)]
    for penerima in naskah.penerima_set.all():
        if penerima.pegawai_id:
            rows.append(HakBaca(naskah=naskah, pegawai_id=penerima.pegawai_id, alasan=Alasan.ALAMAT))
        elif not naskah.is_restricted:
            rows.append(HakBaca(naskah=naskah, instansi_id=penerima.instansi_id, alasan=Alasan.INSTANSI))
    HakBaca.objects.bulk_create(rows)
    # A reply answers its memo for the sender's agency: their inboxes lose its late mark.
    answering = [naskah.instansi_id] if naskah.balasan_untuk_id else []
    _inboxes_changed(pegawai=[r.pegawai_id for r in rows], instansi=[r.instansi_id for r in rows] + answering)


def _inboxes_changed(*, pegawai=(), instansi=()):
    """Make the cached inboxes of these officers and agencies stale (see koordinasi/inbox.html)."""
    for kind, ids in (("pegawai", pegawai), ("instansi", instansi)):
        for pk in {pk for pk in ids if pk}:
            version_bump(inbox_version_name(kind, pk))


def _number_fields(naskah, *, now) -> dict:
    day = timezone.localdate(now)
    pola = pola_for(instansi=naskah.instansi)
    seq = nomor_urut_next(instansi=naskah.instansi, tahun=day.year)
    nomor = nomor_format(
        pola=pola.pola, kode_klasifikasi=naskah.kode_klasifikasi, seq=seq, unit=naskah.instansi.code, day=day
    )
    return {"nomor": nomor, "tahun": day.year, "nomor_urut": seq}


@atomic_with_files()
def naskah_compose_send(*, author, data: dict, files=(), naskah: Naskah | None = None) -> Naskah:
    """Save the form as a draft and send it at once; nothing is kept if sending is refused."""
    draft = naskah_draft_save(author=author, data=data, files=files, naskah=naskah)
    return naskah_send(naskah=draft, actor=author)


@transaction.atomic
def naskah_open(*, naskah: Naskah, user, aksi=Akses.LIHAT, keterangan="") -> TandaBaca | None:
    """Log that the user opened the memo; on a first reading by an addressee, record the receipt."""
    LogAkses.objects.create(naskah=naskah, pengguna=user, aksi=aksi, keterangan=keterangan[:200])
    if aksi != Akses.LIHAT or user.pk == naskah.pengirim_id:
        return None
    receipt, created = TandaBaca.objects.get_or_create(
        naskah=naskah, pembaca=user, defaults={"instansi_id": user.instansi_id}
    )
    if created:
        _inboxes_changed(pegawai=[user.pk])
    return receipt


@atomic_with_files()
def naskah_reply(*, naskah: Naskah, actor, isi: str, format=Format.TEKS, files=()) -> Naskah:
    """Send a reply in the memo's thread: to its sender, or, from the sender, to its addressees."""
    if not naskah_visible_to(user=actor).filter(pk=naskah.pk).exists():
        raise ValidationError(_("Anda tidak dapat membalas naskah ini."))
    to_sender = actor.pk != naskah.pengirim_id
    if not to_sender:
        data = _recipients_of(naskah)
    elif naskah.pengirim.is_active:
        data = {"kepada_pegawai": [naskah.pengirim]}
    elif naskah.is_restricted:
        raise ValidationError(
            _(
                "Pengirim naskah ini sudah tidak aktif di portal, dan naskah rahasia hanya boleh ditujukan "
                "kepada pegawai. Tulis naskah baru kepada pejabat penggantinya."
            )
        )
    else:  # the sender has left: the answer goes to the office they wrote for
        data = {"kepada_instansi": [naskah.instansi]}
    perihal = naskah.perihal if naskah.perihal.startswith("Re: ") else f"Re: {naskah.perihal}"
    data |= {
        "jenis": naskah.jenis if naskah.jenis in REPLY_JENIS else Jenis.NOTA_DINAS,
        "sifat": Sifat.BIASA,
        "klasifikasi": naskah.klasifikasi,
        "kode_klasifikasi": naskah.kode_klasifikasi,
        "perihal": perihal[:200],
        "isi": isi,
        "format": format,
    }
    draft = Naskah(
        pengirim=actor,
        instansi_id=actor.instansi_id,
        balasan_untuk=naskah,
        utas_id=naskah.utas_id or naskah.pk,
    )
    draft = naskah_draft_save(author=actor, data=data, files=files, naskah=draft)
    reply = naskah_send(naskah=draft, actor=actor)
    if to_sender:
        # The officers of the replying agency who passed the memo on by disposisi, or took it, follow
        # its answer as they follow the memo: whoever gave the instruction reads what came of it.
        chain = Disposisi.objects.filter(naskah=naskah, instansi_id=actor.instansi_id)
        officers = {pk for pair in chain.values_list("dari_id", "kepada_id") for pk in pair} - {actor.pk}
        HakBaca.objects.bulk_create(
            [HakBaca(naskah=reply, pegawai_id=pk, alasan=Alasan.DISPOSISI) for pk in officers],
            ignore_conflicts=True,
        )
        _inboxes_changed(pegawai=officers)
    return reply


def _recipients_of(naskah) -> dict:
    data = {field: [] for field, _peran, _kind in RECIPIENT_FIELDS}
    for row in naskah.penerima_set.select_related("instansi", "pegawai"):
        kind = "instansi" if row.instansi_id else "pegawai"
        data[f"{row.peran}_{kind}"].append(getattr(row, kind))
    return data


@transaction.atomic
def disposisi_give(*, naskah: Naskah, actor, kepada, instruksi, catatan="", batas_waktu=None) -> Disposisi:
    """
    Pass a received memo to a colleague of the same agency, continuing the actor's own disposisi.

    `instruksi` is one Instruksi code or several, kept in the order given.
    """
    instruksi = [instruksi] if isinstance(instruksi, str) else list(dict.fromkeys(instruksi))
    if not naskah_received_by(user=actor).filter(pk=naskah.pk).exists():
        raise ValidationError(_("Anda hanya dapat mendisposisikan naskah yang Anda terima."))
    if kepada.instansi_id != actor.instansi_id or not kepada.is_active:
        raise ValidationError({"kepada": _("Disposisi hanya kepada pegawai aktif instansi Anda sendiri.")})
    if kepada.pk == naskah.pengirim_id:  # it would reach no inbox of theirs, and could never be closed
        raise ValidationError(
            {"kepada": _("Pengirim naskah tidak menerima disposisi naskahnya sendiri; balas saja.")}
        )
    if batas_waktu is not None and batas_waktu < timezone.localdate():
        raise ValidationError({"batas_waktu": _("Batas waktu tidak boleh sebelum hari ini.")})
    induk = (
        Disposisi.objects.filter(naskah=naskah, kepada=actor, selesai_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    disposisi = Disposisi(
        naskah=naskah,
        instansi_id=actor.instansi_id,
        induk=induk,
        dari=actor,
        kepada=kepada,
        instruksi=instruksi,
        catatan=catatan,
        batas_waktu=batas_waktu,
    )
    disposisi.full_clean()
    disposisi.save()
    # Both ends of a disposisi may read the memo, whatever its klasifikasi.
    HakBaca.objects.bulk_create(
        [HakBaca(naskah=naskah, pegawai=officer, alasan=Alasan.DISPOSISI) for officer in (actor, kepada)],
        ignore_conflicts=True,
    )
    _inboxes_changed(pegawai=[actor.pk, kepada.pk])
    from .tasks import disposisi_notify_task

    enqueue_on_commit(disposisi_notify_task, disposisi.pk)
    return disposisi


@transaction.atomic
def disposisi_complete(*, disposisi: Disposisi, actor, catatan="") -> Disposisi:
    """Mark the follow-up of a disposisi done, once, by the officer it was given to."""
    # A timestamp set once under a row lock: a disposisi has only open and done, no workflow table.
    locked = Disposisi.objects.select_for_update().get(pk=disposisi.pk)
    if locked.kepada_id != actor.pk:
        raise ValidationError(_("Hanya penerima disposisi yang dapat menandai selesai."))
    if locked.selesai_at is not None:
        raise ValidationError(_("Tindak lanjut disposisi ini sudah ditandai selesai."))
    locked.selesai_at = timezone.now()
    locked.catatan_selesai = catatan
    locked.full_clean()
    locked.save(update_fields=["selesai_at", "catatan_selesai"])
    _inboxes_changed(pegawai=[actor.pk])
    return locked
