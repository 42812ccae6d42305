"""Who said what: attributions from the parse or from rules, speakers resolved, stances trimmed."""
