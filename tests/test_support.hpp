// tests/test_support.hpp: small helpers the unit tests share.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
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

// The entry of `table` (keyed by operation file stems) for a file of tests/data: its stem, less the variant suffixes
// the capture script adds (`sts-assume-role-full` is read as `sts-assume-role`), or a null function.
template <class Function>
Function entry_for_file(const std::map<std::string, Function>& table, std::string stem) {
    for (;;) {
        const auto found = table.find(stem);
        if (found != table.end()) return found->second;
        const auto dash = stem.rfind('-');
        if (dash == std::string::npos) return nullptr;
        stem.erase(dash);
    }
}

}  // namespace awsauth_test
