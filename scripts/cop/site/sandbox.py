"""The Jinja environment hand-written pages render in: our macros and plain data, nothing else.

A page of docs/ may call the site's macros (`{{ topic_table('program-claims') }}`). In an
ordinary Jinja environment `{{ self.__init__.__globals__ ... }}` reaches Python's builtins and
runs anything at build time. So pages render in an immutable sandbox that allows attribute
access on plain data only and calls of our macros, Jinja's own helpers and methods of plain
values; anything else fails the build with Jinja's SecurityError, naming the page. The
template context holds the macros and nothing of the build (no configuration, plugins or files).
"""

from __future__ import annotations

import datetime as dt
import types
from typing import Any, Callable, Iterable

from jinja2 import StrictUndefined
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace, generate_lorem_ipsum

# Values a page may read attributes of; everything else is opaque to a template.
_PLAIN = (str, int, float, bool, type(None), list, tuple, dict, set, frozenset, dt.date,
          LoopContext, Cycler, Joiner, Namespace)
# Headings carry anchors as {#id}, which Jinja's own comment syntax would claim.
COMMENT = ("{%#", "#%}")
# Every Jinja construct starts with one of these (comments too, with the delimiters above).
_OPENERS = ("{{", "{%")


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


def page_sandbox(macros: dict[str, Callable[..., str]]) -> PageSandbox:
    """The environment of hand-written pages: `macros` and Jinja's helpers; an undefined name is an error."""
    box = PageSandbox([*macros.values(), dict, generate_lorem_ipsum, Cycler, Joiner, Namespace],
                      undefined=StrictUndefined, comment_start_string=COMMENT[0], comment_end_string=COMMENT[1],
                      keep_trailing_newline=True)
    box._callables.append(box.globals["range"])  # the sandbox's own range, which caps its length
    box.globals.update(macros)
    return box


def is_template(markdown: str) -> bool:
    """Whether a page uses any Jinja at all: most do not, and need no rendering."""
    return any(opener in markdown for opener in _OPENERS)
