"""Model Lens's Python side: the PyTorch engine the extension starts as a child process.

Standard library and torch only; nothing is installed at run time. One module per concern:

- ``probe``: what an interpreter is (Python and torch versions, the BLAS torch really loaded,
  threads), answered once per interpreter and cached by the extension.
- ``protocol``: the framed messages the extension and this process exchange (the TypeScript module
  ``src/protocol/backend.ts`` is the definition; the extension validates every message it gets).
- ``data``: the seeded random source, shuffles and the packed MNIST digits the extension ships.
- ``layers``: which modules of a model are its layers, their source lines, a traced forward pass.
- ``hooks``: instrumentation (activation statistics, gradient and weight statistics); hooks are
  registered for one step and removed, never left on a model.
- ``sample``: the contract between a sample file (``samples/torch/*.py``) and the trainer.
- ``trainer``: the training loop (batching, optimizers, cadence, controls, NaN detection).
- ``threads``: picks torch's thread count by timing the real training step.
- ``session``: one run (run folder, run.json, checkpoints) from a run configuration.
- ``backend``: the process entry point (pipes, requests, the parent watchdog, the memory cap).

Python 3.8 or newer; torch 1.13 or 2.x.
"""

MIN_PYTHON = (3, 8)
