# kiosk_catch_test(NAME SOURCES a.cpp b.cpp LIBS lib1 lib2 [LABELS l1 l2])
# One Catch2 executable per module, registered with CTest. Tests find shared evaluation data through
# KIOSK_SHARED_DATA (default: ../shared/data next to the checkout) and skip with a message without it.
set(KIOSK_SHARED_DATA_DIR "${PROJECT_SOURCE_DIR}/../shared/data" CACHE PATH "Shared evaluation data (never copied into the repo)")
function(kiosk_catch_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE kiosk_catch_main Catch2::Catch2 ${T_LIBS})
  target_compile_definitions(${name} PRIVATE
    KIOSK_SOURCE_DIR="${PROJECT_SOURCE_DIR}" KIOSK_SHARED_DATA_DEFAULT="${KIOSK_SHARED_DATA_DIR}")
  kiosk_warnings(${name})
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT 600
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_QUICK_BACKEND=software")
endfunction()
