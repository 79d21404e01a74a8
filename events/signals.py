from django.dispatch import Signal

# Sent inside the transaction that changed a conference's dates or place, after its SEQUENCE grew,
# so that receivers (registrations) can queue calendar updates in the same transaction.
# Arguments: conference.
conference_moved = Signal()
