#include "common/output_registry.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>

namespace ersatz {

namespace {

constexpr std::string_view kTemporarySuffix = ".tmp-XXXXXX";
constexpr int kSlots = 64;
constexpr std::size_t kMaxPath = 4096;

enum SlotState : int {
  kFree,
  kBusy,       // a thread (with the signals blocked) is filling or reading the slot
  kTemporary,  // `path` is a temporary being written
  kFinished,   // the temporary was renamed into place: its target is whole
  kCleaning,   // the signal handler owns it
};

struct Slot {
  std::atomic<int> state{kFree};
  std::uint64_t finished_order = 0;  // for listing finished outputs oldest first
  std::size_t target_length = 0;     // `path` without the temporary suffix
  char path[kMaxPath] = {};
};
static_assert(std::atomic<int>::is_always_lock_free && std::atomic<bool>::is_always_lock_free,
              "the signal handler needs lock-free atomics");

Slot g_slots[kSlots];
std::atomic<std::uint64_t> g_finished_count{0};
std::atomic<bool> g_stopping{false};  // a handler is running: no new temporaries
bool g_stderr_is_tty = false;

// Blocks SIGINT, SIGTERM and SIGHUP in this thread while it holds a slot kBusy, so the handler
// never waits on a slot that its own thread holds.
class SignalsBlocked {
 public:
  SignalsBlocked() {
    sigset_t set;
    sigemptyset(&set);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, sig);
    pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~SignalsBlocked() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  SignalsBlocked(const SignalsBlocked&) = delete;
  SignalsBlocked& operator=(const SignalsBlocked&) = delete;

 private:
  sigset_t old_;
};

[[noreturn]] void WaitForExit() {
  for (;;) pause();  // the handler running in another thread ends the process
}

// A free slot, else the oldest finished one (forgetting it), set to kBusy; -1 when all are busy.
int ClaimSlot() {
  for (int i = 0; i < kSlots; ++i) {
    int expected = kFree;
    if (g_slots[i].state.compare_exchange_strong(expected, kBusy)) return i;
  }
  while (true) {
    int oldest = -1;
    for (int i = 0; i < kSlots; ++i) {
      if (g_slots[i].state.load() == kFinished &&
          (oldest < 0 || g_slots[i].finished_order < g_slots[oldest].finished_order)) {
        oldest = i;
      }
    }
    if (oldest < 0) return -1;
    int expected = kFinished;
    if (g_slots[oldest].state.compare_exchange_strong(expected, kBusy)) return oldest;
  }
}

// Moves `slot` from kTemporary to `next`; when the handler owns it, waits for the exit.
void LeaveTemporary(int slot, int next) {
  if (slot < 0) return;
  int expected = kTemporary;
  if (!g_slots[slot].state.compare_exchange_strong(expected, next)) WaitForExit();
}

// --- the signal handler: async-signal-safe calls only ---

void Say(const char* text, std::size_t length) {
  while (length > 0) {
    const ssize_t n = ::write(STDERR_FILENO, text, length);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text += n;
    length -= static_cast<std::size_t>(n);
  }
}
void Say(std::string_view text) { Say(text.data(), text.size()); }

std::string_view SignalName(int sig) {
  switch (sig) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
  }
  return "a signal";
}

// A thread between claiming a slot and filling it is inside mkstemp: give it up to a second.
void WaitWhileBusy(const Slot& slot) {
  const timespec pause_for{0, 1'000'000};
  for (int i = 0; i < 1000 && slot.state.load() == kBusy; ++i) nanosleep(&pause_for, nullptr);
}

void OnSignal(int sig) {
  if (g_stopping.exchange(true)) WaitForExit();  // a second signal, maybe on another thread
  if (g_stderr_is_tty) Say("\r\033[K");  // over the progress line
  Say("ersatz: interrupted (");
  Say(SignalName(sig));
  Say(")");
  int removed = 0;
  for (Slot& slot : g_slots) {
    WaitWhileBusy(slot);
    int expected = kTemporary;
    if (!slot.state.compare_exchange_strong(expected, kCleaning)) continue;
    if (::unlink(slot.path) != 0) continue;  // already renamed or removed by its owner
    Say(removed++ == 0 ? ": removed the unfinished output " : ", ");
    Say(slot.path, slot.target_length);
  }
  // The finished outputs, oldest first, without sorting (no allocation here).
  std::uint64_t last = 0;
  for (int listed = 0;; ++listed) {
    const Slot* next = nullptr;
    for (const Slot& slot : g_slots) {
      if (slot.state.load() == kFinished && slot.finished_order > last &&
          (next == nullptr || slot.finished_order < next->finished_order)) {
        next = &slot;
      }
    }
    if (next == nullptr) break;
    Say(listed == 0 ? "; already written, complete: " : ", ");
    Say(next->path, next->target_length);
    last = next->finished_order;
  }
  Say("\n");
  _exit(128 + sig);
}

}  // namespace

TemporaryFile CreateTemporaryBeside(const std::string& target) {
  TemporaryFile temp;
  const std::size_t length = target.size() + kTemporarySuffix.size();
  SignalsBlocked blocked;
  temp.slot = length < kMaxPath ? ClaimSlot() : -1;
  if (g_stopping.load()) WaitForExit();  // the handler has begun: a new temporary would stay
  std::string untracked;  // the name of a temporary the registry has no slot for
  if (temp.slot < 0) untracked.resize(length + 1);
  char* name = temp.slot >= 0 ? g_slots[temp.slot].path : untracked.data();
  std::memcpy(name, target.data(), target.size());
  std::memcpy(name + target.size(), kTemporarySuffix.data(), kTemporarySuffix.size());
  name[length] = '\0';
  temp.fd = mkstemp(name);
  temp.error = errno;
  temp.path.assign(name, length);
  if (temp.slot >= 0) {
    Slot& slot = g_slots[temp.slot];
    slot.target_length = target.size();
    slot.state.store(temp.fd >= 0 ? kTemporary : kFree);
    if (temp.fd < 0) temp.slot = -1;
  }
  return temp;
}

void MarkTemporaryFinished(int slot) {
  if (slot < 0) return;
  g_slots[slot].finished_order = g_finished_count.fetch_add(1) + 1;
  LeaveTemporary(slot, kFinished);
}

void MarkTemporaryRemoved(int slot) { LeaveTemporary(slot, kFree); }

std::vector<std::string> FinishedOutputs() {
  std::vector<std::pair<std::uint64_t, std::string>> found;
  SignalsBlocked blocked;
  for (Slot& slot : g_slots) {
    int expected = kFinished;
    if (!slot.state.compare_exchange_strong(expected, kBusy)) continue;
    found.emplace_back(slot.finished_order, std::string(slot.path, slot.target_length));
    slot.state.store(kFinished);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> paths;
  for (auto& [order, path] : found) paths.push_back(std::move(path));
  return paths;
}

void ForgetFinishedOutputs() {
  for (Slot& slot : g_slots) {
    int expected = kFinished;
    slot.state.compare_exchange_strong(expected, kFree);
  }
}

void InstallInterruptCleanup() {
  g_stderr_is_tty = isatty(STDERR_FILENO) == 1;
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&action.sa_mask, sig);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    // A job started in the background or under nohup ignores these on purpose: keep it so.
    if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    sigaction(sig, &action, nullptr);
  }
}

}  // namespace ersatz
