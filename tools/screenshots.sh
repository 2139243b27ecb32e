#!/usr/bin/env bash
# Makes docs/screenshots/*.png with ipcscope itself: real sessions under Xvfb,
# the window grabbed by the app (hidden --screenshot option). Builds nothing.
#
#   tools/screenshots.sh build/bin/ipcscope
#
# Needs xvfb-run (Debian: xvfb) and fonts-noto-cjk for the Chinese picture.
set -euo pipefail

binary=${1:?usage: tools/screenshots.sh PATH/TO/ipcscope}
binary=$(realpath "$binary")
[[ -x $binary ]] || { echo "screenshots.sh: $binary is not executable" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "screenshots.sh: xvfb-run not found (apt-get install xvfb)" >&2; exit 2; }

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The default layout and language, never the user's saved ones.
export XDG_CONFIG_HOME=$work/config
unset QT_QPA_PLATFORM

shot() {
    local file=$1
    shift
    xvfb-run -a -s "-screen 0 1600x1000x24" "$binary" --screenshot "$out/$file" "$@"
    echo "wrote docs/screenshots/$file"
}

# Producers outrun the consumers over a small queue: it fills, producers block.
shot queue.png --lang en --scenario queue --set capacity=8 --set producers=3 --set consumers=2 \
    --set produce_us=2000 --set consume_us=3500 --set items=100000 \
    --after 6 --screenshot-views "$work/queue"
# The lock story: on, off at 2 s (lost updates appear), on again at 5 s (they stop).
shot counter-race.png --lang en --scenario counter --set workers=4 --set think_us=200 \
    --at 2:lock=off --at 5:lock=on --after 7.5 --screenshot-views "$work/counter"
shot zh_CN.png --lang zh_CN --scenario queue --set capacity=8 --set producers=3 --set consumers=2 \
    --set produce_us=2000 --set consume_us=3500 --set items=100000 --at 3:lock=off --after 6

# A deadlock forming, and the permits of a semaphore, in the mechanism view.
shot deadlock.png --lang en --scenario deadlock --after 2.5 --screenshot-views "$work/deadlock"
shot semaphore.png --lang en --scenario semaphore --set entries=100000 --set workers=6 \
    --set hold_us=20000 --after 3 --screenshot-views "$work/semaphore"

cp "$work/queue/queueDepthView.png" "$out/view-queue-depth.png"
cp "$work/queue/processDiagramView.png" "$out/view-process-diagram.png"
cp "$work/counter/lockTimelineView.png" "$out/view-lock-timeline.png"
cp "$work/counter/raceView.png" "$out/view-race.png"
cp "$work/deadlock/mechanismView.png" "$out/view-wait-for-graph.png"
cp "$work/semaphore/mechanismView.png" "$out/view-semaphore.png"
echo "wrote docs/screenshots/view-*.png"
