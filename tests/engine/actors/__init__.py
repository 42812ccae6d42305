"""Engine tests of people, organisations, roles and who said what."""
