"""Issue 12: nothing hangs attributes on another object; the time controls own their actions.

The window's attributes are the ones its own class sets (``self.x = ...`` in
``main_window.py``): a module that hangs one on the window from outside
(``window.loop_action = ...``) makes a name that is not there, and the test
fails.  The modules of ``explorer/qt`` are read too: no ``setattr`` on a
window and no ``window: Any``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from explorer.qt import main_window as main_window_module

QT = Path(main_window_module.__file__).resolve().parent


def _own_attributes(cls_name: str, source: Path) -> set[str]:
    """The attributes a class's methods set on ``self`` (and its class-level names)."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    cls = next(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == cls_name)
    names: set[str] = set()
    for node in ast.walk(cls):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        for t in targets:
            for el in (t.elts if isinstance(t, ast.Tuple) else [t]):
                if isinstance(el, ast.Attribute) and isinstance(el.value, ast.Name) and el.value.id == "self":
                    names.add(el.attr)
    return names


def test_the_window_has_only_the_attributes_its_class_sets(main_window):
    win = main_window
    own = _own_attributes("MainWindow", Path(main_window_module.__file__))
    # PySide keeps the class's signals in the instance's dict too: only names the class does not have count.
    hung = {name for name in vars(win) if not hasattr(type(win), name) and not name.startswith("__")} - own
    assert not hung, f"attributes hung on the window from outside: {sorted(hung)}"
    # The ones the time controls used to hang there are theirs now.
    for name in ("speed_actions", "focus_keeper", "loop_action", "pause_action", "slower_action",
                 "faster_action", "events_panel", "events_dock", "event_banner", "event_kinds"):
        assert not hasattr(win, name), name
        assert hasattr(win.time_controls, name), name


def test_the_time_controls_own_their_actions_and_the_menus_hold_them(main_window):
    win = main_window
    tc = win.time_controls
    go = win.go_menu.actions()
    assert tc.loop_action in go and tc.pause_action in go and tc.whole_war_action in go
    assert tc.speed_menu.menuAction() in go
    speed = tc.speed_menu.actions()
    assert all(a in speed for a in (*tc.speed_actions, tc.slower_action, tc.faster_action))
    view = win.view_menu.actions()
    assert tc.events_list_action in view and tc.find_event_action in view
    # Their shortcuts work from anywhere in the window: they are the window's actions too.
    keyed = [a for a in tc.actions() if not a.shortcut().isEmpty()]
    assert len(keyed) >= 10 and all(a in win.actions() for a in keyed)
    # The menu item and the bar's box are one setting.
    tc.loop_action.trigger()
    assert win.playback.loop.isChecked() and win.state.loop
    win.playback.loop.setChecked(False)
    assert not tc.loop_action.isChecked() and not win.state.loop


def test_no_module_of_the_window_reaches_into_it_through_any_or_setattr():
    problems = []
    for path in sorted(QT.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.arg) and node.arg in ("window", "win", "main") and node.annotation is not None \
                    and ast.unparse(node.annotation) in ("Any", "typing.Any"):
                problems.append(f"{path.name}:{node.lineno}: {node.arg}: Any")
            if isinstance(node, (ast.FunctionDef, ast.Lambda)):
                args = node.args.args
                if isinstance(node, ast.FunctionDef) and any(a.arg in ("window", "win") and a.annotation is None
                                                             for a in args):
                    problems.append(f"{path.name}:{node.lineno}: untyped window argument")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr" \
                    and node.args and isinstance(node.args[0], ast.Name) \
                    and node.args[0].id in ("window", "win", "parent", "main", "w"):
                problems.append(f"{path.name}:{node.lineno}: setattr on {node.args[0].id}")
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) \
                            and t.value.id in ("window", "win", "main"):
                        problems.append(f"{path.name}:{node.lineno}: {t.value.id}.{t.attr} = ...")
    assert not problems, "\n".join(problems)
