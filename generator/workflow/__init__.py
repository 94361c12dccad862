"""The comms team's tasks: start and publish releases, import plans."""
