"""Delivery: digests queued in the outbox and the worker that sends them."""
