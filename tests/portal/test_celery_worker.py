import pytest

from portal.health.models import WorkerHeartbeat
from portal.health.tasks import worker_heartbeat_record_task
from tests.utils import wait_for


@pytest.mark.celery_worker
def test_a_real_worker_runs_a_task_that_writes_to_the_database(celery_worker_queue):
    from portal.celery import app

    assert not WorkerHeartbeat.objects.exists()
    with app.connection_for_write() as conn:
        worker_heartbeat_record_task.apply_async(connection=conn)

    heartbeat = wait_for(
        lambda: WorkerHeartbeat.objects.filter(hostname__startswith=f"{celery_worker_queue}@").first()
    )
    assert heartbeat is not None, "the worker did not record its heartbeat within 30 s"


@pytest.mark.django_db
def test_the_task_runs_eagerly_without_a_broker():
    worker_heartbeat_record_task.delay()
    assert WorkerHeartbeat.objects.get().hostname
