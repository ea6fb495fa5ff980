// awsauth/json.hpp: how every generated struct maps to and from nlohmann_json, written once for all of them.
// The generated headers only supply field tables; every rule below applies to every struct alike.
#pragma once

#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/options.hpp>
#include <awsauth/timestamp.hpp>
#include <awsauth/utf8.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace awsauth {
namespace detail {

// ---------------------------------------------------------------------------------------------------------------
// Where a value sits in the document. Frames live on the reader's stack; the JSON Pointer is only spelled out for
// an error, so a successful read allocates nothing for paths.

struct json_path {
    const json_path* parent = nullptr;
    std::string_view key{};
    std::size_t index = 0;
    bool is_index = false;
};

/// The RFC 6901 JSON Pointer of `at` ("" for the document root).
inline std::string to_json_pointer(const json_path* at) {
    std::vector<const json_path*> frames;
    for (; at != nullptr; at = at->parent)
        frames.push_back(at);
    std::string pointer;
    for (auto frame = frames.rbegin(); frame != frames.rend(); ++frame) {
        pointer += '/';
        if ((*frame)->is_index) {
            pointer += std::to_string((*frame)->index);
            continue;
        }
        for (const char c : (*frame)->key) {
            if (c == '~') {
                pointer += "~0";
            } else if (c == '/') {
                pointer += "~1";
            } else {
                pointer += c;
            }
        }
    }
    return pointer;
}

[[noreturn]] inline void fail(const json_path* at, const std::string& problem) {
    throw error(to_json_pointer(at), problem);
}

// Names the JSON type found, never the value: the value may be a secret.
template <class Json>
[[noreturn]] void fail_expected(const json_path* at, const char* expected, const Json& found) {
    fail(at, std::string("expected ") + expected + ", got " +
                 (found.is_number_float() ? "a non-integer number"
                  : found.is_number()     ? "an integer"
                                          : found.type_name()));
}

template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

template <class T>
inline constexpr bool is_vector_v = false;
template <class T>
inline constexpr bool is_vector_v<std::vector<T>> = true;

template <class T>
inline constexpr bool is_string_map_v = std::is_same_v<T, std::map<std::string, std::string>>;

template <class>
inline constexpr bool dependent_false_v = false;

// Recognized by its public member types, not by nlohmann::detail::is_basic_json, which is not part of its API.
template <class Json, class = void>
inline constexpr bool is_basic_json_v = false;
template <class Json>
inline constexpr bool is_basic_json_v<
    Json, std::void_t<typename Json::value_t, typename Json::object_t, typename Json::array_t, typename Json::string_t,
                      typename Json::number_float_t, typename Json::json_pointer>> = true;

// ---------------------------------------------------------------------------------------------------------------
// Reading

template <class Json, class T>
void read_value(const Json& json, T& out, const json_path* at, const parse_options& options);

template <class Json>
void read_integer(const Json& json, std::int32_t& out, const json_path* at) {
    constexpr auto min = std::numeric_limits<std::int32_t>::min();
    constexpr auto max = std::numeric_limits<std::int32_t>::max();
    if (json.is_number_unsigned()) {
        const auto value = json.template get<std::uint64_t>();
        if (value > static_cast<std::uint64_t>(max)) fail(at, "integer out of range for a 32-bit signed integer");
        out = static_cast<std::int32_t>(value);
    } else if (json.is_number_integer()) {
        const auto value = json.template get<std::int64_t>();
        if (value < min || value > max) fail(at, "integer out of range for a 32-bit signed integer");
        out = static_cast<std::int32_t>(value);
    } else {
        fail_expected(at, "an integer", json);
    }
}

template <class Json>
void read_timestamp_value(const Json& json, timestamp& out, const json_path* at) {
    std::string_view problem;
    if (json.is_string()) {
        problem = read_timestamp(json.template get_ref<const typename Json::string_t&>(), out);
    } else if (json.is_number_unsigned()) {
        problem = timestamp_from_epoch(json.template get<std::uint64_t>(), out);
    } else if (json.is_number_integer()) {
        problem = timestamp_from_epoch(json.template get<std::int64_t>(), out);
    } else if (json.is_number_float()) {
        problem = timestamp_from_epoch(json.template get<double>(), out);
    } else {
        fail_expected(at, "a timestamp (an ISO 8601 string or epoch seconds)", json);
    }
    if (!problem.empty()) fail(at, "invalid timestamp: " + std::string(problem));
}

// Each known key is read into its member; absent members are then checked: optional ones become nullopt,
// required ones are an error. Duplicate keys never reach here: the DOM kept the last one.
template <class Json, class T>
void read_object(const Json& json, T& out, const json_path* at, const parse_options& options) {
    if (!json.is_object()) fail_expected(at, "an object", json);
    std::array<bool, field_count_v<T>> seen{};
    for (auto entry = json.cbegin(); entry != json.cend(); ++entry) {
        const json_path member_path{at, entry.key()};
        const bool known = visit_field_named<T>(entry.key(), [&](const auto& field, std::size_t index) {
            seen[index] = true;
            auto& member = out.*(field.member);
            if (entry.value().is_null() && !is_optional_v<std::decay_t<decltype(member)>>) {
                fail(&member_path, "required member is null");
            }
            read_value(entry.value(), member, &member_path, options);
        });
        if (!known && options.reject_unknown_keys) fail(&member_path, "unknown member");
    }
    std::size_t index = 0;
    for_each_field<T>([&](const auto& field) {
        if (!seen[index]) {
            auto& member = out.*(field.member);
            if constexpr (is_optional_v<std::decay_t<decltype(member)>>) {
                member.reset();
            } else {
                const json_path member_path{at, field.key};
                fail(&member_path, "missing required member");
            }
        }
        ++index;
    });
}

template <class Json, class T>
void read_value(const Json& json, T& out, const json_path* at, const parse_options& options) {
    if constexpr (is_optional_v<T>) {
        if (json.is_null()) {
            out.reset();
        } else {
            read_value(json, out.emplace(), at, options);
        }
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (!json.is_string()) fail_expected(at, "a string", json);
        out = json.template get_ref<const typename Json::string_t&>();
    } else if constexpr (std::is_same_v<T, std::int32_t>) {
        read_integer(json, out, at);
    } else if constexpr (std::is_same_v<T, timestamp>) {
        read_timestamp_value(json, out, at);
    } else if constexpr (is_vector_v<T>) {
        if (!json.is_array()) fail_expected(at, "an array", json);
        out.clear();
        out.resize(json.size());
        for (std::size_t i = 0; i < out.size(); ++i) {
            const json_path element_path{at, {}, i, true};
            read_value(json[i], out[i], &element_path, options);
        }
    } else if constexpr (is_string_map_v<T>) {
        if (!json.is_object()) fail_expected(at, "an object", json);
        out.clear();
        for (auto entry = json.cbegin(); entry != json.cend(); ++entry) {
            const json_path member_path{at, entry.key()};
            read_value(entry.value(), out[entry.key()], &member_path, options);
        }
    } else if constexpr (is_described_v<T>) {
        read_object(json, out, at, options);
    } else {
        static_assert(dependent_false_v<T>, "awsauth: no JSON mapping for this member type");
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing. Absent optionals are omitted, never written as null; members keep model order.

template <class Json>
void write_timestamp_value(Json& json, timestamp value, const json_path* at, const dump_options& options) {
    if (value < earliest_timestamp || value > latest_timestamp) fail(at, "timestamp " + std::string(out_of_range));
    std::string text;
    append_timestamp(text, value, options.timestamps);
    if (options.timestamps != timestamp_format::epoch_seconds) {
        json = std::move(text);
    } else if (value.time_since_epoch().count() % microseconds_per_second == 0) {
        json = std::chrono::floor<std::chrono::seconds>(value).time_since_epoch().count();
    } else {
        // nlohmann's own reading of the decimal gives the double nearest to it, whatever the C locale says.
        json = Json::parse(text);
        // A double holds microseconds exactly only up to about 2^33 seconds (the year 2242); past that, refuse
        // rather than write an instant that reads back as another one.
        timestamp written{};
        if (!timestamp_from_epoch(json.template get<double>(), written).empty() || written != value) {
            fail(at, "timestamp has more sub-second digits than epoch seconds in a JSON number can hold");
        }
    }
}

template <class Json, class T>
void write_value(Json& json, const T& value, const json_path* at, const dump_options& options) {
    if constexpr (is_optional_v<T>) {
        if (value) {
            write_value(json, *value, at, options);
        } else {
            json = nullptr;
        }
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (!is_valid_utf8(value)) fail(at, "string is not valid UTF-8");
        json = value;
    } else if constexpr (std::is_same_v<T, std::int32_t>) {
        json = value;
    } else if constexpr (std::is_same_v<T, timestamp>) {
        write_timestamp_value(json, value, at, options);
    } else if constexpr (is_vector_v<T>) {
        json = Json::array();
        for (std::size_t i = 0; i < value.size(); ++i) {
            const json_path element_path{at, {}, i, true};
            write_value(json.emplace_back(), value[i], &element_path, options);
        }
    } else if constexpr (is_string_map_v<T>) {
        json = Json::object();
        for (const auto& [key, entry] : value) {
            const json_path member_path{at, key};
            if (!is_valid_utf8(key)) fail(at, "object key is not valid UTF-8");
            write_value(json[key], entry, &member_path, options);
        }
    } else if constexpr (is_described_v<T>) {
        json = Json::object();
        for_each_field<T>([&](const auto& field) {
            const auto& member = value.*(field.member);
            if constexpr (is_optional_v<std::decay_t<decltype(member)>>) {
                if (!member) return;
            }
            const json_path member_path{at, field.key};
            write_value(json[std::string(field.key)], member, &member_path, options);
        });
    } else {
        static_assert(dependent_false_v<T>, "awsauth: no JSON mapping for this member type");
    }
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------------------------
// ADL adapters: `j.get<T>()` and `Json j = value;` for every generated struct and any nlohmann::basic_json.
// The generated headers bring these into their namespaces with using-declarations; the constraint keeps them off
// every type that is not ours (std::vector<sts::Tag> stays nlohmann's business).

template <class Json, class T, std::enable_if_t<detail::is_basic_json_v<Json> && is_described_v<T>, int> = 0>
void from_json(const Json& json, T& value) {
    detail::read_value(json, value, nullptr, parse_options{});
}

template <class Json, class T, std::enable_if_t<detail::is_basic_json_v<Json> && is_described_v<T>, int> = 0>
void to_json(Json& json, const T& value) {
    // Built aside and moved in: nlohmann calls this from basic_json's constructor, and a half-written value left in
    // an object whose constructor throws is never destroyed.
    Json result;
    detail::write_value(result, value, nullptr, dump_options{});
    json = std::move(result);
}

}  // namespace awsauth
