"""DataValue now belongs to rounds (rounds 0004): removed from this app's state, table kept."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("datavalues", "0002_qualifier_word_as_written"),
        ("analytics", "0005_agencytotal_datavalue_in_rounds"),
        ("rounds", "0004_datavalue"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DataValue")],
        ),
    ]
