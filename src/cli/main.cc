#include <iostream>

#include "cli/verb.h"
#include "common/output_registry.h"

int main(int argc, char** argv) {
  // Before any thread exists: Ctrl-C or a kill removes the unfinished outputs, never leaves them.
  ersatz::InstallInterruptCleanup();
  return ersatz::cli::RunCommandLine(argc, argv, std::cout, std::cerr);
}
