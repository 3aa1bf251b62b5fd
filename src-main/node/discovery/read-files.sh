# The files given as arguments, one section each: f1, f2, ... (discovery-commands.ts).
i=0
for f do
  i=$((i + 1))
  sec "f$i" cat -- "$f"
done
