#include "transform/key.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "common/atomic_file.h"
#include "ersatz/error.h"

namespace ersatz {

std::string DefaultKeyPath() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg != 0) {
    return std::string(xdg) + "/ersatz/transform.key";
  }
  const char* home = std::getenv("HOME");
  return std::string(home != nullptr ? home : ".") + "/.config/ersatz/transform.key";
}

TransformKey TransformKey::FromBytes(const std::array<std::uint8_t, 32>& bytes) {
  TransformKey key;
  key.bytes_ = bytes;
  return key;
}

TransformKey TransformKey::LoadOrCreate(const std::string& path, bool* created) {
  if (created != nullptr) *created = false;
  TransformKey key;
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    std::string text = ReadFile(path);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
    if (text.size() != 64) {
      throw ParameterError(fmt::format("{}: not a transform key: expected 64 hex digits, found {} characters",
                                       path, text.size()));
    }
    for (std::size_t i = 0; i < 32; ++i) {
      unsigned value = 0;
      for (int j = 0; j < 2; ++j) {
        const char c = text[2 * i + j];
        const int digit = (c >= '0' && c <= '9') ? c - '0'
                          : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                          : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (digit < 0) {
          throw ParameterError(fmt::format("{}: not a transform key: expected 64 hex digits, found '{}' at "
                                           "character {}", path, c, 2 * i + j + 1));
        }
        value = value * 16 + digit;
      }
      key.bytes_[i] = static_cast<std::uint8_t>(value);
    }
    return key;
  }
  if (RAND_bytes(key.bytes_.data(), static_cast<int>(key.bytes_.size())) != 1) {
    throw IoError("cannot draw a transform key from OpenSSL's random generator");
  }
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  // O_EXCL with 0600 from the start: the key is never readable by others, not even briefly.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) throw IoError(fmt::format("{}: cannot create the key file: {}", path, std::strerror(errno)));
  std::string hex;
  for (auto b : key.bytes_) hex += fmt::format("{:02x}", b);
  hex += '\n';
  const bool ok = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    std::filesystem::remove(path, ec);
    throw IoError(fmt::format("{}: cannot write the key file", path));
  }
  if (created != nullptr) *created = true;
  return key;
}

namespace transform {

KeyedHmac::KeyedHmac(const TransformKey& key) {
  // RFC 2104: H((K ^ opad) || H((K ^ ipad) || m)); the 32-byte key fits one 64-byte block.
  unsigned char ipad[64], opad[64];
  for (int i = 0; i < 64; ++i) {
    const unsigned char k = i < 32 ? key.bytes()[i] : 0;
    ipad[i] = k ^ 0x36;
    opad[i] = k ^ 0x5c;
  }
  inner_ = EVP_MD_CTX_new();
  outer_ = EVP_MD_CTX_new();
  work_ = EVP_MD_CTX_new();
  if (inner_ == nullptr || outer_ == nullptr || work_ == nullptr ||
      EVP_DigestInit_ex(inner_, EVP_sha256(), nullptr) != 1 || EVP_DigestUpdate(inner_, ipad, 64) != 1 ||
      EVP_DigestInit_ex(outer_, EVP_sha256(), nullptr) != 1 || EVP_DigestUpdate(outer_, opad, 64) != 1) {
    throw IoError("OpenSSL: cannot set up HMAC-SHA256");
  }
  OPENSSL_cleanse(ipad, sizeof ipad);
  OPENSSL_cleanse(opad, sizeof opad);
}

KeyedHmac::~KeyedHmac() {
  EVP_MD_CTX_free(inner_);
  EVP_MD_CTX_free(outer_);
  EVP_MD_CTX_free(work_);
}

Digest KeyedHmac::Compute(std::string_view a, std::string_view b, std::string_view c) {
  static constexpr unsigned char kSep = 0x1f;
  Digest inner_digest, out;
  unsigned len = 0;
  EVP_MD_CTX_copy_ex(work_, inner_);
  EVP_DigestUpdate(work_, a.data(), a.size());
  EVP_DigestUpdate(work_, &kSep, 1);
  EVP_DigestUpdate(work_, b.data(), b.size());
  EVP_DigestUpdate(work_, &kSep, 1);
  EVP_DigestUpdate(work_, c.data(), c.size());
  EVP_DigestFinal_ex(work_, inner_digest.data(), &len);
  EVP_MD_CTX_copy_ex(work_, outer_);
  EVP_DigestUpdate(work_, inner_digest.data(), inner_digest.size());
  EVP_DigestFinal_ex(work_, out.data(), &len);
  return out;
}

}  // namespace transform
}  // namespace ersatz
