// fuzz/eks_auth.cpp: one input read as the EKS Auth request (the pod's token) and response (the credentials).
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto operations = [](auto&& visit) { awsauth::eks_auth::for_each_operation(visit); };
    awsauth_fuzz::check_operations<true>(input, operations);
    awsauth_fuzz::check_operations<false>(input, operations);
    return 0;
}
