#!/usr/bin/python3
# test-atspi.py: drives Treaties through the accessibility bus, as a screen
# reader user would. Run inside an X server and a D-Bus session:
#   xvfb-run -a dbus-run-session -- tests/test-atspi.py PATH/TO/treaties ARTICLE.json
# Output is TAP.
import json
import os
import re
import subprocess
import sys
import time

import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

treaties, article_path = sys.argv[1], sys.argv[2]
article = json.load(open(article_path, encoding="utf-8"))
titles = {}
for s in article["sections"]:
    titles[s["id"]] = s["title"]
    for sub in s.get("subsections", []):
        titles[sub["id"]] = sub["title"]

results = []

BUTTON_ROLES = {Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.CHECK_BOX,
                Atspi.Role.RADIO_BUTTON, Atspi.Role.MENU_ITEM, Atspi.Role.LINK,
                Atspi.Role.COMBO_BOX, Atspi.Role.SPIN_BUTTON}
# GTK names an accessible after its class when it has nothing better.
GTK_CLASS = re.compile(r"^(Gtk|Adw)[A-Z]")
# The buttons that show only an icon (the app runs untranslated here).
ICON_BUTTONS = {"Show Sections", "Back", "Forward", "Main Menu", "Zoom Out of the Timeline",
                "Show the Whole Period", "Zoom Into the Timeline", "Hide the Timeline",
                "Previous Match", "Next Match", "Close Search", "Library"}


def check(ok, what):
    results.append((bool(ok), what))
    print(("ok" if ok else "not ok") + " %d - %s" % (len(results), what), flush=True)


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    for i in range(node.get_child_count()):
        try:
            yield from walk(node.get_child_at_index(i), depth + 1)
        except Exception:
            continue


def find_app():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_name() in ("treaties", "Treaties"):
            return app
    return None


def selected_sidebar_row(app):
    for node in walk(app):
        try:
            if node.get_role() == Atspi.Role.LIST_ITEM and \
               node.get_state_set().contains(Atspi.StateType.SELECTED):
                return node.get_name()
        except Exception:
            continue
    return None


env = dict(os.environ, GSETTINGS_BACKEND="memory")
env.pop("NO_AT_BRIDGE", None)
env.pop("GTK_A11Y", None)
# Started with the article: without one, a first start shows the library.
proc = subprocess.Popen([treaties, article_path], env=env)
try:
    app = None
    deadline = time.time() + 30
    while app is None and time.time() < deadline:
        time.sleep(0.5)
        app = find_app()
    check(app is not None, "the app is on the accessibility bus")
    if app is None:
        raise SystemExit(1)
    time.sleep(1.5)

    check(selected_sidebar_row(app) == titles["introduction"],
          "the sidebar's selected row is the first section")

    # Every button has a name a person can say: an icon-only button
    # without one is read out as "GtkImage" or "GtkMenuButton".
    nodes = list(walk(app))
    buttons = [n for n in nodes if n.get_role() in BUTTON_ROLES]
    bad = ["%s %r" % (n.get_role_name(), n.get_name()) for n in nodes
           if (n.get_role() in BUTTON_ROLES and not (n.get_name() or "").strip())
           or ((n.get_role() in BUTTON_ROLES or n.get_role() == Atspi.Role.LABEL)
               and GTK_CLASS.match(n.get_name() or ""))]
    check(len(buttons) >= len(ICON_BUTTONS) and not bad,
          "no button without a name, none named after a GTK class (%d buttons; %s)"
          % (len(buttons), ", ".join(bad) or "none bad"))
    names = {n.get_name() for n in buttons}
    missing = sorted(ICON_BUTTONS - names)
    check(not missing, "each icon-only button is named (missing: %s)" % (", ".join(missing) or "none"))

    # Each event in view is an activatable element named "date — title".
    events = [n for n in walk(app)
              if n.get_role() == Atspi.Role.PUSH_BUTTON and " — " in (n.get_name() or "")]
    check(len(events) >= 10, "events are exposed as buttons named “date — title” (%d)" % len(events))

    target = None
    for ev in article["timeline"]["events"]:
        first = ev.get("sections", [None])[0]
        if first and first != "introduction":
            for node in events:
                if node.get_name().endswith(" — " + ev["title"]):
                    target, section = node, first
                    break
        if target:
            break
    check(target is not None, "an event that leads elsewhere is found by its name")

    check(Atspi.Action.get_n_actions(target) > 0, "the event can be activated")
    Atspi.Action.do_action(target, 0)
    want = titles[section]
    got = None
    deadline = time.time() + 10
    while time.time() < deadline:
        time.sleep(0.3)
        got = selected_sidebar_row(app)
        if got == want:
            break
    check(got == want, "activating it goes to its section, as a click does (%s)" % got)
finally:
    proc.terminate()
    proc.wait(timeout=10)

failed = sum(1 for ok, _ in results if not ok)
print("1..%d" % len(results))
sys.exit(1 if failed else 0)
