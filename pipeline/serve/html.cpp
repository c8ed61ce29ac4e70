#include "serve/html.h"

#include <fmt/format.h>

namespace budgetdb::html {

std::string Escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

std::string UrlEncode(std::string_view text) {
  std::string encoded;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~')
      encoded += c;
    else
      encoded += fmt::format("%{:02X}", byte);
  }
  return encoded;
}

std::string Link(std::string_view path, const std::vector<std::pair<std::string, std::string>>& params) {
  std::string link(path);
  char separator = '?';
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    link += separator;
    link += UrlEncode(name) + "=" + UrlEncode(value);
    separator = '&';
  }
  return link;
}

namespace {

// Plain CSS: readable without JavaScript or anything fetched.
constexpr std::string_view kStyle = R"(
body { font-family: sans-serif; margin: 0 auto; max-width: 72rem; padding: 0 1rem 2rem; color: #222; }
nav { display: flex; flex-wrap: wrap; gap: 1rem; padding: .8rem 0; border-bottom: 1px solid #ccc; margin-bottom: 1rem; }
nav a { text-decoration: none; }
h1 { font-size: 1.4rem; }
h2 { font-size: 1.15rem; margin-top: 1.5rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .4rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
mark { background: #ffe066; }
.facets { display: flex; flex-wrap: wrap; gap: 2rem; font-size: .9rem; }
.facets ul { list-style: none; padding: 0; margin: .3rem 0; }
.hit { margin: .8rem 0; }
.meta { color: #666; font-size: .85rem; }
.source { font-family: monospace; font-size: .85rem; white-space: pre-wrap; }
.source .of-item { background: #ffe066; }
.error { border-left: 4px solid #c33; padding: .5rem 1rem; background: #fff3f3; }
.page-image { max-width: 100%; border: 1px solid #ccc; }
form input[type=text] { width: 30rem; max-width: 100%; }
)";

}  // namespace

std::string Page(std::string_view title, std::string_view body) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{} – budgetdb</title>\n<style>{}</style>\n</head>\n<body>\n"
      "<nav><a href=\"/\"><b>budgetdb</b></a><a href=\"/search\">Search</a>"
      "<a href=\"/list/activities\">Activities</a><a href=\"/list/indicators\">Indicators</a>"
      "<a href=\"/list/directives\">Directives</a><a href=\"/list/goals\">Goals</a>"
      "<a href=\"/list/bodies\">Bodies</a><a href=\"/documents\">Documents</a></nav>\n"
      "<main>\n{}\n</main>\n</body>\n</html>\n",
      Escape(title), kStyle, body);
}

}  // namespace budgetdb::html
