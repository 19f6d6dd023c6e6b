# Warnings and sanitizers as interface targets that every project target links.
add_library(project_warnings INTERFACE)
target_compile_options(project_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
  # GCC 12 reports false positives inside libstdc++ and Asio once they are inlined at -O2.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
if(WARNINGS_AS_ERRORS)
  target_compile_options(project_warnings INTERFACE -Werror)
endif()

# ENABLE_SANITIZERS turns on the sanitizers listed in SANITIZERS: ASan + UBSan by default, "thread" in the
# tsan preset (ThreadSanitizer cannot be combined with ASan).
set(SANITIZERS "address,undefined" CACHE STRING "The -fsanitize= list used when ENABLE_SANITIZERS is ON")
add_library(project_sanitizers INTERFACE)
if(ENABLE_SANITIZERS)
  target_compile_options(project_sanitizers INTERFACE -fsanitize=${SANITIZERS} -fno-omit-frame-pointer)
  target_link_options(project_sanitizers INTERFACE -fsanitize=${SANITIZERS})
  if(SANITIZERS MATCHES "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC notes that TSan does not model std::atomic_thread_fence, which Asio uses; a race it hides would
    # show up as a TSan report, not as this warning.
    target_compile_options(project_sanitizers INTERFACE -Wno-tsan)
  endif()
endif()

add_library(project_options INTERFACE)
target_link_libraries(project_options INTERFACE project_warnings project_sanitizers)
target_include_directories(project_options INTERFACE ${PROJECT_SOURCE_DIR})

# platform_module(NAME SOURCES...): one static library per platform module, aliased platform::NAME.
function(platform_module name)
  add_library(platform_${name} STATIC ${ARGN})
  add_library(platform::${name} ALIAS platform_${name})
  target_link_libraries(platform_${name} PUBLIC project_options)
endfunction()
