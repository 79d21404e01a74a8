"""A person's API tokens, under their profile: made (the secret shown once), listed, revoked."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from api import services
from api.forms import TokenForm
from common.forms import add_service_error


@never_cache
@login_required
def token_list(request):
    form = TokenForm(request.POST if request.method == "POST" else None, user=request.user)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.create_token(request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            form = TokenForm(user=request.user)
            messages.success(
                request,
                _("Token “%(name)s” made. Copy it now: it is not shown again.") % {"name": token.name},
            )
    context = {"form": form, "secret": secret, "tokens": services.tokens_of(request.user)}
    return render(request, "api/participant/token_list.html", context)


@require_POST
@login_required
def token_revoke(request, pk: int):
    token = get_object_or_404(services.tokens_of(request.user), pk=pk)
    services.revoke_token(token)
    messages.success(request, _("Token “%(name)s” revoked: it no longer works.") % {"name": token.name})
    return redirect("api:token-list")
