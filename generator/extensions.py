"""Extensions: Python modules named in mkdocs.yml that add content kinds, vocabularies or outputs.

```yaml
plugins:
  - exercise-guide:
      extensions: [my_guide.programs]
```

Each module registers what it adds (`generator.content.kinds.register`, `...vocabularies.register`,
`generator.site.outputs.register`) in a function `register()`, which the plugin, `validate` and
`emit` call before they read the content. Registering the same thing again is harmless.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable


class ExtensionError(Exception):
    """An extension named in the configuration cannot be loaded; the message says which and why."""


loaded: list[str] = []  # the modules registered in this process, in order (content/kept.py keys on their code)


def load(names: Iterable[str]) -> None:
    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError as error:
            raise ExtensionError(f"the extension '{name}' named in mkdocs.yml cannot be imported: {error}") from error
        register = getattr(module, "register", None)
        if not callable(register):
            raise ExtensionError(f"the extension '{name}' has no register() function")
        register()
        if name not in loaded:
            loaded.append(name)
