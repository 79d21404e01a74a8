from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from events.permissions import Action, role_allows, team_required
from outbox import selectors, services


@team_required(Action.VIEW)
def outbox_overview(request, conference, membership):
    context = {
        "conference": conference,
        "membership": membership,
        "counts": selectors.status_counts(conference),
        "failed": selectors.failed_messages(conference)[:200],
        "can_change": role_allows(membership.role, Action.CHANGE),
    }
    return render(request, "outbox/manage/message_list.html", context)


@require_POST
@team_required(Action.CHANGE)
def outbox_retry(request, conference, membership):
    count = services.retry_failed(selectors.failed_messages(conference))
    messages.success(
        request,
        ngettext("%(count)d mail is queued again.", "%(count)d mails are queued again.", count)
        % {"count": count},
    )
    return redirect("outbox:manage-message-list", slug=conference.slug)
