"""Storage: the database, every table and all SQL, one module per kind of row."""
