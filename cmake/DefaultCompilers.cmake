# Included before project(): when neither -DCMAKE_<LANG>_COMPILER nor the CC
# or CXX environment variable names a compiler, use LLVM 19's clang and
# clang++ (PPAR_LLVM_ROOT/bin, else clang-19 on PATH). Without them, stop
# here with what to install instead of failing later on LLVM's headers.
function(ppar_default_compiler lang env names)
  if(DEFINED CMAKE_${lang}_COMPILER OR DEFINED ENV{${env}})
    return()
  endif()
  find_program(PPAR_DEFAULT_${lang}_COMPILER NAMES ${names}
    PATHS "${PPAR_LLVM_ROOT}/bin" NO_DEFAULT_PATH)
  if(NOT PPAR_DEFAULT_${lang}_COMPILER)
    list(GET names 0 versioned)
    find_program(PPAR_DEFAULT_${lang}_COMPILER NAMES "${versioned}")
  endif()
  if(NOT PPAR_DEFAULT_${lang}_COMPILER)
    message(FATAL_ERROR
      "ppar is built with clang 19, which was found neither in "
      "${PPAR_LLVM_ROOT}/bin nor on PATH. On Debian 12: "
      "bash scripts/setup.sh (or apt-get install clang-19 llvm-19-dev "
      "libclang-19-dev libomp-19-dev). Elsewhere, name the compilers: "
      "cmake -DCMAKE_C_COMPILER=/path/to/clang-19 "
      "-DCMAKE_CXX_COMPILER=/path/to/clang++-19 -DPPAR_LLVM_ROOT=/path/to/llvm-19")
  endif()
  set(CMAKE_${lang}_COMPILER "${PPAR_DEFAULT_${lang}_COMPILER}" CACHE FILEPATH
    "${lang} compiler (default: LLVM 19's clang)")
endfunction()

ppar_default_compiler(C CC "clang-19;clang")
ppar_default_compiler(CXX CXX "clang++-19;clang++")
