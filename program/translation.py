"""The texts of this app that organizers write in several languages (read by modeltranslation)."""

from common.content import register_content
from program.models import Room, Session, Track

register_content(Room)
register_content(Track)
register_content(Session)
