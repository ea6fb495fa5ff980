// tests/main.cpp: Catch2 v2's main; v3 links Catch2::Catch2WithMain instead and compiles nothing here.
#if !__has_include(<catch2/catch_test_macros.hpp>)
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
#endif
