// The first principal axes of a centred data matrix, for the SQS deep-structure score: from the
// k×k covariance when there are at least as many rows as columns, else from the n×n Gram matrix,
// which gives the same axes without the O(k³) eigenproblem of a wide table.
#pragma once

#include <Eigen/Dense>

namespace ersatz::evaluate {

// `m`: n rows × k columns, centred; the result: k × min(components, k, n) unit axes, the first
// principal axis last (ascending eigenvalues, as Eigen gives them).
Eigen::MatrixXd PrincipalAxes(const Eigen::MatrixXd& m, Eigen::Index components);

}  // namespace ersatz::evaluate
