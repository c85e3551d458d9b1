from bench.sync.run import main

main()
