#include "dyad/learn/feature_hash.h"

namespace dyad::learn {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string WordShape(std::string_view s) {
  std::string out;
  char last = 0;
  int run = 0;
  for (unsigned char c : s) {
    char k;
    if (c >= 'A' && c <= 'Z') k = 'X';
    else if (c >= 'a' && c <= 'z') k = 'x';
    else if (c >= '0' && c <= '9') k = 'd';
    else if (c >= 0x80) k = 'u';
    else k = static_cast<char>(c);
    run = (k == last) ? run + 1 : 1;
    last = k;
    if (run <= 2) out.push_back(k);
    if (out.size() >= 12) break;
  }
  return out;
}

void AffixHashes(std::string_view lower, uint64_t (&prefix)[3], uint64_t (&suffix)[4]) {
  for (size_t k = 0; k < 3; ++k) {
    prefix[k] = lower.size() > k + 1 ? HashText(lower.substr(0, k + 1)) : 0;
  }
  for (size_t k = 0; k < 4; ++k) {
    suffix[k] = lower.size() > k + 1 ? HashText(lower.substr(lower.size() - k - 1)) : 0;
  }
}

}  // namespace dyad::learn
