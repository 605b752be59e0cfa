// thread_team: one mutex, a start signal per job (the generation number) and a done signal.
#include "bitlens/eval/thread_team.hpp"

#include <stdexcept>
#include <string>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace bitlens {

namespace {

// Spins until ready() or about 0.1 ms have passed (pause is ~40–140 cycles); true if ready.
template <class Ready>
bool spin_until(Ready ready) {
  for (int i = 0; i < 2000; ++i) {
    if (ready()) return true;
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#endif
  }
  return ready();
}

}  // namespace

thread_team::thread_team(unsigned size) {
  if (size == 0) throw std::invalid_argument("thread_team: a team needs at least one member");
  threads_.reserve(size - 1);
  for (unsigned m = 1; m < size; ++m) threads_.emplace_back([this, m] { serve(m); });
}

thread_team::~thread_team() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  start_.notify_all();
  for (auto& t : threads_) t.join();
}

void thread_team::serve(unsigned member) {
  std::size_t seen = 0;
  for (;;) {
    const std::function<void(unsigned)>* job = nullptr;
    spin_until([&] { return stopping_.load() || generation_.load() != seen; });
    {
      std::unique_lock lock(mutex_);
      start_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
      if (member >= members_) continue;  // not needed for this job
      job = job_;
    }
    std::exception_ptr error;
    try {
      (*job)(member);
    } catch (...) {
      error = std::current_exception();
    }
    std::lock_guard lock(mutex_);
    if (error && !error_) error_ = error;
    if (--pending_ == 0) done_.notify_one();
  }
}

void thread_team::run(unsigned members, const std::function<void(unsigned)>& job) {
  if (members == 0 || members > size()) {
    throw std::invalid_argument("thread_team::run: " + std::to_string(members) + " members asked of a team of " + std::to_string(size()));
  }
  if (members > 1) {
    std::lock_guard lock(mutex_);
    job_ = &job;
    members_ = members;
    pending_ = members - 1;
    error_ = nullptr;
    ++generation_;
  }
  if (members > 1) start_.notify_all();
  std::exception_ptr error;
  try {
    job(0);
  } catch (...) {
    error = std::current_exception();
  }
  if (members > 1) {
    spin_until([&] { return pending_.load() == 0; });
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return pending_ == 0; });
    if (!error) error = error_;
    job_ = nullptr;
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace bitlens
