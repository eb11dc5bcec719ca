// Errors thrown by the ersatz library. Every message says where (file, line, column, parameter),
// what was expected and what was found; the CLI prints it and maps the type to an exit code.
#pragma once

#include <stdexcept>
#include <string>

namespace ersatz {

// Base of everything the library throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The user's input data is malformed (CSV syntax, encoding, values that do not fit a declared type).
class DataError : public Error {
 public:
  using Error::Error;
};

// A parameter, option or metadata entry is invalid (unknown key, out of range, wrong type).
class ParameterError : public Error {
 public:
  using Error::Error;
};

// A file could not be opened, read, written or renamed.
class IoError : public Error {
 public:
  using Error::Error;
};

}  // namespace ersatz
