// A network small enough for finite differences and one-example-at-a-time checks, shared by the
// network tests: three columns, the middle one with two sub-columns, as a digit-encoded number.
#pragma once

#include "models/argn/network.h"

namespace ersatz::argn {

inline NetworkShape SmallShape() {
  NetworkShape s;
  s.cardinality = {3, 2, 4, 5};
  s.column_of = {0, 1, 1, 2};
  s.embed_dim = {2, 2, 3, 2};
  s.hidden = {4, 3, 5, 4};
  return s;
}

}  // namespace ersatz::argn
