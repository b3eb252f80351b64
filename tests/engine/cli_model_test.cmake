# The command-line runner's model commands, end to end (ctest: cli_model):
#   descent run spec.json --save model.json, then predict and evaluate on the training CSV.
# The spec trains on iris.csv as a csv source with every row in the training set, so the
# evaluation of the same CSV must give the run's final training error.
#   cmake -DDESCENT=<binary> -DCSV=<iris.csv> -DWORK=<scratch dir> -P cli_model_test.cmake
cmake_minimum_required(VERSION 3.19)  # string(JSON)

function(fail message)
  message(FATAL_ERROR "cli_model: ${message}")
endfunction()

function(descent out_var)
  execute_process(COMMAND ${DESCENT} ${ARGN} WORKING_DIRECTORY ${WORK}
                  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    fail("descent ${ARGN} exited with ${rc}: ${err}")
  endif()
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

# The spec, with the CSV's text as a JSON string.
file(READ ${CSV} csv)
string(REPLACE "\\" "\\\\" csv_json "${csv}")
string(REPLACE "\"" "\\\"" csv_json "${csv_json}")
string(REPLACE "\n" "\\n" csv_json "${csv_json}")
string(REPLACE "\r" "\\r" csv_json "${csv_json}")
file(WRITE ${WORK}/spec.json "{\"seed\": 7, \"data\": {\"source\": \"csv\", \"csv\": \"${csv_json}\", \"label\": \"label\"},
  \"split\": {\"train\": 1, \"dev\": 0}, \"normalize\": true, \"epochs\": 25, \"batch_size\": 16,
  \"optimizer\": {\"name\": \"adam\", \"learning_rate\": 0.01},
  \"layers\": [{\"units\": 8, \"activation\": \"relu\", \"norm\": \"batch\"}, {\"units\": 3, \"activation\": \"softmax\"}]}")

# run --save: the summary is the last line of the output.
descent(run_out run spec.json --save model.json)
string(STRIP "${run_out}" run_out)
string(REGEX REPLACE "^.*\n" "" summary "${run_out}")
string(JSON train_accuracy GET "${summary}" summary train_accuracy)
string(JSON train_loss GET "${summary}" summary train_loss)
file(READ ${WORK}/model.json model)
string(JSON format GET "${model}" format)
string(JSON model_error GET "${model}" trained train_error)
string(JSON rows_trained GET "${model}" trained train_examples)
if(NOT format STREQUAL "descent-model" OR NOT rows_trained EQUAL 150)
  fail("model.json: format ${format}, ${rows_trained} training rows")
endif()

# evaluate: the same error as the run's final training error; the confusion matrix adds up.
descent(eval_out evaluate model.json ${CSV})
string(JSON rows GET "${eval_out}" evaluation rows)
string(JSON error GET "${eval_out}" evaluation error)
string(JSON accuracy GET "${eval_out}" evaluation accuracy)
string(JSON loss GET "${eval_out}" evaluation loss)
if(NOT rows EQUAL 150)
  fail("evaluate: ${rows} rows, not 150")
endif()
if(NOT error STREQUAL model_error OR NOT accuracy STREQUAL train_accuracy)
  fail("evaluate: error ${error}, accuracy ${accuracy}; the run: error ${model_error}, accuracy ${train_accuracy}")
endif()
string(SUBSTRING "${loss}" 0 7 loss_head)
string(SUBSTRING "${train_loss}" 0 7 train_loss_head)
if(NOT loss_head STREQUAL train_loss_head)  # the same rows in another order: the sum may differ in the last bits
  fail("evaluate: loss ${loss}; the run: ${train_loss}")
endif()
set(total 0)
set(trace 0)
foreach(t RANGE 2)
  foreach(p RANGE 2)
    string(JSON n GET "${eval_out}" evaluation confusion ${t} ${p})
    math(EXPR total "${total} + ${n}")
    if(t EQUAL p)
      math(EXPR trace "${trace} + ${n}")
    endif()
  endforeach()
endforeach()
math(EXPR wrong "${rows} - ${trace}")
if(NOT total EQUAL rows)
  fail("evaluate: the confusion matrix sums to ${total}, not ${rows}")
endif()

# predict, to a file: a header and one row per input row, the wrong ones as many as evaluate's.
descent(ignored predict model.json ${CSV} --out predictions.csv)
file(STRINGS ${WORK}/predictions.csv predictions)
list(LENGTH predictions lines)
list(GET predictions 0 header)
if(NOT lines EQUAL 151 OR NOT header STREQUAL "predicted,p_0,p_1,p_2")
  fail("predictions.csv: ${lines} lines, header ${header}")
endif()
file(STRINGS ${CSV} rows_in)
set(mismatches 0)
foreach(i RANGE 1 150)
  list(GET predictions ${i} prediction)
  list(GET rows_in ${i} row)
  string(REGEX REPLACE ",.*" "" predicted "${prediction}")
  string(REGEX REPLACE ".*," "" label "${row}")
  if(NOT predicted STREQUAL label)
    math(EXPR mismatches "${mismatches} + 1")
  endif()
endforeach()
if(NOT mismatches EQUAL wrong)
  fail("predict: ${mismatches} rows unlike their label; evaluate counted ${wrong}")
endif()

# predict without the label column, to stdout: the same predictions.
string(REGEX REPLACE ",[^,\n]*(\n|$)" "\\1" features_only "${csv}")
file(WRITE ${WORK}/features.csv "${features_only}")
descent(stdout_out predict model.json features.csv)
file(READ ${WORK}/predictions.csv from_file)
if(NOT stdout_out STREQUAL from_file)
  fail("predict without the label column differs from predict with it")
endif()
message(STATUS "cli_model: 150 rows, error ${error}, ${wrong} wrong, loss ${loss}")
