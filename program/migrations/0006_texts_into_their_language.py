"""The names, titles and abstracts written before each language had its column are in their conference's
first working language (English when it named none): copy each into that language's column."""

from django.db import migrations

SITE_LANGUAGES = ["tr", "en", "ar", "fa", "it", "el", "kmr", "hy", "es", "fr", "pt"]


def copy_texts(apps, schema_editor):
    Conference = apps.get_model("events", "Conference")
    texts = {"Room": ("name",), "Track": ("name",), "Session": ("title", "abstract")}
    for conference in Conference.objects.all():
        language = next((code for code in conference.working_languages or [] if code in SITE_LANGUAGES), "en")
        for model_name, fields in texts.items():
            model = apps.get_model("program", model_name)
            for row in model.objects.filter(conference=conference).values("pk", *fields):
                model.objects.filter(pk=row["pk"]).update(
                    **{f"{field}_{language}": row[field] for field in fields}
                )


class Migration(migrations.Migration):
    dependencies = [("program", "0005_texts_in_each_language"), ("events", "0013_texts_into_their_language")]

    operations = [migrations.RunPython(copy_texts, migrations.RunPython.noop)]
