"""Chat platforms. Each adapter translates between its platform and the neutral core."""
