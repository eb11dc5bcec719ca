#include "transform/key.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "common/atomic_file.h"
#include "ersatz/error.h"

namespace ersatz {

namespace {

// An XDG base folder is used only when set to an absolute path (the XDG rules ignore others).
std::string AbsoluteFromEnvironment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && value[0] == '/' ? std::string(value) : std::string();
}

// Missing folders of the key's path are made 0700, as the XDG rules ask of configuration folders.
void CreateFoldersOf(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::filesystem::path partial;
  for (const auto& part : parent) {
    partial /= part;
    if (::mkdir(partial.c_str(), 0700) == 0 || errno == EEXIST) continue;
    const int error = errno;
    struct stat st {};
    if (::stat(partial.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) continue;
    throw IoError(fmt::format("{}: cannot create the folder {} for the key file: {}", path,
                              partial.string(), std::strerror(error)));
  }
}

TransformKey ParseKey(const std::string& path, std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  if (text.size() != 64) {
    throw ParameterError(fmt::format("{}: not a transform key: expected 64 hex digits, found {} characters",
                                     path, text.size()));
  }
  std::array<std::uint8_t, 32> bytes{};
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
    bytes[i] = static_cast<std::uint8_t>(value);
  }
  // A constant key (all zeros, say) is a placeholder, not a secret: anyone could recompute the fakes.
  if (std::all_of(bytes.begin(), bytes.end(), [&](std::uint8_t b) { return b == bytes[0]; })) {
    throw ParameterError(fmt::format(
        "{}: not a secret key: all 32 bytes are {:#04x}; delete the file to have a new random key "
        "made, or give another with --key-file", path, bytes[0]));
  }
  return TransformKey::FromBytes(bytes);
}

}  // namespace

std::string DefaultKeyPath() {
  if (const std::string xdg = AbsoluteFromEnvironment("XDG_CONFIG_HOME"); !xdg.empty()) {
    return xdg + "/ersatz/transform.key";
  }
  if (const std::string home = AbsoluteFromEnvironment("HOME"); !home.empty()) {
    return home + "/.config/ersatz/transform.key";
  }
  throw ParameterError(
      "no place for the transform key: neither XDG_CONFIG_HOME nor HOME is set to an absolute "
      "path; give the key file with --key-file");
}

std::string ChooseKeyPath(const std::string& given, const std::string& config_key_file) {
  if (!given.empty()) return given;
  if (!config_key_file.empty()) return config_key_file;
  return DefaultKeyPath();
}

TransformKey TransformKey::FromBytes(const std::array<std::uint8_t, 32>& bytes) {
  TransformKey key;
  key.bytes_ = bytes;
  return key;
}

TransformKey TransformKey::LoadOrCreate(const std::string& path, bool* created) {
  if (created != nullptr) *created = false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    struct stat st {};
    const bool stated = ::fstat(fd, &st) == 0;
    ::close(fd);
    if (stated && S_ISREG(st.st_mode) && (st.st_mode & 077) != 0) {
      throw ParameterError(fmt::format(
          "{}: the transform key may be read or changed by other users (mode {:04o}); make it "
          "private with `chmod 600 {}`, or make a new key if others may have copied it",
          path, st.st_mode & 07777, path));
    }
    return ParseKey(path, ReadTextFile(path, "transform key", 4096));  // 64 hex digits
  }
  if (errno != ENOENT) throw IoError(fmt::format("{}: cannot open the key file: {}", path, std::strerror(errno)));
  TransformKey key;
  if (RAND_bytes(key.bytes_.data(), static_cast<int>(key.bytes_.size())) != 1) {
    throw IoError("cannot draw a transform key from OpenSSL's random generator");
  }
  CreateFoldersOf(path);
  std::string hex;
  for (auto b : key.bytes_) hex += fmt::format("{:02x}", b);
  hex += '\n';
  AtomicOutputFile file(path, AtomicOutputFile::Mode::kSecretCreate);
  file.Write(hex);
  file.Commit();
  OPENSSL_cleanse(hex.data(), hex.size());
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
