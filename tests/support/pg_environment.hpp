#pragma once
// One ephemeral cluster per test binary (a GoogleTest Environment); each test gets its
// own database from fresh_database().

#include "runner/local_cluster.hpp"

#include <string>

namespace runner_test {

/// The shared cluster, started on first use and stopped when the test binary ends.
runner::LocalCluster& cluster();

/// Creates an empty database "t_<n>" and returns its conninfo.
std::string fresh_database();

}  // namespace runner_test
