from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """The last time each Celery worker ran the heartbeat task: proof it reads the queue."""

    hostname = models.CharField(
        _("nama worker"), max_length=255, unique=True, help_text=_("Nama host worker Celery.")
    )
    seen_at = models.DateTimeField(
        _("terakhir terlihat"), help_text=_("Waktu worker terakhir menjalankan tugas detak.")
    )

    class Meta:
        verbose_name = _("detak worker")
        verbose_name_plural = _("detak worker")

    def __str__(self):
        return f"{self.hostname} @ {self.seen_at:%Y-%m-%d %H:%M:%S}"
