"""The Jinja environment hand-written pages render in: our macros and plain data, nothing else.

mkdocs-macros renders every page of docs/ as a Jinja template in an ordinary environment, where
`{{ self.__init__.__globals__ ... }}` reaches Python's builtins and runs anything at build time,
and where the template context holds live objects (the MkDocs configuration, the plugins, the
file list) whose methods can write files. Pages here need only call our macros. So pages render
in an immutable sandbox that allows attribute access on plain data only and calls of our macros,
Jinja's own helpers and methods of plain values; anything else fails the build with Jinja's
SecurityError, which names the page.
"""

from __future__ import annotations

import datetime as dt
import types
from typing import Any, Iterable

from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace, generate_lorem_ipsum

# Values a page may read attributes of; everything else (config objects, plugins, pages, files)
# is opaque to a template.
_PLAIN = (str, int, float, bool, type(None), list, tuple, dict, set, frozenset, dt.date,
          LoopContext, Cycler, Joiner, Namespace)


class PageSandbox(ImmutableSandboxedEnvironment):
    def __init__(self, callables: Iterable[Any], **options):
        super().__init__(**options)
        self._callables = list(callables)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return isinstance(obj, _PLAIN) and not isinstance(obj, type) and super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj: Any) -> bool:
        if not super().is_safe_callable(obj):
            return False
        if any(obj is allowed for allowed in self._callables) or isinstance(obj, Macro):
            return True
        # Methods of plain values ("x".upper(), a loop's cycle()); attribute access already
        # refused the mutating ones and everything on other objects.
        owner = getattr(obj, "__self__", None)
        return isinstance(obj, (types.BuiltinMethodType, types.MethodType)) and isinstance(owner, _PLAIN) \
            and not isinstance(owner, type)


def sandboxed(env, macros: Iterable[Any]) -> PageSandbox:
    """A sandbox with `env`'s loader, delimiters, filters and tests, allowing `macros` to be called."""
    box = PageSandbox(
        [*macros, dict, generate_lorem_ipsum, Cycler, Joiner, Namespace],
        loader=env.loader, undefined=env.undefined, extensions=list(env.extensions),
        block_start_string=env.block_start_string, block_end_string=env.block_end_string,
        variable_start_string=env.variable_start_string, variable_end_string=env.variable_end_string,
        comment_start_string=env.comment_start_string, comment_end_string=env.comment_end_string,
        trim_blocks=env.trim_blocks, lstrip_blocks=env.lstrip_blocks, keep_trailing_newline=env.keep_trailing_newline,
    )
    safe_range = box.globals["range"]
    box.globals.update(env.globals)
    box.globals["range"] = safe_range  # the sandbox's range caps its length
    box._callables.append(safe_range)
    box.filters.update(env.filters)
    box.tests.update(env.tests)
    return box
