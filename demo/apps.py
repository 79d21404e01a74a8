from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data: the reference conference and the scale programs. It sits above every other app
    and may import any of them."""

    name = "demo"
    verbose_name = "Demo data"
