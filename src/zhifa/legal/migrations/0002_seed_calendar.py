"""Seed the working-day calendar from the chinese-calendar package, so a fresh database has it."""

import uuid

from django.db import migrations


def seed(apps, schema_editor):
    from zhifa.legal.calendar import package_entries

    CalendarDay = apps.get_model("legal", "CalendarDay")
    DataVersion = apps.get_model("legal", "DataVersion")
    present = set(CalendarDay.objects.values_list("date", flat=True))
    CalendarDay.objects.bulk_create(
        CalendarDay(date=day, kind=kind, name=name, source="package")
        for day, kind, name in package_entries()
        if day not in present
    )
    DataVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


def unseed(apps, schema_editor):
    apps.get_model("legal", "CalendarDay").objects.filter(source="package").delete()


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
