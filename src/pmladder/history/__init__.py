"""History: every completed assessment kept in a local SQLite database, and what changed over time.

`store` is the database (connect, migrate, add, list, get, delete) and nothing else;
`records` turns an `Assessment` into a row and a row back into answers; `saving` keeps one
(all that `assess` imports of the history); `service` is the rest of what the history
commands do. `views` (the history list, a stored report), `diff` (two assessments compared)
and `progress` (a trend for one person and target) are pure view models that every
renderer takes.
"""
