// awsauth/parse.hpp: JSON text to a generated struct, the front door for reading.
// nlohmann's SAX parser feeds a reader that writes straight into the struct: no DOM, no key copies. nlohmann's own
// errors quote the text last read, which may be a session token: none of them gets out unwrapped.
#pragma once

#include <awsauth/detail/json_pointer.hpp>
#include <awsauth/detail/json_reading.hpp>
#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/options.hpp>
#include <awsauth/validate.hpp>
#include <awsauth/version.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

AWSAUTH_BEGIN_NAMESPACE
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
        throw error(error_kind::limit_exceeded, "the document is " + std::to_string(text.size()) +
                                                    " bytes, more than parse_options::max_document_size (" +
                                                    std::to_string(options.max_document_size) + ")");
    }
}

// nlohmann's lexer takes a NUL byte for the end of the input, so "{...}\0anything" would read as "{...}". JSON
// text holds no raw NUL anywhere (in a string it must be escaped), so refuse it wherever it stands.
inline void check_no_nul_byte(std::string_view text) {
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        throw error(error_kind::invalid_json,
                    "invalid JSON (byte " + std::to_string(nul + 1) + "): a NUL byte, which JSON text cannot hold");
    }
}

[[noreturn, gnu::cold, gnu::noinline]] inline void fail_too_deep(const parse_options& options) {
    throw error(error_kind::limit_exceeded,
                "the document nests objects and arrays deeper than parse_options::max_depth (" +
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
        throw error(error_kind::invalid_json, describe_invalid_json(failure));
    }

    /// Opens a frame for the object or array the current value starts.
    void push(void* target, const container_reader& container) noexcept {
        frames_[depth_++] = frame{target, &container, {}, 0, 0, 0, {}};
    }

    /// Whether the current value is a member of a struct (where null means absent) rather than an element.
    bool reading_struct_member() const noexcept { return depth_ != 0 && frames_[depth_ - 1].container->is_struct; }

    bool reject_unknown_keys() const noexcept { return options_.reject_unknown_keys; }

    /// Throws at the path of the current value.
    [[noreturn, gnu::cold, gnu::noinline]] void fail(error_kind kind, const std::string& problem) const {
        throw error(kind, pointer_to(depth_), problem);
    }

    /// Throws at the path of member `key` of the innermost open object.
    [[noreturn, gnu::cold, gnu::noinline]] void fail_at_member(std::string_view key, error_kind kind,
                                                               const std::string& problem) const {
        std::string pointer = pointer_to(depth_ - 1);
        append_pointer_token(pointer, key);
        throw error(kind, pointer, problem);
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

/// A member of type T read from SAX events: one specialization per member type. read() takes the value the reader
/// met (a scalar, or the start of an object or array, which it opens a frame for); depth is how many frames reading
/// one can need. A repeated key reads into the same member again: an object or array starts from empty, so the last
/// one wins.
template <class T, class = void>
struct sax_codec {
    // The scalar types: what the reader met, converted by the shared rule of json_reading.hpp.
    static constexpr std::size_t depth = 0;
    static void read(sax_reader& reader, void* target, const json_scalar& value) {
        if (value.kind == json_kind::null && reader.reading_struct_member())
            reader.fail(error_kind::wrong_type, required_member_is_null);
        json_reading<T>::read(value, *static_cast<T*>(target),
                              [&reader](error_kind kind, const std::string& problem) { reader.fail(kind, problem); });
    }
};

// Opening a container: null for a required member, or a value of another JSON type, is an error.
inline void expect_container(sax_reader& reader, const json_scalar& value, json_kind wanted, const char* expected) {
    if (value.kind == json_kind::null && reader.reading_struct_member())
        reader.fail(error_kind::wrong_type, required_member_is_null);
    if (value.kind != wanted) reader.fail(error_kind::wrong_type, expected_message(expected, value.kind));
}

template <class T>
struct sax_codec<std::optional<T>> {
    static constexpr std::size_t depth = sax_codec<T>::depth;
    static void read(sax_reader& reader, void* target, const json_scalar& value) {
        auto& out = *static_cast<std::optional<T>*>(target);
        if (value.kind == json_kind::null) {
            out.reset();
        } else {
            sax_codec<T>::read(reader, &out.emplace(), value);
        }
    }
};

template <class T>
struct sax_codec<std::vector<T>> {
    static constexpr std::size_t depth = 1 + sax_codec<T>::depth;

    static slot element(frame& at) {
        auto& elements = *static_cast<std::vector<T>*>(at.target);
        at.index = elements.size();
        return {&elements.emplace_back(), &sax_codec<T>::read};
    }
    static constexpr container_reader container{nullptr, &element, nullptr, false};

    static void read(sax_reader& reader, void* target, const json_scalar& value) {
        expect_container(reader, value, json_kind::array, json_reading<std::vector<T>>::expected);
        auto& out = *static_cast<std::vector<T>*>(target);
        out.clear();
        reader.push(&out, container);
    }
};

template <>
struct sax_codec<std::map<std::string, std::string>> {
    using map = std::map<std::string, std::string>;
    static constexpr std::size_t depth = 1;

    // A repeated key lands on the same entry, so the last value wins as with a DOM.
    static slot member(sax_reader&, frame& at, std::string& key) {
        auto& entry = *static_cast<map*>(at.target)->try_emplace(std::move(key)).first;
        at.key = entry.first;
        return {&entry.second, &sax_codec<std::string>::read};
    }
    static constexpr container_reader container{&member, nullptr, nullptr, false};

    static void read(sax_reader& reader, void* target, const json_scalar& value) {
        expect_container(reader, value, json_kind::object, json_reading<map>::expected);
        auto& out = *static_cast<map*>(target);
        out.clear();
        reader.push(&out, container);
    }
};

// Per struct, built at compile time from its descriptors: each key with where its member is and how it is read.
template <class T, std::size_t I>
using field_member_t = typename field_type_t<T, I>::member_type;

template <class T, std::size_t I>
void* member_address(void* object) noexcept {
    constexpr auto member = field_at<I>(fields_of(type_tag<T>{})).member;
    return &(static_cast<T*>(object)->*member);
}

struct member_entry {
    std::string_view key;
    void* (*address)(void* object);
    value_reader read;
};

template <class T, std::size_t... I>
constexpr std::array<member_entry, sizeof...(I)> make_member_table(std::index_sequence<I...>) {
    return {{member_entry{field_at<I>(fields_of(type_tag<T>{})).key, &member_address<T, I>,
                          &sax_codec<field_member_t<T, I>>::read}...}};
}

template <class T, std::size_t... I>
constexpr std::size_t deepest_member(std::index_sequence<I...>) {
    return std::max({std::size_t{0}, sax_codec<field_member_t<T, I>>::depth...});
}

/// Every member of a struct, as the `Held` mask of struct_reader and read_members has it.
inline constexpr std::uint64_t all_members = ~std::uint64_t{0};

/// A struct read from SAX events, bit i of `Held` saying whether the document holds the member at index i: every
/// member for awsauth::parse; a REST message's JSON body holds only the members its descriptors bind to the body.
/// A member outside Held is an unknown key where it appears, and its absence is no error: it is left as it is.
template <class T, std::uint64_t Held>
struct struct_reader {
    static constexpr std::size_t count = field_count_v<T>;
    static_assert(count <= 64, "awsauth: the SAX reader tracks a struct's members in 64 bits");
    static constexpr std::size_t depth = 1 + deepest_member<T>(std::make_index_sequence<count>{});
    static constexpr std::array<member_entry, count> members = make_member_table<T>(std::make_index_sequence<count>{});
    static constexpr std::uint64_t all_seen = count == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1;
    // The members the end of the object needs no key for: those the document does not hold.
    static constexpr std::uint64_t not_held = ~Held & all_seen;

    static slot member(sax_reader& reader, frame& at, std::string& key) {
        // AWS, boto3 and the CLI write members in model order: the one after the last read is tried first.
        std::size_t i = at.expected_field;
        if (i >= count || members[i].key != key) {
            i = 0;
            while (i < count && members[i].key != key)
                ++i;
        }
        bool known = i != count;
        if constexpr (not_held != 0) known = known && (not_held >> i & 1) == 0;
        if (!known) {
            if (reader.reject_unknown_keys()) reader.fail_at_member(key, error_kind::unknown_member, unknown_member);
            at.key = {};
            return {};
        }
        at.expected_field = i + 1;
        at.seen |= std::uint64_t{1} << i;
        at.key = members[i].key;
        return {members[i].address(at.target), members[i].read};
    }

    static void end(sax_reader& reader, frame& at) {
        const std::uint64_t present = at.seen | not_held;
        if (present == all_seen) return;
        finish_members(
            *static_cast<T*>(at.target), [present](std::size_t index) { return (present >> index & 1) != 0; },
            [&reader](std::string_view key) {
                reader.fail_at_member(key, error_kind::missing_member, missing_required_member);
            });
    }

    static constexpr container_reader container{&member, nullptr, &end, true};

    static void read(sax_reader& reader, void* target, const json_scalar& value) {
        expect_container(reader, value, json_kind::object, json_reading<T>::expected);
        reader.push(target, container);
    }
};

template <class T>
struct sax_codec<T, std::enable_if_t<is_described_v<T>>> : struct_reader<T, all_members> {};

// nlohmann's own parser over the caller's bytes, driving `sax`; what nlohmann's sax_parse returns. Not through
// json::sax_parse: that picks the input format at run time, so it instantiates the CBOR, MessagePack, UBJSON, BJData
// and BSON readers for our SAX type too, a quarter of a second of every user's compile (bench/compile_time.py), for
// code never reached. detail::parser is what sax_parse calls for JSON in the 3.11 releases; it is not nlohmann's
// public API, so any other release takes the public road, slower to compile but the same parse.
// AWSAUTH_NLOHMANN_PUBLIC_SAX_PARSE takes that road on 3.11 too: CTest's unit_public_sax_parse builds the reader's
// tests that way, so the branch other releases take is compiled and run by CI.
template <class Sax>
bool run_json_parser(std::string_view text, Sax& sax) {
#if NLOHMANN_JSON_VERSION_MAJOR == 3 && NLOHMANN_JSON_VERSION_MINOR == 11 && !defined(AWSAUTH_NLOHMANN_PUBLIC_SAX_PARSE)
    using bytes = nlohmann::detail::iterator_input_adapter<const char*>;
    return nlohmann::detail::parser<nlohmann::json, bytes>(bytes(text.data(), text.data() + text.size()), nullptr,
                                                           /*allow_exceptions=*/true, /*skip_comments=*/false)
        .sax_parse(&sax, /*strict=*/true);
#else
    return nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &sax);
#endif
}

/// Reads one JSON document with `Codec` (sax_codec<T>, or a struct_reader holding some of T's members) into value.
template <class Codec, class T>
void read_document_as(std::string_view text, T& value, const parse_options& options) {
    check_document_size(text, options);
    check_no_nul_byte(text);
    std::array<frame, Codec::depth> frames{};
    sax_reader reader(slot{&value, &Codec::read}, frames.data(), options);
    run_json_parser(text, reader);
}

template <class T>
void read_document(std::string_view text, T& value, const parse_options& options) {
    read_document_as<sax_codec<T>>(text, value, options);
}

/// Reads a JSON document that holds only some of T's members into `value`: bit i of `Held` says whether the document
/// holds the member at index i (model order). The others are neither read (their keys are unknown keys) nor
/// required, and keep the value they have: a REST request's JSON body, whose members bound to the URI, the query
/// string or headers travel elsewhere. The rules, errors, paths and limits are awsauth::parse's.
template <std::uint64_t Held, class T>
void read_members(std::string_view json_text, T& value, const parse_options& options) {
    static_assert(is_described_v<T>, "awsauth: read_members reads the structs awsauth generates");
    read_document_as<struct_reader<T, Held>>(json_text, value, options);
}

// ---------------------------------------------------------------------------------------------------------------
// A tolerant look at a document: some string members at the top level of an object, everything else passed over.

// Records the top-level string members named in `keys`; any other value, a named member of another type and any
// document that is not an object are passed over. Stops (returns false) at the first syntax error.
template <std::size_t N>
class top_level_string_reader {
public:
    top_level_string_reader(const std::array<std::string_view, N>& keys,
                            std::array<std::optional<std::string>, N>& values, const parse_options& options) noexcept
        : keys_(keys), values_(values), options_(options) {}

    bool null() { return scalar(); }
    bool boolean(bool) { return scalar(); }
    bool number_integer(std::int64_t) { return scalar(); }
    bool number_unsigned(std::uint64_t) { return scalar(); }
    bool number_float(double, const std::string&) { return scalar(); }
    bool binary(nlohmann::json::binary_t&) { return scalar(); }
    bool string(std::string& text) {
        if (depth_ == 1 && pending_ < N) values_[pending_] = std::move(text);
        return scalar();
    }
    bool start_object(std::size_t) {
        if (depth_ == 0) in_object_ = true;
        return open();
    }
    bool start_array(std::size_t) {
        if (depth_ == 0) in_object_ = false;
        return open();
    }
    bool key(std::string& key) {
        pending_ = N;
        if (depth_ == 1 && in_object_) {
            for (std::size_t i = 0; i < N; ++i) {
                if (keys_[i] == key) pending_ = i;
            }
        }
        return true;
    }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::json::exception&) { return false; }

private:
    bool scalar() {
        pending_ = N;
        return true;
    }
    bool open() {
        if (depth_ >= options_.max_depth) fail_too_deep(options_);
        ++depth_;
        pending_ = N;
        return true;
    }
    bool close() {
        --depth_;
        return true;
    }

    const std::array<std::string_view, N>& keys_;
    std::array<std::optional<std::string>, N>& values_;
    const parse_options& options_;
    std::size_t depth_ = 0;
    std::size_t pending_ = N;  // the index in keys_ of the member whose value comes next; N for none
    bool in_object_ = false;
};

/// Reads the string members named `keys` at the top level of a JSON object into `values` (the last of a repeated
/// key wins), passing over everything else: other members, a named member whose value is not a string, a document
/// that is an array or a scalar. What an error answer needs, whatever else its body holds. Returns false, with
/// `values` untouched, when the text is not JSON; parse_options::max_document_size and max_depth apply
/// (awsauth::error, kind limit_exceeded).
template <std::size_t N>
bool read_top_level_strings(std::string_view json_text, const std::array<std::string_view, N>& keys,
                            std::array<std::optional<std::string>, N>& values, const parse_options& options) {
    check_document_size(json_text, options);
    if (json_text.find('\0') != std::string_view::npos) return false;  // not JSON text (see check_no_nul_byte)
    std::array<std::optional<std::string>, N> found{};
    top_level_string_reader<N> reader(keys, found, options);
    if (!run_json_parser(json_text, reader)) return false;
    values = std::move(found);
    return true;
}

}  // namespace detail

/// Reads one JSON document into a generated struct; throws awsauth::error naming the JSON Pointer of what is wrong.
template <class T>
T parse(std::string_view json_text, const parse_options& options = {}) {
    static_assert(is_described_v<T>, "awsauth::parse reads the structs awsauth generates");
    T value{};
    detail::read_document(json_text, value, options);
    return value;
}

/// parse<T>, then every constraint of the AWS model (awsauth::validate): throws awsauth::error of kind
/// constraint_violated at the first violation, with a count of the others. A function of its own, so that a program
/// that only calls parse<T> compiles no validation code.
template <class T>
T parse_validated(std::string_view json_text, const parse_options& options = {}) {
    T value = parse<T>(json_text, options);
    detail::throw_first_violation(value);
    return value;
}

AWSAUTH_END_NAMESPACE
