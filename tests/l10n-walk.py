#!/usr/bin/python3
# l10n-walk.py PO WINDOW-NAME-REGEX [TEXT…]: reads what the running Paddock shows, through
# AT-SPI (the helpers of tests/a11y-walk.py), and judges it against the translation PO:
#   - every TEXT given must be shown (the name of a shown widget, or its tooltip);
#   - no shown text may be an English message of the PO whose translation differs from it
#     (with or without its mnemonic underscore): that would be a string the app shows
#     untranslated.
# Prints one summary line, the texts shown and then the problems as "# " lines; exit 1 on
# a problem.
# Debian's python3-gi with gir1.2-atspi-2.0 (hence /usr/bin/python3).
#
# SPDX-License-Identifier: GPL-3.0-or-later
import importlib.util
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))


def load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(here, file))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


walk = load("a11y_walk", "a11y-walk.py")
translations = load("check_translations", "check-translations.py")
Atspi = walk.Atspi
S = walk.S


def english_of(po):
    """English text -> its translation, for the messages whose translation differs"""
    out = {}
    for e in translations.messages(translations.read_po(po)):
        sources = [e.msgid] + ([e.msgid_plural] if e.msgid_plural else [])
        texts = list(e.msgstr.values())
        # what people see: the mnemonic's underscore is not shown ("O_rders", "_Orders")
        seen = {translations.MNEMONIC.sub("", t) for t in texts}
        for source in sources:
            if not source or translations.MNEMONIC.sub("", source) in seen:
                continue
            for form in (source, translations.MNEMONIC.sub("", source)):
                out.setdefault(form, texts[0] if texts else "")
    return out


def shown_texts(node, window, out, visible=True, depth=0):
    states = node.get_state_set()
    visible = visible and states.contains(S.VISIBLE)
    if not visible:
        return
    if walk.picked(node, window):
        for text in (node.get_name(), node.get_description()):
            text = (text or "").strip()
            if text and not walk.TYPE_NAME.match(text):
                out.append(text)
    if depth > 60:
        return
    for i in range(node.get_child_count()):
        c = node.get_child_at_index(i)
        if c is not None:
            shown_texts(c, window, out, visible, depth + 1)


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: l10n-walk.py PO WINDOW-NAME-REGEX [TEXT…]")
    po, regex, expected = sys.argv[1], sys.argv[2], sys.argv[3:]
    Atspi.init()
    english = english_of(po)
    found = walk.windows(regex)
    if not found:
        print("no window matches %r" % regex)
        return 1
    texts = []
    for w in found:
        shown_texts(w, w, texts)
    problems = []
    for t in expected:
        if t not in texts:
            problems.append("not shown: “%s”" % t)
    for t in dict.fromkeys(texts):
        if t in english:
            problems.append("shown in English: “%s” (translated: “%s”)" % (t, english[t]))
    if not texts:
        problems.append("nothing shown at all: the walk saw nothing")
    print("%d texts shown, %d problems" % (len(set(texts)), len(problems)))
    for t in dict.fromkeys(texts):
        print("# shown: " + t.replace("\n", " "))
    for p in problems:
        print("# problem: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
