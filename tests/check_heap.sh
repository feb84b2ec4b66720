#!/bin/sh
# tests/check_heap.sh OBJ... : fail if any object references an allocator.
bad=0
for o in "$@"; do
    hits=$(nm -u "$o" | grep -wE 'malloc|calloc|realloc|free|strdup|strndup|aligned_alloc|posix_memalign' || true)
    if [ -n "$hits" ]; then
        echo "heap reference in $o: $hits"; bad=1
    fi
done
[ $bad -eq 0 ] && echo "check-heap: $# objects, no allocator references"
exit $bad
