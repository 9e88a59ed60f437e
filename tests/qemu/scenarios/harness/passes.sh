# A scenario that passes in the guest.
true
