import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.holidays.selectors import working_deadline
from portal.workflow import workflow_transition

from ..constants import CaraEvaluasi, KodeAturan, Status, Tahap
from ..models import Evaluasi, Jadwal, Paket, Penetapan, PernyataanKonflik
from ..ranking import paket_ranking
from .common import after_commit, aturan_value, evaluator_require, pokja_require


@transaction.atomic
def konflik_declare(*, paket, actor, ada_konflik: bool, keterangan="") -> PernyataanKonflik:
    """
    Record a Pokja member's conflict-of-interest declaration before the winner is named. It is never
    withdrawn, but "none" may become "a conflict": the bidders are known only at the opening, and a
    member who then finds a relative's firm among them leaves the evaluation (their marks with it).
    """
    pokja_require(paket=paket, user=actor)
    if paket.status not in (Status.DIUMUMKAN, Status.EVALUASI):
        raise ValidationError(_("Pernyataan hanya dapat dibuat sebelum pemenang ditetapkan."))
    if ada_konflik and not (keterangan or "").strip():
        raise ValidationError({"keterangan": _("Jelaskan benturan kepentingan Anda.")})
    row = PernyataanKonflik.objects.select_for_update().filter(paket=paket, anggota=actor).first()
    if row is not None and (row.ada_konflik or not ada_konflik):
        raise ValidationError(
            _(
                "Anda sudah membuat pernyataan untuk paket ini; pernyataan tidak dapat ditarik, hanya "
                "diubah menjadi ada benturan kepentingan."
            )
        )
    row = row or PernyataanKonflik(paket=paket, anggota=actor)
    row.ada_konflik, row.keterangan, row.created_at = ada_konflik, (keterangan or "").strip(), timezone.now()
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def evaluasi_record(
    *, penawaran, actor, administrasi_lulus, teknis_lulus, alasan, nilai_teknis=None
) -> Evaluasi:
    """Record (or revise, until the decision) one member's evaluation of one opened bid."""
    paket = Paket.objects.select_for_update().get(pk=penawaran.paket_id)
    evaluator_require(paket=paket, actor=actor)
    if paket.status != Status.EVALUASI or not penawaran.aktif:
        raise ValidationError(_("Penawaran ini tidak sedang dievaluasi."))
    if paket.metode_evaluasi.cara == CaraEvaluasi.SISTEM_NILAI and nilai_teknis is None:
        raise ValidationError(
            {"nilai_teknis": _("Metode sistem nilai memerlukan nilai teknis 0 sampai 100.")}
        )
    row = Evaluasi.objects.filter(penawaran=penawaran, anggota=actor).first() or Evaluasi(
        penawaran=penawaran, anggota=actor
    )
    row.administrasi_lulus, row.teknis_lulus = administrasi_lulus, teknis_lulus
    row.nilai_teknis, row.alasan = nilai_teknis, (alasan or "").strip()
    row.created_at = timezone.now()
    row.full_clean(validate_constraints=False)
    row.save()
    return row


@transaction.atomic
def paket_winner_decide(*, paket, actor) -> Penetapan:
    """Name the winner by the Pokja's majority and open the sanggah period."""
    evaluator_require(paket=paket, actor=actor)  # a member with a conflict takes no part in the choice
    paket = Paket.objects.select_for_update().get(pk=paket.pk)
    if paket.status != Status.EVALUASI:
        raise ValidationError(
            _("Pemenang hanya dapat ditetapkan setelah pembukaan dan sebelum penetapan lain.")
        )
    ranking = paket_ranking(paket=paket)
    if not ranking.majority:
        raise ValidationError(
            _(
                "Penetapan memerlukan mayoritas Pokja: baru %(done)s dari %(all)s anggota tanpa benturan "
                "kepentingan yang menyelesaikan evaluasi semua penawaran."
            )
            % {"done": len(ranking.evaluators), "all": ranking.members}
        )
    if not ranking.ranked:
        raise ValidationError(
            _("Tidak ada penawaran yang lulus evaluasi; nyatakan tender gagal dengan alasannya.")
        )
    now = timezone.now()
    penetapan = Penetapan.objects.create(
        paket=paket,
        pemenang=ranking.ranked[0].penawaran,
        peringkat=[row.penawaran.pk for row in ranking.ranked],
        suara=len(ranking.evaluators),
        oleh=actor,
        created_at=now,
    )
    days = aturan_value(code=KodeAturan.SANGGAH_HARI)
    sanggah_selesai = working_deadline(
        end=now + datetime.timedelta(days=days), hour=aturan_value(code=KodeAturan.JAM_AKHIR_TAHAP)
    )
    workflow_transition(
        instance=paket,
        to=Status.PEMENANG,
        actor=actor,
        note=_("Pemenang ditetapkan: %(name)s.") % {"name": penetapan.pemenang.penyedia},
        expected_from=Status.EVALUASI,
        update={"sanggah_selesai": sanggah_selesai},
    )
    # The published schedule shows the period that now runs, the one sanggah_file() keeps to.
    Jadwal.objects.filter(paket=paket, tahap=Tahap.SANGGAH).update(mulai=now, selesai=sanggah_selesai)
    from ..tasks import bahp_record_task, paket_notify_task

    after_commit(bahp_record_task, paket.pk)
    after_commit(paket_notify_task, paket.pk, "hasil", "hasil")
    return penetapan
