"""The chain of rounds: a round answers a parent round, a report may compile a child round, a
value keeps the values it was carried from, and values are unique per report.

SQLite rebuilds rounds_report to add a column that is not null, and going back rebuilds
rounds_round and rounds_report to drop the new foreign keys; the triggers that name those tables
would stop the rebuild, so they are set aside (their SQL read from sqlite_master) and put back
after, both ways.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

_SET_ASIDE: list[tuple[str, str]] = []


def _set_triggers_aside(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
            " AND (sql LIKE '%rounds_round%' OR sql LIKE '%rounds_report%')"
        )
        _SET_ASIDE[:] = cursor.fetchall()
        for name, _ in _SET_ASIDE:
            cursor.execute(f'DROP TRIGGER "{name}"')


def _put_triggers_back(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        for _, sql in _SET_ASIDE:
            cursor.execute(sql)
    _SET_ASIDE.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0001_initial"),
        ("catalogue", "0003_indicator_decimals_and_rate_parts"),
        ("places", "0002_unit_changes"),
        ("rounds", "0004_datavalue"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Both ways these run first and last, around SQLite's rebuild of the two tables.
        migrations.RunPython(_set_triggers_aside, _put_triggers_back),
        migrations.RemoveConstraint(
            model_name="datavalue",
            name="unique_value_total",
        ),
        migrations.RemoveConstraint(
            model_name="datavalue",
            name="unique_value_category",
        ),
        migrations.AddField(
            model_name="datavalue",
            name="carried_from",
            field=models.ManyToManyField(
                blank=True,
                help_text="Các số liệu của đợt cấp dưới làm nên số liệu này (nguồn gốc).",
                related_name="carried_into",
                to="rounds.datavalue",
                verbose_name="tổng hợp từ số liệu",
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="compiled_from",
            field=models.ForeignKey(
                blank=True,
                help_text="Đợt báo cáo cấp dưới mà số liệu của báo cáo này được tổng hợp từ đó.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="answers",
                to="rounds.round",
                verbose_name="tổng hợp từ đợt",
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="compiled_state",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="Dấu vân tay (mã, phiên bản, trạng thái) các báo cáo của đợt cấp dưới lúc gửi.",
                max_length=64,
                verbose_name="dấu trạng thái đợt cấp dưới khi gửi",
            ),
        ),
        migrations.AddField(
            model_name="round",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                help_text="Yêu cầu báo cáo của cấp trên mà đợt này trả lời (đợt của bộ hoặc của tỉnh).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="children",
                to="rounds.round",
                verbose_name="đợt báo cáo cấp trên",
            ),
        ),
        migrations.AddField(
            model_name="roundindicator",
            name="answers",
            field=models.ForeignKey(
                blank=True,
                help_text="Chỉ tiêu của đợt cấp trên mà số liệu này được tổng hợp vào; để trống nếu là chỉ tiêu riêng của cấp mình.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="catalogue.indicator",
                verbose_name="chỉ tiêu của đợt cấp trên",
            ),
        ),
        migrations.AlterField(
            model_name="datavalue",
            name="source",
            field=models.CharField(
                choices=[
                    ("typed", "Nhập tay"),
                    ("imported", "Trích từ văn bản"),
                    ("computed", "Tính toán"),
                    ("activities", "Cộng từ nhật ký hoạt động"),
                    ("carried", "Tổng hợp từ đợt cấp dưới"),
                ],
                default="typed",
                max_length=12,
                verbose_name="nguồn",
            ),
        ),
        migrations.AlterField(
            model_name="round",
            name="indicators",
            field=models.ManyToManyField(
                blank=True,
                through="rounds.RoundIndicator",
                through_fields=("round", "indicator"),
                to="catalogue.indicator",
                verbose_name="chỉ tiêu",
            ),
        ),
        migrations.AddConstraint(
            model_name="datavalue",
            constraint=models.UniqueConstraint(
                condition=models.Q(("category__isnull", True), ("report__isnull", False)),
                fields=("report", "indicator", "place"),
                name="unique_report_value_total",
            ),
        ),
        migrations.AddConstraint(
            model_name="datavalue",
            constraint=models.UniqueConstraint(
                condition=models.Q(("category__isnull", False), ("report__isnull", False)),
                fields=("report", "indicator", "place", "category"),
                name="unique_report_value_category",
            ),
        ),
        migrations.AddConstraint(
            model_name="datavalue",
            constraint=models.UniqueConstraint(
                condition=models.Q(("category__isnull", True), ("report__isnull", True)),
                fields=("indicator", "agency", "place", "period"),
                name="unique_value_total",
            ),
        ),
        migrations.AddConstraint(
            model_name="datavalue",
            constraint=models.UniqueConstraint(
                condition=models.Q(("category__isnull", False), ("report__isnull", True)),
                fields=("indicator", "agency", "place", "period", "category"),
                name="unique_value_category",
            ),
        ),
        migrations.RunPython(_put_triggers_back, _set_triggers_aside),
    ]
