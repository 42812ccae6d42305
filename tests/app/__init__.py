"""The running service (bot/app): the scheduler, health and metrics, and its logs."""
