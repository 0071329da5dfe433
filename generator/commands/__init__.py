"""The command line (`python -m generator`): validate, new, schema, emit, import."""
