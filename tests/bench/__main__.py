"""`make bench`: every benchmark, each printing its figures against a baseline from the same run."""

from __future__ import annotations

from tests.bench import (
    bench_capture,
    bench_clock,
    bench_first_paint,
    bench_keep,
    bench_net,
    bench_pack,
    bench_save,
    bench_tables,
    bench_thumbnail,
    bench_views,
    bench_vote,
)

if __name__ == "__main__":
    bench_first_paint.main()
    bench_save.main()
    bench_clock.main()
    bench_keep.main()
    bench_capture.main()
    bench_thumbnail.main()
    bench_pack.main()
    bench_tables.main()
    bench_net.main()
    bench_vote.main([])
    bench_views.main()
