#include "query/list.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace budgetdb {

namespace {

// What each kind lists: its rows (one per item, in document order) with the
// columns a reader needs, and the column each facet counts.
struct ListKind {
  const char* name;
  // A SELECT whose columns are named; filters are added around it. {view}
  // and {latest} say where the latest versions are chosen (RowsSql).
  const char* rows_sql;
  bool has_body, has_role, has_dates, has_goal;
};

const ListKind kKinds[] = {
    {"activities",
     "SELECT activity_id AS id, document_id, document, document_year AS year, body, text, start_date, end_date, "
     "lead, partners, consulted, goal_number AS goal, page, line FROM activities{view}",
     true, true, true, true},
    {"indicators",
     "SELECT i.id, d.id AS document_id, d.title AS document, d.year, b.name AS body, g.number AS goal, i.name, "
     "i.periodicity, i.mandatory, (SELECT group_concat(coalesce(t.year, '') || ' ' || t.setter || ': ' || t.raw, '; ') "
     "FROM indicator_targets t WHERE t.indicator_id = i.id) AS targets, i.page, i.line "
     "FROM indicators i JOIN documents d ON d.id = i.document_id{latest} "
     "LEFT JOIN bodies b ON b.id = i.body_id "
     "LEFT JOIN goals g ON g.id = i.goal_id",
     true, false, false, true},
    {"directives",
     "SELECT directive_id AS id, document_id, document, document_year AS year, body, text, page, line "
     "FROM directives{view}",
     true, false, false, false},
    {"goals",
     "SELECT g.id, d.id AS document_id, d.title AS document, d.year, g.level, g.number AS goal, g.text, g.page, g.line "
     "FROM goals g JOIN documents d ON d.id = g.document_id{latest}",
     false, false, false, true},
    {"bodies",
     "SELECT b.id, NULL AS document_id, NULL AS year, b.name AS body, b.kind, "
     "(SELECT count(*) FROM directives r JOIN documents d ON d.id = r.document_id{latest} "
     "WHERE r.body_id = b.id) AS directives, "
     "(SELECT count(DISTINCT ab.activity_id) FROM activity_bodies ab JOIN activities a ON a.id = ab.activity_id "
     "JOIN documents d ON d.id = a.document_id{latest} WHERE ab.body_id = b.id) AS activities, "
     "(SELECT count(*) FROM indicators i JOIN documents d ON d.id = i.document_id{latest} "
     "WHERE i.body_id = b.id) AS indicators FROM bodies b",
     false, false, false, false},
};

// A kind's rows of the latest versions (the views' _view, a join on the
// latest document), or of all (_all_versions_view, any document).
std::string RowsSql(const ListKind& kind, bool all_versions) {
  return fmt::format(fmt::runtime(kind.rows_sql), fmt::arg("view", all_versions ? "_all_versions_view" : "_view"),
                     fmt::arg("latest", all_versions ? "" : " AND d.superseded_at IS NULL"));
}

const char* const kRoles[] = {"lead", "partner", "consulted"};
const char* const kFacets[] = {"body", "year", "role", "document", "goal"};

// Lower case, accents kept apart from their letters' case only: "Socialnamnden" is near "Socialnämnden".
std::u32string Folded(const std::string& text) {
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
  unicode.toLower();
  UErrorCode status = U_ZERO_ERROR;
  if (const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status); U_SUCCESS(status))
    unicode = nfd->normalize(unicode, status);
  std::u32string out;
  for (int32_t i = 0; i < unicode.length();) {
    const UChar32 c = unicode.char32At(i);
    i += U16_LENGTH(c);
    if (c >= 0x300 && c <= 0x36F) continue;  // a combining accent: "ä" is "a" here
    out += static_cast<char32_t>(c);
  }
  return out;
}

size_t EditDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::vector<std::string> NearestNames(const std::string& name, const std::vector<std::string>& candidates,
                                      size_t most) {
  const std::u32string folded = Folded(name);
  std::vector<std::pair<size_t, std::string>> scored;
  for (const std::string& candidate : candidates) {
    const std::u32string other = Folded(candidate);
    // Near by edit distance, or containing the name asked for ("stadsdel" in
    // "Stadsdelsnämnderna"); the nearest first.
    const size_t distance = EditDistance(folded, other);
    if (distance <= std::max<size_t>(3, folded.size() / 3) || other.find(folded) != std::u32string::npos)
      scored.emplace_back(distance, candidate);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> names;
  for (size_t k = 0; k < scored.size() && k < most; ++k) names.push_back(scored[k].second);
  return names;
}

Result<ListResult> ListItems(sqlite3* db, const ListRequest& request, const BodyRegistry* registry) {
  const ListKind* kind = nullptr;
  for (const ListKind& k : kKinds)
    if (request.kind == k.name) kind = &k;
  if (kind == nullptr)
    return Status::Invalid(
        fmt::format("unknown kind '{}': activities, indicators, directives, goals or bodies", request.kind));
  auto refuse = [&](const char* filter) {
    return Status::Invalid(fmt::format("{} have no {}", request.kind, filter));
  };
  if (request.body && !kind->has_body) return refuse("body to filter by");
  if (request.role && !kind->has_role) return refuse("roles (--role is for activities)");
  if ((request.ends_before || request.ends_after) && !kind->has_dates) return refuse("dates");
  if (request.goal && !kind->has_goal) return refuse("goal");
  if (request.kind == "bodies" && (request.year || request.document)) return refuse("year or document");
  if (request.role && std::find(std::begin(kRoles), std::end(kRoles), *request.role) == std::end(kRoles))
    return Status::Invalid(fmt::format("unknown role '{}': lead, partner or consulted", *request.role));
  if (request.count_by &&
      std::find(std::begin(kFacets), std::end(kFacets), *request.count_by) == std::end(kFacets))
    return Status::Invalid(fmt::format("unknown facet '{}': body, year, role, document or goal", *request.count_by));
  if (request.count_by == "role" && !kind->has_role) return refuse("roles to count by");
  if (request.count_by == "goal" && !kind->has_goal) return refuse("goal to count by");
  if ((request.count_by == "body" && !kind->has_body && request.kind != "bodies") ||
      (request.kind == "bodies" && request.count_by && *request.count_by != "body"))
    return refuse(fmt::format("{} to count by", *request.count_by).c_str());

  std::vector<std::string> where;
  std::vector<SqlValue> binds;
  if (request.body) {
    // The name as documents write it, then as the database has it; else the nearest it has.
    std::string name = *request.body;
    if (registry) {
      if (auto known = registry->Resolve(name)) name = known->name;
      else if (auto shaped = registry->ResolveByShape(name)) name = shaped->name;
    }
    std::vector<std::string> bodies;
    bool found = false;
    Status listed = ForEachRow(db, "SELECT name FROM bodies ORDER BY name", {}, [&](const SqlRow& row) {
      bodies.push_back(row.Text(0));
      found = found || row.Text(0) == name;
    });
    if (!listed.ok()) return listed;
    if (!found) {
      const std::vector<std::string> near = NearestNames(*request.body, bodies);
      return Status::NotFound(fmt::format("no body named '{}' in the database{}", *request.body,
                                          near.empty() ? "" : fmt::format("; did you mean: {}?", fmt::join(near, ", "))));
    }
    if (request.kind == "activities") {
      where.push_back(fmt::format(
          "EXISTS (SELECT 1 FROM activity_bodies_view ab WHERE ab.activity_id = base.id AND ab.body = ?{}{})",
          binds.size() + 1, request.role ? fmt::format(" AND ab.role = ?{}", binds.size() + 2) : ""));
      binds.emplace_back(name);
      if (request.role) binds.emplace_back(*request.role);
    } else {
      where.push_back(fmt::format("base.body = ?{}", binds.size() + 1));
      binds.emplace_back(name);
    }
  } else if (request.role) {
    where.push_back(fmt::format(
        "EXISTS (SELECT 1 FROM activity_bodies_view ab WHERE ab.activity_id = base.id AND ab.role = ?{})",
        binds.size() + 1));
    binds.emplace_back(*request.role);
  }
  if (request.year) {
    where.push_back(fmt::format("base.year = ?{}", binds.size() + 1));
    binds.emplace_back(static_cast<int64_t>(*request.year));
  }
  if (request.document) {
    auto document = ResolveDocument(db, *request.document);
    if (!document.ok()) return document.status();
    // list shows what the views show: the latest version of each document.
    if (!document->latest && !request.all_versions)
      return Status::Invalid(fmt::format("'{}' is version {} of {}, which a newer version superseded; list shows the "
                                         "latest versions (--all-versions lists it too; diff compares it)",
                                         *request.document, document->version, document->path));
    where.push_back(fmt::format("base.document_id = ?{}", binds.size() + 1));
    binds.emplace_back(document->id);
  }
  if (request.ends_before) {
    where.push_back(fmt::format("base.end_date <= ?{}", binds.size() + 1));
    binds.emplace_back(*request.ends_before);
  }
  if (request.ends_after) {
    where.push_back(fmt::format("base.end_date >= ?{}", binds.size() + 1));
    binds.emplace_back(*request.ends_after);
  }
  if (request.goal) {
    where.push_back(fmt::format("base.goal = ?{}", binds.size() + 1));
    binds.emplace_back(*request.goal);
  }
  const std::string filtered = fmt::format("SELECT * FROM ({}) base{}{}", RowsSql(*kind, request.all_versions),
                                           where.empty() ? "" : " WHERE ", fmt::join(where, " AND "));

  ListResult result;
  Status counted = ForEachRow(db, fmt::format("SELECT count(*) FROM ({})", filtered), binds,
                              [&](const SqlRow& row) { result.total = row.Int(0).value_or(0); });
  if (!counted.ok()) return counted;
  std::string sql;
  if (request.count_by) {
    const std::string& facet = *request.count_by;
    if (facet == "role") {
      // With --body, that body's roles (the body is the first value bound); else every role.
      sql = fmt::format("SELECT ab.role AS role, count(DISTINCT f.id) AS count FROM ({}) f JOIN activity_bodies_view ab "
                        "ON ab.activity_id = f.id{} GROUP BY 1 ORDER BY 2 DESC, 1",
                        filtered, request.body ? " AND ab.body = ?1" : "");
    } else if (facet == "body" && request.kind == "activities") {
      // With --role, the bodies in that role: a value bound after the filters'.
      if (request.role) binds.emplace_back(*request.role);
      sql = fmt::format("SELECT ab.body AS body, count(DISTINCT f.id) AS count FROM ({}) f JOIN activity_bodies_view ab "
                        "ON ab.activity_id = f.id{} GROUP BY 1 ORDER BY 2 DESC, 1",
                        filtered, request.role ? fmt::format(" AND ab.role = ?{}", binds.size()) : "");
    } else {
      const std::string column = facet == "document" ? "f.document" : "f." + facet;
      sql = fmt::format("SELECT {} AS {}, count(*) AS count FROM ({}) f GROUP BY 1 ORDER BY 2 DESC, 1", column, facet,
                        filtered);
    }
  } else {
    sql = fmt::format("{} ORDER BY {} LIMIT {}", filtered,
                      request.kind == "bodies" ? "base.body" : "base.document_id, base.page, base.line",
                      std::max(0, request.limit));
  }
  Status listed = ForEachRow(db, sql, binds, [&](const SqlRow& row) {
    if (result.columns.empty()) result.columns = *row.columns;
    std::vector<std::string> values;
    for (const SqlValue& value : row.values) values.push_back(SqlValueText(value));
    result.rows.push_back(std::move(values));
  });
  if (!listed.ok()) return listed;
  return result;
}

}  // namespace budgetdb
