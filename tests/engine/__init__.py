"""The summarising engine (summarise/): cleaning, sentences, actors, roles, positions, stories."""
