// The value operators of a transform. Every fake and hash is a pure function of
// (key, scope, entity type, value): "Alice" becomes the same fake name in every table and run
// under one key, and a different one under another key (REFERENCE.md §6).
#pragma once

#include <string>
#include <string_view>

#include "ersatz/transform.h"
#include "transform/key.h"

namespace ersatz::transform {

class Operators {
 public:
  Operators(const TransformKey& key, std::string scope, std::string locale);

  // A realistic value of the same entity (format kept where it carries no identity: separators,
  // country, card network), never equal to `value`. Without an entity: same shape, new characters.
  std::string Fake(std::optional<PiiEntity> entity, std::string_view value);
  // Hex digits of HMAC(key, scope, value), `length` of them (1..64).
  std::string Hash(std::string_view value, int length);
  // Letters and digits replaced by `mask_char`, except the first `keep_first` and last `keep_last`.
  static std::string Mask(std::string_view value, int keep_first, int keep_last, std::string_view mask_char);
  // The date moved by the offset of `entity_value` (one offset per entity keeps its intervals);
  // "" when `value` is not a date.
  std::string DateShift(std::string_view value, std::string_view entity_value, int max_days);
  int DateOffsetDays(std::string_view entity_value, int max_days);
  // Numeric operators; "" when `value` is not a number.
  std::string Noise(std::string_view value, double scale);
  static std::string Round(std::string_view value, double step);
  static std::string Bucket(std::string_view value, double width);
  // The entities inside free text replaced, each by `with` (fake, hash, redact or mask).
  std::string ReplaceEntities(std::string_view text, TransformOp with, std::string_view region);

 private:
  std::string FakeOnce(std::optional<PiiEntity> entity, std::string_view value, int attempt);
  KeyedHmac hmac_;
  std::string scope_;
  std::string locale_;
};

}  // namespace ersatz::transform
