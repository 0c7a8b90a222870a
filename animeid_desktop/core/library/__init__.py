"""The library: its folder and SQLite schema, labels and undo, runs, gallery queries, import, relink, integrity."""
