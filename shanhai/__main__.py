from shanhai.graph.cli import main

main()
