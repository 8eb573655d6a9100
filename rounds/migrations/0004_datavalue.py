"""DataValue moves from datavalues to rounds (values belong to a report): state only.

The table keeps its name (datavalues_datavalue), columns, constraints and indexes; only Django's
idea of which app owns it changes. The content type is renamed, so that the permissions and the
admin's history of the model follow it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _rename_content_type(apps, old: str, new: str) -> None:
    content_types = apps.get_model("contenttypes", "ContentType").objects
    if not content_types.filter(app_label=new, model="datavalue").exists():
        content_types.filter(app_label=old, model="datavalue").update(app_label=new)


def forwards(apps, schema_editor) -> None:
    _rename_content_type(apps, "datavalues", "rounds")


def backwards(apps, schema_editor) -> None:
    _rename_content_type(apps, "rounds", "datavalues")


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0001_initial"),
        ("catalogue", "0003_indicator_decimals_and_rate_parts"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("datavalues", "0002_qualifier_word_as_written"),
        ("places", "0002_unit_changes"),
        ("rounds", "0003_vietnamese_field_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DataValue",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "value",
                            models.DecimalField(
                                decimal_places=4, max_digits=20, verbose_name="giá trị"
                            ),
                        ),
                        (
                            "qualifier",
                            models.CharField(
                                choices=[
                                    ("exact", "Chính xác"),
                                    ("more_than", "Trên, hơn"),
                                    ("about", "Khoảng, gần"),
                                ],
                                default="exact",
                                max_length=10,
                                verbose_name="mức độ chính xác",
                            ),
                        ),
                        (
                            "qualifier_word",
                            models.CharField(
                                blank=True,
                                db_default="",
                                default="",
                                help_text="Từ cơ quan đã viết trước số liệu («hơn», «ước», ...); để trống là từ mặc định.",
                                max_length=20,
                                verbose_name="từ chỉ mức độ",
                            ),
                        ),
                        (
                            "source",
                            models.CharField(
                                choices=[
                                    ("typed", "Nhập tay"),
                                    ("imported", "Trích từ văn bản"),
                                    ("computed", "Tính toán"),
                                    ("activities", "Cộng từ nhật ký hoạt động"),
                                ],
                                default="typed",
                                max_length=12,
                                verbose_name="nguồn",
                            ),
                        ),
                        (
                            "source_file",
                            models.CharField(blank=True, max_length=255, verbose_name="tệp nguồn"),
                        ),
                        ("source_quote", models.TextField(blank=True, verbose_name="đoạn trích")),
                        ("source_start", models.PositiveIntegerField(blank=True, null=True)),
                        ("source_end", models.PositiveIntegerField(blank=True, null=True)),
                        (
                            "updated_at",
                            models.DateTimeField(auto_now=True, verbose_name="cập nhật lúc"),
                        ),
                        (
                            "agency",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="values",
                                to="agencies.agency",
                                verbose_name="cơ quan, đơn vị",
                            ),
                        ),
                        (
                            "category",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="values",
                                to="catalogue.breakdowncategory",
                                verbose_name="phân tổ",
                            ),
                        ),
                        (
                            "indicator",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="values",
                                to="catalogue.indicator",
                                verbose_name="chỉ tiêu",
                            ),
                        ),
                        (
                            "period",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="values",
                                to="catalogue.period",
                                verbose_name="kỳ",
                            ),
                        ),
                        (
                            "place",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="values",
                                to="places.administrativeunit",
                                verbose_name="địa bàn",
                            ),
                        ),
                        (
                            "report",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="values",
                                to="rounds.report",
                                verbose_name="báo cáo",
                            ),
                        ),
                        (
                            "updated_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "số liệu",
                        "verbose_name_plural": "số liệu",
                        "db_table": "datavalues_datavalue",
                        "indexes": [
                            models.Index(
                                fields=["period", "indicator"],
                                name="datavalues__period__0b316f_idx",
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("category__isnull", True)),
                                fields=("indicator", "agency", "place", "period"),
                                name="unique_value_total",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("category__isnull", False)),
                                fields=("indicator", "agency", "place", "period", "category"),
                                name="unique_value_category",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("value__gte", 0)), name="value_not_negative"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("qualifier_word", ""),
                                    models.Q(
                                        ("qualifier", "more_than"),
                                        (
                                            "qualifier_word__in",
                                            ["hơn", "ít nhất", "tối thiểu", "không dưới"],
                                        ),
                                    ),
                                    models.Q(
                                        ("qualifier", "about"),
                                        (
                                            "qualifier_word__in",
                                            [
                                                "gần",
                                                "xấp xỉ",
                                                "ước tính",
                                                "ước",
                                                "chừng",
                                                "độ",
                                                "trên dưới",
                                            ],
                                        ),
                                    ),
                                    _connector="OR",
                                ),
                                name="qualifier_word_of_kind",
                            ),
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
