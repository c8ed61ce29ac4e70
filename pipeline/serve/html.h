// Serve stage, internal: the pieces every page is made of. Every value a page
// shows goes through Escape; every value a link carries through UrlEncode.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace budgetdb::html {

// `text` safe between tags and inside a quoted attribute: & < > " ' as entities.
std::string Escape(std::string_view text);

// `text` as one query parameter's value or a path segment: every byte but
// A-Z a-z 0-9 - . _ ~ percent-encoded (UTF-8 bytes one by one).
std::string UrlEncode(std::string_view text);

// "path?name=value&..." with the values encoded; empty values are left out.
std::string Link(std::string_view path, const std::vector<std::pair<std::string, std::string>>& params);

// A whole page: the title, the site's menu, `body` (HTML already escaped) and
// the stylesheet, inline (nothing is fetched from elsewhere).
std::string Page(std::string_view title, std::string_view body);

}  // namespace budgetdb::html
