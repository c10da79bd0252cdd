#pragma once
// Static lock findings checked against the lock trace (ARCHITECTURE.md, "Lock trace"): a
// lint finding of a rule that predicts a lock (and a rewrite or a full scan), on a statement
// the runner traced, is "confirmed" when the server did it and "not-observed" otherwise;
// a not-observed finding is downgraded to info and its message says what the server did.

#include "core/report.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace runner {

/// What a lint rule says its statement does on the server.
struct LockPrediction {
    std::string_view mode;  ///< the docs' name; any mode that covers it confirms (core::lock_mode_covers)
    bool rewrite = false;   ///< and it rewrites a table
    bool scan = false;      ///< and it scans a table in full
};

/// The prediction of lint rule `rule`; nullopt for a rule that predicts no lock.
std::optional<LockPrediction> lock_prediction(std::string_view rule);

/// Sets `trace`/`observed` on every lint finding of a predicting rule whose line lies in a
/// traced statement of its file (not one that ran outside a transaction, whose locks the
/// trace cannot see), downgrading not-observed ones to info. A statement that
/// took no new lock runs under those its migration already holds: a covering one held since
/// an earlier statement confirms (the server does not show a lock taken twice). Then drops the
/// `table-rewrite` findings a confirmed rewrite-predicting finding already reports.
void confirm_lock_findings(core::Report& report);

}  // namespace runner
