"""Whatever changes a session's rooms, track, people or materials changes the program its feeds
publish: also through the admin, these keep the feeds' ETag and Last-Modified moving. Only this
cross-cutting bookkeeping runs from signals; mails and links are explicit service calls."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from events.models import Conference
from program.models import Room, Session, SessionMaterial, SessionPerson, Track


@receiver([post_save, post_delete], sender=Track)
@receiver([post_save, post_delete], sender=Room)
def track_or_room_changed(sender, instance, **kwargs) -> None:
    Conference.objects.filter(pk=instance.conference_id).update(updated_at=timezone.now())


@receiver([post_save, post_delete], sender=SessionPerson)
@receiver([post_save, post_delete], sender=SessionMaterial)
def person_or_material_changed(sender, instance: SessionPerson, **kwargs) -> None:
    # By key: when a whole session or conference is being deleted, its rows may be gone already.
    conference_id = (
        Session.objects.filter(pk=instance.session_id).values_list("conference_id", flat=True).first()
    )
    if conference_id is not None:
        Conference.objects.filter(pk=conference_id).update(updated_at=timezone.now())
