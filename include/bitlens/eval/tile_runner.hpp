// The one tile × thread runner of the evaluators (tape, lane tape, compiled gates): a run over
// num_tiles tiles puts `members` threads to work, member m taking the tiles t ≡ m (mod members).
// The threads are a thread_team's: the caller's (eval_params::team), reused from run to run — a
// trainer that evaluates thousands of times holds one — or, without one, a team started for the
// run. Exceptions thrown by the work reach the caller.
#pragma once

#include "bitlens/eval/tape.hpp"

#include <cstddef>
#include <functional>

namespace bitlens {

/// The members a run over `num_tiles` tiles uses: ep.threads (0: the team's size when ep.team is
/// set, else one per hardware thread), at most the team's size, at most num_tiles, at least 1.
unsigned run_members(const eval_params& ep, std::size_t num_tiles);

/// Calls work(m) for every member m < members and returns when all have returned: on ep.team when
/// set (members must not exceed its size), else on a team started for this call (none for one
/// member). The first exception thrown is rethrown.
void run_on_members(const eval_params& ep, unsigned members, const std::function<void(unsigned)>& work);

}  // namespace bitlens
