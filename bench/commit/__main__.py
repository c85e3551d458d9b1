import sys

if "--database" in sys.argv:  # PostgreSQL under gunicorn: bench/commit/scale.py
    from bench.commit.scale import main
else:
    from bench.commit.run import main

raise SystemExit(main())
