"""The qualifier's word as the agency wrote it ("hơn", "ước"), beside its kind."""

from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("datavalues", "0001_initial")]

    operations = [
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
    ]
