// The shape of identifier values, learned from the real ones (docs/identifiers.md): the most
// common layout, cut at separators (any character that is not a letter or digit) into segments.
// A segment every value shares is kept verbatim ("17-" of "17-000003"); a run of digits keeps its
// width (zero padding) and range; letters, hex digits and mixed runs keep their alphabet (hex
// keeps its case) and length; UUIDs stay UUIDs. Integer identifiers are one digits segment.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ersatz::encode {

struct IdSegment {
  enum class Kind {
    kLiteral,  // `text`, verbatim
    kDigits,   // a number in [min, max], zero-padded to `width` digits (0: not padded)
    kChars,    // `length` characters from `text` (the alphabet: sorted, distinct)
    kUuid,     // a random (version 4) UUID, upper case when `width` is 1
  };
  Kind kind = Kind::kLiteral;
  std::string text;
  int width = 0;
  int length = 0;
  std::int64_t min = 0, max = 0;

  bool variable() const { return kind != Kind::kLiteral; }
  bool operator==(const IdSegment&) const = default;
};

// Learns the segments of `values` (non-null, in row order). Values whose layout differs from the
// most common one are left out. There is always at least one variable segment, so ids can be
// unique (values too few or too alike to show one get digits where they have digits, letters
// where they have letters).
std::vector<IdSegment> LearnIdSegments(std::span<const std::string_view> values);

// The segments of an integer identifier: one unpadded digits segment over [min, max].
std::vector<IdSegment> IntegerIdSegments(std::int64_t min, std::int64_t max);

// For shapes with one variable segment that is a number: that number in `value`, when `value`
// has the shape (the literals around it and digits in between). nullopt otherwise.
std::optional<std::int64_t> ParseIdNumber(std::span<const IdSegment> segments, std::string_view value);
// The index of the only variable segment when it is a number; -1 otherwise.
int SoleNumberSegment(std::span<const IdSegment> segments);

// Spells one id: `number` for the digits segment at `number_segment` (any value ≥ 0; padded
// to the width, wider when it needs more digits), `digits` for the other variable segments'
// mixed-radix digits in order (see Radices), `overflow` > 0 widening the first variable segment.
class IdSpeller {
 public:
  explicit IdSpeller(std::vector<IdSegment> segments);
  const std::vector<IdSegment>& segments() const { return segments_; }
  // The radix of each mixed-radix digit, most significant first: one per digits segment (its
  // range, at most 2^62), `length` per chars segment (its alphabet's size); none for UUIDs.
  const std::vector<std::uint64_t>& radices() const { return radices_; }
  // Appends the id whose variable digits are `digits` (one per radix) to `out`; `overflow` (≥ 0)
  // is added above the most significant digit, so ids stay distinct past the shape's space.
  void Spell(std::span<const std::uint64_t> digits, std::uint64_t overflow, std::string* out) const;
  // Appends the id whose only variable segment, a number, holds `value`.
  void SpellNumber(std::int64_t value, std::string* out) const;
  // Appends a UUID made of two 64-bit words (version and variant bits are overwritten).
  void SpellUuid(std::uint64_t high, std::uint64_t low, std::string* out) const;

 private:
  std::vector<IdSegment> segments_;
  std::vector<std::uint64_t> radices_;
};

nlohmann::json IdSegmentsToJson(std::span<const IdSegment> segments);
// ParameterError when the JSON is not segments a generator can spell (bounded sizes, sorted
// alphabets, min ≤ max, at least one variable segment).
std::vector<IdSegment> IdSegmentsFromJson(const nlohmann::json& json);
// The character-class pattern older readers of the model file understand ('9' digit, 'A' upper,
// 'a' lower, '\x' literal x), so a model written now still samples there with the old shapes.
std::string LegacyIdPattern(std::span<const IdSegment> segments);
// The segments of such a pattern (models written before shapes were learned).
std::vector<IdSegment> IdSegmentsFromLegacyPattern(std::string_view pattern);

}  // namespace ersatz::encode
