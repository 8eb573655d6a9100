"""The search index over narratives and imported documents, kept by triggers on both sources.

The SQL is frozen as analytics/triggers.py wrote it when this migration was made (b658ec1).
"""

from __future__ import annotations

from django.db import migrations

# The search index: one entry per non-empty narrative or imported document, refreshed by
# triggers on both sources; SearchEntry's own triggers keep SQLite's FTS5 table in step.
SEARCHED = {
    # kind: (table, title, extra join)
    "narrative": (
        "rounds_narrative",
        "s.label || '. ' || s.title",
        "JOIN rounds_section s ON s.id = NEW.section_id",
    ),
    "document": ("imports_importeddocument", "NEW.file_name", ""),
}
FOLD = {"postgresql": "lower(unaccent({}))", "sqlite": "replace(replace({}, 'Đ', 'D'), 'đ', 'd')"}


def _index_entry(vendor: str, kind: str) -> tuple[str, str]:
    """The DELETE and INSERT that refresh one source row's entry, for a trigger body."""
    _, title, join = SEARCHED[kind]
    delete = f"DELETE FROM analytics_searchentry WHERE kind = '{kind}' AND object_id = OLD.id"
    insert = (
        "INSERT INTO analytics_searchentry"
        " (kind, object_id, title, agency_id, place_id, period_id, report_id, text, folded)"
        f" SELECT '{kind}', NEW.id, {title}, r.agency_id, a.unit_id, ro.period_id, r.id,"
        f" NEW.text, {FOLD[vendor].format('NEW.text')}"
        " FROM rounds_report r JOIN rounds_round ro ON ro.id = r.round_id"
        f" JOIN agencies_agency a ON a.id = r.agency_id {join}"
        " WHERE r.id = NEW.report_id AND trim(NEW.text) <> ''"
    )
    return delete, insert


def search_statements(vendor: str) -> list[str]:
    """The search index's extension, full-text table and triggers for this database."""
    if vendor == "postgresql":
        statements = ["CREATE EXTENSION IF NOT EXISTS unaccent"]
        for kind, (table, _, _) in SEARCHED.items():
            delete, insert = _index_entry(vendor, kind)
            statements += [
                f"""
                CREATE OR REPLACE FUNCTION analytics_index_{kind}() RETURNS trigger AS $$
                BEGIN
                  IF TG_OP <> 'INSERT' THEN {delete}; END IF;
                  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                  {insert};
                  RETURN NEW;
                END $$ LANGUAGE plpgsql
                """,
                f"DROP TRIGGER IF EXISTS analytics_index_{kind} ON {table}",
                f"CREATE TRIGGER analytics_index_{kind} AFTER INSERT OR UPDATE OR DELETE"
                f" ON {table} FOR EACH ROW EXECUTE FUNCTION analytics_index_{kind}()",
            ]
        return statements
    statements = [
        *(f"DROP TRIGGER IF EXISTS analytics_search_{op}" for op in ("insert", "delete", "update")),
        "DROP TABLE IF EXISTS analytics_search_fts",
        # FTS5 folds case and diacritics (remove_diacritics 2); "đ" it leaves, so FOLD does it.
        "CREATE VIRTUAL TABLE analytics_search_fts USING fts5(folded,"
        " content='analytics_searchentry', content_rowid='id',"
        " tokenize='unicode61 remove_diacritics 2')",
        """
        CREATE TRIGGER analytics_search_insert AFTER INSERT ON analytics_searchentry BEGIN
          INSERT INTO analytics_search_fts(rowid, folded) VALUES (NEW.id, NEW.folded);
        END
        """,
        """
        CREATE TRIGGER analytics_search_delete AFTER DELETE ON analytics_searchentry BEGIN
          INSERT INTO analytics_search_fts(analytics_search_fts, rowid, folded)
          VALUES ('delete', OLD.id, OLD.folded);
        END
        """,
    ]
    for kind, (table, _, _) in SEARCHED.items():
        delete, insert = _index_entry(vendor, kind)
        statements += [
            f"DROP TRIGGER IF EXISTS analytics_index_{kind}_{op}"
            for op in ("insert", "update", "delete")
        ]
        statements += [
            f"CREATE TRIGGER analytics_index_{kind}_insert AFTER INSERT ON {table}"
            f" BEGIN {insert}; END",
            f"CREATE TRIGGER analytics_index_{kind}_update AFTER UPDATE ON {table}"
            f" BEGIN {delete}; {insert}; END",
            f"CREATE TRIGGER analytics_index_{kind}_delete AFTER DELETE ON {table}"
            f" BEGIN {delete}; END",
        ]
    return statements


def reindex(connection) -> None:
    """Rebuild the search index from its sources (their update triggers do the work)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM analytics_searchentry")
        for table, _, _ in SEARCHED.values():
            cursor.execute(f"UPDATE {table} SET text = text")


def install_search(connection) -> None:
    """Create the search index's triggers and fill it from what is already written."""
    with connection.cursor() as cursor:
        for statement in search_statements(connection.vendor):
            cursor.execute(statement)
    reindex(connection)


def forwards(apps, schema_editor) -> None:
    install_search(schema_editor.connection)


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
