// The g++ build's stand-in for libFuzzer: runs a target's LLVMFuzzerTestOneInput over every file of
// the folders given (its seed corpus, its crash regressions), so `./scripts/kiosk test` replays them
// on every build. A broken property aborts the process, which fails the CTest test. A missing or
// empty folder marked with '+' (the seed corpus) is an error, so a lost corpus cannot pass silently.
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) __attribute__((weak));

namespace {

// The input being run, for the crash message; a fixed buffer because the handler may not allocate.
char currentInput[4096] = "(none)";

// A crash (abort from a broken property, a segmentation fault) names the input and exits with a
// status, so CTest reports a plain failure (and WILL_FAIL can invert it for the runner's own test).
extern "C" void onCrash(int signal) {
    constexpr char prefix[] = "fuzz regression: crashed on input ";
    (void)!::write(STDERR_FILENO, prefix, sizeof prefix - 1);
    (void)!::write(STDERR_FILENO, currentInput, std::strlen(currentInput));
    (void)!::write(STDERR_FILENO, "\n", 1);
    ::_exit(128 + signal);
}

}  // namespace

int main(int argc, char** argv) {
#if defined(__SANITIZE_ADDRESS__)
    // ASan's own handler reports a fault with its stack; keep it, take over the aborts only.
    std::signal(SIGABRT, onCrash);
#else
    for (const int s : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(s, onCrash);
#endif
    if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
    int failures = 0;
    for (int a = 1; a < argc; ++a) {
        std::string arg = argv[a];
        const bool required = !arg.empty() && arg.front() == '+';
        if (required) arg.erase(0, 1);
        std::vector<std::filesystem::path> files;
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(arg, ec))
            if (entry.is_regular_file()) files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        if (required && files.empty()) {
            std::fprintf(stderr, "%s: no inputs (missing or empty seed corpus)\n", arg.c_str());
            ++failures;
            continue;
        }
        for (const auto& file : files) {
            std::ifstream in(file, std::ios::binary);
            const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
            std::snprintf(currentInput, sizeof currentInput, "%s", file.c_str());
            // Named first, so a sanitizer report (which exits on its own) follows the input's name.
            std::fprintf(stderr, "running %s\n", file.c_str());
            // A copy of exactly the file's size, as libFuzzer passes it, so reads past the end can be seen
            // by a sanitizer build.
            std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
            static std::uint8_t none = 0;  // libFuzzer never passes a null pointer, even for no bytes
            LLVMFuzzerTestOneInput(input.empty() ? &none : input.data(), input.size());
        }
        std::fprintf(stderr, "%s: %zu inputs passed\n", arg.c_str(), files.size());
    }
    return failures == 0 ? 0 : 1;
}
