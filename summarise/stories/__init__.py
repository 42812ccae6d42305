"""Stories: articles about the same event grouped as they arrive, by their terms and time."""
