// The files one command reads and writes, checked together before any work starts: an output
// never replaces an input or another output, however either is spelled (./a.csv, an absolute
// path, a symbolic or hard link), and every output can be created where it is asked for, so a
// long job cannot fail at its end for a reason known at its start.
#pragma once

#include <string>
#include <vector>

namespace ersatz {

struct NamedFile {
  std::string path;
  std::string label;  // how the user named it, for messages: "--output", "the input file"
};

struct CommandFiles {
  std::vector<NamedFile> inputs;   // read (or, like a key file, read when present, else created)
  std::vector<NamedFile> outputs;  // written whole through AtomicOutputFile
};

// Two paths name the same file when both exist and share device and inode (links followed), or
// when neither exists and their folders resolve to the same place under the same name.
// ParameterError when an output is the same file as an input or as another output; IoError when
// an output names a folder or something else than a regular file, or its folder is missing or
// no file can be created there (tried). Inputs that do not exist are left to the reader's own error.
void CheckCommandFiles(const CommandFiles& files);

}  // namespace ersatz
