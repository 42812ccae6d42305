"""Collection: fetching sources safely, reading feeds and pages, grouping into stories."""
