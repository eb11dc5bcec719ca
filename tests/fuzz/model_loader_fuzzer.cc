// libFuzzer target for the model file loader. The checksum is skipped so mutations reach the
// header and tensor-table parsing behind it; every failure must be an ersatz::Error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ersatz/error.h"
#include "models/model_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const ersatz::ModelFile model = ersatz::ParseModelFile(bytes, "fuzz", /*verify_checksum=*/false);
    for (const auto& t : model.tensors) {
      std::size_t count = 1;
      for (auto d : t.shape) count *= static_cast<std::size_t>(d);
      if (count != t.data.size()) __builtin_trap();
    }
  } catch (const ersatz::Error&) {
  }
  return 0;
}
