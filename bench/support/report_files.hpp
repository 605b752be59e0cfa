// The end of a study that writes PREFIX.json and PREFIX.md: both closed and checked (a full disk
// or a bad path is an error, not a silently short file), then the Markdown table printed.
#pragma once

#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>

namespace bitlens::bench {

inline void finish_report(std::ofstream& json, std::ofstream& md, const std::string& prefix) {
  json.close();
  md.close();
  if (!json || !md) throw std::runtime_error(prefix + ": could not write the results");
  std::cout << std::ifstream(prefix + ".md").rdbuf();
}

}  // namespace bitlens::bench
