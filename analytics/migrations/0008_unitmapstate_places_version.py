from django.db import migrations, models


def forget_maps(apps, schema_editor):
    """The map built against a fingerprint is rebuilt once against the places' version."""
    apps.get_model("analytics", "UnitMapState").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0007_saved_view"),
        ("places", "0004_places_version"),
    ]

    operations = [
        migrations.RunPython(forget_maps, forget_maps),
        migrations.RemoveField(model_name="unitmapstate", name="fingerprint"),
        migrations.AddField(
            model_name="unitmapstate",
            name="places_version",
            field=models.BigIntegerField(default=0),
            preserve_default=False,
        ),
    ]
