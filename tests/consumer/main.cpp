// Builds a half adder, differentiates it and evaluates it bit-parallel, then learns the 2-bit adder
// with a LUT network through the training API (the README's example) — all through the installed package.
#include <bitlens/algebra/z2.hpp>
#include <bitlens/eval/tape.hpp>
#include <bitlens/io/generate.hpp>
#include <bitlens/ir/builder.hpp>
#include <bitlens/learn/train.hpp>
#include <bitlens/models/lut_network.hpp>
#include <bitlens/transform/reverse_derivative.hpp>

#include <cstdio>
#include <iostream>

int main() {
  bitlens::circuit_builder<bitlens::z2> b;
  const auto x = b.input("x"), y = b.input("y");
  b.output(b.add(x, y), "s");
  b.output(b.mul(x, y), "c");
  const auto f = b.build();
  const auto rf = bitlens::reverse_derivative(f);
  bitlens::bit_batch in(2, 4);
  for (std::size_t s = 0; s < 4; ++s) in.set(0, s, s & 1), in.set(1, s, s >> 1);
  const auto out = bitlens::evaluate(bitlens::tape(f), in, bitlens::bitvec(0));
  std::cout << "sum " << out.wire(0).to_string() << " carry " << out.wire(1).to_string() << " rdiff nodes "
            << rf.num_nodes() << "\n";
  if (out.wire(0).to_string() != "0110" || out.wire(1).to_string() != "0001") return 1;

  // The README's training example.
  const bitlens::bit_dataset data = bitlens::generate_table("adder", 2);  // the 2-bit adder's truth table
  const auto model = bitlens::make_lut_network(data.num_inputs(), data.num_outputs(), {.k = 4, .widths = {3}}).build();
  bitlens::train_params p;                       // the vote rule by default
  p.budget = {.seconds = 10, .steps = 200000};   // whichever limit comes first
  p.seed = 7;
  p.on_event = [](const bitlens::train_event& e) {
    if (e.kind == bitlens::train_event_kind::best)
      std::printf("step %llu: %llu of %llu bits wrong\n", (unsigned long long)e.steps, (unsigned long long)e.errors,
                  (unsigned long long)e.checked);
    return true;                                 // false ends the run
  };
  bitlens::train_stats st;
  const bitlens::bitvec params = bitlens::train(model, data, p, &st);
  std::printf("%s after %llu steps\n", st.exact ? "exact" : "not exact", (unsigned long long)st.steps);
  return st.exact && bitlens::count_errors(model, params, data) == 0 ? 0 : 1;
}
