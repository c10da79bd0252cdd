#include "pg_environment.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <memory>

namespace runner_test {
namespace {

std::unique_ptr<runner::LocalCluster> g_cluster;
int g_databases = 0;

// The cluster starts on first use (ctest runs each test in its own process, and not every
// test needs it) and stops when the test binary ends.
class PgEnvironment : public ::testing::Environment {
public:
    void TearDown() override { g_cluster.reset(); }
};

const auto* const k_registered = ::testing::AddGlobalTestEnvironment(new PgEnvironment);

}  // namespace

runner::LocalCluster& cluster() {
    if (!g_cluster) { g_cluster = std::make_unique<runner::LocalCluster>(); }
    return *g_cluster;
}

std::string fresh_database() {
    std::string name = "t_" + std::to_string(++g_databases);
    pqxx::connection cx(cluster().conninfo("postgres"));
    pqxx::nontransaction tx(cx);
    tx.exec("CREATE DATABASE " + name + " TEMPLATE template0");
    return cluster().conninfo(name);
}

}  // namespace runner_test
