#include "privacy/random_bits.h"

#include <openssl/err.h>
#include <openssl/rand.h>

#include <string>

#include "ersatz/error.h"

namespace ersatz::privacy {

std::uint64_t OpenSslRandomBits::NextU64() {
  if (next_ == buffer_.size()) Refill();
  const std::uint64_t word = buffer_[next_];
  buffer_[next_++] = 0;  // used randomness is not kept around in memory
  return word;
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
