from __future__ import annotations

from django.db import migrations

from analytics import triggers


def forwards(apps, schema_editor) -> None:
    triggers.install_search(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0003_unitmap_unit_index_only"),
        ("imports", "0001_initial"),
        ("rounds", "0002_workflow_activities_targets"),
    ]

    operations = [
        migrations.RemoveField(model_name="searchentry", name="url"),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
