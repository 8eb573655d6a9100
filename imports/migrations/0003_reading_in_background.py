"""Documents read in the background: the reading's states and times, its reason for failing,
the OCR's summary of a scan, and the bytes of an upload until it is read (PendingFile)."""

from __future__ import annotations

import importlib

import django.db.models.deletion
from django.db import migrations, models

# SQLite rebuilds the table to add a column: its search-index triggers go with it and are put
# back as 0002 froze them (the same SQL as today's analytics/triggers.py).
reinstall_sqlite_search = importlib.import_module(
    "imports.migrations.0002_review_choices"
).reinstall_sqlite_search


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0002_review_choices"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, reinstall_sqlite_search),
        migrations.CreateModel(
            name="PendingFile",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="pending_file",
                        serialize=False,
                        to="imports.importeddocument",
                        verbose_name="văn bản",
                    ),
                ),
                ("data", models.BinaryField(verbose_name="nội dung tệp")),
            ],
            options={
                "verbose_name": "tệp chờ đọc",
                "verbose_name_plural": "tệp chờ đọc",
            },
        ),
        migrations.AddField(
            model_name="importeddocument",
            name="error",
            field=models.TextField(blank=True, verbose_name="lý do không đọc được"),
        ),
        migrations.AddField(
            model_name="importeddocument",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="đọc xong lúc"),
        ),
        migrations.AddField(
            model_name="importeddocument",
            name="ocr",
            field=models.JSONField(blank=True, null=True, verbose_name="nhận dạng ký tự (OCR)"),
        ),
        migrations.AddField(
            model_name="importeddocument",
            name="queued_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="chờ đọc từ lúc"),
        ),
        migrations.AddField(
            model_name="importeddocument",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="bắt đầu đọc lúc"),
        ),
        migrations.AlterField(
            model_name="importeddocument",
            name="status",
            field=models.CharField(
                choices=[
                    ("queued", "Đang chờ đọc"),
                    ("running", "Đang đọc"),
                    ("failed", "Không đọc được"),
                    ("extracted", "Chờ xác nhận"),
                    ("confirmed", "Đã đưa vào báo cáo"),
                ],
                default="extracted",
                max_length=12,
                verbose_name="trạng thái",
            ),
        ),
        migrations.AlterField(
            model_name="importeddocument",
            name="text",
            field=models.TextField(
                blank=True, default="", verbose_name="nội dung (đã che dữ liệu cá nhân)"
            ),
        ),
        migrations.RunPython(reinstall_sqlite_search, migrations.RunPython.noop),
    ]
