"""What every pengadaan service shares: rule look-ups, the Pokja checks, side effects after commit."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from portal.queue import enqueue_on_commit

from ..constants import Tahap
from ..models import Jadwal, PernyataanKonflik
from ..selectors import aturan_value  # noqa: F401 - the services read rules through it


def jadwal_of(*, paket, tahap: Tahap) -> Jadwal:
    """Return the package's schedule row of `tahap`."""
    return Jadwal.objects.get(paket=paket, tahap=tahap)


def pokja_require(*, paket, user):
    """Refuse anyone who is not a member of this package's Pokja."""
    if not paket.pokja_set.filter(user=user).exists():
        raise PermissionDenied(_("Hanya anggota Pokja paket ini yang dapat melakukannya."))


def evaluator_require(*, paket, actor):
    """Refuse anyone but a Pokja member who declared no conflict of interest with the bidders."""
    pokja_require(paket=paket, user=actor)
    declaration = PernyataanKonflik.objects.filter(paket=paket, anggota=actor).first()
    if declaration is None:
        raise ValidationError(_("Nyatakan dulu ada atau tidaknya benturan kepentingan dengan penawar."))
    if declaration.ada_konflik:
        raise ValidationError(
            _("Anda menyatakan benturan kepentingan, jadi tidak boleh mengevaluasi paket ini.")
        )


def after_commit(task, *args):
    """Queue `task` with `args` once the current transaction has committed; a broker down fails no one."""
    enqueue_on_commit(task, *args)
