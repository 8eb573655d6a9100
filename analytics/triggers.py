"""Database triggers that keep AgencyTotal and the search index in step with writes.

Triggers rather than signals: bulk_create, queryset updates, cascades and raw COPY all pass
through them, so the copy can never drift from datavalues.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

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

POSTGRESQL = [
    f"""
    CREATE OR REPLACE FUNCTION analytics_sync_total() RETURNS trigger AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        DELETE FROM analytics_agencytotal WHERE datavalue_id = OLD.id;
      END IF;
      IF TG_OP <> 'DELETE' THEN
        IF {_NEW_IS_TOTAL} THEN
          INSERT INTO analytics_agencytotal ({COLUMNS}) VALUES ({_NEW_ROW});
        END IF;
        RETURN NEW;
      END IF;
      RETURN OLD;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER analytics_sync_total AFTER INSERT OR UPDATE OR DELETE
    ON datavalues_datavalue FOR EACH ROW EXECUTE FUNCTION analytics_sync_total()
    """,
    f"""
    CREATE OR REPLACE FUNCTION analytics_sync_agency() RETURNS trigger AS $$
    BEGIN
      DELETE FROM analytics_agencytotal WHERE agency_id = NEW.id;
      INSERT INTO analytics_agencytotal ({COLUMNS}) {_SELECT_TOTAL} AND v.agency_id = NEW.id;
      RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER analytics_sync_agency AFTER UPDATE OF unit_id ON agencies_agency
    FOR EACH ROW WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id)
    EXECUTE FUNCTION analytics_sync_agency()
    """,
    "CREATE INDEX analytics_search_fts ON analytics_searchentry "
    "USING gin (to_tsvector('simple', folded))",
]

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

STATEMENTS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def install(connection: BaseDatabaseWrapper) -> None:
    """Create the triggers for this database; other backends are not supported."""
    with connection.cursor() as cursor:
        for statement in STATEMENTS[connection.vendor]:
            cursor.execute(statement)


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


def reindex(connection: BaseDatabaseWrapper) -> None:
    """Rebuild the search index from its sources (their update triggers do the work)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM analytics_searchentry")
        for table, _, _ in SEARCHED.values():
            cursor.execute(f"UPDATE {table} SET text = text")


def install_search(connection: BaseDatabaseWrapper) -> None:
    """Create the search index's triggers and fill it from what is already written."""
    with connection.cursor() as cursor:
        for statement in search_statements(connection.vendor):
            cursor.execute(statement)
    reindex(connection)


def rebuild_agency_totals(connection: BaseDatabaseWrapper) -> None:
    """Refill AgencyTotal from datavalues in one statement (after a bulk load without triggers)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM analytics_agencytotal")
        cursor.execute(f"INSERT INTO analytics_agencytotal ({COLUMNS}) {_SELECT_TOTAL}")
