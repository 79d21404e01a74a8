import uuid

from django.db import migrations, models


def give_each_conference_its_uid(apps, schema_editor):
    Conference = apps.get_model("events", "Conference")
    for conference in Conference.objects.only("pk"):
        conference.uid = uuid.uuid4()
        conference.save(update_fields=["uid"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_campaigns_and_invitation_links"),
    ]

    operations = [
        migrations.AddField(
            model_name="conference",
            name="sequence",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        # A unique UUID for existing rows takes three steps: nullable, filled one by one, then unique.
        migrations.AddField(
            model_name="conference",
            name="uid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_conference_its_uid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="conference",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddField(
            model_name="historicalconference",
            name="sequence",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="historicalconference",
            name="uid",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
    ]
