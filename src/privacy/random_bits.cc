#include "privacy/random_bits.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/rand.h>

#include <string>

#include "ersatz/error.h"

namespace ersatz::privacy {

OpenSslRandomBits::~OpenSslRandomBits() { OPENSSL_cleanse(buffer_.data(), sizeof(buffer_)); }

std::uint64_t OpenSslRandomBits::NextU64() {
  if (next_ == buffer_.size()) Refill();
  return buffer_[next_++];
}

void OpenSslRandomBits::Refill() {
  if (RAND_bytes(reinterpret_cast<unsigned char*>(buffer_.data()),
                 static_cast<int>(sizeof(buffer_))) != 1) {
    char reason[256] = "unknown reason";
    ERR_error_string_n(ERR_get_error(), reason, sizeof(reason));
    throw IoError(std::string("OpenSSL RAND_bytes could not produce secure random bytes: ") + reason);
  }
  next_ = 0;
}

}  // namespace ersatz::privacy
