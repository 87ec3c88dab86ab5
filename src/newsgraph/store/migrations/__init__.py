"""Alembic migration scripts of the graph schema (``env.py`` and ``versions/``), shipped as
package data; :mod:`newsgraph.store.migrate` configures and runs them without an ini file."""
