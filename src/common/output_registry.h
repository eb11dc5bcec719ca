// The process's outputs, as AtomicOutputFile creates and finishes them: temporaries still being
// written, removed when SIGINT, SIGTERM or SIGHUP stops the process, and the outputs already
// finished, named when a signal or a later error stops the job, so the user knows what is whole.
//
// The handler only touches a fixed table of slots through lock-free atomics and calls unlink,
// write and _exit: nothing that allocates or locks, so it is safe whatever thread (OpenMP
// workers included) the signal lands on.
#pragma once

#include <string>
#include <vector>

namespace ersatz {

struct TemporaryFile {
  int fd = -1;     // open for writing; -1 on failure, with `error` the errno
  int error = 0;
  std::string path;  // "<target>.tmp-XXXXXX"
  int slot = -1;     // in the registry; -1 when untracked (table full, path too long)
};

// Creates "<target>.tmp-XXXXXX" (mode 0600) beside `target` and registers it for removal on a signal.
TemporaryFile CreateTemporaryBeside(const std::string& target);
// The temporary of `slot` was renamed into place: from now on its target counts as finished.
void MarkTemporaryFinished(int slot);
// The temporary of `slot` was removed (the output was abandoned).
void MarkTemporaryRemoved(int slot);

// Targets finished since the last ForgetFinishedOutputs(), oldest first.
std::vector<std::string> FinishedOutputs();
void ForgetFinishedOutputs();

// SIGINT, SIGTERM and SIGHUP (unless the process was started ignoring them) remove every
// registered temporary, print "ersatz: interrupted (SIGINT): removed the unfinished output X"
// (and the outputs already finished) and exit with 128 + the signal number.
void InstallInterruptCleanup();

}  // namespace ersatz
