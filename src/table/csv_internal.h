// Pieces of the CSV reader shared between its files (not part of the public interface).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ersatz/csv.h"

namespace ersatz::csv_internal {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Offset of the first byte that does not start or continue a valid UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF included), or npos when `bytes` is valid.
std::size_t FindInvalidUtf8(std::string_view bytes);

// Picks the delimiter among ',' ';' '\t' '|' from the first lines of `text` (after any BOM):
// the one found the same nonzero number of times, outside quotes, on every sampled line.
char DetectDelimiter(std::string_view text);

// 1-based line and column (in characters) of byte `offset` of `buffer`; a leading BOM does
// not count as a column. Lines past table.header_lines are shifted by table.line_shift.
RawTable::Position LocateOffset(const RawTable& table, std::size_t offset);

// Where a cell starts in RawTable::buffer: its first byte, or its opening quote when quoted
// (looked up in unescaped_origins for collapsed cells).
std::uint64_t SourceOffset(const RawTable& table, const RawField& field);

// "source:line:col" of byte `offset` of `buffer`.
std::string WhereOffset(const RawTable& table, std::size_t offset);

// A character as a message shows it: 'c' when printable ASCII, otherwise its hex code.
std::string DescribeByte(char c);

}  // namespace ersatz::csv_internal
