// A whole table as sub-columns: one ColumnEncoder per learned column, an IdentifierGenerator per
// identifier column. Encoding gives the integer matrix the generator trains on; decoding turns
// generated codes back into a Table with the original column order, kinds and formats.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "encode/encoder.h"
#include "encode/identifier_generator.h"
#include "ersatz/metadata.h"
#include "ersatz/table.h"

namespace ersatz::encode {

// codes[k][row] for sub-column k.
struct EncodedTable {
  std::size_t rows = 0;
  std::vector<std::vector<std::int32_t>> codes;
};

// Text columns with more distinct values than this cannot be treated as categories.
inline constexpr std::size_t kMaxTextCategories = 500;

class TableEncoder {
 public:
  // Fits every column of `table`: identifiers per `schema`, the rest by kind. A free-text column
  // with more than kMaxTextCategories distinct values is a DataError naming it and suggesting
  // to drop it (ersatz has no text model yet).
  static TableEncoder Fit(const Table& table, const Metadata& schema, const EncodeOptions& options);
  static TableEncoder FromJson(const nlohmann::json& json);
  nlohmann::json ToJson() const;

  // The learned columns, in table order, and the sub-columns of each.
  std::size_t num_columns() const { return encoders_.size(); }
  const ColumnEncoder& encoder(std::size_t i) const { return *encoders_[i]; }
  // Sub-columns of learned column i are [first_sub(i), first_sub(i + 1)).
  std::size_t first_sub(std::size_t i) const { return first_sub_[i]; }
  const std::vector<SubColumnInfo>& sub_columns() const { return sub_columns_; }
  // The identifier columns, in table order.
  const std::vector<IdentifierGenerator>& identifiers() const { return identifiers_; }
  // The encoders' fit-time warnings (ColumnEncoder::warning), in column order.
  std::vector<std::string> Warnings() const;
  // Index of the learned column called `name`, or -1.
  int FindColumn(std::string_view name) const;

  // Encodes the learned columns of `table`, found by name (DataError when one is missing or of
  // another kind).
  EncodedTable Encode(const Table& table) const;
  // Decodes `rows` rows of codes (codes[k] spans at least `rows`) into a table with every
  // original column, identifiers regenerated for rows [first_row, first_row + rows) from
  // `id_seed`: a row drawn again under another `seed` keeps its id, so ids stay unique.
  Table Decode(std::span<const std::span<const std::int32_t>> codes, std::size_t rows,
               std::uint64_t seed, std::uint64_t first_row, std::uint64_t id_seed) const;

 private:
  void Index();
  struct Slot {
    bool identifier;
    std::size_t index;  // into encoders_ or identifiers_
  };
  std::vector<Slot> slots_;  // original column order
  std::vector<std::unique_ptr<ColumnEncoder>> encoders_;
  std::vector<IdentifierGenerator> identifiers_;
  std::vector<SubColumnInfo> sub_columns_;
  std::vector<std::size_t> first_sub_;
};

}  // namespace ersatz::encode
