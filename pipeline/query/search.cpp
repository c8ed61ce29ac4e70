#include "query/search.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace budgetdb {

namespace {

// What each kind of item is searched in, and how its hit is described.
struct SearchTarget {
  const char* kind;
  const char* sql;  // ?1 query, ?2 year, ?3 document id, ?4 body name, ?5 limit, ?6 all versions (1) or the latest
};

const SearchTarget kTargets[] = {
    {"activity",
     "SELECT a.id, d.id, d.title, d.year, coalesce(b.name, ''), a.page, a.line, "
     "highlight(activities_fts, 0, char(1), char(2)), bm25(activities_fts), d.path, d.version, d.superseded_at IS NULL "
     "FROM activities_fts JOIN activities a ON a.id = activities_fts.rowid "
     "JOIN documents d ON d.id = a.document_id LEFT JOIN bodies b ON b.id = a.body_id "
     "WHERE activities_fts MATCH ?1 AND (?2 IS NULL OR d.year = ?2) AND (?3 IS NULL OR d.id = ?3) AND (?6 = 1 OR d.superseded_at IS NULL OR d.id = ?3) "
     "AND (?4 IS NULL OR b.name = ?4 OR EXISTS (SELECT 1 FROM activity_bodies ab JOIN bodies n ON n.id = ab.body_id "
     "WHERE ab.activity_id = a.id AND n.name = ?4)) ORDER BY bm25(activities_fts) LIMIT ?5"},
    {"indicator",
     "SELECT i.id, d.id, d.title, d.year, coalesce(b.name, ''), i.page, i.line, "
     "highlight(indicators_fts, 0, char(1), char(2)), bm25(indicators_fts), d.path, d.version, d.superseded_at IS NULL "
     "FROM indicators_fts JOIN indicators i ON i.id = indicators_fts.rowid "
     "JOIN documents d ON d.id = i.document_id LEFT JOIN bodies b ON b.id = i.body_id "
     "WHERE indicators_fts MATCH ?1 AND (?2 IS NULL OR d.year = ?2) AND (?3 IS NULL OR d.id = ?3) AND (?6 = 1 OR d.superseded_at IS NULL OR d.id = ?3) "
     "AND (?4 IS NULL OR b.name = ?4) ORDER BY bm25(indicators_fts) LIMIT ?5"},
    {"directive",
     "SELECT r.id, d.id, d.title, d.year, coalesce(b.name, ''), r.page, r.line, "
     "highlight(directives_fts, 0, char(1), char(2)), bm25(directives_fts), d.path, d.version, d.superseded_at IS NULL "
     "FROM directives_fts JOIN directives r ON r.id = directives_fts.rowid "
     "JOIN documents d ON d.id = r.document_id LEFT JOIN bodies b ON b.id = r.body_id "
     "WHERE directives_fts MATCH ?1 AND (?2 IS NULL OR d.year = ?2) AND (?3 IS NULL OR d.id = ?3) AND (?6 = 1 OR d.superseded_at IS NULL OR d.id = ?3) "
     "AND (?4 IS NULL OR b.name = ?4) ORDER BY bm25(directives_fts) LIMIT ?5"},
    // A page has no body: with --body, pages are not searched.
    {"page",
     "SELECT p.id, d.id, d.title, d.year, '', CASE WHEN d.page_count > 1 OR d.format = 'pdf' THEN p.page END, "
     "p.first_line, highlight(pages_fts, 0, char(1), char(2)), bm25(pages_fts), d.path, d.version, d.superseded_at IS NULL "
     "FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid JOIN documents d ON d.id = p.document_id "
     "WHERE pages_fts MATCH ?1 AND (?2 IS NULL OR d.year = ?2) AND (?3 IS NULL OR d.id = ?3) AND (?6 = 1 OR d.superseded_at IS NULL OR d.id = ?3) AND ?4 IS NULL "
     "ORDER BY bm25(pages_fts) LIMIT ?5"},
};

// A page is long: keep the line of the first match with a line of context on
// each side, and say which line of the source it is.
void NarrowToFirstMatch(SearchHit& hit, int context_lines = 1) {
  const size_t match = hit.text.find(kMatchStart);
  if (match == std::string::npos) return;
  const int line_in_page = static_cast<int>(std::count(hit.text.begin(), hit.text.begin() + static_cast<long>(match), '\n'));
  size_t begin = match, end = match;
  for (int k = 0; k <= context_lines && begin != std::string::npos && begin > 0; ++k)
    begin = hit.text.rfind('\n', begin - 1);
  begin = begin == std::string::npos ? 0 : begin + (hit.text[begin] == '\n' ? 1 : 0);
  for (int k = 0; k <= context_lines && end != std::string::npos; ++k) end = hit.text.find('\n', end + 1);
  std::string excerpt = hit.text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  // Matches cut off by the excerpt must not leave a marker open.
  if (std::count(excerpt.begin(), excerpt.end(), kMatchStart) > std::count(excerpt.begin(), excerpt.end(), kMatchEnd))
    excerpt += kMatchEnd;
  hit.text = std::move(excerpt);
  hit.line += line_in_page;
}

}  // namespace

namespace {

// FTS5's NEAR(a b, N) as the infix form the parser reads: "a NEAR/N b".
Result<std::string> InfixNear(std::string_view words) {
  std::string out;
  size_t i = 0;
  while (true) {
    const size_t near = words.find("NEAR(", i);
    if (near == std::string_view::npos) break;
    const size_t close = words.find(')', near);
    if (close == std::string_view::npos) return Status::Invalid("NEAR( has no closing parenthesis: NEAR(word word, 10)");
    std::string_view inside = words.substr(near + 5, close - near - 5);
    std::string distance = "10";
    if (const size_t comma = inside.rfind(','); comma != std::string_view::npos) {
      std::string_view number = inside.substr(comma + 1);
      while (!number.empty() && number.front() == ' ') number.remove_prefix(1);
      while (!number.empty() && number.back() == ' ') number.remove_suffix(1);
      if (number.empty() || number.size() > 3 ||
          !std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return Status::Invalid(fmt::format("NEAR(…, {}): the distance is a number of words, at most 999", number));
      distance = std::string(number);
      inside = inside.substr(0, comma);
    }
    out.append(words.substr(i, near - i));
    // Each term inside joined to the next by NEAR/N (a quoted phrase is one term).
    bool in_quote = false, first = true;
    std::string term;
    auto end_term = [&] {
      if (term.empty()) return;
      out += (first ? " " : " NEAR/" + distance + " ") + term;
      first = false;
      term.clear();
    };
    for (char c : inside) {
      if (c == '"') in_quote = !in_quote;
      if (c == ' ' && !in_quote) end_term();
      else term += c;
    }
    end_term();
    out += ' ';
    i = close + 1;
  }
  out.append(words.substr(i));
  return out;
}

}  // namespace

Result<std::string> FtsQuery(std::string_view typed) {
  // Bounds on the question, not on the answer: FTS5's work grows faster than
  // the number of prefix terms, and no person's search needs more.
  if (typed.size() > kMaxQueryBytes)
    return Status::Invalid(fmt::format("the search is {} bytes long; at most {}", typed.size(), kMaxQueryBytes));
  auto infix = InfixNear(typed);
  if (!infix.ok()) return infix.status();
  const std::string_view words = infix.value();
  // Terms: a word (searched as a prefix), or a "quoted phrase" (its words in
  // that order, each whole). Between terms: OR, NOT (the next term must not
  // occur), NEAR or NEAR/N (both within N words, 10 when not given; FTS5's
  // NEAR(a b, N) is read the same), or nothing (both must). Words part at
  // spaces and at every control character (a NUL would cut a quoted word
  // short for FTS5: found by tests/fuzz/fuzz_search_query.cpp). Whatever else
  // the user types is text: OR and NOT without a term on each side are
  // dropped, a quote left open closes at the end, '*' and '"' never reach
  // FTS5 but as its own syntax. NEAR without a term on each side is refused.
  auto parts = [&](size_t k) { return static_cast<unsigned char>(words[k]) <= ' ' || words[k] == '\x7f'; };
  struct Token {
    std::string text;
    bool phrase = false;
  };
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < words.size()) {
    while (i < words.size() && (parts(i) || words[i] == '*')) ++i;
    if (i >= words.size()) break;
    Token token;
    if (words[i] == '"') {
      token.phrase = true;
      ++i;
      std::string word;
      auto end_word = [&] {
        if (!word.empty()) token.text += (token.text.empty() ? "" : " ") + word;
        word.clear();
      };
      for (; i < words.size() && words[i] != '"'; ++i) {
        if (parts(i)) end_word();
        else if (words[i] != '*') word += words[i];
      }
      end_word();
      if (i < words.size()) ++i;  // the closing quote
    } else {
      for (; i < words.size() && !parts(i) && words[i] != '"'; ++i)
        if (words[i] != '*') token.text += words[i];
    }
    if (!token.text.empty()) tokens.push_back(std::move(token));
  }
  // Terms in groups: a group is one term, or terms joined by NEAR.
  struct Group {
    std::string joiner;  // "", "OR" or "NOT" before it
    std::vector<std::string> terms;
    int distance = 0;  // of its NEARs
  };
  std::vector<Group> groups;
  std::string pending;      // OR or NOT waiting for the term after it
  int near = -1;            // NEAR waiting for the term after it: its distance; -1: none
  int count = 0;
  for (const Token& token : tokens) {
    const bool bare = !token.phrase;
    if (bare && (token.text == "OR" || token.text == "NOT")) {
      if (!groups.empty() && pending.empty() && near < 0) pending = token.text;  // else: nothing to join, dropped
      continue;
    }
    if (bare && (token.text == "NEAR" || token.text.starts_with("NEAR/"))) {
      int distance = 10;
      if (token.text.size() > 5) {
        const std::string_view number = std::string_view(token.text).substr(5);
        const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), distance);
        if (error != std::errc() || end != number.data() + number.size() || distance < 0 || distance > 999)
          return Status::Invalid(fmt::format("{}: NEAR/N takes a number of words, at most 999", token.text));
      }
      if (groups.empty() || !pending.empty() || near >= 0)
        return Status::Invalid("NEAR needs a word or a phrase on each side: hemlös NEAR härbärge, NEAR(a b, 5)");
      near = distance;
      continue;
    }
    if (++count > kMaxQueryWords)
      return Status::Invalid(fmt::format("the search has more than {} words", kMaxQueryWords));
    std::string term = token.phrase ? fmt::format("\"{}\"", token.text) : fmt::format("\"{}\"*", token.text);
    if (near >= 0) {  // the widest NEAR of a chain holds for all of it
      groups.back().terms.push_back(std::move(term));
      groups.back().distance = std::max(groups.back().distance, near);
      near = -1;
      continue;
    }
    groups.push_back(Group{pending, {std::move(term)}, 0});
    pending.clear();
  }
  if (near >= 0) return Status::Invalid("NEAR needs a word or a phrase on each side: hemlös NEAR härbärge, NEAR(a b, 5)");
  std::string query;
  for (const Group& group : groups) {
    if (!query.empty()) query += group.joiner.empty() ? " " : " " + group.joiner + " ";
    if (group.terms.size() == 1) {
      query += group.terms.front();
      continue;
    }
    query += "NEAR(";
    for (size_t t = 0; t < group.terms.size(); ++t) query += (t ? " " : "") + group.terms[t];
    query += fmt::format(", {})", group.distance);
  }
  if (query.empty()) return Status::Invalid("the search has no words");
  return query;
}

namespace {

// The number of matches a target's query has, without the limit: its SELECT
// list and its ORDER BY … LIMIT dropped.
std::string CountSql(std::string_view sql) {
  const size_t from = sql.find(" FROM ");
  const size_t order = sql.rfind(" ORDER BY ");
  return "SELECT count(*)" + std::string(sql.substr(from, order - from));
}

}  // namespace

Result<std::vector<SearchHit>> Search(sqlite3* db, const SearchRequest& request, const BodyRegistry* registry,
                                      int64_t* total) {
  auto query = FtsQuery(request.query);
  if (!query.ok()) return query.status();
  if (request.kind && std::none_of(std::begin(kTargets), std::end(kTargets),
                                   [&](const SearchTarget& t) { return *request.kind == t.kind; }))
    return Status::Invalid(fmt::format("unknown kind '{}': activity, indicator, directive or page", *request.kind));
  SqlValue document;
  if (request.document) {
    auto doc = ResolveDocument(db, *request.document);
    if (!doc.ok()) return doc.status();
    document = doc->id;
  }
  SqlValue body;
  if (request.body) {
    std::optional<Body> known = registry ? registry->Resolve(*request.body) : std::nullopt;
    body = known ? known->name : *request.body;
  }
  SqlValue year;
  if (request.year) year.emplace<int64_t>(*request.year);
  const SqlValue all = static_cast<int64_t>(request.all_versions ? 1 : 0);

  std::vector<SearchHit> hits;
  if (total) *total = 0;
  for (const SearchTarget& target : kTargets) {
    if (request.kind && *request.kind != target.kind) continue;
    if (total) {
      Status counted = ForEachRow(db, CountSql(target.sql), {query.value(), year, document, body, SqlValue(), all},
                                  [&](const SqlRow& row) { *total += row.Int(0).value_or(0); });
      if (!counted.ok()) return counted;
    }
    Status s = ForEachRow(db, target.sql,
                          {query.value(), year, document, body,
                           static_cast<int64_t>(request.limit) + static_cast<int64_t>(request.offset), all},
                          [&](const SqlRow& row) {
                            SearchHit hit;
                            hit.kind = target.kind;
                            hit.id = *row.Int(0);
                            hit.document_id = *row.Int(1);
                            hit.document = row.Text(2);
                            hit.year = row.SmallInt(3);
                            hit.body = row.Text(4);
                            hit.page = row.SmallInt(5);
                            hit.line = row.SmallInt(6).value_or(0);
                            hit.text = row.Text(7);
                            hit.rank = std::get<double>(row[8]);
                            hit.path = row.Text(9);
                            hit.version = row.SmallInt(10).value_or(1);
                            hit.latest = row.Int(11).value_or(1) != 0;
                            if (hit.kind == std::string("page")) NarrowToFirstMatch(hit);
                            hits.push_back(std::move(hit));
                          });
    if (!s.ok()) return s;
  }
  std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) { return a.rank < b.rank; });
  // The best limit + offset of each kind hold the best limit + offset of all.
  hits.erase(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(std::min(hits.size(), static_cast<size_t>(request.offset))));
  if (hits.size() > static_cast<size_t>(request.limit)) hits.resize(static_cast<size_t>(request.limit));
  // What each hit's kind carries: one query per kind for all its hits (the ids as JSON).
  const std::pair<const char*, const char*> details[] = {
      // (From the tables, not activities_view, which shows the latest versions alone.)
      {"activity",
       "SELECT a.id, trim(coalesce(a.start_raw, '') || ' – ' || coalesce(a.end_raw, '')) || "
       "coalesce('; lead: ' || (SELECT group_concat(b.name, '; ') FROM activity_bodies ab JOIN bodies b ON "
       "b.id = ab.body_id WHERE ab.activity_id = a.id AND ab.role = 'lead'), '') || "
       "coalesce('; partners: ' || (SELECT group_concat(b.name, '; ') FROM activity_bodies ab JOIN bodies b ON "
       "b.id = ab.body_id WHERE ab.activity_id = a.id AND ab.role = 'partner'), '') || "
       "coalesce('; consulted: ' || (SELECT group_concat(b.name, '; ') FROM activity_bodies ab JOIN bodies b ON "
       "b.id = ab.body_id WHERE ab.activity_id = a.id AND ab.role = 'consulted'), '') || "
       "coalesce('; goal ' || g.number, '') FROM activities a LEFT JOIN goals g ON g.id = a.goal_id "
       "WHERE a.id IN (SELECT value FROM json_each(?1))"},
      {"indicator",
       "SELECT i.id, coalesce(t.targets || coalesce('; goal ' || g.number, ''), 'goal ' || g.number, '') "
       "FROM indicators i LEFT JOIN goals g ON g.id = i.goal_id LEFT JOIN (SELECT indicator_id, "
       "group_concat(coalesce(year || ' ', '') || setter || ': ' || raw, '; ') AS targets FROM (SELECT indicator_id, "
       "year, setter, raw FROM indicator_targets WHERE indicator_id IN (SELECT value FROM json_each(?1)) "
       "ORDER BY indicator_id, year, setter) GROUP BY indicator_id) t ON t.indicator_id = i.id "
       "WHERE i.id IN (SELECT value FROM json_each(?1))"},
  };
  for (const auto& [kind, sql] : details) {
    std::string ids;
    for (const SearchHit& hit : hits)
      if (hit.kind == kind) ids += (ids.empty() ? "" : ",") + std::to_string(hit.id);
    if (ids.empty()) continue;
    std::map<int64_t, std::string> by_id;
    Status s = ForEachRow(db, sql, {"[" + ids + "]"},
                          [&](const SqlRow& row) { by_id[row.Int(0).value_or(0)] = row.Text(1); });
    if (!s.ok()) return s;
    for (SearchHit& hit : hits)
      if (hit.kind == kind) hit.details = by_id[hit.id];
  }
  return hits;
}

}  // namespace budgetdb
