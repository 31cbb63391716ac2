"""
Abandoned drafts: a draft application nobody has saved for DRAFT_RETENTION_DAYS is deleted with its
uploaded documents, so that a NIK, an address or a scanned KK typed in once and left does not stay
for good. Its applicant is told DRAFT_RETENTION_NOTICE_DAYS before (email, and SMS where set up),
and a draft saved again starts its time anew.

Each service app registers its drafts in its AppConfig.ready() with draft_provider_register(); the
portal never imports the apps. The daily retention task runs draft_retention_run().
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.network import site_url
from portal.notifications.models import Notification
from portal.notifications.services import notification_send_to_person
from portal.workflow import DRAFT, WITHDRAWN

from .retention import ExpiredDocument, document_retention_delete

logger = logging.getLogger(__name__)

NOTICE_EVENT = "portal.draft_expiring"
# The draft's fields the run reads (DraftProvider), and its applicant's for the notice.
DRAFT_FIELDS = [
    *["pk", "status", "created_at", "updated_at", "assisted_by_id", "applicant"],
    *["applicant__name", "applicant__email", "applicant__phone", "applicant__language"],
]


@dataclass(frozen=True)
class DraftProvider:
    """
    A service's drafts: `drafts()` returns them as a queryset of applications with `applicant`,
    `assisted_by_id` (the desk officer who started it, if any), `created_at`, `updated_at` and their
    stored documents under `documents`; `label` names the service in the notice, and
    `continue_path(draft)` is where its applicant goes on filling it in.
    """

    drafts: Callable
    documents: str
    label: str
    continue_path: Callable


DRAFT_PROVIDERS = {}


def draft_provider_register(*, service: str, drafts, documents: str, label, continue_path):
    DRAFT_PROVIDERS[service] = DraftProvider(
        drafts=drafts, documents=documents, label=label, continue_path=continue_path
    )


def drafts_of(model):
    """
    Return `model`'s drafts for this retention: those not yet submitted, and those withdrawn before
    they ever were (no reference), which hold the same NIK and scans and would otherwise stay for good.
    """
    return model.objects.filter(Q(status=DRAFT) | Q(status=WITHDRAWN, reference__isnull=True))


def draft_retention_days() -> int:
    days, notice = settings.DRAFT_RETENTION_DAYS, settings.DRAFT_RETENTION_NOTICE_DAYS
    if not 0 <= notice < days:
        raise ImproperlyConfigured(
            "DRAFT_RETENTION_NOTICE_DAYS must be at least 0 and less than DRAFT_RETENTION_DAYS, "
            f"not {notice} and {days}."
        )
    return days


def draft_deletion_date(updated_at: datetime.datetime) -> datetime.date:
    """
    Return the day a draft last saved at `updated_at` is deleted unless saved again: the first day
    that begins once it has stayed unsaved for DRAFT_RETENTION_DAYS. The nightly run deletes on that
    day, so the lists, the notice and the deletion name one date.
    """
    return timezone.localdate(updated_at) + datetime.timedelta(days=draft_retention_days() + 1)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def draft_retention_run(*, now=None) -> tuple[int, int]:
    """Tell the applicants of drafts soon due, delete those due; return (notices, drafts deleted)."""
    today = timezone.localdate(now or timezone.now())
    deleted = noticed = 0
    days, notice_days = draft_retention_days(), settings.DRAFT_RETENTION_NOTICE_DAYS
    # Counted in days, as draft_deletion_date() is: saved before `due`, a draft's day has come;
    # saved before `warned`, it is at most DRAFT_RETENTION_NOTICE_DAYS away.
    due = _day_start(today - datetime.timedelta(days=days))
    warned = _day_start(today - datetime.timedelta(days=days - notice_days))
    told_by = today - datetime.timedelta(days=notice_days)  # a notice of this day or before has had its time
    for service, provider in sorted(DRAFT_PROVIDERS.items()):
        # What the notice and the choice read, not the biodata: each draft's NIK would be decrypted.
        drafts = list(
            provider.drafts()
            .filter(updated_at__lt=warned)
            .select_related("applicant")
            .only(*DRAFT_FIELDS)
            .order_by("pk")
        )
        first_notices = _first_notices(drafts)
        for draft in drafts:
            if not _can_be_told(draft):
                told = told_by
            elif draft.pk in first_notices:
                told = timezone.localdate(first_notices[draft.pk])
            else:
                noticed += _notice_send(provider, draft, today=today)
                continue
            if draft.updated_at < due and told <= told_by:
                deleted += draft_delete(service=service, provider=provider, pk=draft.pk, due=due)
    logger.info("Draft retention: %d deleted, %d notices, cutoff %s", deleted, noticed, due.isoformat())
    return noticed, deleted


def _notice_key(draft) -> str:
    # A draft saved again after its notice gets a new one before its new date.
    return f"draft-{draft.updated_at.isoformat()}"


def _can_be_told(draft) -> bool:
    """
    Return whether the draft's applicant is told before it goes: not when a desk officer started it
    (the citizen did not, and the officer sees it among their drafts), nor when there is no way to
    reach them.
    """
    if draft.status != DRAFT:  # withdrawn by its applicant: nothing to go on with, nothing to tell
        return False
    return not draft.assisted_by_id and bool(draft.applicant.email or draft.applicant.phone)


def _first_notices(drafts) -> dict:
    """
    Return {draft pk: when its applicant was first told of its deletion since it was last saved},
    for those told, in one query. A notice still failing is not telling; one whose address was
    refused for good is as much as can be done.
    """
    if not drafts:
        return {}
    keys = {draft.pk: _notice_key(draft) for draft in drafts}
    told = Notification.objects.filter(
        event=NOTICE_EVENT,
        content_type=ContentType.objects.get_for_model(drafts[0]),
        object_id__in=keys,
        status__in=[Notification.Status.SENT, Notification.Status.REFUSED],
    ).values_list("object_id", "key", "sent_at", "attempted_at")
    first = {}
    for pk, key, sent, attempted in told:
        if key == keys[pk]:
            first[pk] = min(first.get(pk, sent or attempted), sent or attempted)
    return first


def _notice_send(provider, draft, *, today) -> int:
    applicant = draft.applicant
    context = {
        "name": applicant.get_full_name(),
        "service": provider.label,
        "created": draft.created_at,
        "updated": draft.updated_at,
        "days": draft_retention_days(),
        # Never a day already past: a draft found long after its date (a first run, a setting
        # lowered, an outage) is deleted no sooner than its notice's full time after today.
        "deleted_on": max(
            draft_deletion_date(draft.updated_at),
            today + datetime.timedelta(days=settings.DRAFT_RETENTION_NOTICE_DAYS),
        ),
        "url": site_url(provider.continue_path(draft)),
    }
    try:
        sent = notification_send_to_person(
            person=applicant,
            event=NOTICE_EVENT,
            target=draft,
            key=_notice_key(draft),
            context=context,
        )
    except Exception:  # recorded as failed and tried again by the next run; this run goes on
        logger.warning("Draft retention: the notice for draft %s could not be sent", draft.pk, exc_info=True)
        return 0
    return len(sent)


@transaction.atomic
def draft_delete(*, service: str, provider: DraftProvider, pk: int, due: datetime.datetime) -> bool:
    """
    Delete one draft untouched since before `due`, with its documents (each logged as a retention
    deletion); return False if it was saved, submitted or deleted meanwhile.
    """
    # A second run at the same time skips the draft the first one holds.
    locked = provider.drafts().select_for_update(skip_locked=True)
    draft = locked.filter(pk=pk, updated_at__lt=due).first()
    if draft is None:
        return False
    with translation.override(settings.LANGUAGE_CODE):  # the log's texts are in the portal's language
        reason = _("Draf tidak disimpan lagi selama %(days)s hari sejak %(date)s.") % {
            "days": draft_retention_days(),
            "date": timezone.localdate(draft.updated_at).isoformat(),
        }
    for document in getattr(draft, provider.documents).all():
        expired = ExpiredDocument(
            document=document, reference="", status=draft.status, closed_at=draft.updated_at
        )
        document_retention_delete(service=service, expired=expired, reason=reason)
    draft.delete()
    logger.info("Draft retention: deleted %s draft %s, last saved %s", service, pk, draft.updated_at.date())
    return True
