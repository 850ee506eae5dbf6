# Reference for the dpkg scheme: dpkg itself. Each input line is "A<TAB>OP<TAB>B" where OP is the relation
# our scheme claims (lt, eq or gt); dpkg answers "yes" or "no". One dpkg process per pair is unavoidable,
# so this loop runs a whole batch in one shell.
while IFS="$(printf '\t')" read -r a op b; do
  if dpkg --compare-versions "$a" "$op" "$b" 2>/dev/null; then echo yes; else echo no; fi
done
