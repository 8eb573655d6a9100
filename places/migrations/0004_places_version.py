from django.db import migrations, models


def create_row(apps, schema_editor):
    apps.get_model("places", "PlacesVersion").objects.create(pk=1, number=0)


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0003_country_level"),
    ]

    operations = [
        migrations.CreateModel(
            name="PlacesVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "phiên bản danh mục đơn vị hành chính",
                "verbose_name_plural": "phiên bản danh mục đơn vị hành chính",
            },
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
