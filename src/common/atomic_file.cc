#include "common/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <vector>

#include "common/output_registry.h"
#include "ersatz/error.h"

namespace ersatz {

namespace {
std::string SystemReason() { return std::strerror(errno); }
}  // namespace

AtomicOutputFile::AtomicOutputFile(std::string path, Mode mode) : path_(std::move(path)), mode_(mode) {
  TemporaryFile temp = CreateTemporaryBeside(path_);
  if (temp.fd < 0) {
    throw IoError(fmt::format("{}: cannot create output file: {}", path_, std::strerror(temp.error)));
  }
  temp_path_ = std::move(temp.path);
  slot_ = temp.slot;
  if (mode_ == Mode::kReplace) {
    // mkstemp makes the file 0600; give it the usual permissions (0666 less the umask).
    const mode_t mask = umask(0);
    umask(mask);
    fchmod(temp.fd, 0666 & ~mask);
  }
  file_ = fdopen(temp.fd, "wb");
  if (file_ == nullptr) {
    const std::string why = SystemReason();
    ::close(temp.fd);
    Abandon();
    throw IoError(fmt::format("{}: cannot open output file: {}", path_, why));
  }
}

AtomicOutputFile::~AtomicOutputFile() {
  if (file_ != nullptr) {
    std::fclose(file_);
    Abandon();
  }
}

void AtomicOutputFile::Abandon() {
  ::unlink(temp_path_.c_str());
  MarkTemporaryRemoved(slot_);
}

void AtomicOutputFile::Write(std::string_view bytes) {
  if (bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    throw IoError(fmt::format("{}: write failed: {}", path_, SystemReason()));
  }
}

void AtomicOutputFile::Commit() {
  std::FILE* f = file_;
  file_ = nullptr;
  const bool flushed = std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
  const std::string reason = flushed ? "" : SystemReason();
  const bool closed = std::fclose(f) == 0;
  if (!flushed || !closed) {
    const std::string why = flushed ? SystemReason() : reason;
    Abandon();
    throw IoError(fmt::format("{}: write failed: {}", path_, why));
  }
  // A secret is linked into place, which fails if the name was taken meanwhile, then unlinked.
  const bool placed = mode_ == Mode::kReplace ? std::rename(temp_path_.c_str(), path_.c_str()) == 0
                                              : ::link(temp_path_.c_str(), path_.c_str()) == 0;
  if (!placed) {
    const std::string why = SystemReason();
    Abandon();
    throw IoError(fmt::format("{}: cannot move the finished file into place: {}", path_, why));
  }
  if (mode_ == Mode::kSecretCreate) ::unlink(temp_path_.c_str());
  MarkTemporaryFinished(slot_);
}

void WriteFileAtomically(const std::string& path, std::string_view bytes) {
  AtomicOutputFile out(path);
  out.Write(bytes);
  out.Commit();
}

std::string ReadFile(const std::string& path, const ReadLimits& limits) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IoError(fmt::format("{}: cannot open: {}", path, SystemReason()));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    throw IoError(fmt::format("{}: cannot read: {}", path,
                              S_ISDIR(st.st_mode) ? "is a directory" : SystemReason()));
  }
  auto too_large = [&] {
    return DataError(fmt::format("{}: larger than {} bytes, the most a {} can be{}", path,
                                 limits.max_bytes, limits.what, limits.why));
  };
  const auto announced = static_cast<std::size_t>(std::max<off_t>(0, st.st_size));
  if (announced > limits.max_bytes) throw too_large();
  // One byte past the limit tells a file of exactly max_bytes from a longer one.
  const std::size_t cap = limits.max_bytes + (limits.max_bytes < std::numeric_limits<std::size_t>::max());
  std::string bytes;
  bytes.resize(announced);
  std::size_t done = 0;
  while (true) {
    // Files that grow, pipes and devices: 64 KiB more at a time, never past the cap.
    if (done == bytes.size()) {
      if (done > limits.max_bytes) throw too_large();
      bytes.resize(std::min(bytes.size() + (1 << 16), cap));
    }
    const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw IoError(fmt::format("{}: read failed: {}", path, SystemReason()));
    }
    if (n == 0) break;
    const std::size_t from = done;
    done += static_cast<std::size_t>(n);
    if (done > announced && limits.check_unannounced) {
      limits.check_unannounced(std::string_view(bytes.data(), done), std::max(from, announced));
    }
  }
  if (done > limits.max_bytes) throw too_large();
  bytes.resize(done);
  return bytes;
}

std::string ReadTextFile(const std::string& path, std::string_view what, std::size_t max_bytes) {
  auto refuse_nul = [&](std::string_view read, std::size_t from) {
    const std::size_t nul = read.find('\0', from);
    if (nul == std::string_view::npos) return;
    const std::string_view before = read.substr(0, nul);
    const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
    throw DataError(fmt::format("{}:{}:{}: NUL byte: a binary file, expected {} text", path,
                                1 + std::count(before.begin(), before.end(), '\n'),
                                1 + nul - line_start, what));
  };
  // These files hold parameters: a bad one is a usage error, like a bad value in it.
  try {
    std::string text = ReadFile(path, {.max_bytes = max_bytes, .what = what, .check_unannounced = refuse_nul});
    refuse_nul(text, 0);
    return text;
  } catch (const DataError& e) {
    throw ParameterError(e.what());
  }
}

}  // namespace ersatz
