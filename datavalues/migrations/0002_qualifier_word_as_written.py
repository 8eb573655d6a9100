"""The qualifier's word as the agency wrote it ("hơn", "ước"), beside its kind."""

from __future__ import annotations

from django.db import migrations, models

from analytics import triggers

# SQLite rebuilds the table to add a column or a check: its AgencyTotal triggers go with the old
# table, and the rename is refused while agencies_agency's trigger names the table.
SQLITE_TRIGGERS = (
    "analytics_total_insert",
    "analytics_total_delete",
    "analytics_total_update",
    "analytics_agency_unit",
)


def drop_sqlite_triggers(apps, schema_editor) -> None:
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def install_sqlite_triggers(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        drop_sqlite_triggers(apps, schema_editor)
        triggers.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("datavalues", "0001_initial"), ("analytics", "0002_triggers")]

    operations = [
        migrations.RunPython(drop_sqlite_triggers, install_sqlite_triggers),
        migrations.AddField(
            model_name="datavalue",
            name="qualifier_word",
            field=models.CharField(
                blank=True,
                db_default="",
                default="",
                help_text="Từ cơ quan đã viết trước số liệu («hơn», «ước», ...); để trống là từ mặc định.",
                max_length=20,
                verbose_name="từ chỉ mức độ",
            ),
        ),
        migrations.AddConstraint(
            model_name="datavalue",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("qualifier_word", ""),
                    models.Q(
                        ("qualifier", "more_than"),
                        ("qualifier_word__in", ["hơn", "ít nhất", "tối thiểu", "không dưới"]),
                    ),
                    models.Q(
                        ("qualifier", "about"),
                        (
                            "qualifier_word__in",
                            ["gần", "xấp xỉ", "ước tính", "ước", "chừng", "độ", "trên dưới"],
                        ),
                    ),
                    _connector="OR",
                ),
                name="qualifier_word_of_kind",
            ),
        ),
        migrations.RunPython(install_sqlite_triggers, drop_sqlite_triggers),
    ]
