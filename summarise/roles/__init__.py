"""Roles of people: titles, appositions, clauses and statements, the fullest one kept."""
