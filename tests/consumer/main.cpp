// Builds a half adder, differentiates it and evaluates it bit-parallel through the installed package.
#include <bitlens/algebra/z2.hpp>
#include <bitlens/eval/tape.hpp>
#include <bitlens/ir/builder.hpp>
#include <bitlens/transform/reverse_derivative.hpp>

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
  return out.wire(0).to_string() == "0110" && out.wire(1).to_string() == "0001" ? 0 : 1;
}
