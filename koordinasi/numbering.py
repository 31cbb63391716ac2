"""
Memo numbers: per agency, per calendar year, distinct AND consecutive.

Why a locked counter row and not portal.sequences.sequence_next(): a PostgreSQL sequence is never
rolled back, so a send that fails after taking a value (a validation error, a lost connection)
leaves a hole, and the register of outgoing letters (buku agenda) must have none. The counter row
(`NomorUrut`, one per agency and year) is updated inside the sending transaction under
SELECT ... FOR UPDATE: concurrent senders of one agency queue on that row, each sees the value the
previous one committed, and a rolled-back send rolls its increment back with it. The number is
still never reused: a number exists only once its memo is committed, and the unique constraint
on (instansi, tahun, nomor_urut) refuses a duplicate. Senders of different agencies never wait for
each other; the lock is held only for the rest of the send.
"""

import datetime

from django.db import transaction

from .models import NomorUrut, PolaPenomoran


@transaction.atomic
def nomor_urut_next(*, instansi, tahun: int) -> int:
    """Return the agency's next serial number of `tahun`, holding its counter row's lock until commit."""
    # ON CONFLICT DO NOTHING: a concurrent first send of the year waits here for the other's insert.
    NomorUrut.objects.bulk_create([NomorUrut(instansi=instansi, tahun=tahun)], ignore_conflicts=True)
    counter = NomorUrut.objects.select_for_update().get(instansi=instansi, tahun=tahun)
    counter.terakhir += 1
    counter.save(update_fields=["terakhir"])
    return counter.terakhir


def pola_for(*, instansi) -> PolaPenomoran:
    """Return the agency's numbering pattern, or the default one (unsaved) when it has none."""
    return PolaPenomoran.objects.filter(instansi=instansi).first() or PolaPenomoran(instansi=instansi)


def nomor_format(*, pola: str, kode_klasifikasi: str, seq: int, unit: str, day: datetime.date) -> str:
    """Return the memo number the pattern gives for these parts."""
    return pola.format(
        kode_klasifikasi=kode_klasifikasi, seq=seq, unit=unit, year=day.year, month=f"{day.month:02d}"
    )
