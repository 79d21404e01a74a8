"""Whatever changes a session's rooms, track or people changes the program its feeds publish.

Also through the admin, these keep the feeds' ETag and Last-Modified moving, and a renamed room or
a new online link raises the SEQUENCE of its sessions and mails their speakers and followers the
update, so calendars update their LOCATION.
"""

from django.db.models import F
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from events.models import Conference
from program import notifications, services
from program.models import Room, Session, SessionMaterial, SessionPerson, SessionStatus, Track
from registrations.models import Registration


@receiver(pre_save, sender=Room)
def remember_room_place(sender, instance: Room, **kwargs) -> None:
    if instance.pk:
        instance._stored_place = (
            Room.objects.filter(pk=instance.pk).values_list("name", "online_link").first()
        )


@receiver(post_save, sender=Room)
def room_saved(sender, instance: Room, created: bool, **kwargs) -> None:
    if not created and getattr(instance, "_stored_place", None) != (instance.name, instance.online_link):
        Session.objects.filter(room=instance).update(sequence=F("sequence") + 1)
        # Their LOCATION changed: the calendars of speakers and followers get the new SEQUENCE.
        moved = Session.objects.filter(room=instance, status=SessionStatus.SCHEDULED)
        for session in moved.select_related("conference", "room", "track").prefetch_related("people"):
            notifications.send_session_update(session)
    Conference.objects.filter(pk=instance.conference_id).update(updated_at=timezone.now())


@receiver([post_save, post_delete], sender=Track)
@receiver(post_delete, sender=Room)
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


@receiver(post_save, sender=Registration)
def registration_saved(sender, instance: Registration, created: bool, **kwargs) -> None:
    if created:
        services.link_new_registration(instance)
