from __future__ import annotations

from django.db import migrations

from analytics import triggers


def forwards(apps, schema_editor) -> None:
    triggers.install(schema_editor.connection)
    triggers.rebuild_agency_totals(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("analytics", "0001_initial"), ("datavalues", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
