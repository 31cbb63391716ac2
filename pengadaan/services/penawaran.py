import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.documents.services import atomic_with_files, file_delete_on_commit, file_stored
from portal.documents.validators import document_clean
from portal.workflow import workflow_transition

from ..bundle import BID_PARTS, bid_pack, bid_part, bid_price
from ..constants import Status, Tahap
from ..models import Paket, Penawaran, Pendaftaran, PernyataanKonflik
from ..sealing import SealedError, bid_seal, bid_unseal, sealed_digest
from ..selectors import penawaran_window
from .common import after_commit, jadwal_of, pokja_require


def _submission_check(*, paket, penyedia, now):
    if not penyedia.is_verified:
        raise ValidationError(_("Profil penyedia Anda belum terverifikasi."))
    if not Pendaftaran.objects.filter(paket=paket, penyedia=penyedia).exists():
        raise ValidationError(_("Daftarlah sebagai peserta paket ini sebelum menawar."))
    window = penawaran_window(paket=paket, now=now)  # the bid page shows the same window
    if window.closed or window.past_deadline:
        batas = window.selesai and formats.date_format(timezone.localtime(window.selesai), "j F Y H:i:s")
        raise ValidationError(
            _("Batas penawaran sudah lewat (%(batas)s WIB): penawaran tidak diterima dan tidak disimpan.")
            % {"batas": batas or "-"}
        )
    if window.not_yet:
        raise ValidationError(_("Masa penyampaian penawaran belum dimulai."))


def _clean_parts(parts) -> dict[str, bytes]:
    clean, errors = {}, {}
    for name in BID_PARTS:
        uploaded = parts.get(name)
        if uploaded is None:
            errors[name] = _("Unggah berkas ini (PDF).")
            continue
        try:
            clean[name] = document_clean(uploaded_file=uploaded, allowed=("pdf",)).file.read()
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)
    return clean


def _clean_price(harga) -> Decimal:
    try:
        harga = Decimal(str(harga))
    except (InvalidOperation, TypeError):
        raise ValidationError({"harga": _("Tuliskan harga dalam rupiah, angka saja.")}) from None
    if harga <= 0 or harga != harga.to_integral_value() or harga >= 10**15:
        raise ValidationError({"harga": _("Harga penawaran harus bilangan bulat rupiah lebih dari nol.")})
    return harga


def penawaran_submit(*, paket, penyedia, harga, parts, received_at=None) -> Penawaran:
    """
    Seal and store a vendor's bid, replacing its earlier one; the time the portal received it
    (received_at, from portal.network.request_received_at; else the server's clock now) decides
    whether it is in time. A late bid is refused before anything is written.
    """
    now = received_at or timezone.now()
    _submission_check(paket=paket, penyedia=penyedia, now=now)
    token = bid_seal(paket=paket, plaintext=bid_pack(harga=_clean_price(harga), parts=_clean_parts(parts)))
    with atomic_with_files():  # the row may go with a rollback: its file goes too
        return _penawaran_store(paket=paket, penyedia=penyedia, token=token, now=now)


def _penawaran_store(*, paket, penyedia, token, now) -> Penawaran:
    paket = Paket.objects.select_for_update().get(pk=paket.pk)
    _submission_check(paket=paket, penyedia=penyedia, now=now)
    old = list(Penawaran.objects.select_for_update().filter(paket=paket, penyedia=penyedia, aktif=True))
    for previous in old:
        file_delete_on_commit(previous.berkas)
        previous.aktif, previous.berkas = False, ""
        previous.save(update_fields=["aktif", "berkas"])
    # The name as verified now: a later profile change, verified or not, leaves this bid's name as it was.
    penawaran = Penawaran(
        paket=paket,
        penyedia=penyedia,
        nama_penyedia=penyedia.nama_usaha,
        digest=sealed_digest(token),
        size=len(token),
        diterima_at=now,
    )
    penawaran.berkas.save("penawaran.bin", ContentFile(token), save=False)
    file_stored(penawaran.berkas)
    penawaran.full_clean()
    penawaran.save()
    from ..tasks import penawaran_receipt_task

    after_commit(penawaran_receipt_task, penawaran.pk)
    return penawaran


@transaction.atomic
def paket_open(*, paket, actor, ip=None) -> Paket:
    """Open the bids at or after the opening time: unseal each (logged) and record its price."""
    pokja_require(paket=paket, user=actor)
    now = timezone.now()
    # A bid the proxy received by the deadline may still be in a worker, in time by its arrival stamp:
    # opening waits until such a stamp is no longer trusted, so no bid in time is refused as late.
    in_flight = datetime.timedelta(seconds=settings.REQUEST_START_MAX_AGE_SECONDS)
    if (
        now < jadwal_of(paket=paket, tahap=Tahap.PEMBUKAAN).mulai
        or now <= jadwal_of(paket=paket, tahap=Tahap.PENAWARAN).selesai + in_flight
    ):
        raise ValidationError(
            _(
                "Penawaran baru dapat dibuka pada jadwal pembukaan, dan paling cepat %(seconds)s detik "
                "sesudah batas penawaran, agar penawaran yang diterima tepat waktu selesai disimpan."
            )
            % {"seconds": settings.REQUEST_START_MAX_AGE_SECONDS}
        )
    paket = workflow_transition(
        instance=paket,
        to=Status.EVALUASI,
        actor=actor,
        note=_("Penawaran dibuka."),
        expected_from=Status.DIUMUMKAN,
        update={"dibuka_at": now},
    )
    for penawaran in Penawaran.objects.filter(paket=paket, aktif=True).select_related("penyedia__user"):
        plaintext = bid_unseal(penawaran=penawaran, actor=actor, ip=ip, purpose=_("Pembukaan penawaran"))
        penawaran.harga = bid_price(plaintext)
        penawaran.save(update_fields=["harga"])
    from ..tasks import paket_notify_task, pembukaan_record_task

    after_commit(pembukaan_record_task, paket.pk)
    after_commit(paket_notify_task, paket.pk, "pembukaan", "pembukaan")
    return paket


def penawaran_part(*, penawaran, actor, name, ip=None) -> bytes:
    """Return one document of an opened bid to a Pokja member who declared no conflict; logged."""
    paket = penawaran.paket
    pokja_require(paket=paket, user=actor)
    if paket.dibuka_at is None:
        raise SealedError(_("Penawaran masih tersegel sampai Pokja membuka penawaran pada jadwal pembukaan."))
    if not PernyataanKonflik.objects.filter(paket=paket, anggota=actor, ada_konflik=False).exists():
        raise SealedError(_("Nyatakan dulu bahwa Anda tidak punya benturan kepentingan dengan penawar."))
    plaintext = bid_unseal(penawaran=penawaran, actor=actor, ip=ip, purpose=_("Membaca penawaran"))
    return bid_part(plaintext, name)
