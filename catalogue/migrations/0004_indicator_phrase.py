import json

from django.db import migrations, models

import catalogue.models
from catalogue.defaults import CATALOGUE_FILE


def fill_phrases(apps, schema_editor):
    """Give the indicators of the default catalogue already in the database their phrase."""
    Indicator = apps.get_model("catalogue", "Indicator")
    items = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))["indicators"]
    for item in items:
        Indicator.objects.filter(code=item["code"], phrase="").update(phrase=item["phrase"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0003_indicator_decimals_and_rate_parts"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="phrase",
            field=models.CharField(
                blank=True,
                help_text="Cụm từ đặt con số vào câu văn báo cáo, {n} là chỗ của con số: "
                "“tổ chức {n} hội nghị tuyên truyền”, “phát hiện, xử lý {n} vụ”.",
                max_length=200,
                validators=[catalogue.models.validate_phrase],
                verbose_name="cách viết trong câu",
            ),
        ),
        migrations.RunPython(fill_phrases, migrations.RunPython.noop),
    ]
