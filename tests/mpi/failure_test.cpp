// Run under mpirun with 2 or more processes: process 1 fails in the middle of data-parallel training
// (its report callback throws) while the others wait in the step's collective. The process that
// fails must end the whole run with a clear message and a non-zero exit code, never leave the
// others waiting (tests/mpi/run_failure.sh checks the message and the exit code under a timeout).
#include "bitlens/learn/gate_train.hpp"
#include "bitlens/learn/mpi_processes.hpp"
#include "bitlens/models/gate_layers.hpp"
#include "support/gate_toy.hpp"

#include <exception>
#include <stdexcept>

using namespace bitlens;

int main(int argc, char** argv) {
  mpi_processes group(argc, argv);
  try {
    const auto data = test::make_gate_toy(2000, 5);
    gate_train_params p;
    p.classes = 4;
    p.batch = 256;
    p.budget = {.epochs = 1000};
    p.report_every = 512;
    p.threads = 1;
    p.processes = &group;
    p.on_event = [&](const train_event& r) {
      if (group.rank() == 1 && r.samples > 2000) throw std::runtime_error("the data of this process went missing");
      return true;
    };
    auto net = make_gate_layers(24, {.layers = 2, .width = 16, .seed = 3});
    bitlens::train(net, {data.inputs, data.labels}, p);
  } catch (const std::exception& e) {
    group.abort_all("failure_test", std::string("error: ") + e.what(), 3);
  }
  return 0;
}
