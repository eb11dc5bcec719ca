// HMAC-SHA256 under the transform key, with the key's inner and outer digest states computed
// once so each value costs two short digest updates (fakes are derived per cell on large files).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "ersatz/transform.h"

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace ersatz::transform {

using Digest = std::array<std::uint8_t, 32>;

class KeyedHmac {
 public:
  explicit KeyedHmac(const TransformKey& key);
  ~KeyedHmac();
  KeyedHmac(const KeyedHmac&) = delete;
  KeyedHmac& operator=(const KeyedHmac&) = delete;
  // HMAC(key, a 0x1f b 0x1f c): the separator keeps ("ab","c") and ("a","bc") apart.
  Digest Compute(std::string_view a, std::string_view b, std::string_view c);

 private:
  EVP_MD_CTX* inner_ = nullptr;
  EVP_MD_CTX* outer_ = nullptr;
  EVP_MD_CTX* work_ = nullptr;
};

}  // namespace ersatz::transform
