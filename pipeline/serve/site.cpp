#include "serve/site.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <functional>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "cli/commands.h"
#include "common/sha256.h"
#include "query/archive.h"
#include "query/diff.h"
#include "query/export.h"
#include "query/list.h"
#include "query/search.h"
#include "query/show.h"
#include "serve/html.h"
#include "serve/page_image.h"
#include "store/originals.h"

namespace budgetdb {

namespace {

using html::Escape;
using Params = std::vector<std::pair<std::string, std::string>>;

// Hits a search page reads at most, to count its facets and filter by role.
constexpr int kMostHits = 2000;
constexpr int kHitsPerPage = 50;
constexpr int kRowsPerList = 200;
constexpr int kFacetValues = 15;
constexpr int kContextLines = 5;
constexpr size_t kMaxParameterBytes = 1000;

// The lists, each with the kind of its items (as /items/KIND:ID names them)
// and the ready view `export` writes of it.
struct ListKind {
  const char* list;
  const char* item;  // "": the list's rows are no items (bodies)
  const char* view;  // "": no exported view
};
constexpr ListKind kLists[] = {{"activities", "activity", "activities_view"},
                               {"indicators", "indicator", "indicator_targets_view"},
                               {"directives", "directive", "directives_view"},
                               {"goals", "goal", ""},
                               {"bodies", "", ""}};
const ListKind* ListNamed(std::string_view list) {
  for (const ListKind& kind : kLists)
    if (list == kind.list) return &kind;
  return nullptr;
}
const ListKind* ListOfItems(std::string_view item) {
  for (const ListKind& kind : kLists)
    if (item == kind.item) return &kind;
  return nullptr;
}

// "NAME.csv" or "NAME.json": NAME and the format; none for anything else.
std::optional<std::pair<std::string, std::string>> DataFileName(std::string_view name) {
  for (const std::string_view format : {"csv", "json"})
    if (name.size() > format.size() + 1 && name.ends_with(format) && name[name.size() - format.size() - 1] == '.')
      return std::pair{std::string(name.substr(0, name.size() - format.size() - 1)), std::string(format)};
  return std::nullopt;
}

// Numbers as a JSON array, bound as one parameter and read back by json_each.
template <typename Number>
std::string JsonArray(const std::vector<Number>& numbers) {
  return fmt::format("[{}]", fmt::join(numbers, ","));
}

WebResponse DataFile(const std::string& format, std::string body) {
  return {.status = 200,
          .content_type = format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
          .body = std::move(body)};
}

WebResponse HtmlPage(int status, std::string_view title, std::string_view body) {
  return {.status = status, .body = html::Page(title, body)};
}

WebResponse ErrorPage(int status, std::string_view message) {
  const std::string_view title = status == 400 ? "Bad request" : status == 404 ? "Not found" : status == 409
                                                                                       ? "Moved or changed"
                                                                                       : "Error";
  return HtmlPage(status, title,
                  fmt::format("<h1>{}</h1>\n<p class=\"error\">{}</p>", Escape(title), Escape(message)));
}

WebResponse ErrorFor(const Status& status) {
  switch (status.code()) {
    case Status::Code::kInvalid: return ErrorPage(400, status.message());
    case Status::Code::kNotFound: return ErrorPage(404, status.message());
    default: return ErrorPage(500, status.message());
  }
}

// The request's parameters as the pages read them: the first value of each,
// too long a value refused.
class Query {
 public:
  explicit Query(const WebRequest& request) : request_(request) {}
  std::optional<std::string> Text(const std::string& name) const {
    auto it = request_.params.find(name);
    if (it == request_.params.end() || it->second.empty()) return std::nullopt;
    return it->second;
  }
  Result<std::optional<int>> Int(const std::string& name, int low, int high) const {
    auto text = Text(name);
    if (!text) return std::optional<int>{};
    int value = 0;
    const char* end = text->data() + text->size();
    if (std::from_chars(text->data(), end, value).ptr != end || value < low || value > high)
      return Status::Invalid(fmt::format("'{}' must be a number from {} to {}", name, low, high));
    return std::optional<int>{value};
  }
  // A parameter longer than anything a page needs.
  std::optional<std::string> TooLong() const {
    for (const auto& [name, value] : request_.params)
      if (name.size() + value.size() > kMaxParameterBytes) return name;
    return std::nullopt;
  }

 private:
  const WebRequest& request_;
};

std::string ItemLink(const std::string& kind, int64_t id) {
  return fmt::format("<a href=\"/items/{0}:{1}\">{0}:{1}</a>", Escape(kind), id);
}

std::string DocumentLink(const DocumentRef& document) {
  return fmt::format("<a href=\"/documents/{}\">{}</a>", document.id, Escape(document.Named()));
}

// A hit's text with the matched words marked.
std::string MarkedText(const std::string& text) {
  std::string shown;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != kMatchStart && text[i] != kMatchEnd) continue;
    shown += Escape(std::string_view(text).substr(start, i - start));
    if (i < text.size()) shown += text[i] == kMatchStart ? "<mark>" : "</mark>";
    start = i + 1;
  }
  return shown;
}

std::string SearchForm(const std::string& query) {
  return fmt::format(
      "<form action=\"/search\" method=\"get\"><input type=\"text\" name=\"q\" value=\"{}\" "
      "placeholder=\"socialnämnden förskola, &quot;i samråd med&quot;, skola NOT gymnasium\" aria-label=\"Search\"> "
      "<button type=\"submit\">Search</button></form>\n"
      "<p class=\"meta\">Every word must occur, each as a prefix (socialnämnd finds socialnämnden); "
      "&quot;a phrase&quot;; OR, NOT and NEAR between words.</p>",
      Escape(query));
}

// A facet: each value with its count, a link that filters by it; the value
// in force shown with a link that drops it.
std::string FacetList(const std::string& title, const std::string& name, const std::vector<std::pair<std::string, int64_t>>& counts,
                      const std::optional<std::string>& current, const std::function<std::string(const Params&)>& link_with) {
  std::string list = fmt::format("<div><b>{}</b><ul>", Escape(title));
  if (current) {
    list += fmt::format("<li><b>{}</b> (<a href=\"{}\">all</a>)</li>", Escape(*current),
                        Escape(link_with({{name, ""}})));
  } else {
    int shown = 0;
    for (const auto& [value, count] : counts) {
      if (value.empty() || ++shown > kFacetValues) continue;
      list += fmt::format("<li><a href=\"{}\">{}</a> {}</li>", Escape(link_with({{name, value}})), Escape(value), count);
    }
    if (shown == 0) list += "<li class=\"meta\">none</li>";
  }
  return list + "</ul></div>";
}

std::vector<std::pair<std::string, int64_t>> Counted(const std::map<std::string, int64_t>& counts) {
  std::vector<std::pair<std::string, int64_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return sorted;
}

// The link of a page with `params`, `changes` applied (an empty value drops one).
std::string WithParams(std::string_view path, Params params, const Params& changes) {
  for (const auto& [name, value] : changes) {
    auto it = std::find_if(params.begin(), params.end(), [&](const auto& p) { return p.first == name; });
    if (it != params.end()) it->second = value;
    else params.emplace_back(name, value);
  }
  return html::Link(path, params);
}

// An HTML table of a list's rows: ids link to their items, documents and
// bodies to theirs (the bodies list's to their activities).
std::string RowsTable(const ListResult& result, const ListKind& list, bool all_versions) {
  const std::string item_kind = list.item;
  const std::string body_list = std::string("/list/") + (item_kind.empty() ? "activities" : list.list);
  std::string table = "<table><thead><tr>";
  for (const std::string& column : result.columns) table += "<th>" + Escape(column) + "</th>";
  table += "</tr></thead><tbody>\n";
  for (const auto& row : result.rows) {
    table += "<tr>";
    for (size_t c = 0; c < row.size() && c < result.columns.size(); ++c) {
      const std::string& column = result.columns[c];
      const std::string& value = row[c];
      if (column == "id" && !item_kind.empty() && !value.empty())
        table += fmt::format("<td><a href=\"/items/{}:{}\">{}</a></td>", item_kind, Escape(value), Escape(value));
      else if (column == "document_id" && !value.empty())
        table += fmt::format("<td><a href=\"/documents/{0}\">{0}</a></td>", Escape(value));
      else if (column == "body" && !value.empty())
        table += fmt::format("<td><a href=\"{}\">{}</a></td>",
                             Escape(html::Link(body_list, {{"body", value}, {"all_versions", all_versions ? "1" : ""}})),
                             Escape(value));
      else
        table += "<td>" + Escape(value) + "</td>";
    }
    table += "</tr>\n";
  }
  return table + "</tbody></table>";
}

class Pages {
 public:
  Pages(sqlite3* db, const BodyRegistry* registry, const WebRequest& request)
      : db_(db), registry_(registry), request_(request), query_(request) {}

  WebResponse Respond() {
    if (auto name = query_.TooLong())
      return ErrorPage(400, fmt::format("the parameter '{}' is too long (at most {} bytes)", *name, kMaxParameterBytes));
    const std::string& path = request_.path;
    if (path == "/") return Home();
    if (path == "/search") return SearchPage();
    if (path == "/search.csv") return SearchFile("csv");
    if (path == "/search.json") return SearchFile("json");
    if (path == "/documents") return DocumentsPage();
    if (path == "/diff") return DiffPage();
    if (path.starts_with("/list/")) return ListPage(path.substr(6));
    if (path.starts_with("/export/")) return ExportFile(path.substr(8));
    if (path.starts_with("/items/")) return ItemPage(path.substr(7));
    if (path.starts_with("/documents/")) return DocumentPages(path.substr(11));
    return ErrorPage(404, fmt::format("no page at {}", path));
  }

 private:
  Params CurrentParams(const std::vector<std::string>& names) const {
    Params params;
    for (const std::string& name : names)
      if (auto value = query_.Text(name)) params.emplace_back(name, *value);
    return params;
  }

  WebResponse Home() {
    std::string body = "<h1>budgetdb</h1>\n" + SearchForm("");
    int64_t activities = 0, indicators = 0, directives = 0, goals = 0;
    Status s = ForEachRow(
        db_,
        "SELECT (SELECT count(*) FROM activities_view), (SELECT count(*) FROM indicators i JOIN documents d ON "
        "d.id = i.document_id AND d.superseded_at IS NULL), (SELECT count(*) FROM directives_view), (SELECT count(*) "
        "FROM goals g JOIN documents d ON d.id = g.document_id AND d.superseded_at IS NULL)",
        {}, [&](const SqlRow& row) {
          activities = row.Int(0).value_or(0), indicators = row.Int(1).value_or(0);
          directives = row.Int(2).value_or(0), goals = row.Int(3).value_or(0);
        });
    if (!s.ok()) return ErrorFor(s);
    body += fmt::format(
        "<p>In the latest version of each document: <a href=\"/list/activities\">{} activities</a>, "
        "<a href=\"/list/indicators\">{} indicators</a>, <a href=\"/list/directives\">{} directives</a>, "
        "<a href=\"/list/goals\">{} goals</a>.</p>\n",
        activities, indicators, directives, goals);
    auto documents = DocumentsTable();
    if (!documents.ok()) return ErrorFor(documents.status());
    return HtmlPage(200, "budgetdb", body + "<h2>Documents</h2>\n" + *documents);
  }

  Result<std::string> DocumentsTable() {
    std::string table =
        "<table><thead><tr><th>id</th><th>title</th><th>year</th><th>file</th><th>format</th><th>pages</th>"
        "<th>version</th><th>ingested</th></tr></thead><tbody>\n";
    Status s = ForEachRow(db_,
                          "SELECT id, title, year, path, format, page_count, version, superseded_at IS NULL, "
                          "ingested_at FROM documents ORDER BY path, version",
                          {}, [&](const SqlRow& row) {
                            table += fmt::format(
                                "<tr><td>{0}</td><td><a href=\"/documents/{0}\">{1}</a></td><td>{2}</td><td>{3}</td>"
                                "<td>{4}</td><td>{5}</td><td>{6}{7}</td><td>{8}</td></tr>\n",
                                row.Text(0), Escape(row.Text(1)), Escape(row.Text(2)), Escape(FileName(row.Text(3))),
                                Escape(row.Text(4)), row.Text(5), row.Text(6),
                                row.Int(7).value_or(1) ? "" : " (superseded)", Escape(row.Text(8)));
                          });
    if (!s.ok()) return s;
    return table + "</tbody></table>";
  }

  WebResponse DocumentsPage() {
    auto documents = DocumentsTable();
    if (!documents.ok()) return ErrorFor(documents.status());
    return HtmlPage(200, "Documents", "<h1>Documents</h1>\n" + *documents + DiffForm(std::nullopt));
  }

  std::string DiffForm(std::optional<int64_t> old_id) {
    std::string options;
    Status s = ForEachRow(db_, "SELECT id, title, year, path, version FROM documents ORDER BY path, version", {},
                          [&](const SqlRow& row) {
                            options += fmt::format("<option value=\"{}\">{} ({}, {}, version {})</option>",
                                                   row.Text(0), Escape(row.Text(1)), Escape(row.Text(2)),
                                                   Escape(FileName(row.Text(3))), row.Text(4));
                          });
    if (!s.ok() || options.empty()) return "";
    std::string old_options = options;
    if (old_id) {
      const std::string selected = fmt::format("<option value=\"{}\">", *old_id);
      const size_t at = old_options.find(selected);
      if (at != std::string::npos) old_options.insert(at + selected.size() - 1, " selected");
    }
    return fmt::format(
        "<h2>Compare two documents</h2>\n<form action=\"/diff\" method=\"get\">"
        "<label>old <select name=\"old\">{}</select></label> <label>new <select name=\"new\">{}</select></label> "
        "<button type=\"submit\">Compare</button></form>",
        old_options, options);
  }

  // ---- search ----

  struct FilteredHits {
    std::vector<SearchHit> hits;  // the best kMostHits, the role filter applied
    int64_t total = 0;            // before kMostHits
    std::map<int64_t, std::vector<std::pair<std::string, std::string>>> roles;  // activity id -> (body, role)
  };

  Result<FilteredHits> FindHits() {
    FilteredHits found;
    SearchRequest request{.query = query_.Text("q").value_or(""),
                          .kind = query_.Text("kind"),
                          .body = query_.Text("body"),
                          .document = query_.Text("document"),
                          .limit = kMostHits,
                          .all_versions = query_.Text("all_versions").has_value()};
    auto year = query_.Int("year", 1900, 2200);
    if (!year.ok()) return year.status();
    request.year = *year;
    auto hits = Search(db_, request, registry_, &found.total);
    if (!hits.ok()) return hits.status();
    std::vector<int64_t> activities;
    for (const SearchHit& hit : *hits)
      if (hit.kind == "activity") activities.push_back(hit.id);
    Status s = ForEachRow(db_,
                          "SELECT ab.activity_id, b.name, ab.role FROM activity_bodies ab JOIN bodies b ON "
                          "b.id = ab.body_id WHERE ab.activity_id IN (SELECT value FROM json_each(?1))",
                          {JsonArray(activities)},
                          [&](const SqlRow& row) { found.roles[*row.Int(0)].emplace_back(row.Text(1), row.Text(2)); });
    if (!s.ok()) return s;
    const auto role = query_.Text("role");
    const auto body = request.body ? (registry_ ? registry_->Resolve(*request.body) : std::nullopt) : std::nullopt;
    for (SearchHit& hit : *hits) {
      if (role) {
        if (hit.kind != "activity") continue;
        const auto& roles = found.roles[hit.id];
        const bool has = std::any_of(roles.begin(), roles.end(), [&](const auto& body_role) {
          return body_role.second == *role && (!body || body_role.first == body->name);
        });
        if (!has) continue;
      }
      found.hits.push_back(std::move(hit));
    }
    return found;
  }

  WebResponse SearchPage() {
    const std::string q = query_.Text("q").value_or("");
    std::string body = "<h1>Search</h1>\n" + SearchForm(q);
    if (q.empty()) return HtmlPage(200, "Search", body);
    auto offset = query_.Int("offset", 0, kMostHits);
    if (!offset.ok()) return ErrorFor(offset.status());
    auto found = FindHits();
    if (!found.ok()) return ErrorFor(found.status());
    const Params params = CurrentParams({"q", "kind", "body", "year", "role", "document", "all_versions"});
    auto link_with = [&](const Params& changes) { return WithParams("/search", params, changes); };

    std::map<std::string, int64_t> kinds, bodies, years, roles;
    for (const SearchHit& hit : found->hits) {
      ++kinds[hit.kind];
      if (!hit.body.empty()) ++bodies[hit.body];
      if (hit.year) ++years[std::to_string(*hit.year)];
      if (hit.kind == "activity") {
        std::set<std::string> seen;
        for (const auto& [name, role] : found->roles[hit.id])
          if (seen.insert(role).second) ++roles[role];
      }
    }
    const size_t shown_from = static_cast<size_t>(offset->value_or(0));
    const size_t count = found->hits.size();
    body += fmt::format("<p>{} hit{}{}. <a href=\"{}\">CSV</a> · <a href=\"{}\">JSON</a></p>\n", count,
                        count == 1 ? "" : "s",
                        found->total > kMostHits
                            ? fmt::format(" among the best {} of {} (narrow the search to see the rest)", kMostHits,
                                          found->total)
                            : "",
                        Escape(WithParams("/search.csv", params, {})), Escape(WithParams("/search.json", params, {})));
    body += "<div class=\"facets\">" + FacetList("kind", "kind", Counted(kinds), query_.Text("kind"), link_with) +
            FacetList("body", "body", Counted(bodies), query_.Text("body"), link_with) +
            FacetList("year", "year", Counted(years), query_.Text("year"), link_with) +
            FacetList("role (activities)", "role", Counted(roles), query_.Text("role"), link_with) + "</div>\n";
    for (size_t i = shown_from; i < count && i < shown_from + kHitsPerPage; ++i) {
      const SearchHit& hit = found->hits[i];
      const DocumentRef document{.id = hit.document_id, .path = hit.path, .title = hit.document, .year = hit.year,
                                 .version = hit.version, .latest = hit.latest};
      body += fmt::format(
          "<div class=\"hit\">{} <span class=\"meta\">{} · {}{}</span><br>{}{}</div>\n", ItemLink(hit.kind, hit.id),
          DocumentLink(document), Place(hit.page, hit.line), hit.body.empty() ? "" : " · " + Escape(hit.body),
          MarkedText(hit.text), hit.details.empty() ? "" : "<br><span class=\"meta\">" + Escape(hit.details) + "</span>");
    }
    if (shown_from + kHitsPerPage < count)
      body += fmt::format("<p><a href=\"{}\">next {}</a></p>",
                          Escape(link_with({{"offset", std::to_string(shown_from + kHitsPerPage)}})), kHitsPerPage);
    return HtmlPage(200, "Search: " + q, body);
  }

  WebResponse SearchFile(const std::string& format) {
    if (!query_.Text("q")) return ErrorPage(400, "a search needs words: ?q=…");
    auto found = FindHits();
    if (!found.ok()) return ErrorFor(found.status());
    std::ostringstream out;
    PrintHits(found->hits, format, out);
    return DataFile(format, out.str());
  }

  // ---- lists ----

  WebResponse ListPage(std::string name) {
    std::string format = "html";
    if (auto file = DataFileName(name)) std::tie(name, format) = *file;
    const ListKind* kind = ListNamed(name);
    if (kind == nullptr)
      return ErrorPage(404, fmt::format("no list of '{}': activities, indicators, directives, goals or bodies", name));
    ListRequest request{.kind = name,
                        .body = query_.Text("body"),
                        .role = query_.Text("role"),
                        .document = query_.Text("document"),
                        .ends_before = query_.Text("ends_before"),
                        .ends_after = query_.Text("ends_after"),
                        .goal = query_.Text("goal"),
                        .all_versions = query_.Text("all_versions").has_value()};
    auto year = query_.Int("year", 1900, 2200);
    if (!year.ok()) return ErrorFor(year.status());
    request.year = *year;
    auto limit = query_.Int("limit", 1, 100000);
    if (!limit.ok()) return ErrorFor(limit.status());
    request.limit = limit->value_or(format == "html" ? kRowsPerList : 100000);
    auto listed = ListItems(db_, request, registry_);
    if (!listed.ok()) return ErrorFor(listed.status());
    if (format != "html") {
      std::ostringstream out;
      PrintRows(*listed, format, out);
      return DataFile(format, out.str());
    }
    const Params params =
        CurrentParams({"body", "role", "year", "document", "ends_before", "ends_after", "goal", "all_versions"});
    const std::string path = "/list/" + name;
    auto link_with = [&](const Params& changes) { return WithParams(path, params, changes); };
    std::string body = fmt::format("<h1>{}</h1>\n", Escape(name));
    // Facets: the list's own counts, by its facets.
    std::vector<std::pair<std::string, std::string>> facets;
    if (name != "bodies") facets = {{"body", "body"}, {"year", "year"}};
    if (name == "activities") facets.emplace_back("role", "role");
    if (name == "goals") facets = {{"year", "year"}};
    std::string facet_html;
    for (const auto& [facet, parameter] : facets) {
      ListRequest counting = request;
      counting.count_by = facet;
      auto counts = ListItems(db_, counting, registry_);
      if (!counts.ok()) return ErrorFor(counts.status());
      std::vector<std::pair<std::string, int64_t>> values;
      for (const auto& row : counts->rows) {
        // (The view counts a section's body as a role of its own: no role a reader filters by.)
        if (row.size() < 2 || (facet == "role" && row[0] == "section")) continue;
        values.emplace_back(row[0], std::strtoll(row[1].c_str(), nullptr, 10));
      }
      facet_html += FacetList(facet, parameter, values, query_.Text(parameter), link_with);
    }
    const int64_t shown = static_cast<int64_t>(listed->rows.size());
    body += fmt::format("<p>{}{} rows. <a href=\"{}\">CSV</a> · <a href=\"{}\">JSON</a></p>\n",
                        shown < listed->total ? fmt::format("{} of ", shown) : "", listed->total,
                        Escape(WithParams(path + ".csv", params, {})), Escape(WithParams(path + ".json", params, {})));
    if (const std::string view = kind->view; !view.empty()) {
      const Params export_params = CurrentParams({"body", "year", "document"});
      body += fmt::format("<p class=\"meta\">The ready view {0}, as <code>budgetdb export</code> writes it: "
                          "<a href=\"{1}\">CSV</a> · <a href=\"{2}\">JSON</a></p>\n",
                          view, Escape(html::Link("/export/" + view + ".csv", export_params)),
                          Escape(html::Link("/export/" + view + ".json", export_params)));
    }
    if (!facet_html.empty()) body += "<div class=\"facets\">" + facet_html + "</div>\n";
    body += RowsTable(*listed, *kind, request.all_versions);
    if (shown < listed->total)
      body += fmt::format("<p><a href=\"{}\">all {} rows</a></p>",
                          Escape(link_with({{"limit", std::to_string(listed->total)}})), listed->total);
    return HtmlPage(200, name, body);
  }

  // A ready view as `budgetdb export` writes it (CSV with a byte-order mark,
  // or JSON), filtered by body, year and document as export filters it.
  WebResponse ExportFile(const std::string& file_name) {
    const auto file = DataFileName(file_name);
    const std::string name = file ? file->first : file_name, format = file ? file->second : "";
    if (!file || std::find(kExportedViews.begin(), kExportedViews.end(), name) == kExportedViews.end())
      return ErrorPage(404, fmt::format("no export '{}': VIEW.csv or VIEW.json, VIEW one of activities_view, "
                                        "activities_once_view, activity_bodies_view, indicator_targets_view, "
                                        "directives_view",
                                        name));
    ExportFilter filter{.body = query_.Text("body"), .year = std::nullopt, .document_id = std::nullopt};
    if (filter.body && registry_)
      if (auto known = registry_->Resolve(*filter.body)) filter.body = known->name;
    auto year = query_.Int("year", 1900, 2200);
    if (!year.ok()) return ErrorFor(year.status());
    filter.year = *year;
    if (auto document_name = query_.Text("document")) {
      auto document = ResolveDocument(db_, *document_name);
      if (!document.ok()) return ErrorFor(document.status());
      filter.document_id = document->id;
    }
    // export writes files: into a private folder, read back, removed.
    std::string folder = (std::filesystem::temp_directory_path() / "budgetdb-export-XXXXXX").string();
    if (mkdtemp(folder.data()) == nullptr) return ErrorPage(500, "cannot make a temporary folder for the export");
    auto files = ExportViews(db_, format, folder, {name}, filter);
    std::string bytes;
    if (files.ok() && !files->empty()) {
      std::ostringstream read;
      read << std::ifstream(files->front().path, std::ios::binary).rdbuf();
      bytes = read.str();
    }
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
    if (!files.ok()) return ErrorFor(files.status());
    return DataFile(format, std::move(bytes));
  }

  // ---- items ----

  // The lines of the item's page that hold its text: from its first line on,
  // each line most of whose words are words of the item's text not yet
  // found, until all are (a table row is one line; a row that a page break
  // cut goes on under the header repeated, which is not marked).
  std::vector<int> ItemLines(const ItemContext& item) {
    std::string text;
    for (const auto& [field, value] : item.fields)
      if (field == "text" || field == "name") text = value;
    auto words_of = [](std::string_view line) {
      std::vector<std::string> words;
      size_t start = 0;
      for (size_t i = 0; i <= line.size(); ++i) {
        if (i < line.size() && line[i] != ' ' && line[i] != '\t') continue;
        if (i > start) words.emplace_back(line.substr(start, i - start));
        start = i + 1;
      }
      return words;
    };
    std::multiset<std::string> remaining;
    for (std::string& word : words_of(text)) remaining.insert(std::move(word));
    std::vector<int> lines;
    bool started = false;
    for (const SourceLineOfItem& line : item.source) {
      started = started || line.of_item;
      if (!started || remaining.empty()) continue;
      const std::vector<std::string> words = words_of(line.text);
      size_t found = 0;
      std::multiset<std::string> left = remaining;
      for (const std::string& word : words)
        if (auto it = left.find(word); it != left.end()) left.erase(it), ++found;
      if (line.of_item || (found > 0 && 2 * found >= words.size())) {
        lines.push_back(line.line);
        remaining = std::move(left);
      }
    }
    return lines;
  }

  // The boxes of `lines` of a PDF's page (line_boxes).
  Result<std::vector<PageBox>> BoxesOf(int64_t document_id, int page, const std::vector<int>& lines) {
    std::vector<PageBox> boxes;
    Status s = ForEachRow(db_,
                          "SELECT x0, y0, x1, y1 FROM line_boxes WHERE document_id = ?1 AND page = ?2 AND line IN "
                          "(SELECT value FROM json_each(?3))",
                          {document_id, static_cast<int64_t>(page), JsonArray(lines)}, [&](const SqlRow& row) {
                            boxes.push_back({row.Real(0).value_or(0), row.Real(1).value_or(0),
                                             row.Real(2).value_or(0), row.Real(3).value_or(0)});
                          });
    if (!s.ok()) return s;
    return boxes;
  }

  WebResponse ItemPage(std::string name) {
    const bool image = name.ends_with("/page.png");
    if (image) name.resize(name.size() - std::string_view("/page.png").size());
    auto item = ShowItem(db_, name, kContextLines);
    if (!item.ok()) return ErrorFor(item.status());
    auto facts = FactsOf(item->document.id);
    if (!facts.ok()) return ErrorFor(facts.status());
    const bool pdf = facts->pdf && item->page;
    const std::vector<int> lines = ItemLines(*item);
    if (image) {
      if (!pdf) return ErrorPage(404, fmt::format("{} is not from a PDF: it has no page image", name));
      auto boxes = BoxesOf(item->document.id, *item->page, lines);
      if (!boxes.ok()) return ErrorFor(boxes.status());
      return PageImage(item->document.id, *item->page, *boxes);
    }
    std::string body = fmt::format("<h1>{}:{}</h1>\n<p>{} · {}</p>\n", Escape(item->kind), item->id,
                                   DocumentLink(item->document), Place(item->page, item->line));
    body += "<table><tbody>\n";
    for (const auto& [field, value] : item->fields) {
      std::string shown = Escape(value);
      if (field == "body" || field == "lead" || field == "partners" || field == "consulted") {
        shown.clear();
        std::string_view rest = value;
        while (!rest.empty()) {  // "A; B": each a link to its activities
          const size_t end = std::min(rest.find("; "), rest.size());
          const std::string one(rest.substr(0, end));
          // (An item's body: the rows of its kind for that body; a role's: its activities.)
          const ListKind* of_kind = field == "body" ? ListOfItems(item->kind) : nullptr;
          const std::string list = std::string("/list/") + (of_kind ? of_kind->list : "activities");
          shown += (shown.empty() ? "" : "; ") +
                   fmt::format("<a href=\"{}\">{}</a>", Escape(html::Link(list, {{"body", one}})), Escape(one));
          rest = end == rest.size() ? std::string_view{} : rest.substr(end + 2);
        }
      }
      body += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", Escape(field), shown);
    }
    body += "</tbody></table>\n";
    if (!item->source.empty()) {
      body += fmt::format("<h2>Source, {}</h2>\n<div class=\"source\">", item->page ? fmt::format("page {}", *item->page)
                                                                                    : std::string("text"));
      for (const SourceLineOfItem& line : item->source) {
        const bool of_item = std::find(lines.begin(), lines.end(), line.line) != lines.end();
        body += fmt::format("<div{}>{:>5}  {}</div>", of_item ? " class=\"of-item\"" : "", line.line,
                            Escape(line.text));
      }
      body += "</div>\n";
    }
    if (pdf) {
      body += fmt::format(
          "<h2>On the page</h2>\n<p><a href=\"/documents/{0}/pages/{1}\">page {1} of the document</a></p>\n"
          "<img class=\"page-image\" src=\"/items/{2}:{3}/page.png\" alt=\"page {1} of {4}, the item's lines "
          "marked\">",
          item->document.id, *item->page, Escape(item->kind), item->id, Escape(item->document.Named()));
    }
    return HtmlPage(200, fmt::format("{}:{}", item->kind, item->id), body);
  }

  // What the page views need of a document beyond its DocumentRef.
  struct DocumentFacts {
    bool pdf = false;
    int64_t pages = 0;
  };
  Result<DocumentFacts> FactsOf(int64_t id) {
    std::optional<DocumentFacts> facts;
    Status s = ForEachRow(db_, "SELECT format, page_count FROM documents WHERE id = ?1", {id}, [&](const SqlRow& row) {
      facts = DocumentFacts{.pdf = row.Text(0) == "pdf", .pages = row.Int(1).value_or(0)};
    });
    if (!s.ok()) return s;
    if (!facts) return Status::NotFound(fmt::format("no document with id {} in the database", id));
    return *facts;
  }

  // The document's bytes: its stored original, else its file if it is still
  // the one ingested (by SHA-256).
  Result<std::string> DocumentBytes(int64_t id) {
    std::string path, sha256;
    std::optional<int64_t> size;
    std::string data;
    bool stored = false;
    Status s = ForEachRow(db_,
                          "SELECT d.path, d.sha256, s.sz, s.data FROM documents d LEFT JOIN sqlar s ON s.name = "
                          "d.original WHERE d.id = ?1",
                          {id}, [&](const SqlRow& row) {
                            path = row.Text(0), sha256 = row.Text(1);
                            size = row.Int(2);
                            if (const auto* blob = std::get_if<std::string>(&row[3])) data = *blob, stored = true;
                          });
    if (!s.ok()) return s;
    if (path.empty()) return Status::NotFound(fmt::format("no document with id {} in the database", id));
    if (stored && size) return UnpackOriginal(*size, data);
    std::ifstream file(path, std::ios::binary);
    std::ostringstream bytes;
    if (file) bytes << file.rdbuf();
    if (!file || Sha256Hex(bytes.str()) != sha256)
      return Status::Unsupported(fmt::format(
          "{} has moved or changed since it was ingested, and its original was not kept (ingested with "
          "--no-originals): ingest it again to see its pages",
          path));
    return bytes.str();
  }

  WebResponse PageImage(int64_t document_id, int page, const std::vector<PageBox>& boxes) {
    auto bytes = DocumentBytes(document_id);
    if (!bytes.ok())
      return bytes.status().code() == Status::Code::kUnsupported ? ErrorPage(409, bytes.status().message())
                                                                  : ErrorFor(bytes.status());
    auto png = RenderPagePng(*bytes, page, boxes);
    if (!png.ok()) return ErrorFor(png.status());
    return {.status = 200, .content_type = "image/png", .body = std::move(png).value()};
  }

  // ---- documents ----

  WebResponse DocumentPages(const std::string& rest) {
    // ID, ID/pages/N, ID/pages/N.png
    int64_t id = 0;
    const size_t slash = rest.find('/');
    const std::string id_text = rest.substr(0, slash);
    if (std::from_chars(id_text.data(), id_text.data() + id_text.size(), id).ptr != id_text.data() + id_text.size() ||
        id_text.empty())
      return ErrorPage(404, fmt::format("no document '{}': documents are named by their id", id_text));
    auto document = ResolveDocument(db_, std::to_string(id));
    if (!document.ok()) return ErrorFor(document.status());
    if (slash == std::string::npos) return DocumentPage(*document);
    std::string page_text = rest.substr(slash + 1);
    if (!page_text.starts_with("pages/")) return ErrorPage(404, fmt::format("no page at /documents/{}", rest));
    page_text = page_text.substr(6);
    const bool image = page_text.ends_with(".png");
    if (image) page_text.resize(page_text.size() - 4);
    int page = 0;
    if (std::from_chars(page_text.data(), page_text.data() + page_text.size(), page).ptr !=
            page_text.data() + page_text.size() ||
        page < 1)
      return ErrorPage(404, fmt::format("no page '{}'", page_text));
    if (image) {
      auto facts = FactsOf(id);
      if (!facts.ok()) return ErrorFor(facts.status());
      if (!facts->pdf) return ErrorPage(404, "the document is no PDF: it has no page images");
      return PageImage(id, page, {});
    }
    return PageText(*document, page);
  }

  WebResponse DocumentPage(const DocumentRef& document) {
    std::string body = fmt::format("<h1>{}</h1>\n<table><tbody>", Escape(document.title));
    auto facts = FactsOf(document.id);
    if (!facts.ok()) return ErrorFor(facts.status());
    const int64_t pages = facts->pages;
    body += fmt::format(
        "<tr><th>file</th><td>{}</td></tr><tr><th>year</th><td>{}</td></tr><tr><th>format</th><td>{}</td></tr>"
        "<tr><th>pages</th><td>{}</td></tr><tr><th>version</th><td>{}{}</td></tr><tr><th>ingested</th><td>{}</td></tr>"
        "<tr><th>SHA-256</th><td>{}</td></tr></tbody></table>\n",
        Escape(document.path), document.year ? std::to_string(*document.year) : "", facts->pdf ? "pdf" : "text", pages,
        document.version, document.latest ? " (the latest)" : " (superseded)", Escape(document.ingested_at),
        Escape(document.sha256));
    // Its versions: the documents read from the same path.
    body += "<h2>Versions</h2>\n<ul>";
    Status s = ForEachRow(db_, "SELECT id, version, ingested_at, sha256 FROM documents WHERE path = ?1 ORDER BY version",
                   {document.path}, [&](const SqlRow& row) {
                     const bool self = row.Int(0).value_or(0) == document.id;
                     body += fmt::format("<li>{}version {}</a>, ingested {}{}</li>",
                                         self ? "<a>" : fmt::format("<a href=\"/documents/{}\">", row.Text(0)),
                                         row.Text(1), Escape(row.Text(2)),
                                         self ? " (this one)"
                                              : fmt::format(" · <a href=\"{}\">what changed</a>",
                                                            Escape(html::Link("/diff", {{"old", row.Text(0)},
                                                                                        {"new", std::to_string(document.id)}}))));
                   });
    if (!s.ok()) return ErrorFor(s);
    body += "</ul>\n<h2>Its items</h2>\n<ul>";
    const std::string all_versions = document.latest ? "" : "1";
    for (const char* kind : {"activities", "indicators", "directives", "goals"})
      body += fmt::format("<li><a href=\"{}\">{}</a></li>",
                          Escape(html::Link(std::string("/list/") + kind,
                                            {{"document", std::to_string(document.id)}, {"all_versions", all_versions}})),
                          kind);
    body += "</ul>\n<h2>Pages</h2>\n<p>";
    for (int64_t page = 1; page <= pages; ++page)
      body += fmt::format("<a href=\"/documents/{0}/pages/{1}\">{1}</a> ", document.id, page);
    body += "</p>\n" + DiffForm(document.id);
    return HtmlPage(200, document.title, body);
  }

  WebResponse PageText(const DocumentRef& document, int page) {
    std::string text;
    int64_t first_line = 1;
    bool found = false;
    Status s = ForEachRow(db_, "SELECT text, first_line FROM pages WHERE document_id = ?1 AND page = ?2",
                          {document.id, static_cast<int64_t>(page)}, [&](const SqlRow& row) {
                            found = true;
                            text = row.Text(0);
                            first_line = row.Int(1).value_or(1);
                          });
    if (!s.ok()) return ErrorFor(s);
    if (!found) return ErrorPage(404, fmt::format("{} has no page {}", document.Named(), page));
    auto facts = FactsOf(document.id);
    if (!facts.ok()) return ErrorFor(facts.status());
    std::string body = fmt::format("<h1>{}, page {}</h1>\n<p>{}", Escape(document.title), page, DocumentLink(document));
    if (page > 1) body += fmt::format(" · <a href=\"/documents/{}/pages/{}\">page {}</a>", document.id, page - 1, page - 1);
    if (page < facts->pages)
      body += fmt::format(" · <a href=\"/documents/{}/pages/{}\">page {}</a>", document.id, page + 1, page + 1);
    body += "</p>\n";
    body += "<div class=\"source\">";
    int64_t number = first_line;
    for (size_t start = 0; start <= text.size(); ++number) {
      const size_t end = std::min(text.find('\n', start), text.size());
      body += fmt::format("<div>{:>5}  {}</div>", number, Escape(std::string_view(text).substr(start, end - start)));
      start = end + 1;
    }
    body += "</div>\n";
    if (facts->pdf)
      body += fmt::format("<img class=\"page-image\" src=\"/documents/{}/pages/{}.png\" alt=\"page {}\">", document.id,
                          page, page);
    return HtmlPage(200, fmt::format("{}, page {}", document.title, page), body);
  }

  // ---- diff ----

  WebResponse DiffPage() {
    const auto old_name = query_.Text("old"), new_name = query_.Text("new");
    if (!old_name || !new_name) return ErrorPage(400, "a diff needs two documents: ?old=ID&new=ID");
    auto diff = DiffDocuments(db_, *old_name, *new_name);
    if (!diff.ok()) return ErrorFor(diff.status());
    std::string body = fmt::format("<h1>What changed</h1>\n<p>from {} to {}: {} added, {} removed, {} changed</p>\n",
                                   DocumentLink(diff->old_document), DocumentLink(diff->new_document),
                                   diff->added.size(), diff->removed.size(), diff->changed.size());
    auto place = [](const std::optional<ItemPlace>& at) {
      return at ? Place(at->page, at->line) : std::string();
    };
    auto section = [&](const char* title, const std::vector<DiffItem>& items) {
      body += fmt::format("<h2>{}</h2>\n<table><thead><tr><th>kind</th><th>body</th><th>text</th><th>old</th>"
                          "<th>new</th><th>changes</th></tr></thead><tbody>\n",
                          title);
      for (const DiffItem& item : items) {
        std::string changes;
        for (const FieldChange& change : item.changes)
          changes += fmt::format("<div><b>{}</b>: <del>{}</del> → <ins>{}</ins></div>", Escape(change.field),
                                 Escape(change.old_value), Escape(change.new_value));
        body += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                            Escape(item.kind), Escape(item.body), Escape(item.text), place(item.in_old),
                            place(item.in_new), changes);
      }
      body += "</tbody></table>\n";
    };
    section("Added", diff->added);
    section("Removed", diff->removed);
    section("Changed", diff->changed);
    return HtmlPage(200, "What changed", body);
  }

  sqlite3* db_;
  const BodyRegistry* registry_;
  const WebRequest& request_;
  Query query_;
};

}  // namespace

WebResponse Site::Respond(const WebRequest& request) const {
  try {
    return Pages(db_, registry_, request).Respond();
  } catch (const std::exception& failure) {  // nothing a page does should throw; a server never dies of it
    return ErrorPage(500, failure.what());
  }
}

}  // namespace budgetdb
