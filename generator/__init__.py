"""A static site generator for an exercise guide: content/ -> checked records -> MkDocs site."""
