// RequestTarget: the path and query parameters of an HTTP request target ("/v1/events?root=19"),
// percent-decoded by dyad's own rules.
//
// Private to dyad_serve. Both ways a request reaches the API — a socket (cpp-httplib) and
// Server::Handle — decode the target here, so the handlers see one reading of it. cpp-httplib's
// own query parser is not used: it keeps only the text after the last '=' of a pair (q=a=b
// read as "b"), drops a pair repeated verbatim (limit=1&limit=1 looked like one) and passes
// malformed escapes (%zz) through.
//
//   StatusOr<RequestTarget> t = ParseRequestTarget("/v1/events?q=a%3Db&q=c");
//   t->path == "/v1/events"; t->params == {{"q", "a=b"}, {"q", "c"}}
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/core/status.h"

namespace dyad::serve {

struct RequestTarget {
  std::string path;  // percent-decoded ("/a%20b" is "/a b"); '+' stays '+'
  // name, value: in request order, repeats kept, percent-decoded with '+' as a space
  std::vector<std::pair<std::string, std::string>> params;
};

// Percent-decodes `s` (with `plus_is_space`, '+' is ' ' as in a query). InvalidArgumentError
// when a '%' is not followed by two hex digits.
StatusOr<std::string> PercentDecode(std::string_view s, bool plus_is_space);

// Splits a request target at the first '?' (a '#' fragment is cut off), decodes the path, and
// splits the query at '&' into pairs whose name ends at the first '=' (a pair without one has
// an empty value; empty pairs, "a&&b", are skipped). InvalidArgumentError, with the reason,
// for a target that does not start with '/', a malformed escape, or a pair with no name.
StatusOr<RequestTarget> ParseRequestTarget(std::string_view target);

}  // namespace dyad::serve
