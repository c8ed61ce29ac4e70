// CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF,
// a field quoted when it holds the separator, a quote, CR or LF, quotes
// doubled. (Excel in a Swedish locale splits at ';': the separator is a parameter.)
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace budgetdb {

inline std::string CsvField(std::string_view field, char separator = ',') {
  const char special[] = {separator, '"', '\r', '\n', '\0'};
  if (field.find_first_of(special) == std::string_view::npos) return std::string(field);
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

inline std::string CsvRecord(const std::vector<std::string>& fields, char separator = ',') {
  std::string record;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) record += separator;
    record += CsvField(fields[i], separator);
  }
  record += "\r\n";
  return record;
}

}  // namespace budgetdb
