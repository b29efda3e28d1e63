"""Start the simulator: python run.py [--host 0.0.0.0] [--port 5000].

The same as the command `oefenomgeving` that `pip install .` installs (simulator/serve.py).
"""

from simulator.serve import main

if __name__ == "__main__":
    main()
