from bench.commit.run import main

raise SystemExit(main())
