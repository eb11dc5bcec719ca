#include <iostream>

#include "cli/verb.h"

int main(int argc, char** argv) {
  return ersatz::cli::RunCommandLine(argc, argv, std::cout, std::cerr);
}
