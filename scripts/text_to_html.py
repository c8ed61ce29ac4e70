"""Turns a budgetdb text document into HTML that LibreOffice prints as a PDF.

Runs of tab-separated lines become a table (bordered, or with --borderless
none), its first row, when it holds labels, a heading repeated on every page;
"- " lines a bullet list (a plain line right below an item goes on in it, or
is an item of its own when the item above ended, as the extractor reads it); a
form feed a page break; other lines paragraphs. Column widths follow the
cells' lengths, so that dates and short values do not wrap. Used by
scripts/render-pdfs.

    text_to_html.py [--borderless] [--font-size PT] SOURCE.txt > SOURCE.html
"""
import html
import re
import sys


def table_html(rows: list, border: str) -> str:
    """One table, its column widths fixed from its cells' lengths, so that a date
    or a short value stays on one line and text takes the room that is left
    (LibreOffice keeps <col> widths; it squeezes columns left to itself)."""
    columns = max(len(r) for r in rows)
    widest = [max((len(r[c]) for r in rows if c < len(r)), default=0) for c in range(columns)]
    weights = [min(max(w, 8) + 4, 44) for w in widest]
    page_width = 640  # px: the text width of an A4 page
    out = ['<table width="100%" cellpadding="4"><colgroup>']
    out += [f'<col width="{page_width * w // sum(weights)}">' for w in weights]
    out.append("</colgroup>")
    # A first row of labels is the table's heading, which Writer repeats at the
    # top of every page the table runs onto, as budgets print their tables. A
    # table whose heading the source lost starts with a row of values: no heading.
    def is_heading(cells):
        def value(c):
            return re.fullmatch(r"[\d\s,.%+/-]+", c) and not re.fullmatch(r"(19|20)\d\d", c)
        return all(c.strip() for c in cells) and not any(value(c) or re.search(r"\d{4}-\d\d-\d\d", c)
                                                         for c in cells)
    heading = is_heading(rows[0])
    if not heading:
        out.append("<tbody>")
    for index, row in enumerate(rows):
        cells = "".join(f'<td valign="top">{html.escape(cell)}</td>' for cell in row)
        if index == 0 and heading:
            out.append(f"<thead><tr>{cells}</tr></thead><tbody>")
        else:
            out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def convert(text: str, borderless: bool = False, font_size: float = 10) -> str:
    border = "none" if borderless else "1px solid #444"
    out = ['<html><head><meta charset="utf-8"><style>'
           f'body{{font-family:"DejaVu Sans";font-size:{font_size:g}pt}}'
           'table{border-collapse:collapse;width:100%}'
           f'td{{border:{border};padding:3pt;vertical-align:top}}'
           '</style></head><body>']
    rows, in_list = [], False
    for line in text.split("\n"):
        page_break = line.startswith("\f")
        line = line.lstrip("\f")
        is_row = "\t" in line
        is_item = line.lstrip(" ").startswith("- ") or line.strip() == "-"
        if is_item:
            line = line.strip()
        if rows and (not is_row or page_break):
            out.append(table_html(rows, border))
            rows = []
        # A plain line right below an item stays in the list, without a bullet,
        # as the documents print a bullet's second paragraph or a lost bullet.
        in_list_text = in_list and not is_item and not is_row and line.strip() != ""
        if in_list and not is_item and not in_list_text:
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
            out.append(f"<li>{html.escape(line[2:]) or '&#160;'}</li>")
        elif in_list_text:
            text = line.strip()
            item_above = html.unescape(out[-1][len("<li>"):-len("</li>")])
            if text[:1].islower() and not item_above.rstrip().endswith((".", "!", "?", ":", ";")):
                # The rest of the item above, on a line of its own inside it.
                out[-1] = out[-1][:-len("</li>")] + f"<br>{html.escape(text)}</li>"
            else:
                # An item whose bullet the source lost: an item of the list.
                out.append(f"<li>{html.escape(text)}</li>")
        elif line.strip():
            out.append(f"<p>{html.escape(line)}</p>")
    if rows:
        out.append(table_html(rows, border))
    out.append("</ul>" if in_list else "")
    out.append("</body></html>")
    return "\n".join(out)


if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser(description="budgetdb text document to HTML for LibreOffice")
    parser.add_argument("source")
    parser.add_argument("--borderless", action="store_true", help="tables without cell borders")
    parser.add_argument("--font-size", type=float, default=10, help="body text size in points (default 10)")
    options = parser.parse_args()
    with open(options.source, encoding="utf-8") as source:
        sys.stdout.write(convert(source.read(), options.borderless, options.font_size))
