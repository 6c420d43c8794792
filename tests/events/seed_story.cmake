# The seed story (../shared/seed/afp-2013-04-30-kerry-russia.txt) coded with dyad's default
# dictionaries must give these events (source, code, target, date). Run by ctest (label data).
execute_process(COMMAND ${DYAD} code ${SEED} --format jsonl OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "dyad code failed: ${rc}")
endif()
foreach(want
    "\"date\":\"2013-05-07\",\"source\":\"USAGOV\",\"target\":\"RUS\",\"code\":\"036\""
    "\"source\":\"USAGOV\",\"target\":\"RUSGOV\",\"code\":\"100\""
    "\"source\":\"USAGOV\",\"target\":\"ESPGOV\",\"code\":\"046\""
    "\"source\":\"USAGOV\",\"target\":\"RUSGOV\",\"code\":\"040\""
    "\"source\":\"RUSGOV\",\"target\":\"IGOUSC\",\"code\":\"129\""
    "\"source\":\"USA\",\"target\":\"SYRGOV\",\"code\":\"020\""
    "\"source\":\"RUSGOV\",\"target\":\"USACVL\",\"code\":\"160\"")
  string(FIND "${out}" "${want}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "seed story: missing event ${want}\n${out}")
  endif()
endforeach()
