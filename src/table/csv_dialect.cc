// What kind of CSV a buffer is before tokenizing: its encoding (UTF-8 is required), its
// delimiter, and how to turn byte offsets back into the line:column a person can look up.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

#include "table/csv_internal.h"

namespace ersatz::csv_internal {

namespace {

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the valid sequence starting with non-ASCII byte p[0], or 0 when it is invalid.
std::size_t Utf8SequenceLength(const unsigned char* p, std::size_t available) {
  const unsigned char c = p[0];
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // UTF-16 surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (available < len || p[1] < lo || p[1] > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if (!IsContinuation(p[k])) return 0;
  }
  return len;
}

}  // namespace

std::size_t FindInvalidUtf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
  std::size_t i = 0;
  while (i < n) {
    // Most CSV bytes are ASCII: test 32, then 8 bytes at a time for a set high bit.
    while (i + 32 <= n) {
      std::uint64_t w[4];
      std::memcpy(w, p + i, sizeof w);
      if (((w[0] | w[1] | w[2] | w[3]) & kHighBits) != 0) break;
      i += 32;
    }
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, sizeof w);
      if ((w & kHighBits) != 0) break;
      i += 8;
    }
    const std::size_t stop = std::min(n, i + 8);
    for (; i < stop; ++i) {
      if (p[i] < 0x80) continue;
      const std::size_t len = Utf8SequenceLength(p + i, n - i);
      if (len == 0) return i;
      i += len - 1;
    }
  }
  return std::string_view::npos;
}

char DetectDelimiter(std::string_view text) {
  constexpr std::array<char, 4> kCandidates = {',', ';', '\t', '|'};
  constexpr std::size_t kMaxLines = 20;
  constexpr std::size_t kMaxBytes = 64 * 1024;
  using Counts = std::array<std::size_t, kCandidates.size()>;

  // Per-line counts of each candidate outside quotes, for the first complete lines.
  std::vector<Counts> lines;
  Counts counts{};
  bool in_quotes = false;
  std::size_t line_length = 0;
  const std::size_t limit = std::min(text.size(), kMaxBytes);
  for (std::size_t i = 0; i < limit && lines.size() < kMaxLines; ++i) {
    const char c = text[i];
    if (c == '"') {
      in_quotes = !in_quotes;  // a doubled quote toggles twice
    } else if (!in_quotes && c == '\n') {
      if (line_length > 0) lines.push_back(counts);  // blank lines say nothing
      counts = {};
      line_length = 0;
      continue;
    } else if (!in_quotes && c != '\r') {
      for (std::size_t k = 0; k < kCandidates.size(); ++k) counts[k] += c == kCandidates[k];
    }
    ++line_length;
  }
  // The last line counts only when it is complete (the sample reached the end of the text).
  if (limit == text.size() && line_length > 0 && lines.size() < kMaxLines) lines.push_back(counts);
  if (lines.empty()) return ',';

  int best = -1;
  for (std::size_t k = 0; k < kCandidates.size(); ++k) {
    const std::size_t first = lines.front()[k];
    if (first == 0) continue;
    const bool consistent =
        std::all_of(lines.begin(), lines.end(), [&](const Counts& c) { return c[k] == first; });
    if (consistent && (best < 0 || first > lines.front()[best])) best = static_cast<int>(k);
  }
  if (best >= 0) return kCandidates[best];
  // No candidate is consistent (a ragged file): go by the header line.
  for (std::size_t k = 0; k < kCandidates.size(); ++k) {
    if (lines.front()[k] > 0 && (best < 0 || lines.front()[k] > lines.front()[best])) {
      best = static_cast<int>(k);
    }
  }
  return best >= 0 ? kCandidates[best] : ',';
}

RawTable::Position LocateOffset(const RawTable& table, std::size_t offset) {
  const std::string_view buffer = table.buffer;
  offset = std::min(offset, buffer.size());
  const std::string_view before = buffer.substr(0, offset);
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t last_newline = before.rfind('\n');
  std::size_t line_start = last_newline == std::string_view::npos ? 0 : last_newline + 1;
  if (line_start == 0 && buffer.starts_with(kUtf8Bom) && offset >= kUtf8Bom.size()) {
    line_start = kUtf8Bom.size();
  }
  std::size_t column = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    column += !IsContinuation(static_cast<unsigned char>(buffer[i]));
  }
  return {line > table.header_lines ? line + table.line_shift : line, column};
}

std::string WhereOffset(const RawTable& table, std::size_t offset) {
  const RawTable::Position pos = LocateOffset(table, offset);
  return fmt::format("{}:{}:{}", table.source, pos.line, pos.column);
}

std::string DescribeByte(char c) {
  if (c == '\t') return "'\\t'";
  if (c >= 0x20 && c < 0x7F) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02x}", static_cast<unsigned char>(c));
}

}  // namespace ersatz::csv_internal
