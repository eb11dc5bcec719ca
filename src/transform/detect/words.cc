#include "transform/detect/words.h"

#include <re2/re2.h>

namespace ersatz::transform {

namespace {

const RE2& NameTokenRe() {
  static const RE2 re(R"(^[[:upper:]][[:alpha:]'.-]*$|^\p{Lu}[\p{L}'.-]*$)");
  return re;
}

bool IsWordBreak(char c) { return c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::vector<std::string_view> Words(std::string_view v) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && IsWordBreak(v[i])) ++i;
    const std::size_t start = i;
    while (i < v.size() && !IsWordBreak(v[i])) ++i;
    if (i > start) words.push_back(v.substr(start, i - start));
  }
  return words;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsCapitalisedWord(std::string_view w) { return RE2::FullMatch(w, NameTokenRe()); }

}  // namespace ersatz::transform
