"""Mail text from templates. Subjects and text bodies are plain text, never HTML: rendered here, in one
place, without autoescaping, so that "Workers' & Peasants'" does not arrive as "Workers&#x27; &amp; ..."."""

from django.template import Context
from django.template.loader import get_template


def render_text(template_name: str, context: dict) -> str:
    """A template rendered as plain text: nothing in it (or in what it includes) is HTML-escaped."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def render_mail(name: str, context: dict) -> tuple[str, str]:
    """(subject, text body) of a mail from `<name>_subject.txt` and `<name>.txt`."""
    return render_text(f"{name}_subject.txt", context).strip(), render_text(f"{name}.txt", context)
