import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args):
    """
    Queue `task(*args)` once the transaction commits, never failing the caller.

    When the broker is unreachable the citizen's submission must still succeed: the task is
    logged and left for the periodic sweep that finds work not yet done.
    """

    def send():
        try:
            task.delay(*args)
        except Exception:
            logger.warning("Broker unreachable: %s%r left for the sweep", task.name, args, exc_info=True)

    transaction.on_commit(send)
