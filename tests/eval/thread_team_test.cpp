// thread_team: every member runs each job once, teams are reused across many jobs, fewer members
// than the team may be asked for, and a member's exception reaches the caller; and the evaluators'
// runner on it (eval/tile_runner.hpp).
#include "bitlens/eval/thread_team.hpp"
#include "bitlens/eval/tile_runner.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <vector>

using namespace bitlens;

TEST_CASE("thread team: each asked member runs each job exactly once", "[eval][thread_team]") {
  thread_team team(3);
  REQUIRE(team.size() == 3);
  std::vector<std::atomic<int>> runs(3);
  for (int job = 0; job < 500; ++job) {
    const unsigned members = 1 + static_cast<unsigned>(job % 3);
    team.run(members, [&](unsigned m) { runs[m].fetch_add(1); });
    for (unsigned m = 0; m < 3; ++m) {
      // Member m has run once for every job so far that asked for more than m members.
      int expected = 0;
      for (int j = 0; j <= job; ++j) expected += (1 + j % 3) > static_cast<int>(m) ? 1 : 0;
      REQUIRE(runs[m].load() == expected);
    }
  }
}

TEST_CASE("thread team: member 0 is the calling thread, the others run concurrently", "[eval][thread_team]") {
  thread_team team(2);
  const auto caller = std::this_thread::get_id();
  std::thread::id seen[2];
  std::atomic<int> arrived{0};
  team.run(2, [&](unsigned m) {
    seen[m] = std::this_thread::get_id();
    arrived.fetch_add(1);
    while (arrived.load() < 2) std::this_thread::yield();  // would hang if the members ran one after the other
  });
  REQUIRE(seen[0] == caller);
  REQUIRE(seen[1] != caller);
}

TEST_CASE("thread team: exceptions reach the caller after every member finished", "[eval][thread_team]") {
  thread_team team(2);
  std::atomic<int> finished{0};
  REQUIRE_THROWS_WITH(team.run(2,
                               [&](unsigned m) {
                                 finished.fetch_add(1);
                                 if (m == 1) throw std::runtime_error("member 1 failed");
                               }),
                      "member 1 failed");
  REQUIRE(finished.load() == 2);
  REQUIRE_THROWS_WITH(team.run(2, [](unsigned m) { if (m == 0) throw std::logic_error("caller failed"); }), "caller failed");
  // The team still works after a failed job.
  std::atomic<int> runs{0};
  team.run(2, [&](unsigned) { runs.fetch_add(1); });
  REQUIRE(runs.load() == 2);
}

TEST_CASE("thread team: bad sizes are refused", "[eval][thread_team]") {
  REQUIRE_THROWS_AS(thread_team(0), std::invalid_argument);
  thread_team team(2);
  REQUIRE_THROWS_WITH(team.run(3, [](unsigned) {}), "thread_team::run: 3 members asked of a team of 2");
  REQUIRE_THROWS_AS(team.run(0, [](unsigned) {}), std::invalid_argument);
}

TEST_CASE("the evaluators' runner: members clamped to the tiles and the team, exceptions reach the caller", "[eval][thread_team]") {
  thread_team team(2);
  CHECK(run_members({.threads = 4}, 3) == 3);
  CHECK(run_members({.threads = 4}, 0) == 1);
  CHECK(run_members({.threads = 4, .team = &team}, 100) == 2);
  CHECK(run_members({.team = &team}, 100) == 2);
  CHECK(run_members({.threads = 1, .team = &team}, 100) == 1);
  for (thread_team* t : {static_cast<thread_team*>(nullptr), &team}) {
    std::vector<int> ran(2, 0);
    run_on_members({.team = t}, 2, [&](unsigned m) { ran[m] += 1; });
    CHECK(ran == std::vector<int>{1, 1});
    CHECK_THROWS_WITH(run_on_members({.team = t}, 2, [](unsigned m) {
                        if (m == 1) throw std::runtime_error("member 1 failed");
                      }),
                      "member 1 failed");
  }
}
