"""AgencyTotal's key follows DataValue to rounds: state only, the table is the same one."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0004_search_triggers"),
        ("rounds", "0004_datavalue"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="agencytotal",
                    name="datavalue",
                    field=models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="rounds.datavalue",
                    ),
                ),
            ],
        ),
    ]
