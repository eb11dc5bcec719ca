// ersatz_make_numeric_csv PATH MEGABYTES: writes the benchmarks' numeric CSV to a file, in
// 16 MiB pieces, for the end-to-end timing in scripts/bench.sh.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "numeric_csv.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s PATH MEGABYTES\n", argv[0]);
    return 2;
  }
  const std::size_t total = std::strtoull(argv[2], nullptr, 10) << 20;
  std::FILE* f = std::fopen(argv[1], "wb");
  if (f == nullptr) {
    std::perror(argv[1]);
    return 1;
  }
  std::uint64_t rng = 42;
  std::string piece = ersatz::bench::NumericCsvHeader();
  std::size_t written = 0;
  while (written < total) {
    ersatz::bench::AppendNumericCsvRows(16 << 20, &rng, &piece);
    if (std::fwrite(piece.data(), 1, piece.size(), f) != piece.size()) {
      std::perror(argv[1]);
      return 1;
    }
    written += piece.size();
    piece.clear();
  }
  return std::fclose(f) == 0 ? 0 : 1;
}
