from django.contrib import admin

from online.models import Attendance


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["session", "registration", "user", "first_joined_at", "joins"]
    list_select_related = ["session", "registration", "user"]
    raw_id_fields = ["session", "registration", "user"]
