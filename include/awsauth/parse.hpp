// awsauth/parse.hpp: JSON text to a generated struct, the front door for reading.
// nlohmann's SAX parser feeds a reader that writes straight into the struct: no DOM, no key copies. nlohmann's own
// errors quote the text last read, which may be a session token: none of them gets out unwrapped.
#pragma once

#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/json.hpp>
#include <awsauth/options.hpp>
#include <awsauth/validate.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace awsauth {
namespace detail {

// Keeps nlohmann's position and reason, drops its "; last read: '...'" quote of the input and all after it.
[[gnu::cold]] inline std::string describe_syntax_error(const nlohmann::json::parse_error& failure) {
    std::string_view message = failure.what();
    const auto reason_start = message.find("] ");
    if (reason_start != std::string_view::npos) message.remove_prefix(reason_start + 2);
    const auto quote = message.find("; last read:");
    if (quote != std::string_view::npos) message = message.substr(0, quote);
    return "invalid JSON (byte " + std::to_string(failure.byte) + "): " + std::string(message);
}

/// What nlohmann reports about text that is not JSON, in our words.
[[gnu::cold]] inline std::string describe_invalid_json(const nlohmann::json::exception& failure) {
    if (failure.id >= 100 && failure.id < 200) {
        return describe_syntax_error(static_cast<const nlohmann::json::parse_error&>(failure));
    }
    // 406 "number overflow parsing '<token>'": the only other error the parser reports.
    if (failure.id == 406) return "invalid JSON: a number is too large for a double";
    return "invalid JSON (nlohmann_json error " + std::to_string(failure.id) + ")";
}

inline void check_document_size(std::string_view text, const parse_options& options) {
    if (text.size() > options.max_document_size) {
        throw error("the document is " + std::to_string(text.size()) +
                    " bytes, more than parse_options::max_document_size (" + std::to_string(options.max_document_size) +
                    ")");
    }
}

// nlohmann's lexer takes a NUL byte for the end of the input, so "{...}\0anything" would read as "{...}". JSON
// text holds no raw NUL anywhere (in a string it must be escaped), so refuse it wherever it stands.
inline void check_no_nul_byte(std::string_view text) {
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        throw error("invalid JSON (byte " + std::to_string(nul + 1) + "): a NUL byte, which JSON text cannot hold");
    }
}

[[noreturn, gnu::cold, gnu::noinline]] inline void fail_too_deep(const parse_options& options) {
    throw error("the document nests objects and arrays deeper than parse_options::max_depth (" +
                std::to_string(options.max_depth) + ")");
}

// ---------------------------------------------------------------------------------------------------------------
// The SAX reader. Each open object or array the model knows is a frame: the C++ object it fills and the static
// table of what to do with it. Unknown members are not framed, only counted, so skipping them costs nothing more
// than nlohmann's lexing. The JSON Pointer is spelled out from the frames only when something is wrong.

class sax_reader;

/// Reads one value (a scalar, or the start of an object or array) into the C++ object at `target`.
using value_reader = void (*)(sax_reader& reader, void* target, const json_scalar& value);

/// Where the next value goes; no reader means the value is skipped.
struct slot {
    void* target = nullptr;
    value_reader read = nullptr;
};

struct frame;

/// What an open object or array does with its members or elements: one static table per C++ type.
struct container_reader {
    slot (*member)(sax_reader& reader, frame& at, std::string& key);  // objects
    slot (*element)(frame& at);                                       // arrays
    void (*end)(sax_reader& reader, frame& at);                       // structs: the absent members
    bool is_struct;
};

struct frame {
    void* target;
    const container_reader* container;
    std::string_view key;        // objects: the member being read, for the path
    std::size_t index;           // arrays: the element being read, for the path
    std::uint64_t seen;          // structs: one bit per field read
    std::size_t expected_field;  // structs: the field looked at first for the next key
    slot pending;                // objects: where the value after the current key goes
};

class sax_reader {
public:
    sax_reader(slot root, frame* frames, const parse_options& options) noexcept
        : root_(root), frames_(frames), options_(options) {}

    // nlohmann's SAX interface (nlohmann::json::sax_parse calls these; returning false would stop it silently, so
    // every problem is thrown instead).
    bool null() { return value(json_scalar{}); }
    bool boolean(bool) { return value(json_scalar{json_kind::boolean}); }
    bool number_integer(std::int64_t number) {
        json_scalar scalar{json_kind::integer};
        scalar.integer = number;
        return value(scalar);
    }
    bool number_unsigned(std::uint64_t number) {
        json_scalar scalar{json_kind::unsigned_integer};
        scalar.unsigned_integer = number;
        return value(scalar);
    }
    bool number_float(double number, const std::string& spelling) {
        json_scalar scalar{json_kind::number};
        scalar.number = number;
        scalar.text = spelling;
        return value(scalar);
    }
    bool string(std::string& text) {
        json_scalar scalar{json_kind::string};
        scalar.text = text;
        return value(scalar);
    }
    bool binary(nlohmann::json::binary_t&) { return value(json_scalar{json_kind::binary}); }
    bool start_object(std::size_t) { return open(json_kind::object); }
    bool start_array(std::size_t) { return open(json_kind::array); }
    bool key(std::string& key) {
        if (skipped_ == 0) {
            frame& top = frames_[depth_ - 1];
            top.pending = top.container->member(*this, top, key);
        }
        return true;
    }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    [[gnu::cold]] bool parse_error(std::size_t, const std::string&, const nlohmann::json::exception& failure) {
        throw error(describe_invalid_json(failure));
    }

    /// Opens a frame for the object or array the current value starts.
    void push(void* target, const container_reader& container) noexcept {
        frames_[depth_++] = frame{target, &container, {}, 0, 0, 0, {}};
    }

    /// Whether the current value is a member of a struct (where null means absent) rather than an element.
    bool reading_struct_member() const noexcept { return depth_ != 0 && frames_[depth_ - 1].container->is_struct; }

    bool reject_unknown_keys() const noexcept { return options_.reject_unknown_keys; }

    /// Throws at the path of the current value.
    [[noreturn, gnu::cold, gnu::noinline]] void fail(const std::string& problem) const {
        throw error(pointer_to(depth_), problem);
    }

    /// Throws at the path of member `key` of the innermost open object.
    [[noreturn, gnu::cold, gnu::noinline]] void fail_at_member(std::string_view key, const std::string& problem) const {
        std::string pointer = pointer_to(depth_ - 1);
        append_pointer_token(pointer, key);
        throw error(pointer, problem);
    }

private:
    // The pointer through the first `frames` open containers, each at the member or element it is reading.
    [[gnu::cold]] std::string pointer_to(std::size_t frames) const {
        std::string pointer;
        for (std::size_t i = 0; i < frames; ++i) {
            if (frames_[i].container->element != nullptr) {
                pointer += '/';
                pointer += std::to_string(frames_[i].index);
            } else {
                append_pointer_token(pointer, frames_[i].key);
            }
        }
        return pointer;
    }

    slot next_slot() noexcept {
        if (depth_ == 0) return std::exchange(root_, slot{});
        frame& top = frames_[depth_ - 1];
        return top.container->element != nullptr ? top.container->element(top) : top.pending;
    }

    bool value(const json_scalar& scalar) {
        if (skipped_ != 0) return true;
        const slot next = next_slot();
        if (next.read != nullptr) next.read(*this, next.target, scalar);
        return true;
    }

    bool open(json_kind kind) {
        if (depth_ + skipped_ >= options_.max_depth) fail_too_deep(options_);
        if (skipped_ != 0) {
            ++skipped_;
            return true;
        }
        const slot next = next_slot();
        if (next.read == nullptr) {
            ++skipped_;
            return true;
        }
        next.read(*this, next.target, json_scalar{kind});
        return true;
    }

    bool close() {
        if (skipped_ != 0) {
            --skipped_;
            return true;
        }
        frame& top = frames_[depth_ - 1];
        if (top.container->end != nullptr) top.container->end(*this, top);
        --depth_;
        return true;
    }

    slot root_;
    frame* frames_;
    std::size_t depth_ = 0;    // open frames
    std::size_t skipped_ = 0;  // open objects and arrays inside a skipped value
    const parse_options& options_;
};

template <class T>
void read_sax_value(sax_reader& reader, void* target, const json_scalar& value);

/// The deepest nesting of objects and arrays the model gives T: how many frames reading one can need.
template <class T>
constexpr std::size_t frame_depth() {
    if constexpr (is_optional_v<T>) {
        return frame_depth<typename T::value_type>();
    } else if constexpr (is_vector_v<T>) {
        return 1 + frame_depth<typename T::value_type>();
    } else if constexpr (is_string_map_v<T>) {
        return 1;
    } else if constexpr (is_described_v<T>) {
        return 1 + std::apply(
                       [](const auto&... each) {
                           return std::max(
                               {std::size_t{0}, frame_depth<typename std::decay_t<decltype(each)>::member_type>()...});
                       },
                       fields_of(type_tag<T>{}));
    } else {
        return 0;
    }
}

// Per struct, built at compile time from its field table: each key with where its member is and how it is read.
template <class T, std::size_t I>
using field_member_t = typename std::tuple_element_t<I, decltype(fields_of(type_tag<T>{}))>::member_type;

template <class T, std::size_t I>
void* member_address(void* object) noexcept {
    constexpr auto member = std::get<I>(fields_of(type_tag<T>{})).member;
    return &(static_cast<T*>(object)->*member);
}

struct member_entry {
    std::string_view key;
    void* (*address)(void* object);
    value_reader read;
};

template <class T, std::size_t... I>
constexpr std::array<member_entry, sizeof...(I)> make_member_table(std::index_sequence<I...>) {
    return {{member_entry{std::get<I>(fields_of(type_tag<T>{})).key, &member_address<T, I>,
                          &read_sax_value<field_member_t<T, I>>}...}};
}

template <class T>
struct struct_reading {
    static constexpr std::size_t count = field_count_v<T>;
    static_assert(count <= 64, "awsauth: the SAX reader tracks a struct's members in 64 bits");
    static constexpr std::array<member_entry, count> members = make_member_table<T>(std::make_index_sequence<count>{});
    static constexpr std::uint64_t all_seen = count == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1;

    static slot member(sax_reader& reader, frame& at, std::string& key) {
        // AWS, boto3 and the CLI write members in model order: the one after the last read is tried first.
        std::size_t i = at.expected_field;
        if (i >= count || members[i].key != key) {
            i = 0;
            while (i < count && members[i].key != key)
                ++i;
            if (i == count) {
                if (reader.reject_unknown_keys()) reader.fail_at_member(key, unknown_member);
                at.key = {};
                return {};
            }
        }
        at.expected_field = i + 1;
        at.seen |= std::uint64_t{1} << i;
        at.key = members[i].key;
        return {members[i].address(at.target), members[i].read};
    }

    static void end(sax_reader& reader, frame& at) {
        if (at.seen == all_seen) return;
        finish_members(
            *static_cast<T*>(at.target), [&at](std::size_t index) { return (at.seen >> index & 1) != 0; },
            [&reader](std::string_view key) { reader.fail_at_member(key, missing_required_member); });
    }

    static constexpr container_reader container{&member, nullptr, &end, true};
};

template <class Vector>
struct vector_reading {
    static slot element(frame& at) {
        auto& elements = *static_cast<Vector*>(at.target);
        at.index = elements.size();
        return {&elements.emplace_back(), &read_sax_value<typename Vector::value_type>};
    }

    static constexpr container_reader container{nullptr, &element, nullptr, false};
};

struct string_map_reading {
    // A repeated key lands on the same entry, so the last value wins as with a DOM.
    static slot member(sax_reader&, frame& at, std::string& key) {
        auto& entries = *static_cast<std::map<std::string, std::string>*>(at.target);
        auto& entry = *entries.try_emplace(std::move(key)).first;
        at.key = entry.first;
        return {&entry.second, &read_sax_value<std::string>};
    }

    static constexpr container_reader container{&member, nullptr, nullptr, false};
};

// A repeated key reads into the same member again: an object or array starts from empty, so the last one wins.
template <class T>
void read_sax_value(sax_reader& reader, void* target, const json_scalar& value) {
    T& out = *static_cast<T*>(target);
    if constexpr (is_optional_v<T>) {
        if (value.kind == json_kind::null) {
            out.reset();
        } else {
            read_sax_value<typename T::value_type>(reader, &out.emplace(), value);
        }
    } else {
        if (value.kind == json_kind::null && reader.reading_struct_member()) reader.fail(required_member_is_null);
        if constexpr (is_vector_v<T>) {
            if (value.kind != json_kind::array) reader.fail(expected_message(expected_name<T>(), value.kind));
            out.clear();
            reader.push(&out, vector_reading<T>::container);
        } else if constexpr (is_string_map_v<T>) {
            if (value.kind != json_kind::object) reader.fail(expected_message(expected_name<T>(), value.kind));
            out.clear();
            reader.push(&out, string_map_reading::container);
        } else if constexpr (is_described_v<T>) {
            if (value.kind != json_kind::object) reader.fail(expected_message(expected_name<T>(), value.kind));
            reader.push(&out, struct_reading<T>::container);
        } else {
            read_scalar(value, out, [&reader](const std::string& problem) { reader.fail(problem); });
        }
    }
}

template <class T>
void read_document(std::string_view text, T& value, const parse_options& options) {
    check_document_size(text, options);
    check_no_nul_byte(text);
    std::array<frame, frame_depth<T>()> frames{};
    sax_reader reader(slot{&value, &read_sax_value<T>}, frames.data(), options);
    // nlohmann's own parser, which reads the caller's bytes in place. Not through json::sax_parse: that picks the
    // input format at run time, so it instantiates the CBOR, MessagePack, UBJSON, BJData and BSON readers for our
    // SAX type too, a quarter of a second of every user's compile (bench/compile_time.py), for code never reached.
    // detail::parser is what sax_parse calls for JSON in the 3.11 releases; it is not nlohmann's public API, so any
    // other release takes the public road, slower to compile but the same parse.
#if NLOHMANN_JSON_VERSION_MAJOR == 3 && NLOHMANN_JSON_VERSION_MINOR == 11
    using bytes = nlohmann::detail::iterator_input_adapter<const char*>;
    nlohmann::detail::parser<nlohmann::json, bytes>(bytes(text.data(), text.data() + text.size()), nullptr,
                                                    /*allow_exceptions=*/true, /*skip_comments=*/false)
        .sax_parse(&reader, /*strict=*/true);
#else
    nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &reader);
#endif
}

}  // namespace detail

/// Reads one JSON document into a generated struct; throws awsauth::error naming the JSON Pointer of what is wrong.
template <class T>
T parse(std::string_view json_text, const parse_options& options = {}) {
    static_assert(is_described_v<T>, "awsauth::parse reads the structs awsauth generates");
    T value{};
    detail::read_document(json_text, value, options);
    if (options.validate) detail::throw_first_violation(value);
    return value;
}

}  // namespace awsauth
