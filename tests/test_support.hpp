// tests/test_support.hpp: small helpers the unit tests share.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace awsauth_test {

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot open " + path.string());
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

inline std::string data_file(const std::string& relative_path) {
    return read_file(std::filesystem::path(AWSAUTH_TEST_DATA) / relative_path);
}

}  // namespace awsauth_test
