import threading

import pytest
from django.db import connection, transaction

from portal.sequences import sequence_next


@pytest.mark.django_db
def test_numbers_follow_each_other_and_names_are_separate():
    first = sequence_next("uji_a")
    assert sequence_next("uji_a") == first + 1
    assert sequence_next("uji_b") == 1


def test_a_bad_name_is_refused():
    with pytest.raises(ValueError):
        sequence_next("x; DROP TABLE")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_first_use_of_a_new_sequence_gives_distinct_numbers():
    barrier, results = threading.Barrier(6, timeout=30), []

    def take():
        try:
            barrier.wait()
            with transaction.atomic():
                results.append(sequence_next("uji_serentak"))
        except Exception as exc:  # the assertion below reports it
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [1, 2, 3, 4, 5, 6]
