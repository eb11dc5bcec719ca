#include "evaluate/principal_axes.h"

#include <algorithm>

namespace ersatz::evaluate {

Eigen::MatrixXd PrincipalAxes(const Eigen::MatrixXd& m, Eigen::Index components) {
  const Eigen::Index n = m.rows(), k = m.cols();
  components = std::min({components, k, n});
  if (k <= n) {
    const Eigen::MatrixXd covariance = (m.transpose() * m) / double(n - 1);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(covariance);
    // Eigenvalues come in ascending order: the last columns are the principal axes.
    return solver.eigenvectors().rightCols(components);
  }
  // More columns than rows (a wide table): the k×k eigenproblem costs O(k³), minutes at 5,000
  // columns. The n×n Gram matrix M·Mᵀ has the same nonzero eigenvalues, and Mᵀu is the axis of
  // its eigenvector u: the same axes, exactly, in O(n²k + n³).
  const Eigen::MatrixXd gram = (m * m.transpose()) / double(n - 1);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(gram);
  Eigen::MatrixXd axes = m.transpose() * solver.eigenvectors().rightCols(components);
  for (Eigen::Index a = 0; a < axes.cols(); ++a) {
    const double norm = axes.col(a).norm();
    if (norm > 0) axes.col(a) /= norm;
  }
  return axes;
}

}  // namespace ersatz::evaluate
