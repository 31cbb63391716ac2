from django.contrib.contenttypes.models import ContentType

from portal.network import client_ip

from .models import AksesData


def access_record(*, request, target, subject, action, description) -> AksesData:
    """Write one officer's access to `target`, whose personal data belongs to `subject`."""
    return AksesData.objects.create(
        actor=request.user,
        subject=subject,
        action=action,
        description=str(description)[:200],
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        ip=client_ip(request),
    )


def access_record_by_filer(*, request, application, action):
    """
    Log a front-desk officer's look at an application they filed for a citizen, through the
    citizen's own pages (its page, its receipt): the citizen's personal data, read by someone else.
    The applicant's own looks are not logged.
    """
    if application.applicant_id == request.user.pk:
        return None
    return access_record(
        request=request,
        target=application,
        subject=application.applicant,
        action=action,
        description=application.reference or str(application),
    )


def akses_data_claim_copy(*, unclaimed, user, **kwargs) -> int:
    """
    Give the account that claimed one recorded at a desk the looks at that account's data. The log
    is append-only, so its rows are copied (same officer, time and data), never moved.
    """
    fields = ["actor_id", "action", "description", "content_type_id", "object_id", "ip", "created_at"]
    rows = AksesData.objects.filter(subject=unclaimed).values(*fields)
    return len(AksesData.objects.bulk_create(AksesData(subject=user, **row) for row in rows))
