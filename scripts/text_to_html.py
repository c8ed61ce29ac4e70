"""Turns a budgetdb text document into HTML that LibreOffice prints as a PDF.

Runs of tab-separated lines become a bordered table, "- " lines a bullet list,
a form feed a page break, other lines paragraphs. Used by scripts/render-pdfs.
"""
import html
import sys


def convert(text: str) -> str:
    out = ['<html><head><meta charset="utf-8"><style>'
           'body{font-family:"DejaVu Sans";font-size:10pt}'
           'table{border-collapse:collapse;width:100%}'
           'td{border:1px solid #444;padding:3pt;vertical-align:top}'
           '</style></head><body>']
    in_table = in_list = False
    for line in text.split("\n"):
        page_break = line.startswith("\f")
        line = line.lstrip("\f")
        is_row, is_item = "\t" in line, line.startswith("- ")
        if in_table and not is_row:
            out.append("</table>")
            in_table = False
        if in_list and not is_item:
            out.append("</ul>")
            in_list = False
        if page_break:
            out.append('<p style="page-break-before:always"></p>')
        if is_row:
            if not in_table:
                out.append("<table>")
                in_table = True
            # Short cells (dates, values) stay on one line, as in the documents.
            cells = "".join(
                f'<td{" style=white-space:nowrap" if len(c) < 16 else ""}>{html.escape(c)}</td>'
                for c in line.split("\t"))
            out.append(f"<tr>{cells}</tr>")
        elif is_item:
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{html.escape(line[2:])}</li>")
        elif line.strip():
            out.append(f"<p>{html.escape(line)}</p>")
    out.append("</table>" if in_table else "")
    out.append("</ul>" if in_list else "")
    out.append("</body></html>")
    return "\n".join(out)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as source:
        sys.stdout.write(convert(source.read()))
