#include "common/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
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

std::string ReadFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IoError(fmt::format("{}: cannot open: {}", path, SystemReason()));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw IoError(fmt::format("{}: cannot read: {}", path,
                              S_ISDIR(st.st_mode) ? "is a directory" : SystemReason()));
  }
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(st.st_size));
  std::size_t done = 0;
  while (true) {
    if (done == bytes.size()) bytes.resize(bytes.size() + (1 << 16));  // files that grow / pipes
    const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = SystemReason();
      ::close(fd);
      throw IoError(fmt::format("{}: read failed: {}", path, why));
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  bytes.resize(done);
  return bytes;
}

}  // namespace ersatz
