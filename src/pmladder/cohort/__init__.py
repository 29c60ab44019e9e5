"""Cohorts: many answers files scored together, for a training cohort or a product guild.

`inputs` turns paths, folders and globs into files and reads them strictly; `aggregate`
turns the people it read into a `CohortResult` that every renderer takes.
"""
