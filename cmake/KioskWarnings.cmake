# Warnings are errors for the project's own code; third-party headers come in as SYSTEM includes.
function(kiosk_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast -Werror
    # g++ 12 at -O3 reports -Wrestrict inside libstdc++ for "literal" + std::string (GCC bug
    # 105329, a false positive); the Release build would otherwise fail on correct code.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
endfunction()
