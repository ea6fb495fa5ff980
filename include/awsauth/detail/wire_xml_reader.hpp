// awsauth/detail/wire_xml_reader.hpp: XML read with expat straight into the generated structs, through their
// descriptors: one element reader per member type (xml_reading<T>), as parse.hpp's sax_codec reads JSON. No DOM, no
// DOCTYPE (so no entity is ever declared, expanded or fetched), and none of expat's own messages reaches the user.
#pragma once

#include <awsauth/detail/json_pointer.hpp>
#include <awsauth/detail/json_reading.hpp>
#include <awsauth/detail/utf8.hpp>
#include <awsauth/detail/wire_http.hpp>
#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/member_types.hpp>
#include <awsauth/options.hpp>
#include <awsauth/timestamp.hpp>
#include <awsauth/version.hpp>

#include <expat.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

// ---------------------------------------------------------------------------------------------------------------
// Messages. Fixed words, a byte offset at most: never text from the document, which may be a secret.

inline constexpr const char* repeated_element = "expected one element, got a repeated one";
inline constexpr const char* element_inside_text = "expected text, got an element";
inline constexpr const char* not_an_integer = "expected an integer, got text that is not one";

[[noreturn, gnu::cold, gnu::noinline]] inline void fail_invalid_xml(std::size_t byte, const char* problem) {
    throw error(error_kind::invalid_json, "invalid XML (byte " + std::to_string(byte) + "): " + problem);
}

// expat's codes in our words; its own strings are fixed too, but they are expat's to change.
[[gnu::cold]] inline const char* describe_expat_error(XML_Error code) noexcept {
    switch (code) {
        case XML_ERROR_SYNTAX:
            return "syntax error";
        case XML_ERROR_NO_ELEMENTS:
            return "the document ends before its root element does, or has none";
        case XML_ERROR_INVALID_TOKEN:
            return "a character or markup XML does not allow here";
        case XML_ERROR_UNCLOSED_TOKEN:
            return "the document ends inside a tag";
        case XML_ERROR_PARTIAL_CHAR:
            return "the document ends inside a character";
        case XML_ERROR_TAG_MISMATCH:
            return "an end tag does not match its start tag";
        case XML_ERROR_DUPLICATE_ATTRIBUTE:
            return "an attribute is repeated in one element";
        case XML_ERROR_JUNK_AFTER_DOC_ELEMENT:
            return "content after the root element";
        case XML_ERROR_UNDEFINED_ENTITY:
            return "a reference to an undeclared entity";
        case XML_ERROR_BAD_CHAR_REF:
            return "a character reference to a character XML does not allow";
        case XML_ERROR_MISPLACED_XML_PI:
            return "an XML declaration after the start of the document";
        case XML_ERROR_UNCLOSED_CDATA_SECTION:
            return "the document ends inside a CDATA section";
        case XML_ERROR_UNBOUND_PREFIX:
            return "an undeclared namespace prefix";
        case XML_ERROR_UNDECLARING_PREFIX:
            return "a namespace prefix declared empty";
        case XML_ERROR_XML_DECL:
            return "a malformed XML declaration";
        case XML_ERROR_RESERVED_PREFIX_XML:
        case XML_ERROR_RESERVED_PREFIX_XMLNS:
        case XML_ERROR_RESERVED_NAMESPACE_URI:
            return "a reserved namespace prefix or name misused";
        case XML_ERROR_PARAM_ENTITY_REF:
        case XML_ERROR_RECURSIVE_ENTITY_REF:
        case XML_ERROR_ASYNC_ENTITY:
        case XML_ERROR_BINARY_ENTITY_REF:
        case XML_ERROR_ATTRIBUTE_EXTERNAL_ENTITY_REF:
        case XML_ERROR_EXTERNAL_ENTITY_HANDLING:
        case XML_ERROR_ENTITY_DECLARED_IN_PE:
        case XML_ERROR_INCOMPLETE_PE:
            return "an entity, which awsauth never expands";
        default:
            return "not well-formed XML";
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The reader. Each open element the model knows is a frame: the C++ object it fills and the static table of what to
// do with its content. Unknown elements are not framed, only counted, with all they hold. The JSON Pointer (model
// keys and list indices; only under reject_unknown_keys the name of the unknown element, as the JSON readers name an
// unknown key) is spelled out from the frames only when something is wrong.

class xml_reader;
struct xml_frame;

/// How the reader came to an element, for the path: as the member `key`, as list element `index`, or as neither
/// (the document element, a result wrapper: the pointer does not name them).
struct xml_step {
    std::string_view key{};
    std::size_t index = 0;
    bool is_index = false;
};

/// Opens a frame for an element whose content goes into the C++ object at `target`.
using xml_opener = void (*)(xml_reader& reader, void* target, xml_step step);

/// What an open element does with its content: one static table per C++ type.
struct xml_element_reader {
    /// A child element, by local name: opens a frame for it and returns true, or returns false to skip it.
    bool (*child)(xml_reader& reader, xml_frame& at, std::string_view name);
    /// Character data (references resolved, CDATA included, in pieces); null: ignored.
    void (*text)(xml_reader& reader, xml_frame& at, std::string_view piece);
    /// The element ends; null: nothing to do.
    void (*end)(xml_reader& reader, xml_frame& at);
};

struct xml_frame {
    void* target;
    const xml_element_reader* reader;
    xml_step step;
    std::uint64_t seen;           // structs: one bit per member read
    std::size_t expected_member;  // structs: the member tried first for the next child
};

class xml_reader {
public:
    /// `frames` holds as many frames as the deepest element the model maps; `root` opens the document element.
    xml_reader(xml_frame* frames, xml_opener root, void* root_target, const parse_options& options) noexcept
        : frames_(frames), root_(root), root_target_(root_target), options_(options) {}

    void push(void* target, const xml_element_reader& reader, xml_step step) noexcept {
        frames_[depth_++] = xml_frame{target, &reader, step, 0, 0};
    }

    /// parse_options::reject_unknown_keys: an element the model does not have inside a struct or a list is an error.
    bool reject_unknown_elements() const noexcept { return options_.reject_unknown_keys; }

    /// Where a leaf's text is gathered when it is not a string member (integers, timestamps).
    std::string& scratch() noexcept { return scratch_; }

    /// Throws at the path of the innermost open element.
    [[noreturn, gnu::cold, gnu::noinline]] void fail(error_kind kind, const std::string& problem) const {
        throw error(kind, pointer_to(depth_), problem);
    }

    /// Throws at the path of member `key` of the innermost open element.
    [[noreturn, gnu::cold, gnu::noinline]] void fail_at_child(std::string_view key, error_kind kind,
                                                              const std::string& problem) const {
        std::string pointer = pointer_to(depth_);
        append_pointer_token(pointer, key);
        throw error(kind, pointer, problem);
    }

    // The events, as expat reports them (element names reduced to their local part).
    void start(std::string_view name) {
        if (depth_ + skipped_ >= options_.max_depth) fail_too_deep();
        // An element inside a skipped one, or one its parent does not know, is skipped with its children.
        const bool skip =
            skipped_ != 0 || (depth_ != 0 && !frames_[depth_ - 1].reader->child(*this, frames_[depth_ - 1], name));
        if (skip) {
            ++skipped_;
        } else if (depth_ == 0) {
            root_(*this, root_target_, xml_step{});
        }
    }

    void text(std::string_view piece) {
        if (skipped_ != 0 || depth_ == 0) return;
        xml_frame& top = frames_[depth_ - 1];
        if (top.reader->text != nullptr) top.reader->text(*this, top, piece);
    }

    void end() {
        if (skipped_ != 0) {
            --skipped_;
            return;
        }
        xml_frame& top = frames_[depth_ - 1];
        if (top.reader->end != nullptr) top.reader->end(*this, top);
        --depth_;
    }

private:
    [[gnu::cold]] std::string pointer_to(std::size_t frames) const {
        std::string pointer;
        for (std::size_t i = 0; i < frames; ++i) {
            const xml_step& step = frames_[i].step;
            if (step.is_index) {
                pointer += '/';
                pointer += std::to_string(step.index);
            } else if (!step.key.empty()) {
                append_pointer_token(pointer, step.key);
            }
        }
        return pointer;
    }

    [[noreturn, gnu::cold, gnu::noinline]] void fail_too_deep() const {
        throw error(error_kind::limit_exceeded, "the document nests elements deeper than parse_options::max_depth (" +
                                                    std::to_string(options_.max_depth) + ")");
    }

    xml_frame* frames_;
    xml_opener root_;
    void* root_target_;
    const parse_options& options_;
    std::size_t depth_ = 0;    // open frames
    std::size_t skipped_ = 0;  // open elements inside a skipped one
    std::string scratch_;
};

// A leaf holds text only: an element inside one is refused, not skipped (botocore would keep the text before it).
inline bool refuse_child(xml_reader& reader, xml_frame&, std::string_view) {
    reader.fail(error_kind::wrong_type, element_inside_text);
}

// ---------------------------------------------------------------------------------------------------------------
// Leaf text as botocore reads it: strings exactly as sent (whitespace kept); integers and timestamps with the XML
// whitespace around them ignored, as Python's int() and botocore's timestamp parser ignore it.

// Both integer types: the magnitude is gathered unsigned and sticks at the largest std::uint64_t once another digit
// could overflow it (far beyond either end of either range), so a long run of digits is out of range, never wrapped.
template <class Integer>
void read_xml_integer(std::string_view text, Integer& out, xml_reader& reader) {
    text = trimmed(text);
    const bool negative = !text.empty() && text.front() == '-';
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
    if (text.empty()) reader.fail(error_kind::wrong_type, not_an_integer);
    constexpr std::uint64_t saturated = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t magnitude = 0;
    for (const char c : text) {
        if (!is_digit(c)) reader.fail(error_kind::wrong_type, not_an_integer);
        magnitude = magnitude > (saturated - 9) / 10 ? saturated : magnitude * 10 + static_cast<std::uint64_t>(c - '0');
    }
    // The largest magnitude each sign allows: max, or max + 1 below zero.
    constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<Integer>::max());
    if (magnitude > (negative ? max + 1 : max))
        reader.fail(error_kind::out_of_range, std::string(integer_out_of_range<Integer>));
    // -(max + 1) is computed in the unsigned type and converted back: no signed overflow at the minimum.
    out = negative ? static_cast<Integer>(0 - magnitude) : static_cast<Integer>(magnitude);
}

// ISO 8601 through awsauth's own parser; a bare number is epoch seconds, as botocore reads it (float(text) first).
inline void read_xml_timestamp(std::string_view text, timestamp& out, xml_reader& reader) {
    text = trimmed(text);
    std::string_view problem = read_timestamp(text, out);
    if (problem.empty()) return;
    const std::string_view epoch_problem = timestamp_from_epoch_decimal(text, out);
    if (epoch_problem.empty()) return;
    if (epoch_problem == out_of_range) problem = epoch_problem;  // a number, but not an instant awsauth holds
    reader.fail(error_kind::invalid_timestamp, "invalid timestamp: " + std::string(problem));
}

// ---------------------------------------------------------------------------------------------------------------
// One reader per member type. open() starts reading an element into the object at `target`; depth is how many frames
// reading one can need.

template <class T, class = void>
struct xml_reading {
    static_assert(dependent_false_v<T>, "awsauth: no XML mapping for this member type");
};

template <>
struct xml_reading<std::string> {
    static constexpr std::size_t depth = 1;
    static void text(xml_reader&, xml_frame& at, std::string_view piece) {
        static_cast<std::string*>(at.target)->append(piece.data(), piece.size());
    }
    static constexpr xml_element_reader element{&refuse_child, &text, nullptr};
    static void open(xml_reader& reader, void* target, xml_step step) {
        static_cast<std::string*>(target)->clear();
        reader.push(target, element, step);
    }
};

// Integers and timestamps: the text gathered in the reader's scratch buffer, converted when the element ends.
template <class T, void (*Convert)(std::string_view, T&, xml_reader&)>
struct xml_scalar_reading {
    static constexpr std::size_t depth = 1;
    static void text(xml_reader& reader, xml_frame&, std::string_view piece) {
        reader.scratch().append(piece.data(), piece.size());
    }
    static void end(xml_reader& reader, xml_frame& at) {
        Convert(reader.scratch(), *static_cast<T*>(at.target), reader);
    }
    static constexpr xml_element_reader element{&refuse_child, &text, &end};
    static void open(xml_reader& reader, void* target, xml_step step) {
        reader.scratch().clear();
        reader.push(target, element, step);
    }
};

template <class Integer>
struct xml_reading<Integer, std::enable_if_t<is_integer_member_v<Integer>>>
    : xml_scalar_reading<Integer, &read_xml_integer<Integer>> {};

template <>
struct xml_reading<timestamp> : xml_scalar_reading<timestamp, &read_xml_timestamp> {};

// Present means the element is there, even empty.
template <class T>
struct xml_reading<std::optional<T>> {
    static constexpr std::size_t depth = xml_reading<T>::depth;
    static void open(xml_reader& reader, void* target, xml_step step) {
        xml_reading<T>::open(reader, &static_cast<std::optional<T>*>(target)->emplace(), step);
    }
};

/// The query protocol's list element: `<Name><member>...</member><member>...</member></Name>` (the models name no
/// other member element); anything else inside is skipped.
inline constexpr std::string_view xml_list_member = "member";

template <class T>
struct xml_reading<std::vector<T>> {
    static constexpr std::size_t depth = 1 + xml_reading<T>::depth;
    // The element before has ended, so no open frame points into the vector when it grows.
    static bool child(xml_reader& reader, xml_frame& at, std::string_view name) {
        if (name != xml_list_member) {
            if (reader.reject_unknown_elements())
                reader.fail_at_child(name, error_kind::unknown_member, unknown_member);
            return false;
        }
        auto& elements = *static_cast<std::vector<T>*>(at.target);
        const std::size_t index = elements.size();
        xml_reading<T>::open(reader, &elements.emplace_back(), xml_step{{}, index, true});
        return true;
    }
    static constexpr xml_element_reader element{&child, nullptr, nullptr};
    static void open(xml_reader& reader, void* target, xml_step step) {
        static_cast<std::vector<T>*>(target)->clear();
        reader.push(target, element, step);
    }
};

// Per struct, built at compile time from its descriptors: each key with where its member is and how it is read.
// boto3's ResponseMetadata is not on the wire (wire_http.hpp fills it from the HTTP exchange): its entry has no
// opener, so an element of that name inside a result is skipped like any unknown one.
template <class T, std::size_t I>
constexpr bool is_response_metadata_field() noexcept {
    if constexpr (has_response_metadata_v<T>) {
        using pointer = decltype(&T::response_metadata);
        constexpr auto member = field_at<I>(fields_v<T>).member;
        if constexpr (std::is_same_v<std::remove_const_t<decltype(member)>, pointer>) {
            return member == &T::response_metadata;
        } else {
            return false;
        }
    } else {
        return false;
    }
}

template <class T, std::size_t I>
using xml_member_t = typename field_type_t<T, I>::member_type;

template <class T, std::size_t I>
void* xml_member_address(void* object) noexcept {
    constexpr auto member = field_at<I>(fields_v<T>).member;
    return &(static_cast<T*>(object)->*member);
}

struct xml_member_entry {
    std::string_view key;
    void* (*address)(void* object);
    xml_opener open;  // null: not on the wire
};

template <class T, std::size_t I>
constexpr xml_member_entry xml_member_entry_of() {
    if constexpr (is_response_metadata_field<T, I>()) {
        return {field_at<I>(fields_v<T>).key, nullptr, nullptr};
    } else {
        return {field_at<I>(fields_v<T>).key, &xml_member_address<T, I>, &xml_reading<xml_member_t<T, I>>::open};
    }
}

template <class T, std::size_t I>
constexpr std::size_t xml_member_depth() {
    if constexpr (is_response_metadata_field<T, I>()) {
        return 0;
    } else {
        return xml_reading<xml_member_t<T, I>>::depth;
    }
}

template <class T, std::size_t... I>
constexpr std::array<xml_member_entry, sizeof...(I)> make_xml_member_table(std::index_sequence<I...>) {
    return {{xml_member_entry_of<T, I>()...}};
}

template <class T, std::size_t... I>
constexpr std::size_t deepest_xml_member(std::index_sequence<I...>) {
    return std::max({std::size_t{0}, xml_member_depth<T, I>()...});
}

template <class T>
struct xml_reading<T, std::enable_if_t<is_described_v<T>>> {
    static constexpr std::size_t count = field_count_v<T>;
    static_assert(count <= 64, "awsauth: the XML reader tracks a struct's members in 64 bits");
    static constexpr std::size_t depth = 1 + deepest_xml_member<T>(std::make_index_sequence<count>{});
    static constexpr std::array<xml_member_entry, count> members =
        make_xml_member_table<T>(std::make_index_sequence<count>{});

    // Members in any order; the one after the last read (model order, as STS writes them) is tried first. A
    // repeated member is refused: botocore makes a list of raw elements of it, other readers keep the first or the
    // last, so an answer with one means different things to different clients.
    static bool child(xml_reader& reader, xml_frame& at, std::string_view name) {
        std::size_t i = at.expected_member;
        if (i >= count || members[i].key != name) {
            i = 0;
            while (i < count && members[i].key != name)
                ++i;
        }
        if (i == count || members[i].open == nullptr) {
            if (reader.reject_unknown_elements())
                reader.fail_at_child(name, error_kind::unknown_member, unknown_member);
            return false;
        }
        const std::uint64_t bit = std::uint64_t{1} << i;
        if ((at.seen & bit) != 0) reader.fail_at_child(members[i].key, error_kind::wrong_type, repeated_element);
        at.seen |= bit;
        at.expected_member = i + 1;
        members[i].open(reader, members[i].address(at.target), xml_step{members[i].key, 0, false});
        return true;
    }

    static void end(xml_reader& reader, xml_frame& at) {
        finish_members(
            *static_cast<T*>(at.target), [&at](std::size_t index) { return (at.seen >> index & 1) != 0; },
            [&reader](std::string_view key) {
                reader.fail_at_child(key, error_kind::missing_member, missing_required_member);
            });
    }

    // Text between the members (indentation, or anything else) is no member's: ignored, as botocore ignores it.
    static constexpr xml_element_reader element{&child, nullptr, &end};

    static void open(xml_reader& reader, void* target, xml_step step) { reader.push(target, element, step); }
};

// ---------------------------------------------------------------------------------------------------------------
// expat. One parser per document, namespace processing on: a name arrives as "namespace|local" or "local", and only
// the local part is compared, whatever the prefix or namespace. A handler never lets an exception through expat's C
// frames: it keeps it, stops the parser, and read_xml throws it once XML_Parse has returned.

inline constexpr char xml_namespace_separator = '|';  // not a character of a name, nor of a URI

inline std::string_view local_name_of(const XML_Char* name) noexcept {
    const std::string_view full(name);
    const auto separator = full.rfind(xml_namespace_separator);
    return separator == std::string_view::npos ? full : full.substr(separator + 1);
}

struct expat_session {
    XML_Parser parser;
    xml_reader& reader;
    std::exception_ptr failure{};

    template <class Event>
    void guarded(Event&& event) noexcept {
        if (failure) return;  // expat may still report what it had in hand when it was stopped
        try {
            event();
        } catch (...) {
            failure = std::current_exception();
            XML_StopParser(parser, XML_FALSE);
        }
    }

    // 1-based, as the JSON reader counts; expat has no position (-1) for an empty document: its first byte.
    std::size_t byte() const noexcept {
        const auto index = XML_GetCurrentByteIndex(parser);
        return index < 0 ? 1 : static_cast<std::size_t>(index) + 1;
    }
};

inline void XMLCALL on_xml_start(void* data, const XML_Char* name, const XML_Char**) {
    auto& session = *static_cast<expat_session*>(data);
    session.guarded([&] { session.reader.start(local_name_of(name)); });
}

inline void XMLCALL on_xml_end(void* data, const XML_Char*) {
    auto& session = *static_cast<expat_session*>(data);
    session.guarded([&] { session.reader.end(); });
}

inline void XMLCALL on_xml_text(void* data, const XML_Char* text, int length) {
    auto& session = *static_cast<expat_session*>(data);
    session.guarded([&] { session.reader.text(std::string_view(text, static_cast<std::size_t>(length))); });
}

// A DOCTYPE is where entities are declared (billion laughs, external entities: XXE); no AWS answer has one, so the
// parser stops at its start, before expat reads a declaration in it.
inline void XMLCALL on_xml_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto& session = *static_cast<expat_session*>(data);
    session.guarded(
        [&] { fail_invalid_xml(session.byte(), "a document type declaration (DOCTYPE), which awsauth refuses"); });
}

// Unreachable while every DOCTYPE is refused at its start; kept so that no entity is declared if that ever changes.
inline void XMLCALL on_xml_entity_declaration(void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                                              const XML_Char*, const XML_Char*, const XML_Char*) {
    auto& session = *static_cast<expat_session*>(data);
    session.guarded([&] { fail_invalid_xml(session.byte(), "an entity declaration, which awsauth refuses"); });
}

inline bool is_ascii_eight(const unsigned char* bytes) noexcept {
    std::uint64_t eight = 0;
    std::memcpy(&eight, bytes, sizeof eight);
    return (eight & 0x8080808080808080u) == 0;
}

inline void check_xml_document(std::string_view body, const parse_options& options) {
    if (body.size() > options.max_document_size) {
        throw error(error_kind::limit_exceeded, "the document is " + std::to_string(body.size()) +
                                                    " bytes, more than parse_options::max_document_size (" +
                                                    std::to_string(options.max_document_size) + ")");
    }
    // expat is told the text is UTF-8 whatever its declaration says (as botocore tells it), and checks it; this
    // check says so in awsauth's own words, through the one UTF-8 decoder every reader shares.
    const auto* bytes = reinterpret_cast<const unsigned char*>(body.data());
    char32_t ignored = 0;
    for (std::size_t i = 0; i < body.size();) {
        if (i + 8 <= body.size() && is_ascii_eight(bytes + i)) {
            i += 8;  // an AWS answer is ASCII but for a name or a message: eight bytes at a time
            continue;
        }
        if (bytes[i] < 0x80) {
            ++i;
            continue;
        }
        const std::size_t length = decode_utf8(bytes + i, body.size() - i, ignored);
        if (length == 0) {
            throw error(error_kind::invalid_utf8, "invalid XML (byte " + std::to_string(i + 1) + "): not UTF-8");
        }
        i += length;
    }
}

/// Reads `body` as one XML document into `reader`. Throws awsauth::error, in awsauth's words, for a document that is
/// too large, not UTF-8, not well-formed, has a DOCTYPE, nests too deep, or does not fit the model.
inline void read_xml(std::string_view body, xml_reader& reader, const parse_options& options) {
    check_xml_document(body, options);
    // The encoding given here overrides the document's declaration: the body is UTF-8, whatever it says.
    const std::unique_ptr<std::remove_pointer_t<XML_Parser>, void (*)(XML_Parser)> parser(
        XML_ParserCreateNS("UTF-8", xml_namespace_separator), &XML_ParserFree);
    if (!parser) throw std::bad_alloc();
    expat_session session{parser.get(), reader};
    XML_SetUserData(parser.get(), &session);
    XML_SetElementHandler(parser.get(), &on_xml_start, &on_xml_end);
    XML_SetCharacterDataHandler(parser.get(), &on_xml_text);
    XML_SetStartDoctypeDeclHandler(parser.get(), &on_xml_doctype);
    XML_SetEntityDeclHandler(parser.get(), &on_xml_entity_declaration);
    XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);

    // XML_Parse takes an int length: a body past INT_MAX (a caller's own max_document_size) goes in pieces.
    constexpr std::size_t largest_piece = INT_MAX;
    std::size_t offset = 0;
    XML_Status status = XML_STATUS_OK;
    do {
        const std::size_t piece = std::min(body.size() - offset, largest_piece);
        const bool last = offset + piece == body.size();
        status = XML_Parse(parser.get(), body.data() + offset, static_cast<int>(piece), last ? XML_TRUE : XML_FALSE);
        offset += piece;
    } while (status == XML_STATUS_OK && offset < body.size());
    if (session.failure) std::rethrow_exception(session.failure);
    if (status != XML_STATUS_OK) {
        const XML_Error code = XML_GetErrorCode(parser.get());
        if (code == XML_ERROR_NO_MEMORY) throw std::bad_alloc();
        fail_invalid_xml(session.byte(), describe_expat_error(code));
    }
}

}  // namespace detail
AWSAUTH_END_NAMESPACE
