#include "common/system_memory.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>

#include "ersatz/error.h"

namespace ersatz {

namespace {

// A cgroup's limit (v2 memory.max, then v1), when one is set: sysconf reports the host's memory,
// which a container may be far from allowed to use.
std::optional<std::size_t> CgroupLimit() {
  for (const char* path : {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
    std::ifstream in(path);
    std::string text;
    if (!(in >> text) || text == "max") continue;
    const auto limit = ParseMemorySize(text);
    if (limit) return limit;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::size_t> ParseMemorySize(std::string_view text) {
  std::string number(text);
  double scale = 1;
  if (!number.empty()) {
    const char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(number.back())));
    const std::string_view units = "KMGT";
    if (const auto at = units.find(unit); at != std::string_view::npos) {
      scale = std::pow(1024.0, static_cast<double>(at + 1));
      number.pop_back();
    }
  }
  if (number.empty() || number.find_first_not_of("0123456789.") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(number.c_str(), &end) * scale;
  if (end != number.c_str() + number.size() || !(value >= 1)) return std::nullopt;
  // A cgroup without a limit says so with a number near 2^63; anything past 2^62 is no limit.
  return static_cast<std::size_t>(std::min(value, std::ldexp(1.0, 62)));
}

std::size_t AvailableMemory() {
  if (const char* env = std::getenv("ERSATZ_MEMORY"); env != nullptr && *env != 0) {
    const auto size = ParseMemorySize(env);
    if (!size) {
      throw ParameterError(fmt::format(
          "ERSATZ_MEMORY={}: expected the memory ersatz may use, in bytes or with K, M, G or T (8G)", env));
    }
    return *size;
  }
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page = sysconf(_SC_PAGE_SIZE);
  std::size_t memory = pages > 0 && page > 0 ? static_cast<std::size_t>(pages) * static_cast<std::size_t>(page)
                                             : std::size_t{16} << 30;  // unknown: a 16 GiB machine
  if (const auto limit = CgroupLimit()) memory = std::min(memory, *limit);
  return memory;
}

std::size_t HalfTheAvailableMemory() { return AvailableMemory() / 2; }

}  // namespace ersatz
