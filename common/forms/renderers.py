from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Forms rendered from the project's templates (so that they can use its tags), each rendered whole
    ({{ form }}) opening with its error summary."""

    form_template_name = "common/partials/form.html"
