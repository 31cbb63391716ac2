"""Rules of the licensing domain that need no database: SIUP class, fees, renewal window, decimals."""

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from portal.money import rupiah

from .constants import AturanBiaya, Jenis


def decimal_id(value, places=2) -> str:
    """Return a decimal as Indonesian writes it, whatever the page language: 1,50 (never 1.50)."""
    text = f"{Decimal(value):,.{places}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def kelas_for(kekayaan_bersih, kelas_list):
    """Return the class whose range holds the net assets (above `lower`, up to `upper`), else None."""
    if kekayaan_bersih is None:
        return None
    for kelas in kelas_list:
        if kekayaan_bersih > kelas.lower and (kelas.upper is None or kekayaan_bersih <= kelas.upper):
            return kelas
    return None


def ho_retribusi(*, luas, indeks_lokasi, indeks_gangguan, tarif) -> int:
    """Return floor area × location index × nuisance index × base tariff, rounded to whole rupiah."""
    amount = Decimal(luas) * Decimal(indeks_lokasi) * Decimal(indeks_gangguan) * Decimal(tarif)
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def fee_compute(
    *, fee_rule, jenis, kelas=None, luas=None, lokasi=None, gangguan=None, tarif=None, gangguan_range=None
):
    """
    Return (amount, explanation) of the fee an application owes under `fee_rule`. An HO levy before
    the officer's survey has no amount: the explanation gives its range over `gangguan_range`.
    """
    if fee_rule == AturanBiaya.SIUP_KELAS:
        if jenis == Jenis.BARU:
            return 0, _("SIUP baru tidak dipungut biaya.")
        if kelas is None:
            return 0, _("Daftar ulang SIUP tanpa kelas (kekayaan bersih sampai batas usaha mikro): gratis.")
        return kelas.renewal_fee, _("Biaya administrasi daftar ulang %(kelas)s.") % {"kelas": kelas.name}
    if fee_rule == AturanBiaya.HO_RETRIBUSI:
        if None in (luas, lokasi, tarif):
            return None, _("Lengkapi luas ruang dan lokasi untuk memperkirakan retribusi.")
        if gangguan is None:
            low, high = (
                ho_retribusi(luas=luas, indeks_lokasi=lokasi.value, indeks_gangguan=g, tarif=tarif)
                for g in (gangguan_range or (0, 0))
            )
            return None, _(
                "Perkiraan retribusi HO %(low)s – %(high)s. Jumlah pasti ditetapkan petugas setelah survei "
                "tingkat gangguan, dan diberitahukan sebelum tanda tangan."
            ) % {"low": rupiah(low), "high": rupiah(high)}
        amount = ho_retribusi(
            luas=luas, indeks_lokasi=lokasi.value, indeks_gangguan=gangguan.value, tarif=tarif
        )
        return amount, _(
            "Retribusi HO: %(luas)s m² × indeks lokasi %(lokasi)s × indeks gangguan %(gangguan)s × %(tarif)s."
        ) % {
            "luas": luas,
            "lokasi": decimal_id(lokasi.value),
            "gangguan": decimal_id(gangguan.value),
            "tarif": rupiah(tarif),
        }
    return 0, _("Layanan ini tidak dipungut biaya.")


def months_add(day: datetime.date, months: int) -> datetime.date:
    """Return the same day `months` later, or the month's last day when it has no such day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def renewal_window(*, berlaku_hingga, window_days, grace_days):
    """
    Return (opens, closes): renewal opens `window_days` before the date and closes after the grace;
    `grace_days` None (a licence valid while the business runs) never closes it.
    """
    closes = datetime.date.max if grace_days is None else berlaku_hingga + datetime.timedelta(days=grace_days)
    return berlaku_hingga - datetime.timedelta(days=window_days), closes


def renewal_refusal(*, berlaku_hingga, window_days, grace_days, today) -> str | None:
    """Return why a licence cannot be renewed today, naming the dates; None when it can."""
    if berlaku_hingga is None:
        return _("Izin ini tidak punya masa berlaku, jadi tidak perlu diperpanjang.")
    opens, closes = renewal_window(
        berlaku_hingga=berlaku_hingga, window_days=window_days, grace_days=grace_days
    )
    if today < opens:
        return _("Perpanjangan izin ini baru dibuka pada %(date)s.") % {
            "date": formats.date_format(opens, "j F Y")
        }
    if today > closes:
        return _(
            "Masa tenggang izin ini berakhir pada %(date)s. "
            "Izin tidak bisa diperpanjang lagi; ajukan izin baru."
        ) % {"date": formats.date_format(closes, "j F Y")}
    return None
