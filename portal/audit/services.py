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
