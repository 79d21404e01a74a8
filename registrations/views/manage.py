"""The organizers' side: the list with filters, bulk decisions, exports and the check-in desk."""

from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.decorators.http import require_POST, require_safe

from common.forms import CsvFileForm, add_service_error
from events.enums import ConferenceFormat
from events.models import Organization
from events.permissions import Action, role_allows, team_required
from online.selectors import online_attendees
from outbox import selectors as outbox_selectors
from registrations import exports, selectors, services
from registrations.enums import ParticipantRole, RegistrationStatus
from registrations.forms import (
    BulkActionForm,
    DelegationForm,
    QuotaForm,
    RegistrationChangeForm,
    RegistrationFilterForm,
)
from registrations.importing import import_registrations
from registrations.permissions import may_see_sensitive
from registrations.services import delegations, desk

PER_PAGE = 50
ACTIONS = {
    "approve": services.approve,
    "reject": services.reject,
    "cancel": services.cancel,
    "waitlist": desk.move_to_waiting_list,
    "seat": desk.give_seat,
    **{f"role-{role}": partial(services.set_role, role=role) for role in ParticipantRole.values},
}
REFUSALS_SHOWN = 20
# The list's columns: (sort key of selectors.SORTS, heading).
COLUMNS = [
    ("name", gettext_lazy("Name")),
    ("organization", gettext_lazy("Organization")),
    ("country", gettext_lazy("Country")),
    ("role", gettext_lazy("Role")),
    ("status", gettext_lazy("Status")),
    ("registered", pgettext_lazy("date of registration", "Registered")),
]


def _filtered(request, conference, *, counts=None):
    """The filter form of the query string and the registrations it keeps, sorted as it says."""
    form = RegistrationFilterForm(request.GET or None, conference=conference, counts=counts)
    filters = {}
    if form.is_bound:
        form.is_valid()  # a bad value shows as the field's error; the valid filters still apply
        filters = form.cleaned_data
    return form, selectors.filtered_registrations(conference, filters)


def _columns(sort: str) -> list[dict]:
    """Each heading with the sort its link asks for (the other way round if it is the current one)."""
    columns = []
    for key, label in COLUMNS:
        current = "ascending" if sort == key else "descending" if sort == f"-{key}" else ""
        columns.append({"label": label, "sort": f"-{key}" if sort == key else key, "current": current})
    return columns


def _list_url(conference, query) -> str:
    """The list with the filters, sort and page it was showing."""
    url = reverse("registrations:manage-registration-list", kwargs={"slug": conference.slug})
    return f"{url}?{query.urlencode()}" if query else url


@team_required(Action.VIEW)
@require_safe
def registration_list(request, conference, membership):
    counts = selectors.status_counts(conference)
    form, registrations = _filtered(request, conference, counts=counts)
    sort = form.cleaned_data.get("sort", "") if form.is_bound else ""
    context = {
        "conference": conference,
        "membership": membership,
        "form": form,
        "page": Paginator(registrations, PER_PAGE).get_page(request.GET.get("page")),
        "columns": _columns(sort),
        "counts": counts,
        "roles": ParticipantRole.choices,
        "seats": selectors.seats(conference),
        "can_change": role_allows(membership.role, Action.CHANGE),
        "show_sensitive": may_see_sensitive(membership.role),
    }
    return render(request, "registrations/manage/registration_list.html", context)


def _chosen(request, conference, data) -> list | None:
    """The ticked registrations of the page, or with "all matching" the whole filtered set, recomputed
    here from the list's query string (never from ids sent for it). None if that set is not the one the
    organizer saw: its size has changed since."""
    if not data["everything"]:
        return list(
            conference.registrations.filter(pk__in=data["registrations"]).select_related("conference")
        )
    _form, registrations = _filtered(request, conference)
    chosen = list(registrations.select_related("conference"))
    return chosen if len(chosen) == data["matching"] else None


@team_required(Action.CHANGE)
@require_POST
def registration_bulk(request, conference, membership):
    """A decision, a role or a message for the ticked registrations, or for every one the filters match."""
    back = _list_url(conference, request.GET)
    data = request.POST.copy()
    if "write" in data:  # the message's own button, beside the list of decisions
        data["action"] = "message"
    form = BulkActionForm(data, conference=conference)
    if not form.is_valid():
        for problem in form.non_field_errors() or [
            _("Tick at least one registration and choose what to do.")
        ]:
            messages.error(request, problem)
        return redirect(back)
    chosen = _chosen(request, conference, form.cleaned_data)
    if chosen is None:
        messages.error(request, _("The registrations matching the filters have changed since the page was "
                                  "shown: nothing was done. Look at the list again."))  # fmt: skip
        return redirect(back)
    if form.cleaned_data["action"] == "message":
        _write_to(request, chosen, form.cleaned_data)
        return redirect(back)
    action = ACTIONS[form.cleaned_data["action"]]
    done, refused = 0, []
    for registration in chosen:
        try:
            action(registration)
        except ValidationError as error:
            refused.append(f"{registration.full_name}: {' '.join(error.messages)}")
        else:
            done += 1
    messages.success(
        request,
        ngettext("%(count)d registration done.", "%(count)d registrations done.", done) % {"count": done},
    )
    for problem in refused[:REFUSALS_SHOWN]:
        messages.warning(request, problem)
    more = len(refused) - REFUSALS_SHOWN
    if more > 0:
        messages.warning(
            request,
            ngettext("%(count)d more was not done.", "%(count)d more were not done.", more) % {"count": more},
        )
    return redirect(back)


def _write_to(request, chosen: list, data: dict) -> None:
    count = services.write_to(chosen, subject=data["subject"], body=data["body"], sender=request.user)
    messages.success(
        request,
        ngettext("%(count)d message is on its way.", "%(count)d messages are on their way.", count)
        % {"count": count},
    )


# The decisions on one registration's page: the service, and what the team is told once it is done.
DECISIONS = {
    "approve": services.approve,
    "reject": services.reject,
    "cancel": services.cancel,
    "waitlist": desk.move_to_waiting_list,
    "seat": desk.give_seat,
}


def _registration_page(request, conference, membership, registration, *, status=200, **extra):
    sensitive = may_see_sensitive(membership.role)
    context = {
        "conference": conference,
        "membership": membership,
        "registration": registration,
        "history": selectors.registration_history(registration, sensitive=sensitive),
        "mails": outbox_selectors.mails_about(registration),
        "roles": ParticipantRole.choices,
        "can_change": role_allows(membership.role, Action.CHANGE),
        "show_sensitive": sensitive,
        **extra,
    }
    return render(request, "registrations/manage/registration_detail.html", context, status=status)


def _to_registration(registration):
    return redirect(
        "registrations:manage-registration-detail", slug=registration.conference.slug, pk=registration.pk
    )


@team_required(Action.VIEW)
@require_safe
def registration_detail(request, conference, membership, pk: int):
    """Everything about one registration for the team: its details, history and mails; for organizers,
    the decisions on it."""
    registration = selectors.registration_for_team(conference, pk)
    return _registration_page(request, conference, membership, registration)


@team_required(Action.CHANGE)
def registration_edit(request, conference, membership, pk: int):
    registration = selectors.registration_for_team(conference, pk)
    form = RegistrationChangeForm(request.POST if request.method == "POST" else None, instance=registration)
    if request.method == "POST" and form.is_valid():
        try:
            desk.change_registration(registration, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The registration is saved."))
            return _to_registration(registration)
    context = {"conference": conference, "membership": membership, "registration": registration, "form": form}
    return render(
        request, "registrations/manage/registration_edit.html", context, status=400 if form.errors else 200
    )


@team_required(Action.CHANGE)
@require_POST
def registration_decide(request, conference, membership, pk: int):
    """Approve, turn down, cancel, move to or from the waiting list, or mail the personal link again."""
    registration = get_object_or_404(conference.registrations, pk=pk)
    decision = request.POST.get("decision", "")
    if decision == "link":
        if services.resend_link(registration, reason="resent"):
            messages.success(
                request, _("The personal link is on its way to %(email)s.") % {"email": registration.email}
            )
        else:
            messages.error(
                request, _("The link went to this address less than ten minutes ago: try again later.")
            )
        return _to_registration(registration)
    if decision not in DECISIONS:
        messages.error(request, _("Choose what to do."))
        return _to_registration(registration)
    try:
        decided = DECISIONS[decision](registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The registration is now: %(status)s. Its person is told by mail.")
                         % {"status": decided.get_status_display()})  # fmt: skip
    return _to_registration(registration)


@team_required(Action.CHANGE)
@require_POST
def registration_role_change(request, conference, membership, pk: int):
    """Any role, the trusted ones (speaker, press, guest) included: the team gives them."""
    registration = get_object_or_404(conference.registrations, pk=pk)
    role = request.POST.get("role", "")
    if role not in ParticipantRole.values:
        messages.error(request, _("Choose a role."))
    else:
        services.set_role(registration, role=role)
        messages.success(request, _("The role is now: %(role)s.") % {"role": ParticipantRole(role).label})
    return _to_registration(registration)


@team_required(Action.CHANGE)
@require_POST
def registration_accept_organization(request, conference, membership, pk: int):
    """Take the organization a participant typed, and that is not in the directory, into it."""
    registration = get_object_or_404(conference.registrations, pk=pk)
    try:
        organization = services.accept_proposed_organization(registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is in the directory.") % {"name": organization})
    return redirect("registrations:manage-registration-list", slug=conference.slug)


@team_required(Action.VIEW)
@require_safe
def registration_export(request, conference, membership, extension: str):
    if extension not in ("csv", "xlsx"):
        raise Http404
    _form, registrations = _filtered(request, conference)
    filename = f"{conference.slug}-registrations"
    sensitive = may_see_sensitive(membership.role)
    if extension == "xlsx":
        return exports.xlsx_response(
            registrations, filename=filename, sensitive=sensitive, zone=conference.zone
        )
    return exports.csv_response(registrations, filename=filename, sensitive=sensitive)


@team_required(Action.VIEW)
def check_in_desk(request, conference, membership):
    """For the day itself: find a confirmed participant, mark them present, see how many are."""
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    confirmed = conference.registrations.filter(status=RegistrationStatus.CONFIRMED)
    filters = {"q": query, "status": RegistrationStatus.CONFIRMED}
    found = selectors.filtered_registrations(conference, filters)[:30] if query else []
    context = {
        "conference": conference,
        "membership": membership,
        "query": query,
        "found": found,
        "present": conference.registrations.present().count(),
        "confirmed": confirmed.count(),
        "online": online_attendees(conference) if conference.format != ConferenceFormat.IN_PERSON else None,
        "can_change": role_allows(membership.role, Action.CHANGE),
        "show_sensitive": may_see_sensitive(membership.role),
    }
    return render(request, "registrations/manage/registration_check_in.html", context)


@team_required(Action.CHANGE)
@require_POST
def check_in(request, conference, membership):
    pk = request.POST.get("registration", "")
    registration = get_object_or_404(
        conference.registrations, pk=int(pk) if pk.isascii() and pk.isdigit() and len(pk) < 19 else 0
    )
    try:
        services.check_in(registration, present=request.POST.get("present") != "0")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    desk = reverse("registrations:manage-registration-check-in", kwargs={"slug": conference.slug})
    return redirect(f"{desk}?{urlencode({'q': request.POST.get('q', '')[:200]})}")


@team_required(Action.CHANGE)
def registration_import(request, conference, membership):
    form = CsvFileForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = import_registrations(conference, form.cleaned_data["file"].read())
        except ValidationError as error:
            form.add_error("file", error)
    context = {"conference": conference, "membership": membership, "form": form, "report": report}
    return render(
        request, "registrations/manage/registration_import.html", context, status=400 if form.errors else 200
    )


def _delegations_page(request, conference, membership, *, form=None, quota_form=None, status=200):
    organizations = Organization.objects.order_by("name")
    context = {
        "conference": conference,
        "membership": membership,
        "delegations": selectors.delegations_with_counts(conference),
        "quotas": conference.delegation_quotas.select_related("organization").order_by(
            "organization_kind", "organization__name"
        ),
        "window": delegations.delegation_window(conference),
        "form": form or DelegationForm(organizations=organizations),
        "quota_form": quota_form or QuotaForm(organizations=organizations),
        "can_change": role_allows(membership.role, Action.CHANGE),
    }
    return render(request, "registrations/manage/delegation_list.html", context, status=status)


@team_required(Action.VIEW)
@require_safe
def delegation_list(request, conference, membership):
    return _delegations_page(request, conference, membership)


@team_required(Action.CHANGE)
@require_POST
def delegation_create(request, conference, membership):
    form = DelegationForm(request.POST, organizations=Organization.objects.all())
    if form.is_valid():
        try:
            delegations.create_delegation(conference, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The delegation's link is on its way to %(email)s.")
                             % {"email": form.cleaned_data["contact_email"]})  # fmt: skip
            return redirect("registrations:manage-delegation-list", slug=conference.slug)
    return _delegations_page(request, conference, membership, form=form, status=400)


@team_required(Action.CHANGE)
@require_POST
def quota_set(request, conference, membership):
    form = QuotaForm(request.POST, organizations=Organization.objects.all())
    if form.is_valid():
        data = form.cleaned_data
        delegations.set_quota(
            conference, seats=data["seats"], organization=data["organization"], kind=data["organization_kind"]
        )
        messages.success(request, _("The quota is set."))
        return redirect("registrations:manage-delegation-list", slug=conference.slug)
    return _delegations_page(request, conference, membership, quota_form=form, status=400)


@team_required(Action.CHANGE)
@require_POST
def quota_delete(request, conference, membership, pk: int):
    get_object_or_404(conference.delegation_quotas, pk=pk).delete()
    messages.success(request, _("The quota is removed."))
    return redirect("registrations:manage-delegation-list", slug=conference.slug)
