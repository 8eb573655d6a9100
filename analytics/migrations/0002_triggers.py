"""The triggers that keep AgencyTotal (and, on SQLite, the first full-text index) in step.

The SQL is frozen as analytics/triggers.py wrote it when this migration was made (963311f):
later migrations change it, and editing triggers.py must never change what this one did.
"""

from __future__ import annotations

from django.db import migrations

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
    # FTS5 over the folded text, as an external-content table synced by triggers.
    "CREATE VIRTUAL TABLE analytics_search_fts USING fts5("
    "folded, content='analytics_searchentry', content_rowid='id', tokenize='unicode61')",
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
    """
    CREATE TRIGGER analytics_search_update AFTER UPDATE ON analytics_searchentry BEGIN
      INSERT INTO analytics_search_fts(analytics_search_fts, rowid, folded)
      VALUES ('delete', OLD.id, OLD.folded);
      INSERT INTO analytics_search_fts(rowid, folded) VALUES (NEW.id, NEW.folded);
    END
    """,
]

STATEMENTS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def forwards(apps, schema_editor) -> None:
    with schema_editor.connection.cursor() as cursor:
        for statement in STATEMENTS[schema_editor.connection.vendor]:
            cursor.execute(statement)
        cursor.execute("DELETE FROM analytics_agencytotal")
        cursor.execute(f"INSERT INTO analytics_agencytotal ({COLUMNS}) {_SELECT_TOTAL}")


class Migration(migrations.Migration):
    dependencies = [("analytics", "0001_initial"), ("datavalues", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
