"""The officer's choices on the review pages, kept with the document until the confirmation."""

from __future__ import annotations

from django.db import migrations, models

# SQLite's search index as analytics/triggers.py wrote it when this migration was made (b658ec1),
# frozen here so that later edits of triggers.py do not change it.
SEARCHED = {
    # kind: (table, title, extra join)
    "narrative": (
        "rounds_narrative",
        "s.label || '. ' || s.title",
        "JOIN rounds_section s ON s.id = NEW.section_id",
    ),
    "document": ("imports_importeddocument", "NEW.file_name", ""),
}
FOLD = "replace(replace({}, 'Đ', 'D'), 'đ', 'd')"


def _index_entry(kind: str) -> tuple[str, str]:
    """The DELETE and INSERT that refresh one source row's entry, for a trigger body."""
    _, title, join = SEARCHED[kind]
    delete = f"DELETE FROM analytics_searchentry WHERE kind = '{kind}' AND object_id = OLD.id"
    insert = (
        "INSERT INTO analytics_searchentry"
        " (kind, object_id, title, agency_id, place_id, period_id, report_id, text, folded)"
        f" SELECT '{kind}', NEW.id, {title}, r.agency_id, a.unit_id, ro.period_id, r.id,"
        f" NEW.text, {FOLD.format('NEW.text')}"
        " FROM rounds_report r JOIN rounds_round ro ON ro.id = r.round_id"
        f" JOIN agencies_agency a ON a.id = r.agency_id {join}"
        " WHERE r.id = NEW.report_id AND trim(NEW.text) <> ''"
    )
    return delete, insert


def sqlite_search_statements() -> list[str]:
    """The full-text table and the triggers of the search index on SQLite."""
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
        delete, insert = _index_entry(kind)
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


def reinstall_sqlite_search(apps, schema_editor) -> None:
    # SQLite rebuilds the table to add or drop a column: its search-index triggers go with it.
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            for statement in sqlite_search_statements():
                cursor.execute(statement)
            # Rebuild the index from its sources (their update triggers do the work).
            cursor.execute("DELETE FROM analytics_searchentry")
            for table, _, _ in SEARCHED.values():
                cursor.execute(f"UPDATE {table} SET text = text")


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
