"""The production queue on Redis (django-tasks-rq): an export enqueued through it, run by RQ's worker.

Skipped where no Redis answers on 127.0.0.1:6379 (a fresh user machine); CI and the development
machines have one. The worker is RQ's SimpleWorker, which runs the job in this process (RQ's
default worker forks, and the fork's writes would not reach the test's in-memory database).
"""

from __future__ import annotations

import io

import pytest
import redis
from django.urls import reverse
from openpyxl import load_workbook

from accounts.testing import login_verified
from rendering.models import RenderedFile
from rounds.testing import make_report, make_round, make_value
from tonghop.testing import committed

REDIS = "redis://127.0.0.1:6379/13"


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379"),
]


@pytest.fixture
def rq_queue(settings):
    """The Redis backend in place of the database's, on an emptied queue of its own database."""
    import django_rq

    settings.RQ_QUEUES = {"default": {"URL": REDIS}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue = django_rq.get_queue("default")
    queue.empty()
    yield queue
    queue.empty()  # the settings fixture puts the database backend back


def test_an_export_goes_through_redis_and_rqs_worker_makes_it(client, cast, settings, rq_queue):
    import django_rq

    round_ = make_round(cast, 2023, ["leaflets"])
    make_value(
        "leaflets", cast.bdt, 43000, period=round_.period, report=make_report(round_, cast.bdt)
    )
    settings.TONGHOP_EXPORT_INLINE_ROWS = 0
    login_verified(client, cast.coordinator)
    url = reverse("analytics:compilation", args=[round_.pk]) + "?dinh-dang=xlsx"
    with committed():
        client.get(url, follow=True)
    file = RenderedFile.objects.get()
    assert rq_queue.count == 1
    assert rq_queue.jobs[0].func_name == "rendering.tasks.render_file"
    worker = django_rq.get_worker(
        "default", job_class="django_tasks_rq.Job", worker_class="rq.worker.SimpleWorker"
    )
    assert worker.work(burst=True)
    file.refresh_from_db()
    assert file.status == RenderedFile.Status.DONE and rq_queue.count == 0
    data = client.get(reverse("rendering:rendered_file_download", args=[file.pk])).content
    book = load_workbook(io.BytesIO(data))
    assert 43000 in {cell.value for sheet in book for row in sheet.iter_rows() for cell in row}
