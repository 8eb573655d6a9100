"""`tonghop serve` starts the workers of the configured task backend."""

from __future__ import annotations

from django.test import override_settings

from tonghop.serving import worker_command


def test_database_backend_gets_the_database_worker():
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        assert worker_command()[-4:] == ["db_worker", "--queue-name", "*", "--no-reload"]


def test_redis_backend_gets_rq_workers_on_its_queues():
    backend = {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default", "exports"]}
    with override_settings(TASKS={"default": backend}):
        command = worker_command()
    assert command[-5:] == ["rqworker", "--job-class", "django_tasks_rq.Job", "default", "exports"]
