"""
One transition engine for every service app.

A model that moves through statuses declares `TRANSITIONS = {from: {to, ...}}` and a history
model built on `StatusHistory`, reachable as `HISTORY_MODEL` with the foreign key `HISTORY_FK`.
`workflow_transition()` locks the row, refuses a move the table does not allow or that another
officer already made, saves the new status and writes one history row, in one transaction.

Separation of duties: a model may name the accounts that filed an application (`FILED_BY`, field
names) and the statuses those accounts may never move it into (`FILER_BARRED`: verifying, rejecting,
issuing). An officer who filed an application at the front desk for a citizen therefore cannot
check or approve it; another officer must. Staying in the same status (a reschedule) is not a decision.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.forms import RadioSelect
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.holidays.selectors import working_days_add
from portal.sequences import sequence_next


class TransitionError(ValidationError):
    """A refused transition; its message is shown to the user."""


class StatusHistory(models.Model):
    """Append-only record of one status change: who, when, from, to and why."""

    from_status = models.CharField(
        gettext_lazy("dari status"), max_length=30, blank=True, help_text=gettext_lazy("Status sebelumnya.")
    )
    to_status = models.CharField(
        gettext_lazy("ke status"), max_length=30, help_text=gettext_lazy("Status sesudahnya.")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("oleh"),
        help_text=gettext_lazy("Pengguna yang melakukan perubahan; kosong bila oleh sistem."),
    )
    note = models.TextField(
        gettext_lazy("catatan"), blank=True, help_text=gettext_lazy("Alasan atau pesan untuk pemohon.")
    )
    created_at = models.DateTimeField(
        gettext_lazy("waktu"), default=timezone.now, help_text=gettext_lazy("Waktu perubahan status.")
    )

    # The owning model's Status choices, so history rows can show labels.
    STATUS = None
    # What a row that stays in its status means, by status, e.g. an appointment moved while verified.
    WITHIN_STATUS = {}

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.from_status or '-'} → {self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TransitionError(_("Riwayat status tidak boleh diubah."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TransitionError(_("Riwayat status tidak boleh dihapus."))

    @property
    def from_status_label(self):
        return self.STATUS(self.from_status).label if self.from_status else "–"

    @property
    def to_status_label(self):
        if self.from_status == self.to_status and self.to_status in self.WITHIN_STATUS:
            return self.WITHIN_STATUS[self.to_status]
        return self.STATUS(self.to_status).label


class Application(models.Model):
    """
    A citizen's application to a service, as the engine reads it: who filed it, what they may not do
    to it, its history's foreign key and the order of lists. Each service declares the fields itself
    (status, applicant, assisted_by, assigned_to, revision_fields...): an admin page shows them in
    the order they are declared.
    """

    # Separation of duties: whoever filed an application (the owner, or the officer at the front desk)
    # may not verify, reject or issue it; the workflow engine refuses and hides those buttons.
    FILED_BY = ("applicant", "assisted_by")
    FILER_BARRED = {"diverifikasi", "ditolak", "diterbitkan"}
    HISTORY_FK = "permohonan"
    # How a revision request names the document of a kind.
    DOCUMENT_NAME = "{kind}"
    # What a corrected answer may call for, open for the whole revision: {field: names}.
    REVISION_DEPENDENTS = {}

    class Meta:
        abstract = True
        ordering = ["-submitted_at", "-created_at"]


def workflow_filers(*, instance) -> set:
    """Return the ids of the accounts that filed `instance` (the applicant, the front-desk officer)."""
    fields = getattr(type(instance), "FILED_BY", ())
    return {pk for pk in (getattr(instance, f"{field}_id") for field in fields) if pk is not None}


def workflow_barred(*, instance, to, actor) -> bool:
    """Return whether `actor` filed `instance` and so may not move it into `to`."""
    if actor is None or to == instance.status or to not in getattr(type(instance), "FILER_BARRED", ()):
        return False
    return actor.pk in workflow_filers(instance=instance)


def workflow_allowed(*, instance, actor=None) -> set:
    """Return the statuses `instance` may move to from its current status (by `actor`, when given)."""
    allowed = set(type(instance).TRANSITIONS.get(instance.status, set()))
    return {to for to in allowed if not workflow_barred(instance=instance, to=to, actor=actor)}


@transaction.atomic
def workflow_transition(*, instance, to, actor=None, note="", expected_from=None, update=None):
    """
    Move `instance` to status `to` under a row lock and record it; return the locked, saved row.

    `expected_from` is the status the officer saw: if the row moved meanwhile, the second click
    is refused with a clear message instead of applying on top. `update` sets more fields.
    """
    model = type(instance)
    locked = model.objects.select_for_update().get(pk=instance.pk)
    status_label = dict(model._meta.get_field("status").choices)
    if expected_from is not None and locked.status != expected_from:
        raise TransitionError(
            capfirst(
                _("%(what)s ini baru saja diubah orang lain; statusnya kini %(status)s. Muat ulang halaman.")
                % {"what": model._meta.verbose_name, "status": status_label.get(locked.status, locked.status)}
            )
        )
    if to not in workflow_allowed(instance=locked):
        raise TransitionError(
            _("Status tidak bisa diubah dari %(from)s ke %(to)s.")
            % {"from": status_label.get(locked.status, locked.status), "to": status_label.get(to, to)}
        )
    if workflow_barred(instance=locked, to=to, actor=actor):
        raise TransitionError(
            _(
                "Anda yang mengajukan permohonan ini, jadi tidak boleh juga mengubahnya ke %(to)s. "
                "Minta petugas lain memeriksanya."
            )
            % {"to": status_label.get(to, to)}
        )
    from_status = locked.status
    locked.status = to
    for field, value in (update or {}).items():
        setattr(locked, field, value)
    locked.full_clean()
    locked.save()
    model.HISTORY_MODEL.objects.create(
        **{model.HISTORY_FK: locked},
        from_status=from_status,
        to_status=to,
        actor=actor,
        note=note,
    )
    return locked


# An applicant changes an application freely while it is a draft; once an officer has asked for
# corrections, only the fields and documents that request names. Every service app uses these values.
DRAFT, REVISION = "draf", "perlu_perbaikan"
# A draft never saved again since it was started (within a second) and holding no document: a second
# click's draft would be the same, so the services return it rather than start another.
UNTOUCHED_DRAFT = models.Q(
    status=DRAFT,
    updated_at__lt=models.F("created_at") + datetime.timedelta(seconds=1),
    dokumen_set__isnull=True,
)


def applicant_editable(instance):
    """
    Return what the applicant may change now: None for everything (a draft), else a set of names. In
    a revision, what the request names with what those answers call for (REVISION_DEPENDENTS: a
    foreign resident's KITAP, a company's deed), and whatever is still blank: filling a blank
    changes nothing the officer has seen.
    """
    if instance.status == DRAFT:
        return None
    if instance.status != REVISION:
        return set()
    blank = {f.name for f in instance._meta.concrete_fields if getattr(instance, f.attname) in (None, "")}
    kinds = instance.dokumen_set.model._meta.get_field("kind").choices
    have = set(instance.dokumen_set.values_list("kind", flat=True))
    missing = {instance.DOCUMENT_NAME.format(kind=kind) for kind, _label in kinds if kind not in have}
    named = set(instance.revision_fields)
    dependents = {name for field in named for name in type(instance).REVISION_DEPENDENTS.get(field, ())}
    return named | dependents | blank | missing


def applicant_edit_check(instance, fields):
    """Refuse a change to `fields` that the applicant may not make in the application's status."""
    editable = applicant_editable(instance)
    if editable is None or (instance.status == REVISION and set(fields) <= editable):
        return
    raise ValidationError(_("Permohonan ini tidak bisa diubah lagi."))


# -- what every application service does the same way ---------------------------------------------

SUBMITTED, WITHDRAWN = "diajukan", "dibatalkan"


def submission_stamp(*, prefix, sequence, days) -> dict:
    """
    Return the fields a first submission sets: the reference (PREFIX-year-number, numbered per
    year by `sequence`), the time, and the SLA date `days` working days ahead.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    number = sequence_next(f"{sequence}_{today.year}")
    return {
        "reference": f"{prefix}-{today.year}-{number:06d}",
        "submitted_at": now,
        "sla_due": working_days_add(start=today, days=days),
    }


def at_desk(instance, actor) -> bool:
    """Return whether `actor` is the front-desk officer who files `instance` for its applicant."""
    return instance.assisted_by_id is not None and actor is not None and actor.pk == instance.assisted_by_id


def filed_by(user, *, desk_role) -> models.Q:
    """
    Return the rule of the applications `user` opens through the applicant's pages: their own, and
    those they file at the front desk for a citizen present while they still serve at that desk. An
    officer moved off the desk keeps no way into the citizen's data.
    """
    rule = models.Q(applicant=user)
    if user.is_staff and user.is_active and user.has_role(desk_role):
        rule |= models.Q(assisted_by=user)
    return rule


def desk_note(instance, actor) -> str:
    """Return the history note of a submission a front-desk officer makes for the applicant."""
    if not at_desk(instance, actor):
        return ""
    with translation.override(settings.LANGUAGE_CODE):  # stored: every reader sees the same history
        note = _("Dibantu petugas %(name)s; diajukan di loket.")
    return note % {"name": instance.assisted_by.get_full_name()}


def workflow_submit(*, instance, actor, update, refusal):
    """
    Submit a draft or a corrected application, setting `update`, clearing the corrections asked and
    noting a desk filing. `refusal`, {field: message}, answers a unique constraint it breaks.
    """
    try:
        with transaction.atomic():
            return workflow_transition(
                instance=instance,
                to=SUBMITTED,
                actor=actor,
                expected_from=instance.status,
                update={"revision_fields": [], **update},
                note=desk_note(instance, actor),
            )
    except IntegrityError as exc:
        raise ValidationError(refusal) from exc


def applicant_withdraw(*, instance, actor, refusal=""):
    """
    Withdraw the applicant's own application, from the statuses its transition table allows. Only
    the applicant decides this: the front-desk officer who filed it for them may not. `refusal` is
    what the applicant is told once their application has gone past withdrawing, in the service's
    words rather than the engine's two statuses.
    """
    if actor is None or actor.pk != instance.applicant_id:
        raise TransitionError(_("Hanya pemohon sendiri yang bisa membatalkan permohonannya."))
    if refusal and WITHDRAWN not in workflow_allowed(instance=instance):
        raise TransitionError(refusal)
    with translation.override(settings.LANGUAGE_CODE):  # stored: every reader sees the same history
        note = _("Dibatalkan oleh pemohon.")
    return workflow_transition(
        instance=instance, to=WITHDRAWN, actor=actor, expected_from=instance.status, note=note
    )


def revision_request_check(*, note, fields, choices):
    """
    Refuse a request for corrections that does not tell the applicant what to correct, or names
    a field or document outside `choices`, the application's (name, label) pairs.
    """
    if not note.strip():
        raise TransitionError(_("Tulis catatan untuk pemohon: apa yang harus diperbaiki."))
    if not fields:
        raise TransitionError(_("Pilih paling sedikit satu isian atau dokumen yang harus diperbaiki."))
    if not set(fields) <= {name for name, _label in choices}:
        raise TransitionError(_("Pilih hanya isian atau dokumen yang ada pada permohonan ini."))


def revision_labels(*, fields, choices) -> list:
    """Return the labels of `fields`, names an officer asked to be corrected, from `choices` (name, label)."""
    labels = dict(choices)
    return [capfirst(labels.get(name, name)) for name in fields]


def rejection_check(*, note):
    """Refuse a rejection without the reason the applicant will read."""
    if not note.strip():
        raise TransitionError(_("Tulis alasan penolakan."))


@transaction.atomic
def workflow_assign(*, instance, officer):
    """Assign the application to `officer`, or release it with None."""
    locked = type(instance).objects.select_for_update().get(pk=instance.pk)
    locked.assigned_to = officer
    locked.save(update_fields=["assigned_to", "updated_at"])
    return locked


def submission_refusal(exc, problems) -> str:
    """
    Return the message of a refused submission for the check-answers page. That page lists each
    unfinished answer (`problems`, by field) with its label, so the message points there and adds
    only what the list does not hold (an application already open for the same NIK, say).
    """
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    rest = {field: errors for field, errors in exc.error_dict.items() if field not in problems}
    listed = [_("Permohonan belum bisa diajukan: lengkapi dulu yang tercantum di bawah.")]
    return " ".join((listed if len(rest) < len(exc.error_dict) else []) + ValidationError(rest).messages)


def problems_listed(problems: dict, *, labels: dict, where) -> list[tuple]:
    """
    Return (label, message, address) for each unfinished answer (`problems`, by field) of the
    check-answers page; `where(field)` is the address of the step and question that fix it, or None.
    """
    return [(capfirst(str(labels.get(f, f))), message, where(f)) for f, message in problems.items()]


def question_address(url, form_class, name) -> str | None:
    """
    Return the address of question `name` of form_class on the page at url: the id Django gives its
    input (a radio list's first choice), as the error summary links it; None when the form lacks it.
    """
    field = form_class.base_fields.get(name)
    if field is None:
        return None
    return f"{url}#id_{name}_0" if isinstance(field.widget, RadioSelect) else f"{url}#id_{name}"


def revision_uploads_missing(*, instance, kinds) -> list:
    """
    Return those of `kinds`, documents an officer asked to be corrected, that the applicant has not
    uploaded again since the request: the same scan sent back would only come back again.
    """
    model = type(instance)
    if instance.status != REVISION or not kinds:
        return []
    asked = (
        model.HISTORY_MODEL.objects.filter(**{model.HISTORY_FK: instance}, to_status=REVISION)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if asked is None:
        return []
    fresh = set(instance.dokumen_set.filter(uploaded_at__gt=asked).values_list("kind", flat=True))
    return [kind for kind in kinds if kind not in fresh]
