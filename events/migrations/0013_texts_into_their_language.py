"""The texts written before each language had its column are in the conference's first working language
(English when it named none): copy each into that language's column."""

from django.db import migrations

SITE_LANGUAGES = ["tr", "en", "ar", "fa", "it", "el", "kmr", "hy", "es", "fr", "pt"]


def first_language(conference) -> str:
    for code in conference.working_languages or []:
        if code in SITE_LANGUAGES:
            return code
    return "en"


def copy_texts(apps, schema_editor):
    Conference = apps.get_model("events", "Conference")
    Meeting = apps.get_model("events", "PreparatoryMeeting")
    for conference in Conference.objects.all():
        language = first_language(conference)
        fields = ("title", "tagline", "description", "venue", "privacy_notice")
        Conference.objects.filter(pk=conference.pk).update(
            **{f"{field}_{language}": getattr(conference, field) for field in fields}
        )
        for meeting in Meeting.objects.filter(conference=conference).values("pk", "title", "agenda"):
            Meeting.objects.filter(pk=meeting["pk"]).update(
                **{f"title_{language}": meeting["title"], f"agenda_{language}": meeting["agenda"]}
            )


class Migration(migrations.Migration):
    dependencies = [("events", "0012_texts_in_each_language")]

    operations = [migrations.RunPython(copy_texts, migrations.RunPython.noop)]
