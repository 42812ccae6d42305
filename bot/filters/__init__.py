"""Chat filters: their words, matching stories against them, the index of candidates."""
