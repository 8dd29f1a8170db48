from casplan.cli import main

main()
