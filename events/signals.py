from django.dispatch import Signal

# Sent inside the transaction that changed a conference's dates or place, after its SEQUENCE grew,
# so that receivers (registrations) can queue calendar updates in the same transaction.
# Arguments: conference.
conference_moved = Signal()

# Sent inside the transaction that raised a conference's capacity (or removed the limit), with the
# conference's row locked, so that the waiting list can move up. Arguments: conference.
seats_added = Signal()
