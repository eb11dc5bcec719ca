// The model file: versioned, self-describing and checksummed (DESIGN.md principle 6).
//
//   bytes 0..7    magic "ERSATZ\x00M"
//   bytes 8..11   format version, uint32 little-endian (kModelFormatVersion)
//   bytes 12..19  header length H, uint64 little-endian
//   bytes 20..    header: H bytes of UTF-8 JSON — schema, encoders, training metadata, and the
//                 tensor table [{"name", "shape", "offset", "count"}] (offsets into the data)
//   then          tensor data, each tensor at its offset: float32 little-endian, or uint64
//                 little-endian for tensors marked "dtype": "u64" (keyed row hashes)
//   last 4 bytes  CRC-32 (zlib) of everything before it
//
// Loading checks each of these and says which one failed; it never trusts a length or an offset
// from the file before checking it against the file's size.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace ersatz {

// Version 2 added uint64 tensors, version 3 mapping constraints, learned exceptions and ratios
// (discovered rules); versions 1 and 2 are still read.
inline constexpr std::uint32_t kModelFormatVersion = 3;

enum class TensorType { kFloat32, kUint64 };

struct Tensor {
  std::string name;
  std::vector<std::int64_t> shape;
  std::vector<float> data;  // kFloat32: row-major, product(shape) values
  TensorType type = TensorType::kFloat32;
  std::vector<std::uint64_t> words;  // kUint64: product(shape) values
};

struct ModelFile {
  nlohmann::json header = nlohmann::json::object();
  std::vector<Tensor> tensors;
  const Tensor* Find(std::string_view name) const;
};

std::string SerializeModelFile(const ModelFile& model);
// Writes atomically (temporary + rename).
void WriteModelFile(const std::string& path, const ModelFile& model);

// DataError naming `source` for a file that is not a model, truncated, corrupted (checksum),
// of a newer format version, or internally inconsistent. `verify_checksum` is false only for
// the fuzzer, which must reach the parser behind the checksum.
ModelFile ParseModelFile(std::string_view bytes, const std::string& source,
                         bool verify_checksum = true);
ModelFile ReadModelFile(const std::string& path);

}  // namespace ersatz
