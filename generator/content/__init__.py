"""Reading and judging content/: files to records, every problem as data. Imports neither MkDocs nor Jinja."""
