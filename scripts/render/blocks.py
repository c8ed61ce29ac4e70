"""A budgetdb text document as blocks a renderer lays out: tables, lists,
paragraphs and page breaks. Shared by the renderers (HTML for LibreOffice and
Chromium, ReportLab), so that each producer prints the same structure.

The reading follows the text documents' conventions: runs of tab-separated
lines are a table (a row of dashes alone is a rule in it, not a row, and a
blank line under it does not end the table); "- " lines a bullet list, where a
plain line right below an item goes on in it (the rest of the item when it
starts in lower case and the item has not ended, else an item whose bullet
the source lost); a form feed a page break; a page marker ("L KS:4") the foot
of a page; any other line a paragraph.
"""
import os
import re
from dataclasses import dataclass, field


@dataclass
class Table:
    rows: list                 # lists of cell texts
    heading: bool = False      # the first row holds labels: repeat it on every page


@dataclass
class BulletList:
    items: list = field(default_factory=list)  # each item: its lines (a line break between them)


@dataclass
class Paragraph:
    text: str


@dataclass
class PageBreak:
    pass


def is_heading(cells: list) -> bool:
    """A first row of labels: every cell filled, no values or dates. A table
    whose heading the source lost starts with a row of values."""
    def value(cell):
        return re.fullmatch(r"[\d\s,.%+/-]+", cell) and not re.fullmatch(r"(19|20)\d\d", cell)
    return all(c.strip() for c in cells) and not any(
        value(c) or re.search(r"\d{4}-\d\d-\d\d", c) for c in cells)


# A printed page marker ("L KS:4") inside a list stands at the foot of the page
# it ends in the documents converted to text: a renderer ends the page after
# it, and the list goes on on the next page. (Elsewhere it stays a paragraph.)
PAGE_MARKER = re.compile(r"L [^\t:]{1,40}:\d{1,4}")


# A row whose cells are all rules ("-----\t----\t----", as a markdown table
# underlines its heading) is a rule under the row above, not a row of cells:
# printed as cells, its one long word would widen its column off the page. A
# blank line under it leaves the table open, as the text reader reads it. What
# a rule cell is comes from the reader's own grammar (rule_cell).
def _grammar_pattern(grammar: str, name: str) -> "re.Pattern":
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "grammars", grammar)
    with open(path, encoding="utf-8") as source:
        for line in source:
            key, _, pattern = line.partition("=")
            if key.strip() == name:
                return re.compile(pattern.strip())
    raise LookupError(f"{name} is not in grammars/{grammar}")


RULE_CELL = _grammar_pattern("tables.grammar", "rule_cell")


def is_rule_row(line: str) -> bool:
    return all(RULE_CELL.search(cell) for cell in line.split("\t"))


def parse(text: str) -> list:
    blocks, rows, current_list = [], [], None

    def end_table():
        nonlocal rows
        if rows:
            blocks.append(Table(rows, is_heading(rows[0])))
            rows = []

    under_rule = False  # the line before was a rule of the open table
    for line in text.split("\n"):
        page_break = line.startswith("\f")
        line = line.lstrip("\f")
        is_row = "\t" in line
        is_item = line.lstrip(" ").startswith("- ") or line.strip() == "-"
        if rows and under_rule and not page_break and line.strip() == "":
            continue  # a blank line under a rule: the rows under it are the same table's
        under_rule = False
        if rows and (not is_row or page_break):
            end_table()
        in_list_text = current_list is not None and not is_item and not is_row and line.strip() != ""
        if current_list is not None and not is_item and not in_list_text:
            current_list = None
        if page_break:
            blocks.append(PageBreak())
        if PAGE_MARKER.fullmatch(line.strip()) and current_list is not None:
            current_list = None
            blocks += [Paragraph(line.strip()), PageBreak()]
            continue
        if is_row and is_rule_row(line):
            under_rule = True
            continue  # a table's rule, drawn in dashes: a renderer draws rules itself
        if is_row:
            rows.append(line.split("\t"))
        elif is_item:
            if current_list is None:
                current_list = BulletList()
                blocks.append(current_list)
            current_list.items.append([line.strip()[2:]])
        elif in_list_text:
            text_line = line.strip()
            item_above = current_list.items[-1]
            if text_line[:1].islower() and not item_above[-1].rstrip().endswith((".", "!", "?", ":", ";")):
                item_above.append(text_line)   # the rest of the item above, on a line of its own
            else:
                current_list.items.append([text_line])  # an item whose bullet the source lost
        elif line.strip():
            blocks.append(Paragraph(line))
    end_table()
    return blocks


def column_weights(table: Table, wrap_heading: bool) -> list:
    """Relative column widths from the cells' lengths, so that a date or a short
    value stays on one line and text takes the room that is left. With
    `wrap_heading` the heading's labels do not count: "KF:s årsmål 2024" then
    wraps over two or three lines above a column of "36 %", as budget books print it."""
    rows = table.rows[1:] if wrap_heading and table.heading and len(table.rows) > 1 else table.rows
    columns = max(len(r) for r in table.rows)
    widest = [max((len(r[c]) for r in rows if c < len(r)), default=0) for c in range(columns)]
    # A column is never narrower than its longest word: a producer lets such a
    # word run out of its cell, and off the page (clipped), where no real
    # document has it.
    longest_word = [max((len(word) for r in table.rows if c < len(r) for word in r[c].split()), default=0)
                    for c in range(columns)]
    return [max(min(max(w, 8) + 4, 44), word + 3) for w, word in zip(widest, longest_word)]
