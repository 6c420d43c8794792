# Writes a .cc file defining `SYMBOL` (namespace-qualified) as the bytes of file IN.
# Usage: cmake -DIN=file -DOUT=file.cc -DSYMBOL=ns::name -P embed.cmake
file(READ "${IN}" content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
string(REGEX MATCH "^(.*)::([^:]+)$" _ "${SYMBOL}")
set(ns "${CMAKE_MATCH_1}")
set(name "${CMAKE_MATCH_2}")
file(WRITE "${OUT}" "// Generated from ${IN}; do not edit.\nnamespace ${ns} {\nextern const char ${name}[];\nconst char ${name}[] = {${bytes} '\\0'};\n}\n")
