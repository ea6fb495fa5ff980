// fuzz/sts_responses.cpp: one input read as every STS operation's output (what the AWS CLI and boto3 print).
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    awsauth_fuzz::check_operations<true>(input, [](auto&& visit) { awsauth::sts::for_each_operation(visit); });
    return 0;
}
