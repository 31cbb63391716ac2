from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.documents.validators import document_clean

from ..constants import Status, Tahap
from ..models import DokumenPaket, Paket, Pendaftaran, Pertanyaan
from .common import after_commit, jadwal_of, pokja_require


@transaction.atomic
def pertanyaan_ask(*, paket, penyedia, pertanyaan) -> Pertanyaan:
    """Record a registered vendor's question during the aanwijzing window."""
    if not Pendaftaran.objects.filter(paket=paket, penyedia=penyedia).exists():
        raise ValidationError(_("Daftarlah sebagai peserta paket ini sebelum bertanya."))
    jadwal = jadwal_of(paket=paket, tahap=Tahap.AANWIJZING)
    if not jadwal.mulai <= timezone.now() <= jadwal.selesai:
        raise ValidationError(
            _("Pertanyaan hanya dapat diajukan pada masa pemberian penjelasan (aanwijzing).")
        )
    pertanyaan = (pertanyaan or "").strip()
    # A double submit waits here, then finds the first; a package failed meanwhile takes none.
    if Paket.objects.select_for_update().get(pk=paket.pk).status != Status.DIUMUMKAN:
        raise ValidationError(_("Paket ini tidak lagi menerima pertanyaan."))
    if Pertanyaan.objects.filter(
        paket=paket, penyedia=penyedia, pertanyaan=pertanyaan, dijawab_at=None
    ).exists():
        raise ValidationError(_("Pertanyaan ini sudah terkirim dan menunggu jawaban Pokja."))
    row = Pertanyaan(paket=paket, penyedia=penyedia, pertanyaan=pertanyaan)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def pertanyaan_answer(*, pertanyaan, actor, jawaban) -> Pertanyaan:
    """Publish a Pokja member's answer; every registered vendor is told, without the asker's name."""
    pokja_require(paket=pertanyaan.paket, user=actor)
    pertanyaan = Pertanyaan.objects.select_for_update().get(pk=pertanyaan.pk)
    if pertanyaan.dijawab_at is not None:
        raise ValidationError(_("Pertanyaan ini sudah dijawab."))
    pertanyaan.jawaban = (jawaban or "").strip()
    if not pertanyaan.jawaban:
        raise ValidationError({"jawaban": _("Tuliskan jawabannya.")})
    pertanyaan.dijawab_oleh, pertanyaan.dijawab_at = actor, timezone.now()
    pertanyaan.full_clean()
    pertanyaan.save()
    from ..tasks import paket_notify_task

    after_commit(paket_notify_task, pertanyaan.paket_id, "jawaban_terbit", f"jawaban-{pertanyaan.pk}")
    return pertanyaan


@transaction.atomic
def adendum_add(*, paket, actor, dokumen) -> DokumenPaket:
    """Publish an addendum to the bid documents, by a Pokja member, before the bid deadline."""
    pokja_require(paket=paket, user=actor)
    if (
        paket.status != Status.DIUMUMKAN
        or timezone.now() > jadwal_of(paket=paket, tahap=Tahap.PENAWARAN).selesai
    ):
        raise ValidationError(_("Adendum hanya dapat diterbitkan sebelum batas penyampaian penawaran."))
    clean = document_clean(uploaded_file=dokumen, allowed=("pdf",))
    row = DokumenPaket(
        paket=paket,
        kind=DokumenPaket.Kind.ADENDUM,
        original_name=dokumen.name[:200],
        content_kind=clean.kind,
        size=clean.file.size,
    )
    row.file.save("adendum.pdf", clean.file, save=False)
    row.save()
    from ..tasks import paket_notify_task

    after_commit(paket_notify_task, paket.pk, "adendum", f"adendum-{row.pk}")
    return row
