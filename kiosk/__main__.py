import sys

from kiosk.cli.main import main

sys.exit(main())
