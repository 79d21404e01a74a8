"""The shared organization directory under /manage/organizations/ (namespace "events")."""

urlpatterns: list = []
