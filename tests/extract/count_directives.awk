# The directives of a budget text, counted apart from budgetdb's code, for
# tests/extract/directives_golden_test.cpp. Usage: awk -f count_directives.awk FILE
#
# After every introduction ("Nämnder och bolagsstyrelser ska" alone, or
# "Utöver det som beskrivs i Direktiv ... ska X", emphasis marks and colon
# anywhere at its end), every "- text" line is a directive, past blank lines
# and page markers ("L KS:4"). A plain line continues the directive above when
# that one has no closing punctuation and the line starts in lower case, right
# below it or after one blank line or a page marker; a plain line right below a
# directive is a directive whose bullet was lost. Anything else ends the list.
function is_intro(s) {
  return s ~ /^[Nn]ämnder och bolagsstyrelser ska:?$/ ||
         s ~ /^\*?Utöver det som beskrivs i \*?Direktiv för samtliga nämnder och bolagsstyrelser\*? ska [^\t]*$/
}
{
  sub(/\r$/, ""); line = $0; sub(/^[ \t]+/, "", line); sub(/[ \t]+$/, "", line)
  if (is_intro(line)) { inlist = 1; items = 0; blanks = 0; marker = 0; last = ""; next }
  if (!inlist) next
  if (line == "") { blanks++; next }
  if (line ~ /^L [^\t:]+:[0-9]+$/) { marker = 1; next }
  if (line ~ /^- / || line == "-") {
    if (line != "-") { n++; items++; last = line }
    blanks = 0; marker = 0; next
  }
  if (line ~ /\t/ || items == 0) { inlist = 0; next }
  unfinished = last !~ /[.!?:;]$/
  lower = line ~ /^[a-zåäöé]/
  if (unfinished && lower && (blanks <= 1 || marker)) { last = last " " line; blanks = 0; marker = 0; next }
  if (blanks == 0) { n++; items++; last = line; marker = 0; next }
  inlist = 0
}
END { print n }
