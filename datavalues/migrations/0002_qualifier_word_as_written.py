"""The qualifier's word as the agency wrote it ("hơn", "ước"), beside its kind."""

from __future__ import annotations

from django.db import migrations, models

# The AgencyTotal triggers as analytics/triggers.py wrote them for SQLite when this migration was
# made (d9d980a), frozen here so that later edits of triggers.py do not change it.
COLUMNS = "datavalue_id, indicator_id, agency_id, place_id, period_id, report_id, value, qualifier"
_SELECT_TOTAL = (
    "SELECT v.id, v.indicator_id, v.agency_id, v.place_id, v.period_id, v.report_id, v.value,"
    " v.qualifier FROM datavalues_datavalue v JOIN agencies_agency a ON a.id = v.agency_id"
    " AND a.unit_id = v.place_id WHERE v.category_id IS NULL"
)
_NEW_ROW = (
    "NEW.id, NEW.indicator_id, NEW.agency_id, NEW.place_id, NEW.period_id, NEW.report_id,"
    " NEW.value, NEW.qualifier"
)
_NEW_IS_TOTAL = (
    "NEW.category_id IS NULL AND NEW.place_id = "
    "(SELECT unit_id FROM agencies_agency WHERE id = NEW.agency_id)"
)

SQLITE = [
    f"""
    CREATE TRIGGER analytics_total_insert AFTER INSERT ON datavalues_datavalue
    WHEN {_NEW_IS_TOTAL}
    BEGIN INSERT INTO analytics_agencytotal ({COLUMNS}) VALUES ({_NEW_ROW}); END
    """,
    """
    CREATE TRIGGER analytics_total_delete AFTER DELETE ON datavalues_datavalue
    BEGIN DELETE FROM analytics_agencytotal WHERE datavalue_id = OLD.id; END
    """,
    f"""
    CREATE TRIGGER analytics_total_update AFTER UPDATE ON datavalues_datavalue
    BEGIN
      DELETE FROM analytics_agencytotal WHERE datavalue_id = OLD.id;
      INSERT INTO analytics_agencytotal ({COLUMNS}) SELECT {_NEW_ROW} WHERE {_NEW_IS_TOTAL};
    END
    """,
    f"""
    CREATE TRIGGER analytics_agency_unit AFTER UPDATE OF unit_id ON agencies_agency
    WHEN OLD.unit_id IS NOT NEW.unit_id
    BEGIN
      DELETE FROM analytics_agencytotal WHERE agency_id = NEW.id;
      INSERT INTO analytics_agencytotal ({COLUMNS}) {_SELECT_TOTAL} AND v.agency_id = NEW.id;
    END
    """,
]

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
        with schema_editor.connection.cursor() as cursor:
            for statement in SQLITE:
                cursor.execute(statement)


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
