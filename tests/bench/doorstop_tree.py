#!/usr/bin/env python3
"""Writes a Doorstop tree equivalent to a plan benchmark repository: a parent document of
18 strategic directions and a child document of N activities, each linking one direction,
with a text of about the same length as a generated activity's description.

Usage: doorstop_tree.py OUT_DIR N
"""
import os
import sys


def document(path, prefix, parent=None):
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, ".doorstop.yml"), "w", encoding="utf-8") as f:
        f.write("settings:\n  digits: 6\n  prefix: %s\n  sep: ''\n" % prefix)
        if parent:
            f.write("  parent: %s\n" % parent)


def item(path, uid, text, links, level):
    with open(os.path.join(path, uid + ".yml"), "w", encoding="utf-8") as f:
        f.write("active: true\nderived: false\nheader: ''\nlevel: '%s'\n" % level)
        if links:
            f.write("links:\n")
            for link in links:
                f.write("- %s: null\n" % link)
        else:
            f.write("links: []\n")
        f.write("normative: true\nref: ''\nreviewed: null\ntext: |\n")
        for line in text.splitlines():
            f.write("  %s\n" % line)


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    directions = os.path.join(out, "reqs", "inr")
    activities = os.path.join(out, "reqs", "act")
    document(directions, "INR")
    document(activities, "ACT", parent="INR")
    for d in range(1, 19):
        item(directions, "INR%06d" % d, "Strategisk inriktning %d." % d, [], "1.%d" % d)
    for a in range(1, n + 1):
        text = (
            "Aktivitet %d för att stärka samverkan.\n\n"
            "Aktiviteten bidrar till **god och nära vård**. Den följs upp i handlingsplanen.\n" % a
        )
        item(activities, "ACT%06d" % a, text, ["INR%06d" % (a % 18 + 1)], "1.%d" % a)


if __name__ == "__main__":
    main()
