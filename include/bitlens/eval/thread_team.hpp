// thread_team: a fixed set of worker threads that run one job at a time, the calling thread taking
// part as member 0. A training step lasts a few milliseconds; creating its threads anew each time
// costs a noticeable share of that, and a team started once costs a wake-up per job instead. Jobs
// usually follow each other within microseconds, so a waiting member spins briefly (≈ 0.1 ms)
// before it blocks: a blocked thread's wake-up costs tens of microseconds.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace bitlens {

class thread_team {
 public:
  /// A team of `size` members (at least 1): size − 1 threads are started here and wait for jobs.
  explicit thread_team(unsigned size);
  /// Stops and joins the threads. Must not be called while run() is in progress.
  ~thread_team();
  thread_team(const thread_team&) = delete;
  thread_team& operator=(const thread_team&) = delete;

  unsigned size() const noexcept { return static_cast<unsigned>(threads_.size()) + 1; }

  /// Calls job(m) for every member m < members (members ≤ size(); member 0 is the calling thread)
  /// and returns when all calls have returned. If calls throw, the first exception caught is
  /// rethrown after all have finished. Not reentrant: one run() at a time.
  void run(unsigned members, const std::function<void(unsigned)>& job);

 private:
  void serve(unsigned member);

  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable start_, done_;
  const std::function<void(unsigned)>* job_ = nullptr;
  // Written under mutex_; atomic so that a spinning member may read them without it.
  unsigned members_ = 0;                     // members taking part in the current job
  std::atomic<unsigned> pending_{0};         // worker threads of the current job still running
  std::atomic<std::size_t> generation_{0};  // counts jobs, so that a worker runs each job once
  std::atomic<bool> stopping_{false};
  std::exception_ptr error_;
};

}  // namespace bitlens
