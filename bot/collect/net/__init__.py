"""Fetching over the network safely: one guarded GET, the address guard, connections pinned to
checked addresses."""
