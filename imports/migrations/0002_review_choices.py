"""The officer's choices on the review pages, kept with the document until the confirmation."""

from __future__ import annotations

from django.db import migrations, models

from analytics import triggers


def reinstall_sqlite_search(apps, schema_editor) -> None:
    # SQLite rebuilds the table to add or drop a column: its search-index triggers go with it.
    if schema_editor.connection.vendor == "sqlite":
        triggers.install_search(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0001_initial"),
        ("analytics", "0004_search_triggers"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, reinstall_sqlite_search),
        migrations.AddField(
            model_name="importeddocument",
            name="choices",
            field=models.JSONField(blank=True, default=dict, verbose_name="lựa chọn khi xem lại"),
        ),
        migrations.RunPython(reinstall_sqlite_search, migrations.RunPython.noop),
    ]
