#include "production_fixture.hpp"

#include "pg_environment.hpp"
#include "runner/migrate.hpp"

#include <pqxx/pqxx>

namespace production_test {

Project::Project() {
    m_dir.write("0001_orgs_users.sql",
                "CREATE TABLE IF NOT EXISTS orgs (id bigint PRIMARY KEY, name text NOT NULL);\n"
                "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, email text NOT NULL);\n"
                "ALTER TABLE orgs ENABLE ROW LEVEL SECURITY;\n");
    m_dir.write("0002_memberships.sql",
                "CREATE TABLE IF NOT EXISTS memberships (org_id bigint NOT NULL, user_id bigint NOT NULL,\n"
                "    PRIMARY KEY (org_id, user_id));\n");
    m_dir.write("0003_invites.sql",
                "CREATE TABLE IF NOT EXISTS invites (id bigint PRIMARY KEY, org_id bigint NOT NULL, email text);\n");
    m_dir.write(
        "required_schema.yaml",
        "tables:\n"
        "  orgs: {required: [id, name], rls: true}\n"
        "  users: {required: [id, email]}\n"
        "  memberships: {required: [org_id, user_id], primary_key: [org_id, user_id]}\n"
        "checks:\n"
        "  - name: orphaned_invites\n"
        "    sql: SELECT i.id, i.org_id FROM invites i WHERE NOT EXISTS (SELECT 1 FROM orgs o WHERE o.id = i.org_id)\n"
        "    description: every invite belongs to an existing org\n");
}

gate::RequiredSchema Project::required() const {
    return gate::load_required_schema(m_dir.path() / "required_schema.yaml");
}

std::string production_database(Project& project) {
    std::string url = runner_test::fresh_database();
    core::Report report = runner::migrate(url, project.set(), {});
    if (report.migration_failed) { throw std::runtime_error("the project's migrations failed"); }
    return url;
}

void exec(const std::string& url, const std::string& sql) {
    pqxx::connection cx(url);
    pqxx::work tx(cx);
    tx.exec(sql);
    tx.commit();
}

std::string query(const std::string& url, const std::string& sql) {
    pqxx::connection cx(url);
    pqxx::nontransaction tx(cx);
    pqxx::result rows = tx.exec(sql);
    return rows.empty() || rows[0][0].is_null() ? "" : rows[0][0].c_str();
}

gate::ProductionOptions gate_options(const Project& project, const std::string& url, bool drift) {
    gate::ProductionOptions options;
    options.database_url = url;
    options.required = project.required();
    options.drift = drift;
    return options;
}

std::vector<core::Finding> findings_of(const core::Report& report, const std::string& rule) {
    std::vector<core::Finding> out;
    for (const core::Finding& f : report.findings) {
        if (f.rule == rule) { out.push_back(f); }
    }
    return out;
}

}  // namespace production_test
