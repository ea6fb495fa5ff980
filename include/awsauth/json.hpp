// awsauth/json.hpp: every generated struct to and from an nlohmann::basic_json DOM, written once for all of them.
// `j.get<T>()` and `nlohmann::json j = value;` work for json and ordered_json through a partial specialization of
// nlohmann::adl_serializer, so the model headers need no nlohmann and no adapter in their namespaces.
#pragma once

#include <awsauth/detail/json_pointer.hpp>
#include <awsauth/detail/json_reading.hpp>
#include <awsauth/detail/json_text.hpp>
#include <awsauth/detail/utf8.hpp>
#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/member_types.hpp>
#include <awsauth/options.hpp>
#include <awsauth/timestamp.hpp>
#include <awsauth/version.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

template <class Json>
json_kind kind_of(const Json& json) noexcept {
    switch (json.type()) {
        case Json::value_t::null:
            return json_kind::null;
        case Json::value_t::boolean:
            return json_kind::boolean;
        case Json::value_t::number_integer:
            return json_kind::integer;
        case Json::value_t::number_unsigned:
            return json_kind::unsigned_integer;
        case Json::value_t::number_float:
            return json_kind::number;
        case Json::value_t::string:
            return json_kind::string;
        case Json::value_t::object:
            return json_kind::object;
        case Json::value_t::array:
            return json_kind::array;
        case Json::value_t::binary:
            return json_kind::binary;
        case Json::value_t::discarded:
            break;
    }
    return json_kind::discarded;
}

template <class Json>
json_scalar scalar_of(const Json& json) {
    json_scalar scalar{};
    scalar.kind = kind_of(json);
    if (scalar.kind == json_kind::string) {
        scalar.text = json.template get_ref<const typename Json::string_t&>();
    } else if (scalar.kind == json_kind::integer) {
        scalar.integer = json.template get<std::int64_t>();
    } else if (scalar.kind == json_kind::unsigned_integer) {
        scalar.unsigned_integer = json.template get<std::uint64_t>();
    } else if (scalar.kind == json_kind::number) {
        scalar.number = json.template get<double>();  // a DOM keeps no spelling: the double is all there is
    }
    return scalar;
}

/// A member of type T read from and written to a DOM: one specialization per member type. Reading applies the
/// shared rules of json_reading.hpp; absent optionals are omitted when writing, never written as null; members keep
/// model order.
template <class T, class = void>
struct dom_codec {
    static_assert(dependent_false_v<T>, "awsauth: no JSON mapping for this member type");
};

// The scalar types read alike: what the reader met, converted by the shared rule.
template <class T>
struct dom_scalar_reading {
    template <class Json>
    static void read(const Json& json, T& out, const json_path* at, const parse_options&) {
        json_reading<T>::read(scalar_of(json), out,
                              [at](error_kind kind, const std::string& problem) { fail(at, kind, problem); });
    }
};

template <>
struct dom_codec<std::string> : dom_scalar_reading<std::string> {
    template <class Json>
    static void write(Json& json, const std::string& value, const json_path* at, const dump_options&) {
        if (!is_valid_utf8(value)) fail(at, error_kind::invalid_utf8, string_not_utf8);
        json = value;
    }
};

// Both integer types are written as nlohmann's number_integer, which holds every std::int64_t exactly.
template <class Integer>
struct dom_codec<Integer, std::enable_if_t<is_integer_member_v<Integer>>> : dom_scalar_reading<Integer> {
    template <class Json>
    static void write(Json& json, Integer value, const json_path*, const dump_options&) {
        json = static_cast<typename Json::number_integer_t>(value);
    }
};

template <>
struct dom_codec<timestamp> : dom_scalar_reading<timestamp> {
    template <class Json>
    static void write(Json& json, timestamp value, const json_path* at, const dump_options& options) {
        if (!in_supported_range(value))
            fail(at, error_kind::invalid_timestamp, "timestamp " + std::string(out_of_range));
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
            // rather than write an instant that reads back as another one. awsauth::dump writes the decimal digits
            // and has no such limit: only a DOM needs the double.
            timestamp written{};
            if (!timestamp_from_epoch(json.template get<double>(), written).empty() || written != value) {
                fail(at, error_kind::out_of_range,
                     "timestamp has more sub-second digits than epoch seconds in a JSON number can hold");
            }
        }
    }
};

template <class T>
struct dom_codec<std::optional<T>> {
    template <class Json>
    static void read(const Json& json, std::optional<T>& out, const json_path* at, const parse_options& options) {
        if (json.is_null()) {
            out.reset();
        } else {
            dom_codec<T>::read(json, out.emplace(), at, options);
        }
    }
    template <class Json>
    static void write(Json& json, const std::optional<T>& value, const json_path* at, const dump_options& options) {
        if (value) {
            dom_codec<T>::write(json, *value, at, options);
        } else {
            json = nullptr;
        }
    }
};

template <class T>
struct dom_codec<std::vector<T>> {
    template <class Json>
    static void read(const Json& json, std::vector<T>& out, const json_path* at, const parse_options& options) {
        if (!json.is_array())
            fail(at, error_kind::wrong_type, expected_message(json_reading<std::vector<T>>::expected, kind_of(json)));
        out.clear();
        out.resize(json.size());
        for (std::size_t i = 0; i < out.size(); ++i) {
            const json_path element_path{at, {}, i, true};
            dom_codec<T>::read(json[i], out[i], &element_path, options);
        }
    }
    template <class Json>
    static void write(Json& json, const std::vector<T>& value, const json_path* at, const dump_options& options) {
        json = Json::array();
        for (std::size_t i = 0; i < value.size(); ++i) {
            const json_path element_path{at, {}, i, true};
            dom_codec<T>::write(json.emplace_back(), value[i], &element_path, options);
        }
    }
};

template <>
struct dom_codec<std::map<std::string, std::string>> {
    using map = std::map<std::string, std::string>;
    template <class Json>
    static void read(const Json& json, map& out, const json_path* at, const parse_options& options) {
        if (!json.is_object())
            fail(at, error_kind::wrong_type, expected_message(json_reading<map>::expected, kind_of(json)));
        out.clear();
        for (auto entry = json.cbegin(); entry != json.cend(); ++entry) {
            const json_path member_path{at, entry.key()};
            dom_codec<std::string>::read(entry.value(), out[entry.key()], &member_path, options);
        }
    }
    template <class Json>
    static void write(Json& json, const map& value, const json_path* at, const dump_options& options) {
        json = Json::object();
        for (const auto& [key, entry] : value) {
            const json_path member_path{at, key};
            if (!is_valid_utf8(key)) fail(at, error_kind::invalid_utf8, object_key_not_utf8);
            dom_codec<std::string>::write(json[key], entry, &member_path, options);
        }
    }
};

template <class T>
struct dom_codec<T, std::enable_if_t<is_described_v<T>>> {
    // Each known key is read into its member; absent members are then checked: optional ones become nullopt,
    // required ones are an error. Duplicate keys never reach here: the DOM kept the last one.
    template <class Json>
    static void read(const Json& json, T& out, const json_path* at, const parse_options& options) {
        if (!json.is_object())
            fail(at, error_kind::wrong_type, expected_message(json_reading<T>::expected, kind_of(json)));
        std::array<bool, field_count_v<T>> seen{};
        for (auto entry = json.cbegin(); entry != json.cend(); ++entry) {
            const json_path member_path{at, entry.key()};
            const bool known = visit_field_named<T>(entry.key(), [&](const auto& field, std::size_t index) {
                seen[index] = true;
                auto& member = out.*(field.member);
                using member_type = std::decay_t<decltype(member)>;
                if (entry.value().is_null() && !is_optional_v<member_type>) {
                    fail(&member_path, error_kind::wrong_type, required_member_is_null);
                }
                dom_codec<member_type>::read(entry.value(), member, &member_path, options);
            });
            if (!known && options.reject_unknown_keys) fail(&member_path, error_kind::unknown_member, unknown_member);
        }
        finish_members(
            out, [&seen](std::size_t index) { return seen[index]; },
            [at](std::string_view key) {
                const json_path member_path{at, key};
                fail(&member_path, error_kind::missing_member, missing_required_member);
            });
    }

    template <class Json>
    static void write(Json& json, const T& value, const json_path* at, const dump_options& options) {
        json = Json::object();
        for_each_field<T>([&](const auto& field) {
            const auto& member = value.*(field.member);
            using member_type = std::decay_t<decltype(member)>;
            if constexpr (is_optional_v<member_type>) {
                if (!member) return;
            }
            const json_path member_path{at, field.key};
            dom_codec<member_type>::write(json[std::string(field.key)], member, &member_path, options);
        });
    }
};

}  // namespace detail
AWSAUTH_END_NAMESPACE

// nlohmann's documented extension point, its second parameter there for exactly this: every generated struct, and
// nothing else (std::vector<sts::Tag> stays nlohmann's business, which calls back here for each element).
namespace nlohmann {
template <class T>
struct adl_serializer<T, std::enable_if_t<awsauth::is_described_v<T>>> {
    template <class Json>
    static void from_json(const Json& json, T& value) {
        awsauth::detail::dom_codec<T>::read(json, value, nullptr, awsauth::parse_options{});
    }

    template <class Json>
    static void to_json(Json& json, const T& value) {
        // Built aside and moved in: nlohmann calls this from basic_json's constructor, and a half-written value left
        // in an object whose constructor throws is never destroyed.
        Json result;
        awsauth::detail::dom_codec<T>::write(result, value, nullptr, awsauth::dump_options{});
        json = std::move(result);
    }
};
}  // namespace nlohmann
