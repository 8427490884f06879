"""The articles of a power's legal basis carry their role (违反的规定 / 处罚依据), issue 11.

The many-to-many table ``basedata_power_basis`` becomes the ``PowerBasis`` model (same table and
columns) with a ``role`` column; existing rows get the role the documents gave them so far: 处罚依据
for an article in a chapter 法律责任 (罚则 in a regulation), 违反的规定 for every other.
"""

import django.db.models.deletion
from django.db import migrations, models

PENALTY_CHAPTERS = ("法律责任", "罚则")


def roles_by_chapter(apps, schema_editor):
    PowerBasis = apps.get_model("basedata", "PowerBasis")
    rows = PowerBasis.objects.filter(role="")
    in_penalty_chapter = models.Q()
    for name in PENALTY_CHAPTERS:
        in_penalty_chapter |= models.Q(article__chapter__contains=name)
    rows.filter(in_penalty_chapter).update(role="penalty")
    rows.filter(role="").update(role="violated")


class Migration(migrations.Migration):
    dependencies = [("basedata", "0009_officer_unit")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PowerBasis",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("power", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                    related_name="citations", to="basedata.power",
                                                    verbose_name="职权")),
                        ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                      related_name="power_citations", to="basedata.article",
                                                      verbose_name="法条")),
                    ],
                    options={
                        "verbose_name": "职权法律依据",
                        "verbose_name_plural": "职权法律依据",
                        "db_table": "basedata_power_basis",
                        "unique_together": {("power", "article")},
                    },
                ),
                migrations.AlterField(
                    model_name="power",
                    name="basis",
                    field=models.ManyToManyField(blank=True, related_name="powers", through="basedata.PowerBasis",
                                                 to="basedata.article", verbose_name="法律依据"),
                ),
            ],
        ),
        migrations.AddField(
            model_name="powerbasis",
            name="role",
            field=models.CharField(blank=True, choices=[("violated", "违反的规定"), ("penalty", "处罚依据")],
                                   default="", max_length=16, verbose_name="依据类别"),
            preserve_default=False,
        ),
        migrations.RunPython(roles_by_chapter, migrations.RunPython.noop),
    ]
