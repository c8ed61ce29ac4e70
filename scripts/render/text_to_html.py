"""Turns a budgetdb text document into HTML that LibreOffice or Chromium
prints as a PDF, in one of several table styles, as budget books print them.

Blocks come from blocks.py (tables, lists, paragraphs, page breaks). A table's
first row, when it holds labels, is a heading repeated on every page. The
style options cross the ways real documents draw their tables: rules (full
grid, horizontal rules only, none), a heading shaded, bold and centred whose
labels wrap in narrow columns, cells aligned top, middle or bottom, sans or
serif type at any size, portrait or landscape, prose in two columns.

    text_to_html.py [--borderless | --rules grid|horizontal|none] [--heading plain|shaded]
                    [--valign top|middle|bottom] [--font sans|serif] [--font-size PT]
                    [--landscape] [--two-columns] [--no-padding] SOURCE.txt > SOURCE.html

The defaults (grid, plain heading, top, sans, 10 pt, portrait) are what
scripts/render-pdfs uses for the committed PDFs.
"""
import argparse
import html
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import blocks as parsed  # noqa: E402

PAGE_WIDTH_PX = {False: 640, True: 940}  # the text width of an A4 page, portrait and landscape


def table_html(table: parsed.Table, style) -> str:
    """One table, its column widths fixed from its cells' lengths (LibreOffice
    keeps <col> widths; it squeezes columns left to itself)."""
    weights = parsed.column_weights(table, wrap_heading=style.heading == "shaded")
    width = PAGE_WIDTH_PX[style.landscape]
    out = [f'<table width="100%" cellpadding="{0 if style.no_padding else 4}"><colgroup>']
    out += [f'<col width="{width * w // sum(weights)}">' for w in weights]
    out.append("</colgroup>")
    if not table.heading:
        out.append("<tbody>")
    for index, row in enumerate(table.rows):
        if index == 0 and table.heading:
            tag = "th" if style.heading == "shaded" else f'td valign="top"'
            cells = "".join(f"<{tag}>{html.escape(cell)}</{tag.split()[0]}>" for cell in row)
            out.append(f"<thead><tr>{cells}</tr></thead><tbody>")
        else:
            cells = "".join(f'<td valign="{style.valign}">{html.escape(cell)}</td>' for cell in row)
            out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def css(style) -> str:
    family = '"DejaVu Serif"' if style.font == "serif" else '"DejaVu Sans"'
    rule = "1px solid #444"
    cell_border = {"grid": f"border:{rule}", "horizontal": f"border:none;border-bottom:{rule}",
                   "none": "border:none"}[style.rules]
    heading = "background:#d9d9d9;font-weight:bold;text-align:center;vertical-align:middle"
    padding = "0 3pt" if style.no_padding else "3pt"  # no padding above and below: a word processor's cell margins
    page = "@page{size:A4 landscape;margin:2cm}" if style.landscape else ""
    columns = "div.prose{column-count:2;column-gap:18pt}" if style.two_columns else ""
    return (page + f"body{{font-family:{family};font-size:{style.font_size:g}pt}}"
            "table{border-collapse:collapse;width:100%}"
            f"td{{{cell_border};padding:{padding};vertical-align:{style.valign}}}" +
            (f"th{{{cell_border};padding:{padding};{heading}}}" if style.heading == "shaded" else "") + columns)


def convert(text: str, style) -> str:
    out = [f'<html><head><meta charset="utf-8"><style>{css(style)}</style></head><body>']
    # Prose between tables in two columns, when asked: each run of paragraphs
    # and lists is a block of its own, so a table still spans the page.
    prose_open = False

    def prose(opening: bool):
        nonlocal prose_open
        if style.two_columns and opening != prose_open:
            out.append('<div class="prose">' if opening else "</div>")
            prose_open = opening

    for block in parsed.parse(text):
        if isinstance(block, parsed.Table):
            prose(False)
            out.append(table_html(block, style))
        elif isinstance(block, parsed.PageBreak):
            prose(False)
            out.append('<p style="page-break-before:always"></p>')
        elif isinstance(block, parsed.BulletList):
            prose(True)
            out.append("<ul>")
            for item in block.items:
                out.append("<li>" + ("<br>".join(html.escape(line) for line in item) or "&#160;") + "</li>")
            out.append("</ul>")
        else:
            prose(True)
            out.append(f"<p>{html.escape(block.text)}</p>")
    prose(False)
    out.append("</body></html>")
    return "\n".join(out)


def add_style_options(parser: argparse.ArgumentParser):
    parser.add_argument("--rules", choices=["grid", "horizontal", "none"], default="grid")
    parser.add_argument("--borderless", dest="rules", action="store_const", const="none",
                        help="the same as --rules none")
    parser.add_argument("--heading", choices=["plain", "shaded"], default="plain",
                        help="shaded: a grey band, bold labels centred and wrapped in narrow columns")
    parser.add_argument("--valign", choices=["top", "middle", "bottom"], default="top")
    parser.add_argument("--font", choices=["sans", "serif"], default="sans")
    parser.add_argument("--font-size", type=float, default=10, help="body text size in points (default 10)")
    parser.add_argument("--landscape", action="store_true")
    parser.add_argument("--two-columns", action="store_true", help="prose in two columns")
    parser.add_argument("--no-padding", action="store_true",
                        help="cells without padding: a table's rows no further apart than a cell's lines")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="budgetdb text document to HTML for LibreOffice or Chromium")
    parser.add_argument("source")
    add_style_options(parser)
    options = parser.parse_args()
    with open(options.source, encoding="utf-8") as source:
        sys.stdout.write(convert(source.read(), options))
