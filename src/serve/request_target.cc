#include "request_target.h"

namespace dyad::serve {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

StatusOr<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      const int h = i + 1 < s.size() ? HexValue(s[i + 1]) : -1;
      const int l = i + 2 < s.size() ? HexValue(s[i + 2]) : -1;
      if (h < 0 || l < 0) return InvalidArgumentError("a '%' must be followed by two hex digits");
      out += static_cast<char>(h * 16 + l);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

StatusOr<RequestTarget> ParseRequestTarget(std::string_view target) {
  if (const size_t hash = target.find('#'); hash != std::string_view::npos)
    target = target.substr(0, hash);
  const size_t q = target.find('?');
  const std::string_view path = target.substr(0, q);
  if (path.empty() || path[0] != '/') return InvalidArgumentError("the path must start with '/'");
  RequestTarget out;
  StatusOr<std::string> decoded = PercentDecode(path, /*plus_is_space=*/false);
  if (!decoded.ok()) return InvalidArgumentError("path: " + decoded.status().message());
  out.path = std::move(*decoded);
  if (q == std::string_view::npos) return out;
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    StatusOr<std::string> name = PercentDecode(pair.substr(0, eq), /*plus_is_space=*/true);
    if (!name.ok()) return InvalidArgumentError("query: " + name.status().message());
    if (name->empty()) return InvalidArgumentError("query: a parameter has no name");
    StatusOr<std::string> value =
        PercentDecode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1),
                      /*plus_is_space=*/true);
    if (!value.ok())
      return InvalidArgumentError("query: parameter \"" + *name +
                                  "\": " + value.status().message());
    out.params.emplace_back(std::move(*name), std::move(*value));
  }
  return out;
}

}  // namespace dyad::serve
