// Fisher's Iris data as scikit-learn ships it (Debian's python3-sklearn:
// /usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv), for the studies that use it.
#pragma once

#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace bitlens::bench {

inline constexpr const char* debian_iris_csv = "/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv";

struct iris_row {
  std::array<double, 4> features{};
  int label = 0;
};

// scikit-learn's iris.csv: a first line "150,4,setosa,versicolor,virginica", then rows
// "5.1,3.5,1.4,0.2,0".
inline std::vector<iris_row> read_iris(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open (Debian's python3-sklearn ships iris.csv)");
  std::string line;
  std::getline(in, line);
  std::vector<iris_row> rows;
  for (std::size_t number = 2; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    iris_row r;
    std::istringstream fields(line);
    std::string field;
    std::size_t k = 0;
    for (; std::getline(fields, field, ',') && k < 5; ++k) {
      try {
        std::size_t used = 0;
        if (k < 4) r.features[k] = std::stod(field, &used);
        else r.label = std::stoi(field, &used);
        if (used != field.size()) throw std::invalid_argument(field);
      } catch (const std::exception&) {
        throw std::runtime_error(path + ":" + std::to_string(number) + ": field " + std::to_string(k + 1) + " is not a number: '" + field + "'");
      }
    }
    if (k != 5 || std::getline(fields, field, ',') || r.label < 0 || r.label > 2) throw std::runtime_error(path + ":" + std::to_string(number) + ": expected four numbers and a class 0, 1 or 2");
    rows.push_back(r);
  }
  return rows;
}

}  // namespace bitlens::bench
