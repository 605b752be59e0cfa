# Sourced by the command-line test scripts. Sets fail=0; each check that does not hold prints
# FAIL with the command's output and sets fail=1, so a script ends with `exit $fail`.
#   expect CODE REGEX -- COMMAND...      COMMAND exits with CODE and a line of its output
#                                         (standard output and error) matches REGEX (grep -E)
#   expect_all CODE REGEX -- COMMAND...  the same, REGEX matched against the whole output, so that
#                                         '.*' spans lines
#   check DESCRIPTION COMMAND...          COMMAND exits with 0
fail=0
expect_with() {  # expect_with GREP_FLAGS CODE REGEX -- COMMAND...
  local flags=$1 code=$2 regex=$3; shift 4
  local out; out=$("$@" 2>&1); local got=$?
  if [ "$got" = "$code" ] && grep $flags -- "$regex" <<<"$out"; then echo "ok: $*"; else echo "FAIL: $* -> exit $got (want $code)"; echo "$out" | sed 's/^/    /'; fail=1; fi
}
expect() { expect_with -Eq "$@"; }
expect_all() { expect_with -Ezq "$@"; }
check() {
  local what=$1; shift
  local out
  if out=$("$@" 2>&1); then echo "ok: $what"; else echo "FAIL: $what"; echo "$out" | sed 's/^/    /'; fail=1; fi
}
