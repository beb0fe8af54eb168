#!/usr/bin/python3
# a11y-walk.py: reads the accessibility tree of a running Paddock through AT-SPI, the way a
# screen reader does, and judges what is shown. Debian's python3-gi with gir1.2-atspi-2.0
# (hence /usr/bin/python3: another python3 on the PATH may lack gi).
#
#   a11y-walk.py check LABEL [WINDOW-NAME-REGEX]
#       walks every window of the app whose accessible name matches the regex (default:
#       all) and prints one line per problem; exit 1 if there is one. A problem is
#         - unlabeled: a control (button, toggle, check box, radio, switch, link, combo
#           box, entry, spin button, slider, page tab) shown with no name, or with only
#           its widget type as its name (what GTK 4.8 says when nothing names it)
#         - icon-only: a button with no text of its own that has no tooltip (GTK gives the
#           tooltip to AT-SPI as the description)
#         - unreachable: a control shown and enabled that neither it nor a child (nor the
#           row it is the activatable widget of) can take the keyboard focus
#         - hidden: a focusable, enabled control that takes no room (zero size) while its
#           parent is on the screen: Tab reaches something no one sees
#       "Shown" is a control that GTK says contains its own centre (AT-SPI Contains): the
#       controls of a hidden stack page keep their last size, but contain nothing.
#   a11y-walk.py press NAME-REGEX [WINDOW-NAME-REGEX]
#       does the first action (click) of the first shown control whose name matches
#   a11y-walk.py dump [WINDOW-NAME-REGEX]
#       prints the tree (for debugging)
#
# SPDX-License-Identifier: GPL-3.0-or-later
import re
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

R = Atspi.Role
S = Atspi.StateType

CONTROLS = {
    R.PUSH_BUTTON, R.TOGGLE_BUTTON, R.CHECK_BOX, R.RADIO_BUTTON, R.LINK, R.COMBO_BOX,
    R.ENTRY, R.PASSWORD_TEXT, R.SPIN_BUTTON, R.SLIDER, R.PAGE_TAB, R.MENU_ITEM,
    R.CHECK_MENU_ITEM, R.RADIO_MENU_ITEM,
}
# what can be edited: its name may come from a label next to it, still it must have one
EDITABLE = {R.ENTRY, R.PASSWORD_TEXT, R.SPIN_BUTTON, R.TEXT}
BUTTONS = {R.PUSH_BUTTON, R.TOGGLE_BUTTON}
TYPE_NAME = re.compile(r"^(Gtk|Adw|Paddock)[A-Za-z]+$")


def app():
    for _ in range(100):
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            a = desktop.get_child_at_index(i)
            if a is not None and a.get_name() == "paddock":
                return a
        time.sleep(0.1)
    sys.exit("the app is not on the accessibility bus")


def windows(regex):
    a = app()
    out = []
    for i in range(a.get_child_count()):
        w = a.get_child_at_index(i)
        if w is None:
            continue
        states = w.get_state_set()
        if not states.contains(S.VISIBLE):
            continue
        if regex is None or re.search(regex, w.get_name() or ""):
            out.append(w)
    return out


def extents(node):
    try:
        e = node.get_extents(Atspi.CoordType.WINDOW)
        return (e.x, e.y, e.width, e.height)
    except Exception:  # not a component
        return None


def empty(ext):
    return ext is not None and (ext[2] <= 0 or ext[3] <= 0)


def unnamed(name):
    name = (name or "").strip()
    return name == "" or TYPE_NAME.match(name) is not None


def has_text(node, depth=0):
    """Whether the control shows text of its own (a label child with words)."""
    for i in range(node.get_child_count()):
        c = node.get_child_at_index(i)
        if c is None:
            continue
        if c.get_role() == R.LABEL and not unnamed(c.get_name()):
            e = extents(c)
            if e is None or not empty(e):
                return True
        if depth < 6 and has_text(c, depth + 1):
            return True
    return False


def focusable_inside(node, depth=0):
    if node.get_state_set().contains(S.FOCUSABLE):
        return True
    if depth > 6:
        return False
    for i in range(node.get_child_count()):
        c = node.get_child_at_index(i)
        if c is not None and focusable_inside(c, depth + 1):
            return True
    return False


def row_reaches(node):
    """Whether a focusable row around the control stands for it: a radio button or a
    switch in a row whose activation toggles it is one Tab stop, the row."""
    n = node.get_parent()
    for _ in range(4):
        if n is None:
            return False
        if n.get_role() == R.LIST_ITEM:
            return n.get_state_set().contains(S.FOCUSABLE)
        n = n.get_parent()
    return False


def describe(node):
    path = []
    n = node
    while n is not None and n.get_role() not in (R.FRAME, R.DIALOG, R.WINDOW, R.APPLICATION):
        name = n.get_name() or ""
        if name and not TYPE_NAME.match(name):
            path.append("%s “%s”" % (n.get_role_name(), name))
        n = n.get_parent()
    where = " in ".join(path[1:3])
    name = node.get_name() or ""
    text = "%s %s" % (node.get_role_name(), "“%s”" % name if name else "(no name)")
    desc = node.get_description() or ""
    if desc:
        text += " (tooltip “%s”)" % desc
    return text + (" in " + where if where else "")


def picked(node, window):
    """Whether the node is really on the screen. GTK answers "contains this point" only for
    a widget it draws: the controls of a hidden stack page keep their last size, but do
    not contain their own centre. (GetAccessibleAtPoint would say it better, but GTK 4.8
    answers it with nothing.)"""
    ext = extents(node)
    if ext is None or empty(ext):
        return False
    x, y = ext[0] + ext[2] // 2, ext[1] + ext[3] // 2
    try:
        return node.contains(x, y, Atspi.CoordType.WINDOW)
    except Exception:
        return False


shown_controls = []


def walk(node, window, visible, problems, inside_combo=False, depth=0):
    states = node.get_state_set()
    role = node.get_role()
    visible = visible and states.contains(S.VISIBLE)
    enabled = states.contains(S.SENSITIVE) or states.contains(S.ENABLED)
    if visible and (role in CONTROLS or role in EDITABLE):
        if picked(node, window):
            shown_controls.append(node)
            if unnamed(node.get_name()) and not inside_combo:
                problems.append("unlabeled: " + describe(node))
            if role in BUTTONS and not inside_combo and not has_text(node) \
               and not (node.get_description() or "").strip():
                problems.append("icon-only without a tooltip: " + describe(node))
            if enabled and role != R.MENU_ITEM and not focusable_inside(node) and \
               not row_reaches(node):
                problems.append("unreachable (takes no keyboard focus): " + describe(node))
        elif enabled and states.contains(S.FOCUSABLE) and empty(extents(node)):
            parent = node.get_parent()
            if parent is not None and picked(parent, window):
                problems.append("hidden but focusable: " + describe(node))
    if depth > 60:
        return
    for i in range(node.get_child_count()):
        c = node.get_child_at_index(i)
        if c is not None:
            walk(c, window, visible, problems, inside_combo or role == R.COMBO_BOX, depth + 1)


def check(label, regex):
    found = windows(regex)
    if not found:
        print("# %s: no window matches %r" % (label, regex))
        return 1
    problems = []
    for w in found:
        walk(w, w, True, problems)
    if not shown_controls:
        problems.append("no control shown at all: the walk saw nothing")
    print("%d controls shown" % len(shown_controls))
    seen = set()
    for p in problems:
        if p not in seen:
            seen.add(p)
            print("# %s: %s" % (label, p))
    return 1 if problems else 0


def find(node, regex, window):
    states = node.get_state_set()
    if not states.contains(S.VISIBLE):
        return None
    if node.get_role() in CONTROLS and re.search(regex, node.get_name() or "") and \
       picked(node, window):
        return node
    for i in range(node.get_child_count()):
        c = node.get_child_at_index(i)
        if c is not None:
            hit = find(c, regex, window)
            if hit is not None:
                return hit
    return None


def press(regex, window_regex):
    for w in windows(window_regex):
        node = find(w, regex, w)
        if node is not None:
            action = node.get_action_iface()
            if action is None or action.get_n_actions() == 0:
                sys.exit("%s has no action" % describe(node))
            action.do_action(0)
            return 0
    sys.exit("nothing shown is named %r" % regex)


def dump(node, depth=0):
    ext = extents(node)
    states = node.get_state_set()
    flags = "".join(c for c, s in (("F", S.FOCUSABLE), ("V", S.VISIBLE), ("E", S.SENSITIVE),
                                   ("*", S.FOCUSED)) if states.contains(s))
    print("%s%s %r desc=%r [%s] %s" % ("  " * depth, node.get_role_name(), node.get_name(),
                                      node.get_description(), flags, ext))
    for i in range(node.get_child_count()):
        c = node.get_child_at_index(i)
        if c is not None:
            dump(c, depth + 1)


def main():
    Atspi.init()
    cmd = sys.argv[1]
    if cmd == "check":
        return check(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    if cmd == "press":
        return press(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    if cmd == "dump":
        for w in windows(sys.argv[2] if len(sys.argv) > 2 else None):
            dump(w)
        return 0
    sys.exit("usage: a11y-walk.py check LABEL [REGEX] | press NAME [REGEX] | dump [REGEX]")


if __name__ == "__main__":
    sys.exit(main())
