from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.accounts.roles import Role
from portal.documents.validators import document_clean
from portal.workflow import workflow_transition

from ..constants import OPEN_STATUSES, Status
from ..models import Kontrak, Paket, Penawaran, Sanggah
from .common import after_commit, evaluator_require, pokja_require
from .paket import PAKET_FIELDS, paket_register


@transaction.atomic
def sanggah_file(*, paket, penyedia, alasan, bukti=None) -> Sanggah:
    """Record a bidder's objection within the sanggah period."""
    bid = Penawaran.objects.filter(paket=paket, penyedia=penyedia, aktif=True).first()
    if bid is None:
        raise ValidationError(_("Hanya penyedia yang menyampaikan penawaran yang dapat menyanggah."))
    if paket.status != Status.PEMENANG or timezone.now() > paket.sanggah_selesai:
        raise ValidationError(_("Masa sanggah paket ini tidak sedang berlangsung."))
    alasan = (alasan or "").strip()
    Paket.objects.select_for_update().get(pk=paket.pk)  # a double submit waits here, then finds the first
    if Sanggah.objects.filter(paket=paket, penyedia=penyedia, alasan=alasan, dijawab_at=None).exists():
        raise ValidationError(_("Sanggah ini sudah terkirim dan menunggu jawaban Pokja."))
    # The name as verified now; a profile change still waiting for verification is published
    # nowhere, so the objector keeps the name it bid under.
    nama = penyedia.nama_usaha if penyedia.is_verified else bid.nama_penyedia
    sanggah = Sanggah(paket=paket, penyedia=penyedia, nama_penyedia=nama, alasan=alasan)
    if bukti is not None:
        clean = document_clean(uploaded_file=bukti, allowed=("pdf",))
        sanggah.bukti.save("bukti.pdf", clean.file, save=False)
    sanggah.full_clean()
    sanggah.save()
    return sanggah


@transaction.atomic
def sanggah_answer(*, sanggah, actor, jawaban, diterima: bool) -> Sanggah:
    """Answer an objection; an upheld one makes the tender fail."""
    # Answering weighs the evaluation again: a member conflicted with a bidder may not.
    evaluator_require(paket=sanggah.paket, actor=actor)
    sanggah = Sanggah.objects.select_for_update().select_related("paket").get(pk=sanggah.pk)
    if sanggah.dijawab_at is not None:
        raise ValidationError(_("Sanggah ini sudah dijawab."))
    sanggah.jawaban, sanggah.diterima = (jawaban or "").strip(), diterima
    if not sanggah.jawaban:
        raise ValidationError({"jawaban": _("Tuliskan jawaban atas sanggah.")})
    sanggah.dijawab_oleh, sanggah.dijawab_at = actor, timezone.now()
    sanggah.full_clean()
    sanggah.save()
    if diterima:
        paket_fail(
            paket=sanggah.paket, actor=actor, alasan=_("Sanggah diterima: %(j)s") % {"j": sanggah.jawaban}
        )
    from ..tasks import sanggah_notify_task

    after_commit(sanggah_notify_task, sanggah.pk)
    return sanggah


def _kontrak_dates_check(*, paket, tanggal_sppbj=None, tanggal_mulai=None, tanggal_selesai=None, **_fields):
    """Refuse dates out of the award's order: sanggah period, SPPBJ, start, end."""
    errors = {}
    akhir_sanggah = timezone.localtime(paket.sanggah_selesai).date()
    if tanggal_sppbj and tanggal_sppbj < akhir_sanggah:
        errors["tanggal_sppbj"] = _("Tanggal SPPBJ tidak boleh sebelum masa sanggah berakhir (%(d)s).") % {
            "d": formats.date_format(akhir_sanggah, "j F Y")
        }
    if tanggal_sppbj and tanggal_mulai and tanggal_mulai < tanggal_sppbj:
        errors["tanggal_mulai"] = _("Pelaksanaan tidak boleh dimulai sebelum tanggal SPPBJ.")
    if tanggal_mulai and tanggal_selesai and tanggal_selesai < tanggal_mulai:
        errors["tanggal_selesai"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def kontrak_record(*, paket, actor, **fields) -> Kontrak:
    """Record the PPK's award letter (SPPBJ) and contract once the sanggah period closed clean."""
    if actor.pk != paket.ppk_id:
        raise PermissionDenied(_("Hanya PPK paket ini yang dapat mencatat SPPBJ dan kontrak."))
    paket = Paket.objects.select_for_update().get(pk=paket.pk)
    if paket.status != Status.PEMENANG or timezone.now() <= paket.sanggah_selesai:
        raise ValidationError(_("SPPBJ dan kontrak dicatat setelah masa sanggah berakhir."))
    if paket.sanggah_set.filter(dijawab_at__isnull=True).exists():
        raise ValidationError(_("Masih ada sanggah yang belum dijawab Pokja."))
    _kontrak_dates_check(paket=paket, **fields)
    pemenang = paket.penetapan.pemenang
    kontrak = Kontrak(paket=paket, penawaran=pemenang, oleh=actor, **fields)
    kontrak.full_clean()
    if kontrak.nilai > pemenang.harga:
        raise ValidationError({"nilai": _("Nilai kontrak tidak boleh melebihi harga penawaran pemenang.")})
    kontrak.save()
    workflow_transition(
        instance=paket, to=Status.KONTRAK, actor=actor, note=kontrak.nomor, expected_from=Status.PEMENANG
    )
    from ..tasks import paket_notify_task

    after_commit(paket_notify_task, paket.pk, "penunjukan", "penunjukan")
    return kontrak


@transaction.atomic
def paket_fail(*, paket, actor, alasan) -> Paket:
    """
    Declare the tender failed (tender gagal), by a Pokja member, with its reason. Once the bids are
    open, failing the tender is a judgement of the bidders: only a member without a conflict of
    interest with them makes it, as for evaluating.
    """
    pokja_require(paket=paket, user=actor)
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Tuliskan alasan tender gagal.")})
    paket = Paket.objects.get(pk=paket.pk)
    if paket.status != Status.DIUMUMKAN:
        evaluator_require(paket=paket, actor=actor)
    if paket.status not in OPEN_STATUSES:
        raise ValidationError(_("Paket ini sudah selesai atau sudah dinyatakan gagal."))
    paket = workflow_transition(
        instance=paket, to=Status.GAGAL, actor=actor, note=alasan, update={"alasan_gagal": alasan}
    )
    from ..tasks import paket_notify_task

    after_commit(paket_notify_task, paket.pk, "gagal", "gagal")
    return paket


@transaction.atomic
def paket_retender(*, paket, actor, mulai, dokumen=None) -> Paket:
    """Register a failed package again, once, as a new package linked to the first, same Pokja and PPK."""
    if not (actor.is_superuser or actor.has_role(Role.ADMIN_UKPBJ)):
        raise PermissionDenied(_("Hanya Admin UKPBJ yang dapat mendaftarkan paket."))
    paket = Paket.objects.select_for_update().get(pk=paket.pk)  # a second click waits, then finds the first
    if paket.status != Status.GAGAL:
        raise ValidationError(_("Hanya paket yang gagal yang dapat ditenderkan ulang."))
    earlier = paket.retender_set.first()
    if earlier is not None:
        raise ValidationError(
            _("Paket ini sudah ditenderkan ulang sebagai %(ref)s.") % {"ref": earlier.reference}
        )
    return paket_register(
        actor=actor,
        pokja=[member.user for member in paket.pokja_set.select_related("user")],
        mulai=mulai,
        dokumen=dokumen,
        retender_dari=paket,
        **{name: getattr(paket, name) for name in PAKET_FIELDS},
    )
