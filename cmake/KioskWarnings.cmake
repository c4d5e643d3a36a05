# Warnings are errors for the project's own code; third-party headers come in as SYSTEM includes.
function(kiosk_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast -Werror)
endfunction()
