// awsauth/parse.hpp: JSON text to a generated struct, the front door for reading.
// nlohmann's own errors quote the text last read, which may be a session token: none of them gets out unwrapped.
#pragma once

#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/json.hpp>
#include <awsauth/options.hpp>
#include <awsauth/validate.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace awsauth {
namespace detail {

// Keeps nlohmann's position and reason, drops its "; last read: '...'" quote of the input and all after it.
inline std::string describe_syntax_error(const nlohmann::json::parse_error& failure) {
    std::string_view message = failure.what();
    const auto reason_start = message.find("] ");
    if (reason_start != std::string_view::npos) message.remove_prefix(reason_start + 2);
    const auto quote = message.find("; last read:");
    if (quote != std::string_view::npos) message = message.substr(0, quote);
    return "invalid JSON (byte " + std::to_string(failure.byte) + "): " + std::string(message);
}

inline nlohmann::json parse_document(std::string_view text, const parse_options& options) {
    if (text.size() > options.max_document_size) {
        throw error("the document is " + std::to_string(text.size()) +
                    " bytes, more than parse_options::max_document_size (" + std::to_string(options.max_document_size) +
                    ")");
    }
    // nlohmann's lexer takes a NUL byte for the end of the input, so "{...}\0anything" would read as "{...}". JSON
    // text holds no raw NUL anywhere (in a string it must be escaped), so refuse it wherever it stands.
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        throw error("invalid JSON (byte " + std::to_string(nul + 1) + "): a NUL byte, which JSON text cannot hold");
    }
    // nlohmann reports the number of containers already open when the next one starts.
    const auto refuse_deep_nesting = [&options](int depth, nlohmann::json::parse_event_t event, const nlohmann::json&) {
        const bool opens =
            event == nlohmann::json::parse_event_t::object_start || event == nlohmann::json::parse_event_t::array_start;
        if (opens && static_cast<std::size_t>(depth) >= options.max_depth) {
            throw error("the document nests objects and arrays deeper than parse_options::max_depth (" +
                        std::to_string(options.max_depth) + ")");
        }
        return true;
    };
    try {
        return nlohmann::json::parse(text.begin(), text.end(), refuse_deep_nesting);
    } catch (const nlohmann::json::parse_error& failure) {
        throw error(describe_syntax_error(failure));
    } catch (const nlohmann::json::out_of_range&) {
        // 406 "number overflow parsing '<token>'": the only out_of_range the parser throws.
        throw error("invalid JSON: a number is too large for a double");
    } catch (const nlohmann::json::exception& failure) {
        throw error("invalid JSON (nlohmann_json error " + std::to_string(failure.id) + ")");
    }
}

}  // namespace detail

/// Reads one JSON document into a generated struct; throws awsauth::error naming the JSON Pointer of what is wrong.
template <class T>
T parse(std::string_view json_text, const parse_options& options = {}) {
    static_assert(is_described_v<T>, "awsauth::parse reads the structs awsauth generates");
    const nlohmann::json document = detail::parse_document(json_text, options);
    T value{};
    detail::read_value(document, value, nullptr, options);
    if (options.validate) detail::throw_first_violation(value);
    return value;
}

}  // namespace awsauth
