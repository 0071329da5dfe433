"""Making the site from the records: the outputs (pages, data, schemas), the MkDocs plugin and `emit`."""
