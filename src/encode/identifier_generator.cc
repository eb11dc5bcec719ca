#include "encode/identifier_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>

#include "common/random.h"
#include "encode/shape_json.h"
#include "ersatz/error.h"

namespace ersatz::encode {

using nlohmann::json;

namespace {

std::string ShapeOf(std::string_view value) {
  std::string p;
  for (char ch : value) {
    if (ch >= '0' && ch <= '9') {
      p += '9';
    } else if (ch >= 'A' && ch <= 'Z') {
      p += 'A';
    } else if (ch >= 'a' && ch <= 'z') {
      p += 'a';
    } else {
      p += '\\';
      p += ch;
    }
  }
  return p;
}

}  // namespace

IdentifierGenerator::IdentifierGenerator(const Column& column) : shape_(ColumnShape::Of(column)) {
  if (column.kind() == ColumnKind::kInteger) {
    start_ = 1;
    bool any = false;
    for (std::size_t r = 0; r < column.size(); ++r) {
      if (column.IsNull(r)) continue;
      start_ = any ? std::min(start_, column.integers()[r]) : column.integers()[r];
      any = true;
    }
    return;
  }
  std::map<std::string, std::size_t> shapes;
  for (std::size_t r = 0; r < column.size(); ++r) {
    if (!column.IsNull(r)) ++shapes[ShapeOf(column.text(r))];
  }
  std::size_t best = 0;
  for (const auto& [p, n] : shapes) {
    if (n > best) {
      best = n;
      pattern_ = p;
    }
  }
  if (pattern_.empty()) pattern_ = "999999";
}

IdentifierGenerator::IdentifierGenerator(const json& j) {
  shape_ = ShapeFromJson(j.at("column"));
  start_ = j.value("start", std::int64_t{1});
  pattern_ = j.value("pattern", std::string());
}

void IdentifierGenerator::Generate(std::size_t rows, std::uint64_t seed, std::uint64_t first_row,
                                   Column* column) const {
  if (shape_.kind == ColumnKind::kInteger) {
    for (std::size_t r = 0; r < rows; ++r) {
      column->AppendInteger(start_ + static_cast<std::int64_t>(first_row + r));
    }
    return;
  }
  // The pattern spells numbers in mixed radix (10 or 26 per position). Rows are mapped through
  // x -> (a·x + b) mod space with gcd(a, space) = 1, a bijection, so ids stay unique until the
  // space runs out. Positions beyond a 2^62 space are fixed once per seed.
  std::vector<std::uint64_t> radix;
  for (std::size_t i = 0; i < pattern_.size(); ++i) {
    if (pattern_[i] == '\\') {
      ++i;
      continue;
    }
    radix.push_back(pattern_[i] == '9' ? 10 : 26);
  }
  RandomStream rng(seed, 0x1D5, 0);
  std::vector<std::uint64_t> fixed(radix.size(), 0);
  std::uint64_t space = 1;
  std::size_t varying_from = radix.size();
  while (varying_from > 0 && space <= (std::uint64_t{1} << 62) / radix[varying_from - 1]) {
    space *= radix[--varying_from];
  }
  for (std::size_t k = 0; k < varying_from; ++k) fixed[k] = rng.NextBelow(radix[k]);
  std::uint64_t a = 1 + rng.NextBelow(space);
  while (std::gcd(a, space) != 1) a = a % space + 1;
  const std::uint64_t b = rng.NextBelow(space);

  std::vector<std::uint64_t> digits(radix.size());
  std::string value;
  for (std::size_t r = 0; r < rows; ++r) {
    auto x = static_cast<std::uint64_t>(
        (static_cast<unsigned __int128>(a) * (first_row + r) + b) % space);
    for (std::size_t k = radix.size(); k-- > 0;) {
      if (k < varying_from) {
        digits[k] = fixed[k];
      } else {
        digits[k] = x % radix[k];
        x /= radix[k];
      }
    }
    value.clear();
    std::size_t k = 0;
    for (std::size_t i = 0; i < pattern_.size(); ++i) {
      const char p = pattern_[i];
      if (p == '\\') {
        value += pattern_[++i];
        continue;
      }
      const auto d = static_cast<char>(digits[k++]);
      value += p == '9' ? static_cast<char>('0' + d) : static_cast<char>((p == 'A' ? 'A' : 'a') + d);
    }
    column->AppendString(value);
  }
}

json IdentifierGenerator::ToJson() const {
  json j = {{"column", ShapeToJson(shape_)}};
  if (shape_.kind == ColumnKind::kInteger) {
    j["start"] = start_;
  } else {
    j["pattern"] = pattern_;
  }
  return j;
}

}  // namespace ersatz::encode
