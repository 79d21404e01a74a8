"""The texts of this app that organizers write in several languages (read by modeltranslation)."""

from common.content import register_content
from events.models import Conference, PreparatoryMeeting

register_content(Conference)
register_content(PreparatoryMeeting)
