#include "query/diff.h"

#include <fmt/format.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <set>

namespace budgetdb {

namespace {

// One item as the diff sees it: what identifies it and the fields compared.
struct Comparable {
  std::string kind, body, text;
  ItemPlace place;
  std::vector<std::pair<std::string, std::string>> fields;  // (name, value) compared when matched
  std::string start, end;  // activities: dates, for the likeness threshold
  std::map<std::string, std::string> shown = {};  // how a field's value is shown, where it differs from the value
};

std::string Lower(std::string_view text) {
  std::string lower;
  icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))
      .toLower()
      .toUTF8String(lower);
  return lower;
}

// Case, runs of spaces and the closing punctuation do not make another item.
std::string Key(std::string_view text) {
  std::string key;
  for (char c : Lower(text)) {
    if (c == ' ' && (key.empty() || key.back() == ' ')) continue;
    key += c;
  }
  while (!key.empty() && (key.back() == ' ' || key.back() == '.' || key.back() == ';' || key.back() == ','))
    key.pop_back();
  return key;
}

std::set<std::string> Words(std::string_view text) {
  std::set<std::string> words;
  std::string word;
  for (char c : Lower(text) + " ") {
    const bool part = (c & 0x80) != 0 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (part) {
      word += c;
    } else if (!word.empty()) {
      words.insert(word);
      word.clear();
    }
  }
  return words;
}

std::string DateOf(const SqlRow& row, size_t iso, size_t raw) {
  const std::string date = row.Text(iso);
  return date.empty() ? row.Text(raw) : date;
}

Status LoadItems(sqlite3* db, int64_t document, std::vector<Comparable>& items) {
  Status s = ForEachRow(
      db,
      "SELECT coalesce(b.name, ''), a.text, a.page, a.line, a.start_date, a.start_raw, a.end_date, a.end_raw "
      "FROM activities a LEFT JOIN bodies b ON b.id = a.body_id WHERE a.document_id = ?1 ORDER BY a.id",
      {document}, [&](const SqlRow& row) {
        Comparable item{"activity", row.Text(0), row.Text(1), {}, {}, DateOf(row, 4, 5), DateOf(row, 6, 7)};
        item.place = {row.SmallInt(2), *row.SmallInt(3)};
        item.fields = {{"text", item.text}, {"start date", item.start}, {"end date", item.end}};
        items.push_back(std::move(item));
      });
  if (!s.ok()) return s;

  // Targets by setter and year, and by setter and place, for documents of different years.
  std::map<int64_t, std::vector<std::tuple<std::string, std::string, std::string>>> targets;
  s = ForEachRow(db,
                 "SELECT t.indicator_id, t.setter, coalesce(t.year, ''), t.raw FROM indicator_targets t "
                 "JOIN indicators i ON i.id = t.indicator_id WHERE i.document_id = ?1 ORDER BY t.rowid",
                 {document}, [&](const SqlRow& row) {
                   targets[*row.Int(0)].emplace_back(row.Text(1), row.Text(2), row.Text(3));
                 });
  if (!s.ok()) return s;
  s = ForEachRow(db,
                 "SELECT i.id, coalesce(b.name, ''), i.name, i.page, i.line, coalesce(i.periodicity, ''), i.mandatory "
                 "FROM indicators i LEFT JOIN bodies b ON b.id = i.body_id WHERE i.document_id = ?1 ORDER BY i.id",
                 {document}, [&](const SqlRow& row) {
                   Comparable item{"indicator", row.Text(1), row.Text(2), {}, {}, "", ""};
                   item.place = {row.SmallInt(3), *row.SmallInt(4)};
                   item.fields = {{"name", item.text},
                                  {"periodicity", row.Text(5)},
                                  {"mandatory", *row.Int(6) ? "yes" : "no"}};
                   std::map<std::string, int> place_of_setter;
                   for (const auto& [setter, year, raw] : targets[*row.Int(0)]) {
                     item.fields.emplace_back(fmt::format("target {} {}", setter, year), raw);
                     // By place, the year is shown with the value: "24 % (2025)".
                     const std::string by_place = fmt::format("target {} #{}", setter, ++place_of_setter[setter]);
                     item.fields.emplace_back(by_place, raw);
                     if (!year.empty()) item.shown[by_place] = fmt::format("{} ({})", raw, year);
                   }
                   items.push_back(std::move(item));
                 });
  if (!s.ok()) return s;
  return ForEachRow(db,
                    "SELECT coalesce(b.name, ''), r.text, r.page, r.line FROM directives r "
                    "LEFT JOIN bodies b ON b.id = r.body_id WHERE r.document_id = ?1 ORDER BY r.id",
                    {document}, [&](const SqlRow& row) {
                      Comparable item{"directive", row.Text(0), row.Text(1), {}, {}, "", ""};
                      item.place = {row.SmallInt(2), *row.SmallInt(3)};
                      item.fields = {{"text", item.text}};
                      items.push_back(std::move(item));
                    });
}

// The fields that differ. Targets are compared by setter and year where the
// two share a year, else by setter and place.
std::vector<FieldChange> Changes(const Comparable& old_item, const Comparable& new_item) {
  std::map<std::string, std::string> old_fields(old_item.fields.begin(), old_item.fields.end());
  std::map<std::string, std::string> new_fields(new_item.fields.begin(), new_item.fields.end());
  bool share_a_year = false;
  for (const auto& [name, value] : old_fields)
    if (name.starts_with("target ") && name.find('#') == std::string::npos && new_fields.contains(name))
      share_a_year = true;
  auto compared = [&](const std::string& name) {
    if (!name.starts_with("target ")) return true;
    return share_a_year == (name.find('#') == std::string::npos);
  };
  std::vector<FieldChange> changes;
  auto consider = [&](const std::string& name) {
    if (!compared(name)) return;
    const auto o = old_fields.find(name);
    const auto n = new_fields.find(name);
    const std::string old_value = o == old_fields.end() ? "" : o->second;
    const std::string new_value = n == new_fields.end() ? "" : n->second;
    if (old_value == new_value) return;
    auto shown = [](const Comparable& item, const std::string& field, const std::string& value) {
      const auto it = item.shown.find(field);
      return it == item.shown.end() ? value : it->second;
    };
    // "target kf #1" reads as "target kf"; a second target of the same setter keeps its place.
    std::string shown_name = name;
    if (shown_name.ends_with(" #1")) shown_name.resize(shown_name.size() - 3);
    changes.push_back({shown_name, shown(old_item, name, old_value), shown(new_item, name, new_value)});
  };
  std::set<std::string> seen;
  for (const auto& [name, value] : old_item.fields)
    if (seen.insert(name).second) consider(name);
  for (const auto& [name, value] : new_item.fields)
    if (seen.insert(name).second) consider(name);
  return changes;
}

}  // namespace

double WordLikeness(std::string_view a, std::string_view b) {
  const std::set<std::string> wa = Words(a), wb = Words(b);
  if (wa.empty() && wb.empty()) return 1;
  size_t shared = 0;
  for (const std::string& w : wa) shared += wb.count(w);
  return 2.0 * static_cast<double>(shared) / static_cast<double>(wa.size() + wb.size());
}

Result<DocumentDiff> DiffDocuments(sqlite3* db, const std::string& old_name, const std::string& new_name,
                                   DiffSettings settings) {
  DocumentDiff diff;
  auto old_document = ResolveDocument(db, old_name);
  if (!old_document.ok()) return old_document.status();
  auto new_document = ResolveDocument(db, new_name);
  if (!new_document.ok()) return new_document.status();
  diff.old_document = old_document.value();
  diff.new_document = new_document.value();

  std::vector<Comparable> olds, news;
  if (Status s = LoadItems(db, diff.old_document.id, olds); !s.ok()) return s;
  if (Status s = LoadItems(db, diff.new_document.id, news); !s.ok()) return s;

  std::vector<int> partner_of_old(olds.size(), -1), partner_of_new(news.size(), -1);
  auto pair = [&](size_t o, size_t n) {
    partner_of_old[o] = static_cast<int>(n);
    partner_of_new[n] = static_cast<int>(o);
  };
  auto comparable = [&](const Comparable& o, const Comparable& n) { return o.kind == n.kind && o.body == n.body; };

  // 1. The same text, in document order.
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<size_t>> unmatched_new;
  for (size_t n = 0; n < news.size(); ++n) unmatched_new[{news[n].kind, news[n].body, Key(news[n].text)}].push_back(n);
  for (size_t o = 0; o < olds.size(); ++o) {
    auto it = unmatched_new.find({olds[o].kind, olds[o].body, Key(olds[o].text)});
    if (it == unmatched_new.end() || it->second.empty()) continue;
    pair(o, it->second.front());
    it->second.erase(it->second.begin());
  }
  // 2. The most alike of the rest, one to one, best first.
  struct Candidate {
    double likeness;
    size_t o, n;
  };
  std::vector<Candidate> candidates;
  for (size_t o = 0; o < olds.size(); ++o) {
    if (partner_of_old[o] >= 0) continue;
    for (size_t n = 0; n < news.size(); ++n) {
      if (partner_of_new[n] >= 0 || !comparable(olds[o], news[n])) continue;
      const double likeness = WordLikeness(olds[o].text, news[n].text);
      const bool same_dates = olds[o].kind == "activity" && olds[o].start == news[n].start &&
                              olds[o].end == news[n].end;
      const double threshold = same_dates ? settings.same_dated_activity_likeness : settings.same_item_likeness;
      if (likeness >= threshold) candidates.push_back({likeness, o, n});
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.likeness > b.likeness; });
  for (const Candidate& c : candidates)
    if (partner_of_old[c.o] < 0 && partner_of_new[c.n] < 0) pair(c.o, c.n);

  for (size_t o = 0; o < olds.size(); ++o) {
    if (partner_of_old[o] >= 0) continue;
    diff.removed.push_back(DiffItem{olds[o].kind, olds[o].body, olds[o].text, olds[o].place, std::nullopt, {}});
  }
  for (size_t n = 0; n < news.size(); ++n) {
    const Comparable& item = news[n];
    if (partner_of_new[n] < 0) {
      diff.added.push_back(DiffItem{item.kind, item.body, item.text, std::nullopt, item.place, {}});
      continue;
    }
    const Comparable& before = olds[static_cast<size_t>(partner_of_new[n])];
    std::vector<FieldChange> changes = Changes(before, item);
    if (!changes.empty())
      diff.changed.push_back(DiffItem{item.kind, item.body, item.text, before.place, item.place, std::move(changes)});
  }
  return diff;
}

}  // namespace budgetdb
