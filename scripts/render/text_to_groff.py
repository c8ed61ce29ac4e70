"""Prints a budgetdb text document as groff source (ms macros, tables by tbl),
for `groff -ms -msv -t -Tpdf`: a typesetter's PDF, unlike a word processor's,
a browser's or a report generator's. groff justifies the text of table cells
as it does prose (a cell's spaces may be as wide as a gutter), hyphenates
with Swedish patterns, strokes its rules and repeats a table's heading on
every page it runs onto.

Blocks come from blocks.py; the style options are text_to_html.py's. groff's
tbl sets every cell at the top of its row and shades nothing: a `--valign`
other than top and a shaded heading are not offered (exit 3), and neither
are two columns (ms starts a new page when it goes back to one column for a
table).

    text_to_groff.py [style options] SOURCE.txt > OUTPUT.ms
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import blocks as parsed  # noqa: E402
from text_to_html import add_style_options  # noqa: E402

NOT_OFFERED = 3

PAGE_CM = {False: (21.0, 29.7), True: (29.7, 21.0)}  # A4 (width, height)
MARGIN_CM = 2.0


def escaped(text: str) -> str:
    """Text as troff reads it literally: a backslash is printed, and a line
    that starts with a dot or an apostrophe is no request."""
    return "\\&" + text.replace("\\", "\\e")


def table_source(table: parsed.Table, style, line_points: float) -> list:
    columns = max(len(r) for r in table.rows)
    weights = parsed.column_weights(table, wrap_heading=False)
    # tbl puts 3 ens between columns, and half that at a box's sides; what a
    # cell's width leaves over is room for its longest word.
    room = line_points - (columns + 1) * 2 * style.font_size
    widths = [room * w / sum(weights) for w in weights]
    options = {"grid": "allbox", "horizontal": "", "none": ""}[style.rules]
    data_format = " ".join(f"lw({w:.1f}p)" for w in widths)
    lines = [".TS H", f"{options} tab(\t);".lstrip()]
    lines.append(data_format + ".")

    def row(cells):
        cells = cells + [""] * (columns - len(cells))
        return "\t".join(f"T{{\n{escaped(c)}\nT}}" if c.strip() else "" for c in cells)

    rows = list(table.rows)
    if table.heading:
        lines.append(row(rows.pop(0)))
        if style.rules == "horizontal":
            lines.append("_")
    lines.append(".TH")
    for cells in rows:
        lines.append(row(cells))
        if style.rules == "horizontal":
            lines.append("_")
    lines.append(".TE")
    return lines


def convert(text: str, style) -> str:
    width, height = PAGE_CM[style.landscape]
    line_cm = width - 2 * MARGIN_CM
    size = style.font_size
    out = [
        f".pl {height}c", f".nr PO {MARGIN_CM}c", f".nr LL {line_cm}c", f".nr HM {MARGIN_CM}c", f".nr FM {MARGIN_CM}c",
        f".nr PS {size}", f".nr VS {size * 1.2:.1f}p", ".fam " + ("T" if style.font == "serif" else "H"),
        ".LP",
    ]
    line_points = line_cm / 2.54 * 72
    for block in parsed.parse(text):
        if isinstance(block, parsed.Table):
            out += table_source(block, style, line_points)
        elif isinstance(block, parsed.PageBreak):
            out.append(".bp")
        elif isinstance(block, parsed.BulletList):
            for item in block.items:
                out.append(".IP \\(bu 2m")
                out += [escaped(line) for line in item] or ["\\&"]
        else:
            out += [".LP", escaped(block.text)]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="budgetdb text document to groff (ms, tbl)")
    parser.add_argument("source")
    add_style_options(parser)
    options = parser.parse_args()
    if options.two_columns or options.valign != "top" or options.heading == "shaded" or options.no_padding:
        sys.exit(NOT_OFFERED)
    with open(options.source, encoding="utf-8") as source:
        sys.stdout.write(convert(source.read(), options))
