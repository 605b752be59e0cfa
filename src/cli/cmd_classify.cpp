// bitlens classify train|test|export: gate-network classifiers from the command line — trained on
// labelled bits with a validation split that chooses the model, tested once on new data, exported
// as a netlist or a C function.
#include "bitlens/algebra/error.hpp"
#include "bitlens/algebra/row_split.hpp"
#include "bitlens/eval/gate_inference.hpp"
#include "bitlens/io/file.hpp"
#include "bitlens/io/idx.hpp"
#include "bitlens/io/labelled_bits.hpp"
#include "bitlens/io/netlist.hpp"
#include "bitlens/io/truth_table.hpp"
#include "bitlens/learn/gate_relax.hpp"
#include "bitlens/learn/gate_train.hpp"
#include "bitlens/learn/group_sum.hpp"
#include "bitlens/learn/input_views.hpp"
#include "bitlens/models/gate_classifier.hpp"
#include "bitlens/models/gate_layers.hpp"
#include "commands.hpp"
#include "learn_support.hpp"
#include "progress.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iostream>
#include <numeric>
#include <random>
#include <set>
#include <sstream>

namespace bitlens::cli {

namespace {
// The mode of a classify command line is its action; an unknown action is reported before anything else.
std::string classify_action(const parsed_args& args) {
  const std::string& action = args.positionals()[0];
  if (action != "train" && action != "test" && action != "export" && action != "merge") {
    throw usage_error("the action must be train, test, export or merge, got '" + action + "'");
  }
  return action;
}
}  // namespace

const command_spec& classify_spec() {
  static const command_spec spec{
      "classify", "train DATA | test MODEL DATA | export MODEL | merge MODEL MODEL...",
      "Train a gate-network classifier on labelled bits, test it on new data, export it, or merge an ensemble.", 2, 1000,
      {{"out", "FILE", "train, merge: where to save the model; export: .c (a C function), .aig, .aag, .blif, .v, .circ or .dot", any_text(), {"train", "export", "merge"}},
       {"valid", "DATA", "validation samples that choose the model (default: --valid-split of DATA)", any_text(), {"train"}},
       {"valid-split", "F", "hold out this fraction of DATA for validation (default 0.1)", real_in(0.001, 0.9), {"train"}},
       {"layers", "L", "layers of gates (default 6)", integer_in(1, 1000), {"train"}},
       {"width", "W", "gates per layer, a multiple of the classes (default 8000)", integer_in(1, 1 << 22), {"train"}},
       {"time-limit", "S", "seconds of training (default 60)", real_in(0.001, 1e7), {"train"}},
       {"epochs", "N", "at most N passes over the data (default 1000)", integer_in(1, INT64_MAX), {"train"}},
       {"method", "KIND", "relax (default: the relaxation over the reals, Adam on each gate's 16 logits, difflogic's method) or flips (the Z2 rule: table entries flipped by counted gain; about 40x the samples per second, lower accuracy)", one_of({"relax", "flips"}), {"train"}},
       {"batch", "N", "samples per step (default 256 for relax, 1024 for flips)", integer_in(1, 1 << 24), {"train"}},
       {"learning-rate", "F", "relax: Adam's step size on the logits (default 0.01)", real_in(1e-9, 100), {"train"}},
       {"final-learning-rate", "F", "relax: anneal the step size geometrically to F by the end of the budget (default: no annealing)", real_in(1e-12, 100), {"train"}},
       {"tau", "F", "relax: group-sum temperature, scores are group sums / F (default sqrt(gates per class / 8): 10 for 8000 gates and 10 classes)", real_in(1e-6, 1e9), {"train"}},
       {"shift", "N", "relax: show every training sample shifted by up to N pixels each way, at random per epoch (augmentation; default 0); the images' shape comes from IDX files or --image", integer_in(0, 64), {"train"}},
       {"local", "R", "the first layer's gates read two bits of pixels at most R rows and columns apart (local wiring, a convolution's prior; default 0: anywhere); the images' shape comes from IDX files or --image", integer_in(0, 1 << 20), {"train"}},
       {"mirror", "", "relax: also show every training image mirrored left to right (augmentation for pictures of things, not digits)", {}, {"train"}},
       {"image", "RxC", "the samples are images of R rows and C columns, R x C x bits-per-pixel bits (for --shift, --mirror and --local with data that does not say)", any_text(), {"train"}},
       {"flip", "F", "at most F x gates / layers table entries flipped per layer and step (default 0.002)", real_in(1e-9, 1), {"train"}},
       {"final-flip", "F", "anneal --flip geometrically to F by the end of the budget (default: no annealing)", real_in(0, 1), {"train"}},
       {"margin", "N", "hinge margin in bits of a group's score (default 32)", integer_in(0, 1 << 20), {"train"}},
       {"protect-margin", "N", "samples won by less than N bits keep counting against flips that would lose them (default 4 x margin)", integer_in(0, 1 << 22), {"train"}},
       {"gain-decay", "D", "flip by gains accumulated over steps, decayed by D per step (Bop's momentum; default 0: each step's own gains)", real_in(0, 0.9999), {"train"}},
       {"allow-constant", "", "let flips make a gate constant (the earlier rule; by default none does)", {}, {"train"}},
       {"input-fraction", "F", "the first layer reads only bits that are 1 in at least F and at most 1 - F of the training samples (default 0.02)", real_in(0, 0.49), {"train"}},
       {"all-inputs", "", "the first layer may read every bit, constant ones included", {}, {"train"}},
       {"random-init", "F", "fraction of gates starting as a random table instead of a pass-through (default 0)", real_in(0, 1), {"train"}},
       {"report-every", "N", "measure validation accuracy every N samples (default: every epoch)", integer_in(0, INT64_MAX), {"train"}},
       {"seed", "N", "wiring and sample order (default 1)", integer_in(0, INT64_MAX), {"train"}},
       {"metrics", "FILE", "write one JSON line per report (for 'bitlens plot')", any_text(), {"train"}},
       {"threads", "N", "worker threads (default: all); results do not depend on it", integer_in(0, 1024), {"train", "test"}},
       {"levels", "K", "IDX pixels as K thermometer bits each (default 1: a threshold at 128)", integer_in(1, 8), {"train", "test"}},
       {"label", "COLUMN", "CSV data: the label column, by header name or number from 1 (default: the last)", any_text(), {"train", "test"}},
       {"predictions", "FILE", "write the predicted class of every sample, one per line", any_text(), {"test"}},
       {"name", "NAME", "the C function's name (default bitlens_classify)", any_text(), {"export"}},
       {"head", "KIND", "netlists: groups (default: the last layer's gates) or class (the predicted class in binary: popcounts and their argmax)", one_of({"groups", "class"}), {"export"}},
       {"quiet", "", "no progress on standard error"}},
      "DATA is rows of bits then a class label ('0 1 1 ... 0 7'), as a file or as a member of a ZIP\n"
      "archive ('mnist.zip:MNISTTraining.txt'); a .csv of bits with a label column (see --label) and\n"
      "an optional header line; an IDX images file, gzip or not, named like MNIST's\n"
      "('train-images-idx3-ubyte.gz', its labels read from 'train-labels-idx1-ubyte.gz' beside it);\n"
      "or a PLA whose one output is the class (0 or 1) or whose outputs are one-hot classes.\n"
      "train: a network of L layers of W learnable two-input gates reads the bits; the last layer splits\n"
      "into one group per class and the class with the most ones wins. Training (gradient descent\n"
      "driven by reverse derivatives) runs over the reals by default: each gate is a softmax mixture of\n"
      "the 16 two-input functions, Adam updates the mixtures, and each gate then becomes its most likely\n"
      "function (--method relax); or over Z2, flipping table entries by their counted gain (--method\n"
      "flips). Class accuracy of the discrete network on the validation samples is measured at every\n"
      "report; the model saved is the one that scored best there.\n"
      "test: class accuracy of MODEL on DATA (measure test data once, on the model chosen on validation).\n"
      "export: the network as a netlist whose outputs are the group bits, or as C: a function\n"
      "'void NAME(const uint64_t in[N], uint16_t out[64])' classifying 64 samples per call.\n"
      "merge: one model whose class scores are the sums of the given models' scores (an ensemble;\n"
      "their layers side by side). The validation split of 'train' does not depend on --seed, so\n"
      "models trained with different seeds on the same DATA never trained on each other's validation.\n"
      "Examples: bitlens classify train mnist.zip:MNISTTraining.txt --image 28x28 --shift 1 \\\n"
      "            --out mnist.bgc --time-limit 600\n"
      "          bitlens classify test mnist.bgc mnist.zip:MNISTTest.txt\n"
      "          bitlens classify export mnist.bgc --out mnist.c",
      classify_action, [](const std::string& action) { return "to 'classify " + action + "'"; }};
  return spec;
}

namespace {

// Labelled bits, IDX images with their labels beside them, or a PLA: its one output bit is the class
// (two classes), or its outputs are one-hot classes.
labelled_bits load_samples(const std::string& spec, unsigned levels, const std::string& label_column) {
  if (const auto labels = idx_labels_path(spec); !labels.empty()) return load_idx(spec, labels, {.levels = levels});
  if (!has_extension(spec, ".pla")) return load_labelled_bits(spec, label_column);
  const bit_dataset d = read_table(spec);
  if (!d.fully_specified()) throw input_error(spec, 0, "the class outputs have don't-cares; a one-hot class needs every output bit");
  labelled_bits out{d.inputs, std::vector<std::uint32_t>(d.num_samples(), 0), 0, 0};
  if (d.num_outputs() == 1) {
    for (std::size_t s = 0; s < d.num_samples(); ++s) out.labels[s] = d.targets.get(0, s) ? 1 : 0;
    return out;
  }
  for (std::size_t s = 0; s < d.num_samples(); ++s) {
    std::size_t ones = 0;
    for (std::size_t o = 0; o < d.num_outputs(); ++o) {
      if (d.targets.get(o, s)) out.labels[s] = static_cast<std::uint32_t>(o), ++ones;
    }
    if (ones != 1) throw input_error(spec, 0, "sample " + std::to_string(s) + " has " + std::to_string(ones) + " outputs set; classes are one-hot");
  }
  return out;
}

// --image ROWSxCOLS, checked before any data is read; 0 × 0 when not given.
std::pair<std::size_t, std::size_t> image_shape(const parsed_args& args) {
  const auto image = args.value("image");
  if (!image) return {0, 0};
  if (!args.value("shift") && !args.flag("mirror") && !args.value("local")) throw usage_error("--image is used by --shift, --mirror and --local only");
  unsigned long long r = 0, c = 0;
  char tail = 0;
  if (std::sscanf(image->c_str(), "%llux%llu%c", &r, &c, &tail) != 2 || r == 0 || c == 0 || r > (1U << 20) || c > (1U << 20)) {
    throw usage_error("--image must be ROWSxCOLS, such as 28x28, got '" + *image + "'");
  }
  return {static_cast<std::size_t>(r), static_cast<std::size_t>(c)};
}

// The training images' shape for OPTION (--shift, --mirror or --local): --image's, or the data's own.
struct image_geometry {
  std::size_t rows, cols, bits_per_pixel;
};
image_geometry image_of(const std::string& option, std::pair<std::size_t, std::size_t> shape, const labelled_bits& train) {
  const auto [rows, cols] = shape.first != 0 ? shape : std::pair{train.image_rows, train.image_cols};
  if (rows == 0) throw usage_error(option + " needs the images' shape: the data is not IDX, give --image ROWSxCOLS");
  const std::size_t bits = train.inputs.num_wires();
  if (bits % (rows * cols) != 0) {
    throw usage_error("the samples have " + std::to_string(bits) + " bits, not a multiple of " + std::to_string(rows) + " x " +
                      std::to_string(cols) + " pixels");
  }
  return {rows, cols, bits / (rows * cols)};
}

// The views that shift the training images by up to --shift pixels, and mirror them with --mirror
// (none without either).
std::vector<input_view> augment_views(const parsed_args& args, std::pair<std::size_t, std::size_t> shape, const labelled_bits& train) {
  const auto shift = static_cast<std::size_t>(args.integer("shift", 0));
  const bool mirror = args.flag("mirror");
  if (shift == 0 && !mirror) return {};
  const image_geometry g = image_of(mirror ? "--mirror" : "--shift", shape, train);
  auto views = image_shifts(g.rows, g.cols, g.bits_per_pixel, shift);
  return mirror ? with_mirror_images(std::move(views), g.rows, g.cols, g.bits_per_pixel) : views;
}

labelled_bits subset(const labelled_bits& d, std::span<const std::size_t> rows) {
  labelled_bits out{d.inputs.select(rows), {}, d.image_rows, d.image_cols};
  for (auto r : rows) out.labels.push_back(d.labels[r]);
  return out;
}

std::string percent(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100 * x);
  return buf;
}

process_group* current_processes = nullptr;

int run_train(const parsed_args& args, results& result) {
  if (args.positionals().size() != 2) throw usage_error("expected 'classify train DATA'");
  // Under mpirun every process runs this same command on the same data (data parallelism, see
  // gate_train_params::processes); process 0 alone writes the model and the metrics.
  process_group* const group = run_processes() != nullptr && run_processes()->size() > 1 ? run_processes() : nullptr;
  const bool primary = group == nullptr || group->rank() == 0;
  if (args.value("valid") && args.value("valid-split")) throw usage_error("give --valid or --valid-split, not both");
  gate_layers_params lp;
  lp.layers = static_cast<std::size_t>(args.integer("layers", 6));
  lp.width = static_cast<std::size_t>(args.integer("width", 8000));
  if (lp.layers * lp.width > max_classifier_gates) throw usage_error("--layers x --width is more than " + std::to_string(max_classifier_gates) + " gates");
  lp.seed = static_cast<std::uint64_t>(args.integer("seed", 1));
  const bool relax = args.value_or("method", "relax") == "relax";
  if (relax && lp.layers * lp.width > max_relaxed_gates) {
    throw usage_error("--method relax trains at most " + std::to_string(max_relaxed_gates) + " gates (about 700 bytes each); --layers x --width is " +
                      std::to_string(lp.layers * lp.width) + " (--method flips trains up to " + std::to_string(max_classifier_gates) + ")");
  }
  if (args.flag("all-inputs") && args.value("input-fraction")) throw usage_error("give --input-fraction or --all-inputs, not both");
  for (const char* name : {"flip", "final-flip", "margin", "protect-margin", "gain-decay", "allow-constant", "random-init"}) {
    if (relax && args.value(name)) throw usage_error(std::string("--") + name + " applies to --method flips only");
  }
  for (const char* name : {"learning-rate", "final-learning-rate", "tau", "shift", "mirror"}) {
    if (!relax && args.value(name)) throw usage_error(std::string("--") + name + " applies to --method relax only");
  }
  if (relax && group != nullptr) {
    throw usage_error("only --method flips shares its training between MPI processes (its sums are exact integers); run --method relax as one process");
  }
  gate_train_params p;
  p.budget = {.seconds = args.real("time-limit", 60), .epochs = static_cast<double>(args.integer("epochs", 1000))};
  p.batch = static_cast<std::size_t>(args.integer("batch", relax ? 256 : p.batch));
  p.flip_fraction = args.real("flip", p.flip_fraction);
  p.final_flip_fraction = args.real("final-flip", 0);
  p.margin = static_cast<std::uint32_t>(args.integer("margin", p.margin));
  p.protect_margin = static_cast<std::uint32_t>(args.integer("protect-margin", 4 * std::int64_t{p.margin}));
  if (p.protect_margin < p.margin) throw usage_error("--protect-margin must be at least --margin (" + std::to_string(p.margin) + ")");
  p.gain_decay = args.real("gain-decay", 0);
  p.allow_constant = args.flag("allow-constant");
  lp.random_fraction = args.real("random-init", 0);
  p.report_every = static_cast<std::size_t>(args.integer("report-every", 0));
  p.threads = static_cast<unsigned>(args.integer("threads", 0));
  p.seed = lp.seed;
  p.processes = group;
  const double split = args.real("valid-split", 0.1);
  const auto shape = image_shape(args);
  if (const auto o = args.value("out")) check_output_directory(*o);

  const auto levels = static_cast<unsigned>(args.integer("levels", 1));
  labelled_bits data = load_samples(args.positionals()[1], levels, args.value_or("label", ""));
  labelled_bits train, valid;
  if (const auto v = args.value("valid")) {
    train = std::move(data);
    valid = load_samples(*v, levels, args.value_or("label", ""));
    if (valid.inputs.num_wires() != train.inputs.num_wires()) throw input_error(*v, 0, "validation samples have a different number of bits");
  } else {
    // The same split whatever --seed is (the one seed 1 has always given), so that members of an
    // ensemble trained with different seeds share their validation samples.
    std::mt19937_64 rng(1 ^ 0x5eedULL);
    const row_split rows = split_rows(data.labels.size(), split, rng, 1);
    if (rows.rest.empty()) throw input_error(args.positionals()[1], 0, "too few samples to hold out a validation split");
    valid = subset(data, rows.held);
    train = subset(data, rows.rest);
  }
  p.classes = std::max(train.num_classes(), valid.num_classes());
  if (p.classes < 2) throw input_error(args.positionals()[1], 0, "the samples have fewer than two classes");
  if (lp.width % p.classes != 0) {
    throw usage_error("--width " + std::to_string(lp.width) + " is not a multiple of the " + std::to_string(p.classes) + " classes");
  }
  const std::vector<input_view> views = augment_views(args, shape, train);
  if (const auto radius = static_cast<std::size_t>(args.integer("local", 0)); radius > 0) {
    const image_geometry g = image_of("--local", shape, train);
    lp.local_radius = radius, lp.image_rows = g.rows, lp.image_cols = g.cols;
  }
  if (!args.flag("all-inputs")) lp.first_layer_inputs = informative_inputs(train.inputs, args.real("input-fraction", default_informative_fraction));
  if (lp.first_layer_inputs.empty() && !args.flag("all-inputs")) throw input_error(args.positionals()[1], 0, "no bit varies enough over the training samples (see --input-fraction)");
  gate_classifier model{make_gate_layers(train.inputs.num_wires(), lp), p.classes};
  std::cout << "data: " << args.positionals()[1] << " (" << train.inputs.num_wires() << " bits, " << p.classes << " classes, "
            << train.labels.size() << " training and " << valid.labels.size() << " validation samples)\n"
            << "model: " << lp.layers << " layers x " << lp.width << " two-input gates, group-sum head, trained by "
            << (relax ? "the relaxation (Adam)" : "flips") << "\n";
  metrics_log metrics(primary ? args.value("metrics") : std::nullopt);
  progress_line line(args.flag("quiet") || !primary, p.budget.seconds);
  double best_valid = 0;
  p.on_event = [&](const train_event& r) {
    best_valid = std::max(best_valid, r.valid_accuracy());
    const auto epoch = static_cast<std::uint64_t>(r.epochs);  // completed epochs
    metrics.add({{"event", "report"}, {"epoch", epoch}, {"samples", r.samples}, {"seconds", r.seconds},
                 {"train_accuracy", r.train_accuracy()},
                 {"valid_accuracy", r.valid_errors ? results(r.valid_accuracy()) : results(nullptr)}, {"flips", r.changes}});
    line.show("epoch " + std::to_string(epoch) + "  " + std::to_string(r.samples) + " samples  train " + percent(r.train_accuracy()) +
              "  valid " + percent(r.valid_accuracy()) + "  best valid " + percent(best_valid));
    return true;
  };
  const class_samples train_set{train.inputs, train.labels}, valid_set{valid.inputs, valid.labels};
  p.valid = &valid_set;
  gate_train_stats sel;
  if (relax) {
    gate_relax_params rp;
    rp.classes = p.classes;
    rp.batch = p.batch;
    rp.budget = p.budget;
    rp.learning_rate = args.real("learning-rate", rp.learning_rate);
    rp.final_learning_rate = args.real("final-learning-rate", 0);
    rp.tau = args.real("tau", rp.tau);
    rp.input_views = views;
    rp.threads = p.threads;
    rp.seed = p.seed;
    rp.report_every = p.report_every;
    rp.on_event = p.on_event;
    rp.valid = &valid_set;
    bitlens::train(model.net, train_set, rp, &sel);
  } else {
    bitlens::train(model.net, train_set, p, &sel);
  }
  line.finish();
  metrics.save();
  result["bits"] = train.inputs.num_wires();
  result["classes"] = p.classes;
  result["train_samples"] = train.labels.size();
  result["valid_samples"] = valid.labels.size();
  result["gates"] = lp.layers * lp.width;
  result["method"] = relax ? "relax" : "flips";
  result["trained_samples"] = sel.last.samples;
  result["epochs"] = static_cast<std::uint64_t>(sel.last.epochs);
  result["seconds"] = sel.last.seconds;
  result["valid_accuracy"] = sel.chosen.valid_accuracy();
  result["chosen_after_samples"] = sel.chosen.samples;
  std::cout << "trained: " << sel.last.samples << " samples (" << static_cast<std::uint64_t>(sel.last.epochs) << " epochs) in " << fixed_seconds(sel.last.seconds)
            << ", " << sel.last.changes << (relax ? " gates changed function\n" : " table entries flipped\n")
            << "chosen: validation class accuracy " << percent(sel.chosen.valid_accuracy()) << " (after " << sel.chosen.samples << " samples)\n";
  if (group != nullptr) {
    result["processes"] = group->size();
    std::cout << "processes: " << group->size() << " (MPI), each with the same tables\n";
  }
  if (const auto o = args.value("out"); o && primary) {
    write_file_atomic(*o, format_gate_classifier(model));
    std::cout << "wrote: " << *o << "\n";
    result["out"] = *o;
  }
  return 0;
}

int run_test(const parsed_args& args, results& result) {
  if (args.positionals().size() != 3) throw usage_error("expected 'classify test MODEL DATA'");
  const unsigned threads = static_cast<unsigned>(args.integer("threads", 0));
  if (const auto o = args.value("predictions")) check_output_directory(*o);
  const std::string& path = args.positionals()[1];
  const gate_classifier model = parse_gate_classifier(read_text_file(path), path);
  const labelled_bits data = load_samples(args.positionals()[2], static_cast<unsigned>(args.integer("levels", 1)), args.value_or("label", ""));
  if (data.inputs.num_wires() != model.net.num_inputs()) {
    throw input_error(args.positionals()[2], 0, "samples have " + std::to_string(data.inputs.num_wires()) + " bits, the model reads " +
                                                    std::to_string(model.net.num_inputs()));
  }
  const auto predicted = compiled_gates(model.net).predict_groups(data.inputs, model.classes, {.threads = threads});
  const double acc = classification_accuracy(predicted, data.labels);
  std::size_t right = 0;
  for (std::size_t s = 0; s < predicted.size(); ++s) right += predicted[s] == data.labels[s];
  std::cout << "class accuracy: " << percent(acc) << " (" << right << " of " << predicted.size() << " samples)\n";
  result["accuracy"] = acc;
  result["correct"] = right;
  result["samples"] = predicted.size();
  if (const auto o = args.value("predictions")) {
    std::string text;
    for (auto c : predicted) text += std::to_string(c) + "\n";
    write_file_atomic(*o, text);
  }
  return 0;
}

int run_merge(const parsed_args& args, results& result) {
  const auto& pos = args.positionals();
  if (pos.size() < 3) throw usage_error("expected 'classify merge MODEL MODEL... --out FILE'");
  const auto out = args.value("out");
  if (!out) throw usage_error("merge needs --out FILE");
  check_output_directory(*out);
  std::vector<gate_classifier> members;
  std::size_t gates = 0;
  for (std::size_t i = 1; i < pos.size(); ++i) {
    members.push_back(parse_gate_classifier(read_text_file(pos[i]), pos[i]));
    gates += members.back().net.num_gates();
    if (gates > max_classifier_gates) throw input_error(pos[i], 0, "the merged model would have more than " + std::to_string(max_classifier_gates) + " gates");
    const auto& first = members.front();
    const auto& last = members.back();
    if (last.net.num_inputs() != first.net.num_inputs() || last.net.num_layers() != first.net.num_layers() || last.classes != first.classes) {
      throw input_error(pos[i], 0, "has " + std::to_string(last.net.num_inputs()) + " inputs, " + std::to_string(last.net.num_layers()) +
                                       " layers and " + std::to_string(last.classes) + " classes; " + pos[1] + " has " +
                                       std::to_string(first.net.num_inputs()) + ", " + std::to_string(first.net.num_layers()) + " and " +
                                       std::to_string(first.classes));
    }
  }
  const gate_classifier merged = merge_gate_classifiers(members);
  write_file_atomic(*out, format_gate_classifier(merged));
  std::cout << "merged: " << members.size() << " models, " << merged.net.num_gates() << " gates\nwrote: " << *out << "\n";
  result["models"] = members.size();
  result["gates"] = merged.net.num_gates();
  result["out"] = *out;
  return 0;
}

int run_export(const parsed_args& args, results& result) {
  if (args.positionals().size() != 2) throw usage_error("expected 'classify export MODEL --out FILE'");
  const auto out = args.value("out");
  if (!out) throw usage_error("export needs --out FILE (.c, .aig, .aag, .blif, .v, .circ or .dot)");
  const std::string name = args.value_or("name", "bitlens_classify");
  const bool c_identifier = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
                            std::all_of(name.begin(), name.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; });
  if (!c_identifier) throw usage_error("--name must be a C identifier, got '" + name + "'");
  if (!has_extension(*out, ".c") && !is_circuit_file(*out)) {
    throw usage_error(*out + ": unknown output format (expected .c, .aig, .aag, .blif, .v, .circ or .dot)");
  }
  check_output_directory(*out);
  const std::string& path = args.positionals()[1];
  const gate_classifier model = parse_gate_classifier(read_text_file(path), path);
  if (has_extension(*out, ".c")) write_file_atomic(*out, format_gate_classifier_c(model, name));
  else if (args.value_or("head", "groups") == "class") save_z2_circuit(*out, gate_classifier_decision_circuit(model), module_name_for(path));
  else save_z2_circuit(*out, gate_classifier_circuit(model), module_name_for(path));
  std::cout << "wrote: " << *out << "\n";
  result["out"] = *out;
  return 0;
}

}  // namespace

int run_classify(const parsed_args& args, results& out) {
  const std::string action = classify_action(args);
  out["action"] = action;
  if (action == "train") return run_train(args, out);
  if (action == "test") return run_test(args, out);
  if (action == "merge") return run_merge(args, out);
  return run_export(args, out);
}

process_group* run_processes() noexcept { return current_processes; }
void set_run_processes(process_group* group) noexcept { current_processes = group; }

}  // namespace bitlens::cli
