#include "common/command_files.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/output_registry.h"
#include "ersatz/error.h"

namespace ersatz {

namespace {

// An existing file is known by device and inode, so every spelling and link of it agrees; a file
// still to be created, by the resolved path it will have.
struct FileIdentity {
  bool exists = false;
  dev_t device = 0;
  ino_t inode = 0;
  std::string resolved;
};

FileIdentity IdentityOf(const std::string& path) {
  FileIdentity id;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    id.exists = true;
    id.device = st.st_dev;
    id.inode = st.st_ino;
    return id;
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  const fs::path resolved = fs::weakly_canonical(absolute, ec);
  id.resolved = (ec ? absolute.lexically_normal() : resolved).string();
  return id;
}

bool Same(const FileIdentity& a, const FileIdentity& b) {
  if (a.exists != b.exists) return false;
  return a.exists ? a.device == b.device && a.inode == b.inode : a.resolved == b.resolved;
}

// AtomicOutputFile writes a temporary beside the output's name and renames it into place: the
// name must be free for a regular file, and its folder writable.
void CheckCanWrite(const NamedFile& out) {
  const std::string where = fmt::format("{} {}", out.label, out.path);
  // "-" is standard output to most tools; here it would quietly become a file named "-".
  if (out.path == "-") {
    throw ParameterError(fmt::format(
        "{}: outputs are written whole to a named file (so that a failed run leaves none), not "
        "to standard output; name a file, e.g. out.csv",
        where));
  }
  struct stat st {};
  const bool exists = ::stat(out.path.c_str(), &st) == 0;
  if (out.path.back() == '/' || (exists && S_ISDIR(st.st_mode))) {
    throw IoError(fmt::format("{}: is a folder; expected the name of a file to write", where));
  }
  if (exists && !S_ISREG(st.st_mode)) {
    throw IoError(fmt::format(
        "{}: is not a regular file (a device, pipe or socket); outputs are written whole to a "
        "new file",
        where));
  }
  std::string folder = std::filesystem::path(out.path).parent_path().string();
  if (folder.empty()) folder = ".";
  if (::stat(folder.c_str(), &st) != 0) {
    if (errno == ENOENT) throw IoError(fmt::format("{}: the folder {} does not exist", where, folder));
    throw IoError(fmt::format("{}: cannot reach the folder {}: {}", where, folder, std::strerror(errno)));
  }
  if (!S_ISDIR(st.st_mode)) throw IoError(fmt::format("{}: {} is not a folder", where, folder));
  // The temporary itself, made and removed: what permissions, a read-only disk or a name too long
  // for the temporary's suffix would refuse at the end of the job is refused now.
  const TemporaryFile probe = CreateTemporaryBeside(out.path);
  if (probe.fd < 0) {
    throw IoError(fmt::format("{}: cannot create a file in the folder {}: {}", where, folder,
                              std::strerror(probe.error)));
  }
  ::close(probe.fd);
  ::unlink(probe.path.c_str());
  MarkTemporaryRemoved(probe.slot);
}

}  // namespace

void CheckCommandFiles(const CommandFiles& files) {
  std::vector<FileIdentity> inputs, outputs;
  for (const NamedFile& f : files.inputs) inputs.push_back(IdentityOf(f.path));
  for (const NamedFile& f : files.outputs) outputs.push_back(IdentityOf(f.path));
  for (std::size_t o = 0; o < outputs.size(); ++o) {
    const NamedFile& out = files.outputs[o];
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (Same(outputs[o], inputs[i])) {
        throw ParameterError(fmt::format("refusing to write {} {}: it is the same file as {} {}", out.label,
                                         out.path, files.inputs[i].label, files.inputs[i].path));
      }
    }
    for (std::size_t p = 0; p < o; ++p) {
      if (Same(outputs[o], outputs[p])) {
        throw ParameterError(fmt::format("{} {} and {} {} are the same file: give each output its own name",
                                         files.outputs[p].label, files.outputs[p].path, out.label, out.path));
      }
    }
  }
  for (const NamedFile& out : files.outputs) CheckCanWrite(out);
}

}  // namespace ersatz
