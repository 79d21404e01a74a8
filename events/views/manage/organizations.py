"""The shared organization directory: organizers read it; an entry is changed by site staff, or by the team
that added it while no other conference relies on it; anyone else who manages proposes a change."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.languages import language_name
from events.enums import OrganizationKind, ProposalStatus
from events.forms.organizations import (
    DirectoryImportForm,
    OrganizationCreateForm,
    OrganizationFilterForm,
    OrganizationForm,
)
from events.models import Organization, OrganizationChangeProposal
from events.permissions import Action, directory_required, may_edit_organization, may_manage_directory
from events.selectors import search_directory
from events.services.organization_import import import_organizations
from events.services.organizations import (
    create_organization,
    propose_organization_change,
    update_organization,
)

PER_PAGE = 50


@require_safe
@directory_required(Action.VIEW)
def organization_list(request):
    form = OrganizationFilterForm(request.GET or None)
    organizations = Organization.objects.order_by("name", "pk")
    if form.is_bound:
        form.is_valid()  # A bad value is shown as the field's error; the valid filters still apply.
        filters = form.cleaned_data
        if filters.get("q"):
            organizations = organizations.search(filters["q"])
        if filters.get("kind"):
            organizations = organizations.filter(kind=filters["kind"])
        if filters.get("country"):
            organizations = organizations.filter(country=filters["country"])
    page = Paginator(organizations, PER_PAGE).get_page(request.GET.get("page"))
    rows = [(organization, [language_name(code) for code in organization.languages]) for organization in page]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "filtered": form.is_bound and any(form.cleaned_data.values()),
        "can_change": may_manage_directory(request.user),
        "proposals": (
            OrganizationChangeProposal.objects.filter(status=ProposalStatus.PENDING).select_related(
                "organization", "proposed_by"
            )
            if request.user.is_staff
            else None
        ),
    }
    return render(request, "events/manage/organization_list.html", context)


@directory_required(Action.CHANGE)
def organization_create(request):
    form = OrganizationCreateForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            organization = create_organization(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is now in the directory.") % {"name": organization})
            return redirect("events:manage-organization-list")
    return render(request, "events/manage/organization_form.html", {"form": form})


@directory_required(Action.CHANGE)
def organization_edit(request, pk: int):
    """Edit the entry if the user may (`may_edit_organization`), else propose the change to site staff."""
    organization = get_object_or_404(Organization, pk=pk)
    editable = may_edit_organization(request.user, organization)
    title = str(organization)  # Before the form copies the submitted values onto the instance.
    form = OrganizationForm(request.POST if request.method == "POST" else None, instance=organization)
    if request.method == "POST" and form.is_valid():
        try:
            if editable:
                update_organization(organization, **form.cleaned_data)
            else:
                propose_organization_change(organization, proposed_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if editable:
                messages.success(request, _("%(name)s has been saved.") % {"name": organization})
            else:
                messages.success(
                    request, _("Your change to %(name)s awaits the site's staff.") % {"name": title}
                )
            return redirect("events:manage-organization-list")
    context = {"form": form, "organization": organization, "title": title, "editable": editable}
    return render(request, "events/manage/organization_form.html", context)


@directory_required(Action.CHANGE)
def organization_import(request):
    form = DirectoryImportForm(
        *((request.POST, request.FILES) if request.method == "POST" else ()), user=request.user
    )
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = import_organizations(
                form.cleaned_data["file"].read(),
                created_by_conference=form.cleaned_data["created_by_conference"],
            )
        except ValidationError as error:
            form.add_error("file", error)
    context = {"form": form, "report": report, "kinds": ", ".join(OrganizationKind.values)}
    return render(request, "events/manage/organization_import.html", context)


@require_safe
@directory_required(Action.VIEW)
def organization_search(request):
    """Radio buttons for the co-organizer picker (htmx): the first matches by name."""
    context = search_directory(request.GET.get("q", ""))
    return render(request, "events/partials/organization_options.html", context)
