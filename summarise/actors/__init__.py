"""Key actors: people and organisations found by spaCy or by rules, merged, resolved and ranked."""
