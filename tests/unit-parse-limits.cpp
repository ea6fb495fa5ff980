// tests/unit-parse-limits.cpp: parse_options::max_depth and max_document_size, at and past each boundary.
// The limits belong to the text path: a caller holding a DOM has already paid for it.
#include "catch.hpp"

#include <awsauth/awsauth.hpp>

#include <cstddef>
#include <string>

namespace sts = awsauth::sts;

namespace {

// A Tag whose unknown member "Extra" holds `levels` nested arrays, so the document nests levels + 1 deep.
std::string tag_with_nested_arrays(std::size_t levels) {
    return R"({"Key":"k","Value":"v","Extra":)" + std::string(levels, '[') + std::string(levels, ']') + "}";
}

std::string parse_error_message(const std::string& text, const awsauth::parse_options& options) {
    try {
        (void)awsauth::parse<sts::Tag>(text, options);
    } catch (const awsauth::error& e) {
        CHECK(e.path().empty());
        return e.what();
    }
    FAIL("awsauth::parse accepted the document");
    return {};
}

}  // namespace

TEST_CASE("max_depth counts the document itself as level 1, unknown members included", "[read][limits]") {
    awsauth::parse_options options{};
    options.max_depth = 4;
    CHECK(awsauth::parse<sts::Tag>(tag_with_nested_arrays(3), options).key == "k");
    CHECK(parse_error_message(tag_with_nested_arrays(4), options) ==
          "awsauth: the document nests objects and arrays deeper than parse_options::max_depth (4)");

    options.max_depth = 1;
    CHECK(awsauth::parse<sts::Tag>(R"({"Key":"k","Value":"v"})", options).value == "v");
    CHECK(parse_error_message(R"({"Key":"k","Value":"v","Extra":{}})", options).find("max_depth (1)") !=
          std::string::npos);
}

TEST_CASE("the default depth limit reads every AWS payload and refuses 200,000 levels", "[read][limits]") {
    const awsauth::parse_options defaults{};
    CHECK(defaults.max_depth == 128);
    CHECK(awsauth::parse<sts::Tag>(tag_with_nested_arrays(127), defaults).key == "k");
    CHECK(parse_error_message(tag_with_nested_arrays(128), defaults).find("max_depth (128)") != std::string::npos);
    CHECK(parse_error_message(tag_with_nested_arrays(200000), defaults).find("max_depth (128)") != std::string::npos);
    const std::string deep_objects = R"({"Key":"k","Value":"v","Extra":)" + [] {
        std::string nested;
        for (int level = 0; level < 200000; ++level)
            nested += R"({"a":)";
        nested += "0";
        nested.append(200000, '}');
        return nested;
    }() + "}";
    awsauth::parse_options roomy{};
    roomy.max_document_size = deep_objects.size();  // 1.2 MB: the size limit would otherwise stop it first
    CHECK(parse_error_message(deep_objects, roomy).find("max_depth (128)") != std::string::npos);
}

TEST_CASE("max_document_size is a byte count checked before any parsing", "[read][limits]") {
    const std::string text = R"({"Key":"k","Value":"v"})";
    awsauth::parse_options options{};
    options.max_document_size = text.size();
    CHECK(awsauth::parse<sts::Tag>(text, options).key == "k");
    options.max_document_size = text.size() - 1;
    CHECK(parse_error_message(text, options) == "awsauth: the document is " + std::to_string(text.size()) +
                                                    " bytes, more than parse_options::max_document_size (" +
                                                    std::to_string(text.size() - 1) + ")");
    // The size check comes first: a too-long document is refused as too long even when it is not JSON.
    CHECK(parse_error_message(std::string(text.size(), 'x'), options).find("max_document_size") != std::string::npos);
}

TEST_CASE("the default size limit refuses a multi-megabyte string, and raising it reads one", "[read][limits]") {
    const std::string huge_value(3u << 20, 'v');
    const std::string text = R"({"Key":"k","Value":")" + huge_value + R"("})";
    const awsauth::parse_options defaults{};
    CHECK(defaults.max_document_size == std::size_t{1} << 20);
    CHECK(parse_error_message(text, defaults).find("max_document_size (1048576)") != std::string::npos);
    awsauth::parse_options roomy{};
    roomy.max_document_size = text.size();
    CHECK(awsauth::parse<sts::Tag>(text, roomy).value.size() == huge_value.size());
}
