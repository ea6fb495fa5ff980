// fuzz/sts_requests.cpp: one input read as every STS operation's input (SAML assertions, web identity tokens, ...).
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    awsauth_fuzz::check_operations<false>(input, [](auto&& visit) { awsauth::sts::for_each_operation(visit); });
    return 0;
}
