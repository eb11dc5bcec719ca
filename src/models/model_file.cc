#include "models/model_file.h"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>

#include "common/atomic_file.h"
#include "common/json_integer.h"
#include "ersatz/error.h"

namespace ersatz {

using nlohmann::json;

namespace {

constexpr char kMagic[8] = {'E', 'R', 'S', 'A', 'T', 'Z', '\0', 'M'};
constexpr std::size_t kPrefix = 8 + 4 + 8;
constexpr std::size_t kChecksumBytes = 4;

template <typename T>
void PutLe(std::string* out, T v) {
  for (std::size_t i = 0; i < sizeof(T); ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

template <typename T>
T GetLe(std::string_view bytes, std::size_t at) {
  T v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    v |= static_cast<T>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  }
  return v;
}

std::uint32_t Crc32(std::string_view bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  // zlib takes uInt lengths: feed large files in pieces.
  while (!bytes.empty()) {
    const std::size_t n = std::min<std::size_t>(bytes.size(), 1u << 30);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(n));
    bytes.remove_prefix(n);
  }
  return static_cast<std::uint32_t>(crc);
}

std::size_t Align64(std::size_t n) { return (n + 63) & ~std::size_t{63}; }

std::size_t ValueBytes(TensorType type) { return type == TensorType::kUint64 ? 8 : 4; }
std::size_t ValueCount(const Tensor& t) {
  return t.type == TensorType::kUint64 ? t.words.size() : t.data.size();
}

}  // namespace

const Tensor* ModelFile::Find(std::string_view name) const {
  for (const auto& t : tensors) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::string SerializeModelFile(const ModelFile& model) {
  json header = model.header;
  json table = json::array();
  std::size_t offset = 0;
  for (const auto& t : model.tensors) {
    std::int64_t count = 1;
    for (auto d : t.shape) count *= d;
    if (count != static_cast<std::int64_t>(ValueCount(t))) {
      throw std::logic_error(fmt::format("tensor '{}' has {} values for shape of {}", t.name,
                                         ValueCount(t), count));
    }
    json entry = {{"name", t.name}, {"shape", t.shape}, {"offset", offset}, {"count", count}};
    if (t.type == TensorType::kUint64) entry["dtype"] = "u64";
    table.push_back(std::move(entry));
    offset = Align64(offset + ValueCount(t) * ValueBytes(t.type));
  }
  header["tensors"] = table;
  const std::string header_text = header.dump();

  std::string out(kMagic, sizeof kMagic);
  PutLe<std::uint32_t>(&out, kModelFormatVersion);
  PutLe<std::uint64_t>(&out, header_text.size());
  out += header_text;
  const std::size_t data_start = out.size();
  out.resize(data_start + offset, '\0');
  std::size_t at = 0;
  for (const auto& t : model.tensors) {
    for (std::size_t i = 0; i < t.data.size(); ++i) {  // explicit little-endian, whatever the host
      std::uint32_t bits;
      std::memcpy(&bits, &t.data[i], sizeof bits);
      for (std::size_t b = 0; b < 4; ++b) {
        out[data_start + at + 4 * i + b] = static_cast<char>((bits >> (8 * b)) & 0xFF);
      }
    }
    for (std::size_t i = 0; i < t.words.size(); ++i) {
      for (std::size_t b = 0; b < 8; ++b) {
        out[data_start + at + 8 * i + b] = static_cast<char>((t.words[i] >> (8 * b)) & 0xFF);
      }
    }
    at = Align64(at + ValueCount(t) * ValueBytes(t.type));
  }
  PutLe<std::uint32_t>(&out, Crc32(out));
  return out;
}

void WriteModelFile(const std::string& path, const ModelFile& model) {
  WriteFileAtomically(path, SerializeModelFile(model));
}

ModelFile ParseModelFile(std::string_view bytes, const std::string& source, bool verify_checksum) {
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    throw DataError(fmt::format("{}: not an ersatz model file (it does not start with the model "
                                "file signature)", source));
  }
  if (bytes.size() < kPrefix + kChecksumBytes) {
    throw DataError(fmt::format("{}: truncated model file ({} bytes)", source, bytes.size()));
  }
  const auto version = GetLe<std::uint32_t>(bytes, 8);
  if (version > kModelFormatVersion) {
    throw DataError(fmt::format("{}: model format version {} is newer than this ersatz reads ({}); "
                                "upgrade ersatz to load it", source, version, kModelFormatVersion));
  }
  if (version == 0) throw DataError(fmt::format("{}: invalid model format version 0", source));
  const auto header_length = GetLe<std::uint64_t>(bytes, 12);
  if (header_length > bytes.size() - kPrefix - kChecksumBytes) {
    throw DataError(fmt::format("{}: truncated model file: the header needs {} bytes, {} remain",
                                source, header_length, bytes.size() - kPrefix - kChecksumBytes));
  }
  if (verify_checksum) {
    const auto stored = GetLe<std::uint32_t>(bytes, bytes.size() - kChecksumBytes);
    if (stored != Crc32(bytes.substr(0, bytes.size() - kChecksumBytes))) {
      throw DataError(fmt::format("{}: checksum mismatch: the model file is corrupted or truncated",
                                  source));
    }
  }
  ModelFile model;
  const std::size_t data_start = kPrefix + header_length;
  const std::size_t data_size = bytes.size() - kChecksumBytes - data_start;
  try {
    model.header = json::parse(bytes.substr(kPrefix, header_length));
    if (!model.header.is_object()) throw DataError("the header is not a JSON object");
    for (const auto& entry : model.header.at("tensors")) {
      Tensor t;
      t.name = entry.at("name").get<std::string>();
      t.shape = JsonIntegers<std::int64_t>(entry.at("shape"), "shape");
      const auto offset = JsonInteger<std::uint64_t>(entry.at("offset"), "offset");
      const auto count = JsonInteger<std::uint64_t>(entry.at("count"), "count");
      const std::string dtype = entry.value("dtype", std::string("f32"));
      if (dtype != "f32" && dtype != "u64") {
        throw DataError(fmt::format("tensor '{}' has an unknown type \"{}\"", t.name, dtype));
      }
      t.type = dtype == "u64" ? TensorType::kUint64 : TensorType::kFloat32;
      const std::size_t value_bytes = ValueBytes(t.type);
      std::uint64_t product = 1;
      for (auto d : t.shape) {
        if (d < 0 || (d > 0 && product > std::numeric_limits<std::uint32_t>::max() / static_cast<std::uint64_t>(d))) {
          throw DataError(fmt::format("tensor '{}' has an invalid shape", t.name));
        }
        product *= static_cast<std::uint64_t>(d);
      }
      if (product != count || offset > data_size || count > (data_size - offset) / value_bytes) {
        throw DataError(fmt::format("tensor '{}' does not fit in the file", t.name));
      }
      if (t.type == TensorType::kUint64) {
        t.words.resize(count);
        for (std::size_t i = 0; i < count; ++i) {
          t.words[i] = GetLe<std::uint64_t>(bytes, data_start + offset + 8 * i);
        }
      } else {
        t.data.resize(count);
        for (std::size_t i = 0; i < count; ++i) {
          const auto bits = GetLe<std::uint32_t>(bytes, data_start + offset + 4 * i);
          std::memcpy(&t.data[i], &bits, sizeof bits);
        }
      }
      model.tensors.push_back(std::move(t));
    }
    model.header.erase("tensors");
  } catch (const json::exception& e) {
    throw DataError(fmt::format("{}: malformed model header: {}", source, e.what()));
  } catch (const ParameterError& e) {  // an integer field that is not one (JsonInteger)
    throw DataError(fmt::format("{}: malformed model header: {}", source, e.what()));
  } catch (const DataError& e) {
    throw DataError(fmt::format("{}: malformed model file: {}", source, e.what()));
  }
  return model;
}

namespace {

// Checks a model arriving from a pipe, FIFO or device (/dev/urandom) as it is read: the signature
// once 8 bytes are in, the header length once 20 are, and then the size the header's tensor table
// declares, so that no source is read past what a model of that header can hold.
class ModelStreamCheck {
 public:
  explicit ModelStreamCheck(const std::string& source) : source_(source) {}

  void operator()(std::string_view read, std::size_t /*new_from*/) {
    if (!signed_ && read.size() >= sizeof kMagic) {
      if (std::memcmp(read.data(), kMagic, sizeof kMagic) != 0) {
        throw DataError(fmt::format("{}: not an ersatz model file (it does not start with the model "
                                    "file signature)", source_));
      }
      signed_ = true;
    }
    if (header_length_ == 0 && read.size() >= kPrefix) {
      header_length_ = GetLe<std::uint64_t>(read, 12);
      if (header_length_ == 0 || header_length_ > kMaxHeaderBytes) {
        throw DataError(fmt::format("{}: malformed model file: a header of {} bytes (expected 1 to {})",
                                    source_, header_length_, kMaxHeaderBytes));
      }
    }
    if (expected_ == 0 && header_length_ > 0 && read.size() >= kPrefix + header_length_) {
      expected_ = kPrefix + header_length_ + DataExtent(read.substr(kPrefix, header_length_)) + kChecksumBytes;
    }
    if (expected_ > 0 && read.size() > expected_) {
      throw DataError(fmt::format("{}: malformed model file: longer than the {} bytes its header "
                                  "declares", source_, expected_));
    }
  }

 private:
  static constexpr std::uint64_t kMaxHeaderBytes = std::uint64_t{1} << 30;

  // The tensor data's length as the tensor table gives it (ParseModelFile checks the entries).
  std::uint64_t DataExtent(std::string_view header_text) const {
    std::uint64_t extent = 0;
    try {
      const json header = json::parse(header_text);
      for (const auto& entry : header.at("tensors")) {
        const auto offset = JsonInteger<std::uint64_t>(entry.at("offset"), "offset");
        const auto count = JsonInteger<std::uint64_t>(entry.at("count"), "count");
        const std::uint64_t bytes = entry.value("dtype", std::string("f32")) == "u64" ? 8 : 4;
        if (count > (std::uint64_t{1} << 40) || offset > (std::uint64_t{1} << 44)) {
          throw DataError(fmt::format("tensor '{}' does not fit in a model file", entry.value("name", "")));
        }
        extent = std::max<std::uint64_t>(extent, Align64(offset + count * bytes));
      }
    } catch (const json::exception& e) {
      throw DataError(fmt::format("{}: malformed model header: {}", source_, e.what()));
    } catch (const ParameterError& e) {  // an integer field that is not one (JsonInteger)
      throw DataError(fmt::format("{}: malformed model header: {}", source_, e.what()));
    } catch (const DataError& e) {
      throw DataError(fmt::format("{}: malformed model file: {}", source_, e.what()));
    }
    return extent;
  }

  const std::string& source_;
  bool signed_ = false;
  std::uint64_t header_length_ = 0;
  std::uint64_t expected_ = 0;  // the whole file's length, once the header is in
};

}  // namespace

ModelFile ReadModelFile(const std::string& path) {
  ModelStreamCheck check(path);
  return ParseModelFile(ReadFile(path, {.what = "model file", .check_unannounced = std::ref(check)}), path);
}

}  // namespace ersatz
