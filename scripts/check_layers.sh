#!/usr/bin/env bash
# The layer rule of DESIGN.md section 2: algebra <- ir <- transform <- eval <- learn <- models,
# io uses algebra and ir only, cli may use everything. Fails listing every include that points up.
set -u
root=${1:-$(dirname "$0")/..}
cd "$root" || exit 2
rank() { case "$1" in algebra) echo 0;; ir) echo 1;; transform) echo 2;; eval) echo 3;; learn) echo 4;; models) echo 5;; io) echo 1;; *) echo 9;; esac; }
bad=0
for dir in include/bitlens/*/ src/*/; do
  layer=$(basename "$dir"); r=$(rank "$layer"); [ "$r" = 9 ] && continue
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    inc=$(sed -n 's/.*bitlens\/\([a-z_]*\)\/.*/\1/p' <<<"$line"); [ -n "$inc" ] || continue
    ri=$(rank "$inc"); [ "$ri" = 9 ] && continue
    if [ "$ri" -gt "$r" ] || { [ "$inc" = io ] && [ "$layer" != io ]; } || { [ "$layer" = io ] && [ "$ri" -gt 1 ]; }; then
      echo "layer violation: ${line%%:*} ($layer) includes bitlens/$inc"; bad=1
    fi
  done < <(grep -rnE '#include[[:space:]]*[<"]bitlens/' "$dir" 2>/dev/null)
done
[ "$bad" = 0 ] && echo "layers: no include points up"
exit "$bad"
