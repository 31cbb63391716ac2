from celery import shared_task

from .services import worker_heartbeat_record


@shared_task(bind=True, ignore_result=True)
def worker_heartbeat_record_task(self):
    worker_heartbeat_record(hostname=self.request.hostname or "eager")
