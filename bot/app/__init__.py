"""The running bot: collection and chat channels on a schedule, workers, their queue and health."""
