// awsauth/dump.hpp: a generated struct to JSON text, the front door for writing.
// The output is byte for byte what nlohmann::ordered_json::dump(indent) gives for the same content.
#pragma once

#include <awsauth/fields.hpp>
#include <awsauth/json.hpp>
#include <awsauth/options.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace awsauth {

/// Writes `value` as JSON with the model's keys in model order; throws awsauth::error for a string that is not UTF-8.
template <class T>
std::string dump(const T& value, const dump_options& options = {}) {
    static_assert(is_described_v<T>, "awsauth::dump writes the structs awsauth generates");
    nlohmann::ordered_json document;
    detail::write_value(document, value, nullptr, options);
    return document.dump(options.indent);
}

}  // namespace awsauth
