#include "query/show.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

namespace budgetdb {

namespace {

struct ItemQuery {
  const char* kind;
  const char* sql;  // first columns: document_id, page, line; then the fields
};

const ItemQuery kItems[] = {
    {"activity",
     "SELECT document_id, page, line, body, scope, text, start_date, end_date, start_raw, end_raw, lead, partners, "
     "consulted, goal_number, goal FROM activities_view WHERE activity_id = ?1"},
    {"indicator",
     "SELECT i.document_id, i.page, i.line, b.name AS body, i.scope, i.name, i.periodicity, i.mandatory, "
     "g.number AS goal_number, g.text AS goal, (SELECT group_concat(t.year || ' ' || t.setter || ': ' || t.raw, '; ') "
     "FROM indicator_targets t WHERE t.indicator_id = i.id) AS targets "
     "FROM indicators i LEFT JOIN bodies b ON b.id = i.body_id LEFT JOIN goals g ON g.id = i.goal_id WHERE i.id = ?1"},
    {"directive", "SELECT document_id, page, line, body, text FROM directives_view WHERE directive_id = ?1"},
    {"goal",
     "SELECT g.document_id, g.page, g.line, g.level, g.number, g.text, p.number AS parent_number, p.text AS parent "
     "FROM goals g LEFT JOIN goals p ON p.id = g.parent_id WHERE g.id = ?1"},
    // A page hit of search: the whole page is its context. (Its page is NULL
    // for a text without page breaks or printed markers: one page.)
    {"page",
     "SELECT p.document_id, CASE WHEN d.page_count > 1 OR d.format = 'pdf' OR EXISTS (SELECT 1 FROM page_furniture f "
     "WHERE f.document_id = d.id AND f.page IS NOT NULL) THEN p.page END, p.first_line "
     "FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.id = ?1"},
};

}  // namespace

Result<ItemContext> ShowItem(sqlite3* db, const std::string& item, int context_lines) {
  const size_t colon = item.find(':');
  int64_t id = 0;
  const ItemQuery* query = nullptr;
  if (colon != std::string::npos) {
    std::string kind = item.substr(0, colon);  // "Activity:12" is activity:12
    for (char& c : kind) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const ItemQuery& q : kItems)
      if (kind == q.kind) query = &q;
    const char* digits = item.data() + colon + 1;
    if (std::from_chars(digits, item.data() + item.size(), id).ptr != item.data() + item.size()) query = nullptr;
  }
  if (query == nullptr)
    return Status::Invalid(fmt::format("'{}' is no item: write KIND:ID, KIND one of activity, indicator, directive, "
                                       "goal, page (as budgetdb search prints it)",
                                       item));
  ItemContext context;
  context.kind = query->kind;
  context.id = id;
  bool found = false;
  int64_t document_id = 0;
  Status s = ForEachRow(db, query->sql, {id}, [&](const SqlRow& row) {
    found = true;
    document_id = *row.Int(0);
    context.page = row.SmallInt(1);
    context.line = row.SmallInt(2).value_or(0);
    for (size_t c = 3; c < row.values.size(); ++c)
      if (!std::holds_alternative<std::monostate>(row[c])) context.fields.emplace_back((*row.columns)[c], row.Text(c));
  });
  if (!s.ok()) return s;
  if (!found) return Status::NotFound(fmt::format("no {} with id {} in the database", query->kind, id));
  auto document = ResolveDocument(db, std::to_string(document_id));
  if (!document.ok()) return document.status();
  context.document = std::move(document).value();

  // The archive copy: line L of the source is text line L - first_line + 1 of its page.
  s = ForEachRow(db, "SELECT text, first_line FROM pages WHERE document_id = ?1 AND page = ?2",
                 {document_id, static_cast<int64_t>(context.page.value_or(1))}, [&](const SqlRow& row) {
                   const std::string text = row.Text(0);
                   const int first_line = static_cast<int>(row.Int(1).value_or(1));
                   int number = first_line;
                   size_t start = 0;
                   while (start <= text.size()) {
                     const size_t end = std::min(text.find('\n', start), text.size());
                     const bool whole_page = context.kind == "page";
                     if (whole_page || (number >= context.line - context_lines && number <= context.line + context_lines))
                       context.source.push_back(
                           {number, text.substr(start, end - start), !whole_page && number == context.line});
                     ++number;
                     start = end + 1;
                   }
                 });
  if (!s.ok()) return s;
  return context;
}

}  // namespace budgetdb
