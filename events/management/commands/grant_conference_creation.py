from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from events.services.creators import grant_conference_creation


class Command(BaseCommand):
    help = "Allow an account to create conferences (permission events.add_conference); --revoke stops it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="The account's email address.")
        parser.add_argument("--revoke", action="store_true", help="Take the permission back.")

    def handle(self, *args, email: str, revoke: bool = False, **options) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account has the address {email!r}: it must sign up first.")
        grant_conference_creation(user, revoke=revoke)
        if revoke:
            note = " (a superuser keeps every permission)" if user.is_superuser else ""
            self.stdout.write(self.style.SUCCESS(f"{user.email} may no longer create conferences{note}."))
        else:
            self.stdout.write(self.style.SUCCESS(f"{user.email} may now create conferences."))
