"""MkDocs' theme environment, made once per version build as MkDocs makes it, with two things
kept from one build to the next:

- the compiled theme templates (``KeptCompiled``): Material's templates and ours compiled
  took about 0.5 s of every version's build, even a preview's dirty build of one page;
- the list of the installed theme's files: MkDocs lists every file of the theme folders to
  find the static ones, 15,000 under Material's, most of them icons (0.25 s). The
  installed theme's list is made once per process (``preload``, in the parent, so that the
  forked children share it); a theme folder outside the installed packages (ours) is listed
  every time, as MkDocs does.

What MkDocs builds is the same: Jinja recompiles a template whose source changed, and the list
is the one ``FileSystemLoader.list_templates`` makes.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2

from generator.content.parse_cache import cache_dir
from generator.render.compiled import KeptCompiled, folder_name


def _installed() -> tuple[str, ...]:
    """The folders of the installed theme packages, whose files do not change while a process
    runs."""
    import material

    return (str(Path(material.__file__).parent.resolve()),)


def _walk(searchpath: str, followlinks: bool) -> frozenset[str]:
    """The templates under ``searchpath``, named as ``FileSystemLoader.list_templates`` names
    them."""
    found = set()
    for dirpath, _, filenames in os.walk(searchpath, followlinks=followlinks):
        for filename in filenames:
            template = (
                os.path.join(dirpath, filename)[len(searchpath) :]
                .strip(os.path.sep)
                .replace(os.path.sep, "/")
            )
            if template[:2] == "./":
                template = template[2:]
            found.add(template)
    return frozenset(found)


_listed_once = functools.cache(_walk)


def _listing(searchpath: str, followlinks: bool) -> frozenset[str]:
    resolved = str(Path(searchpath).resolve())
    if any(resolved == root or resolved.startswith(root + os.sep) for root in _installed()):
        return _listed_once(searchpath, followlinks)
    return _walk(searchpath, followlinks)


def _hidden(name: str) -> bool:
    return name.startswith(".") or "/." in name


def list_templates(searchpaths: Sequence[str], followlinks: bool) -> list[str]:
    """The theme's files, as ``FileSystemLoader.list_templates`` lists them, less the hidden
    ones (a name or folder starting with a dot, as Material's 14,000 icons): the only caller,
    MkDocs' ``add_files_from_theme``, leaves those out anyway (its patterns ``.*`` and
    ``*/.*``), after testing each against a dozen patterns."""
    found: set[str] = set()
    for searchpath in searchpaths:
        found |= _listing(searchpath, followlinks)
    return sorted(name for name in found if not _hidden(name))


def _stable(value: object) -> str:
    """``repr`` of a setting, a function named rather than placed in memory."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value)}"
    return repr(value)


def _compiled_name(env: jinja2.Environment) -> str:
    """What, beside a template's source, decides how it compiles in ``env``: its settings,
    extensions, policies, and which filters and tests there are and what each is passed."""
    import material
    import mkdocs

    def named(functions: dict[str, Any]) -> str:
        return ",".join(
            f"{name}:{getattr(f, 'jinja_pass_arg', None)}" for name, f in sorted(functions.items())
        )

    settings = [
        mkdocs.__version__,
        getattr(material, "__version__", ""),
        ",".join(sorted(env.extensions)),
        _stable(env.autoescape),
        _stable(env.finalize),
        repr(getattr(env, "newstyle_gettext", None)),
        repr((env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.optimized)),
        repr((env.block_start_string, env.variable_start_string, env.comment_start_string)),
        repr((env.line_statement_prefix, env.line_comment_prefix, env.newline_sequence)),
        repr(env.is_async),
        ",".join(f"{k}={_stable(v)}" for k, v in sorted(env.policies.items())),
        named(env.filters),
        named(env.tests),
    ]
    return folder_name("mkdocs-theme", *settings)


class _ThemeCompiled(KeptCompiled):
    """``KeptCompiled`` for ``env``, in the folder of its settings as they are when a template
    is loaded (a plugin can change them between the making of the environment and then)."""

    def __init__(self, env: jinja2.Environment) -> None:
        self._env = env
        super().__init__("")

    @property  # type: ignore[override]
    def directory(self) -> str:
        return str(cache_dir() / "templates" / _compiled_name(self._env))

    @directory.setter
    def directory(self, value: str) -> None:
        pass  # always worked out from the environment


def keep_theme(config: Any) -> None:
    """Have the theme of MkDocs' loaded ``config`` make its environment with the compiled
    templates kept and the installed theme's files listed once."""
    theme = config.theme
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make()
        loader = env.loader
        if isinstance(loader, jinja2.FileSystemLoader):
            paths, follow = tuple(loader.searchpath), loader.followlinks
            loader.list_templates = lambda: list_templates(paths, follow)  # type: ignore[method-assign]
        env.bytecode_cache = _ThemeCompiled(env)
        return env

    theme.get_env = get_env


def preload() -> None:
    """List the installed theme's files in this process, for the children forked from it."""
    for root in _installed():
        templates = Path(root) / "templates"
        if templates.is_dir():
            _listed_once(str(templates), False)
