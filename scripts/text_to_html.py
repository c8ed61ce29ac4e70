"""Turns a budgetdb text document into HTML that LibreOffice prints as a PDF.

Runs of tab-separated lines become a table (bordered, or with --borderless
none), "- " lines a bullet list, a form feed a page break, other lines
paragraphs. Short cells (dates, values) do not wrap; long ones do. Used by
scripts/render-pdfs.

    text_to_html.py [--borderless] SOURCE.txt > SOURCE.html
"""
import html
import sys


def table_html(rows: list, border: str) -> str:
    """One table: columns whose cells are all short get a fixed width, so that a
    date or a value stays on one line; the others share what is left."""
    columns = max(len(r) for r in rows)
    widest = [max((len(r[c]) for r in rows if c < len(r)), default=0) for c in range(columns)]
    out = ["<table>"]
    for row in rows:
        cells = []
        for c, cell in enumerate(row):
            width = f' width="{widest[c] * 8 + 12}"' if widest[c] < 16 else ""
            cells.append(f'<td valign="top"{width}>{html.escape(cell)}</td>')
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</table>")
    return "\n".join(out)


def convert(text: str, borderless: bool = False) -> str:
    border = "none" if borderless else "1px solid #444"
    out = ['<html><head><meta charset="utf-8"><style>'
           'body{font-family:"DejaVu Sans";font-size:10pt}'
           'table{border-collapse:collapse;width:100%}'
           f'td{{border:{border};padding:3pt;vertical-align:top}}'
           '</style></head><body>']
    rows, in_list = [], False
    for line in text.split("\n"):
        page_break = line.startswith("\f")
        line = line.lstrip("\f")
        is_row, is_item = "\t" in line, line.startswith("- ")
        if rows and (not is_row or page_break):
            out.append(table_html(rows, border))
            rows = []
        if in_list and not is_item:
            out.append("</ul>")
            in_list = False
        if page_break:
            out.append('<p style="page-break-before:always"></p>')
        if is_row:
            rows.append(line.split("\t"))
        elif is_item:
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{html.escape(line[2:])}</li>")
        elif line.strip():
            out.append(f"<p>{html.escape(line)}</p>")
    if rows:
        out.append(table_html(rows, border))
    out.append("</ul>" if in_list else "")
    out.append("</body></html>")
    return "\n".join(out)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    borderless = "--borderless" in arguments
    arguments = [a for a in arguments if a != "--borderless"]
    with open(arguments[0], encoding="utf-8") as source:
        sys.stdout.write(convert(source.read(), borderless))
