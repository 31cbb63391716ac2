from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from .models import AksesData


def access_record(*, request, target, subject, action, description) -> AksesData:
    """Write one officer's access to `target`, whose personal data belongs to `subject`."""
    ip = request.META.get(settings.RATELIMIT_IP_META_KEY) or request.META.get("REMOTE_ADDR")
    return AksesData.objects.create(
        actor=request.user,
        subject=subject,
        action=action,
        description=str(description)[:200],
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        ip=(ip or "").split(",")[0].strip() or None,
    )
