# Shared checks of the benchmark scripts (bench-peers.sh, bench-rouge.sh,
# bench-scaling.sh); sourced, not run.

# Fails unless every named set (e.g. duc2003) is in $data as NAME.jsonl.gz.
need_data() {
    local f
    for f in "$@"; do
        if [ ! -f "$data/$f.jsonl.gz" ]; then
            echo "error: $data/$f.jsonl.gz not found (set PRECIS_DATA to the research data directory)" >&2
            exit 1
        fi
    done
}

# Fails unless GNU time, which reports peak memory, is installed.
need_gnu_time() {
    [ -x /usr/bin/time ] || { echo "error: /usr/bin/time (GNU time) is needed for peak memory; install Debian's time package" >&2; exit 1; }
}
