"""The CLI's subcommands, one module each; each exposes `register(subparsers)`."""
