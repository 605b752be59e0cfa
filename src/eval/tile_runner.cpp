// The evaluators' one runner: members of the caller's thread team, or of a team of this run.
#include "bitlens/eval/tile_runner.hpp"

#include "bitlens/eval/thread_team.hpp"

#include <algorithm>
#include <thread>

namespace bitlens {

unsigned run_members(const eval_params& ep, std::size_t num_tiles) {
  unsigned members = ep.threads;
  if (members == 0) members = ep.team != nullptr ? ep.team->size() : std::max(1U, std::thread::hardware_concurrency());
  if (ep.team != nullptr) members = std::min(members, ep.team->size());
  return static_cast<unsigned>(std::clamp<std::size_t>(num_tiles, 1, members));
}

void run_on_members(const eval_params& ep, unsigned members, const std::function<void(unsigned)>& work) {
  if (members <= 1) {
    work(0);
  } else if (ep.team != nullptr) {
    ep.team->run(members, work);
  } else {
    thread_team team(members);
    team.run(members, work);
  }
}

}  // namespace bitlens
